import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { ToolError } from '../errors.js';
import { assembleDeviceModel } from './device-model-assembly.js';
import { EVIDENCE_VERSION, type Evidence } from './evidence.js';
import { jsonChunks, type JsonPath } from './json-chunks.js';

/** Evidence versions this tool reads: 1 stored the device-model entries, 2 derives them. */
const READABLE_VERSIONS: readonly number[] = [1, EVIDENCE_VERSION];
/** Pieces are gathered up to this size before each write: few system calls, no giant string. */
const WRITE_BUFFER_CHARS = 1 << 20;

/** Writes JSON atomically (temp file + rename), so a crash never leaves half a file. Indented: for people. */
export function writeJsonFile(file: string, value: unknown): void {
  replaceFile(file, (fd) => writeSync(fd, `${JSON.stringify(value, null, 2)}\n`));
}

/**
 * Writes evidence.json atomically, compact (machine data) and streamed, so the memory it takes
 * does not grow with the station's size. The device-model entries are left out: they are the
 * report items of the capture named by `deviceModel.source`, and reading derives them again,
 * so each item is stored once.
 */
export function writeEvidenceFile(file: string, evidence: Evidence): void {
  const { entries: _derived, ...deviceModel } = evidence.deviceModel;
  const stored = { ...evidence, evidenceVersion: EVIDENCE_VERSION, deviceModel };
  replaceFile(file, (fd) => {
    let buffer = '';
    for (const piece of jsonChunks(stored, growsWithStation)) {
      buffer += piece;
      if (buffer.length >= WRITE_BUFFER_CHARS) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    writeSync(fd, `${buffer}\n`);
  });
}

/** The audit-wide lists of station messages, which grow with a chatty station. */
const MESSAGE_LISTS: ReadonlySet<string | number> = new Set(['statusNotifications', 'notifyEvents', 'boots', 'protocolFindings', 'securityEvents', 'uploadStatusNotifications']);

/**
 * The containers of the evidence that grow with the station: the cases, their captures, the
 * messages a capture collected (the parts of a 100,000-variable report) and the audit-wide message
 * lists. Each of their members is one piece; everything else is small and written whole.
 */
function growsWithStation(path: JsonPath, container: object): boolean {
  const [top, , inCase, , inCaptures] = path;
  switch (path.length) {
    case 0:
      return true;
    case 1:
      return top === 'cases' || MESSAGE_LISTS.has(top ?? '');
    case 2:
      return top === 'cases';
    case 3:
      return inCase === 'captures';
    case 4:
      return (container as { kind?: unknown }).kind === 'messages';
    case 5:
      return inCaptures === 'messages';
    default:
      return false;
  }
}

/** Loads an evidence.json for re-scoring; refuses versions it does not know with a clear message. */
export function readEvidenceFile(file: string): Evidence {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ToolError('ERR_INVALID_OPTION', `${file}: ${(error as Error).message}`);
  }
  const version = (value as { evidenceVersion?: unknown } | null)?.evidenceVersion;
  if (typeof version !== 'number' || !READABLE_VERSIONS.includes(version)) {
    throw new ToolError('ERR_INVALID_OPTION', `${file}: evidenceVersion ${String(version)} is not one this tool reads (${READABLE_VERSIONS.join(', ')})`);
  }
  const evidence = value as Evidence;
  const deviceModel = evidence.deviceModel as Evidence['deviceModel'] | undefined;
  if (typeof deviceModel !== 'object' || deviceModel === null || !Array.isArray(evidence.cases)) {
    throw new ToolError('ERR_INVALID_OPTION', `${file}: not evidence written by this tool (deviceModel or cases missing)`);
  }
  if (!Array.isArray(deviceModel.entries)) deviceModel.entries = deviceModelEntries(evidence);
  return evidence;
}

/** The device-model entries, assembled again from the report capture they came from. */
function deviceModelEntries(evidence: Evidence): Evidence['deviceModel']['entries'] {
  const [caseId, captureId] = (evidence.deviceModel.source ?? '').split('/');
  const capture = evidence.cases.find((c) => c?.id === caseId)?.captures?.[captureId ?? ''];
  return capture?.kind === 'messages' ? assembleDeviceModel(capture) : [];
}

/**
 * Writes `file` through a temporary beside it. A write that fails (disk full, read-only) removes
 * the temporary, leaves any earlier `file` as it was, and is a one-line ToolError naming the file.
 */
function replaceFile(file: string, write: (fd: number) => void): void {
  const temporary = `${file}.tmp-${process.pid}`;
  try {
    const fd = openSync(temporary, 'w');
    try {
      write(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new ToolError('ERR_OUTPUT_DIR', `${file}: cannot write: ${(error as Error).message}`);
  }
}
