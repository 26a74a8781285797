import { readFileSync } from 'node:fs';
import { ToolError } from '../errors.js';
import { RESULT_VERSION, type AuditResult } from './audit-result.js';

/** Loads a saved result.json (for report and compare); another version or a broken file is a one-line error. */
export function readResultFile(path: string): AuditResult {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ToolError('ERR_INVALID_OPTION', `${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const version: unknown = (value as Partial<AuditResult> | null)?.resultVersion;
  if (version !== RESULT_VERSION) throw new ToolError('ERR_INVALID_OPTION', `${path}: resultVersion ${String(version)} is not ${RESULT_VERSION}`);
  return value as AuditResult;
}
