import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, sep } from 'node:path';
import { DAYS_FOLDER } from './journal-files.js';
import { sha256OfFile } from './journal-io.js';

/**
 * What a journal file's SHA-256 says now:
 * - `verified`: the file hashes to what its `.sha256` recorded when its day ended;
 * - `altered`: it does not (or the file, or its recorded hash, is gone or unreadable);
 * - `open`: the day is still being written (the station's latest day while a live session holds
 *   its journal), so it has no `.sha256` yet;
 * - `unhashed`: no `.sha256`, and not the open day (a run killed before it ended the day: the
 *   journal's next open hashes it; or the `.sha256` files were removed).
 */
export type JournalDayState = 'verified' | 'altered' | 'open' | 'unhashed';

export interface JournalDayFile {
  /** The file, relative to the output directory, `/` separators. */
  path: string;
  /** The SHA-256 its `.sha256` file records (absent: none, or not one a journal writes). */
  recordedSha256?: string;
  /** Its SHA-256 computed now (absent: the file is gone). */
  sha256?: string;
  bytes?: number;
  state: JournalDayState;
}

export interface JournalDay {
  /** The station's identity as its records give it (`chargePointId`), not its folder's name; absent when no record is readable. */
  station?: string;
  /** The station's folder, relative to the output directory (`.` for the directory itself). */
  stationDir: string;
  /** The UTC day, YYYY-MM-DD. */
  day: string;
  /** The day's folder, relative to the output directory. */
  dir: string;
  /** trace.jsonl, then connections.jsonl. */
  files: JournalDayFile[];
  /** The worst of its files': altered, then unhashed, then open, then verified. */
  state: JournalDayState;
}

const FILES = ['trace.jsonl', 'connections.jsonl'] as const;
const DAY_FILE = new RegExp(`^(?:(.*)/)?${DAYS_FOLDER}/(\\d{4}-\\d{2}-\\d{2})/(?:${FILES.map((f) => f.replace('.', '\\.')).join('|')})(?:\\.sha256)?$`);
const SHA256_LINE = /^([0-9a-f]{64}) [ *](.+)\n?$/;

/**
 * Every day of every daily-rotated journal under an output directory (any depth), by station
 * folder and day, with each file's recorded and recomputed SHA-256 (read as a stream, one file at
 * a time). A day folder is checked with `sha256sum -c` in it (see verifyCommand).
 */
export async function listJournalDays(outDir: string): Promise<JournalDay[]> {
  const days = new Map<string, { stationDir: string; day: string }>();
  for (const entry of readdirSync(outDir, { recursive: true, encoding: 'utf8' })) {
    const match = DAY_FILE.exec(entry.split(sep).join('/'));
    if (!match) continue;
    const stationDir = match[1] ?? '.';
    const day = match[2];
    days.set(`${stationDir}/${day}`, { stationDir, day });
  }
  const latest = new Map<string, string>();
  for (const { stationDir, day } of days.values()) if ((latest.get(stationDir) ?? '') < day) latest.set(stationDir, day);
  const listed: JournalDay[] = [];
  for (const [, { stationDir, day }] of [...days].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const dir = stationDir === '.' ? `${DAYS_FOLDER}/${day}` : `${stationDir}/${DAYS_FOLDER}/${day}`;
    // The open day is the one a journal still writes: its station's latest, while a live session holds the journal's lock.
    const mayBeOpen = latest.get(stationDir) === day && heldByLiveWriter(join(outDir, stationDir, 'trace.jsonl.lock'));
    const files: JournalDayFile[] = [];
    for (const name of FILES) {
      const file = await dayFile(outDir, `${dir}/${name}`, mayBeOpen);
      if (file) files.push(file);
    }
    listed.push({ ...stationOf(outDir, dir), stationDir, day, dir, files, state: worstOf(files) });
  }
  return listed;
}

/** The shell command that checks one day's recorded SHA-256s, run in the output directory (undefined: it has none). */
export function verifyCommand(day: Pick<JournalDay, 'dir' | 'files'>): string | undefined {
  const sums = day.files.filter((file) => file.recordedSha256 !== undefined).map((file) => `${file.path.split('/').at(-1)}.sha256`);
  return sums.length === 0 ? undefined : `(cd ${shellQuoted(day.dir)} && sha256sum -c ${sums.join(' ')})`;
}

/** The shell command that checks every sealed journal day under the output directory it is run in. */
export const VERIFY_ALL_DAYS_COMMAND = `find . -path '*/${DAYS_FOLDER}/*' -name '*.jsonl.sha256' -execdir sha256sum -c {} +`;

async function dayFile(outDir: string, path: string, mayBeOpen: boolean): Promise<JournalDayFile | undefined> {
  const absolute = join(outDir, path);
  const present = existsSync(absolute);
  const sealed = existsSync(`${absolute}.sha256`);
  if (!present && !sealed) return undefined;
  const recordedSha256 = sealed ? recordedHash(`${absolute}.sha256`, path.split('/').at(-1) ?? '') : undefined;
  const now = present ? { sha256: await sha256OfFile(absolute), bytes: statSync(absolute).size } : {};
  let state: JournalDayState;
  if (sealed) state = recordedSha256 !== undefined && recordedSha256 === now.sha256 ? 'verified' : 'altered';
  else state = !present ? 'altered' : mayBeOpen ? 'open' : 'unhashed';
  return { path, ...(recordedSha256 !== undefined ? { recordedSha256 } : {}), ...now, state };
}

/** The hash a `.sha256` file records for `name`, as `sha256sum -c` reads it; undefined when it records none. */
function recordedHash(path: string, name: string): string | undefined {
  const match = SHA256_LINE.exec(readFileSync(path, 'utf8'));
  return match && match[2] === name ? match[1] : undefined;
}

const ORDER: readonly JournalDayState[] = ['altered', 'unhashed', 'open', 'verified'];

function worstOf(files: readonly JournalDayFile[]): JournalDayState {
  return ORDER.find((state) => files.some((file) => file.state === state)) ?? 'unhashed';
}

/**
 * The identity the day's records carry: the head of its first record (the day's `journal-open`
 * in connections.jsonl, else the first frame), which puts chargePointId within its first bytes.
 */
function stationOf(outDir: string, dir: string): { station?: string } {
  for (const name of ['connections.jsonl', 'trace.jsonl']) {
    const head = headOf(join(outDir, dir, name));
    const match = /"chargePointId":("(?:[^"\\]|\\.)*")/.exec(head);
    if (match) return { station: JSON.parse(match[1]) as string };
  }
  return {};
}

function headOf(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return '';
  }
  try {
    const buffer = Buffer.alloc(4096);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, length).toString('utf8').split('\n')[0] ?? '';
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether a session writes the station's journal: its lock (session/journal-lock.ts) is there and
 * not left by a process that died on this host (a `kill -9`: that day stays unhashed until the
 * journal is opened again). A lock of another host cannot be checked and counts as held.
 */
function heldByLiveWriter(lockPath: string): boolean {
  let owner: { pid?: unknown; host?: unknown };
  try {
    owner = JSON.parse(readFileSync(lockPath, 'utf8')) as typeof owner;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
  if (owner.host !== hostname() || typeof owner.pid !== 'number') return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function shellQuoted(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
