import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ToolError } from '../errors.js';
import { EVIDENCE_VERSION, type Evidence } from './evidence.js';

/**
 * Writes JSON atomically (temp file + rename), so a crash never leaves half a file. `compact`
 * leaves out the indentation: evidence of a large station is machine data, and indenting it
 * makes the file and the string built in memory about half again as big.
 */
export function writeJsonFile(file: string, value: unknown, compact = false): void {
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, `${compact ? JSON.stringify(value) : JSON.stringify(value, null, 2)}\n`);
  renameSync(temporary, file);
}

/** Loads an evidence.json for re-scoring; refuses other versions with a clear message. */
export function readEvidenceFile(file: string): Evidence {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ToolError('ERR_INVALID_OPTION', `${file}: ${(error as Error).message}`);
  }
  const version = (value as { evidenceVersion?: unknown } | null)?.evidenceVersion;
  if (version !== EVIDENCE_VERSION) throw new ToolError('ERR_INVALID_OPTION', `${file}: evidenceVersion ${String(version)} is not ${EVIDENCE_VERSION}`);
  return value as Evidence;
}
