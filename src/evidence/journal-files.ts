import { readdirSync, readFileSync } from 'node:fs';
import { ToolError } from '../errors.js';
import { basename, dirname, join } from 'node:path';
import type { JournalRecord } from './journal-record.js';

/**
 * A station's journal is two files. `trace.jsonl` holds the frames, each a record of the
 * open-ocpp-trace format (its schema requires `direction` and a `messageType` of CALL, CALLRESULT
 * or CALLERROR, so a connection event cannot be one). `connections.jsonl` beside it holds the
 * connection events, and the frames that format cannot express (unreadable ones: no message
 * type). Both share one `seq`: merged by it, they are the session in the order it happened.
 */
export function connectionsPathOf(tracePath: string): string {
  const name = basename(tracePath);
  return join(dirname(tracePath), name === 'trace.jsonl' ? 'connections.jsonl' : name.replace(/(\.jsonl)?$/, '.connections$1'));
}

/**
 * A daily-rotated journal (`observe`, issue 16) keeps one such pair of files per UTC day:
 * `<station folder>/days/YYYY-MM-DD/trace.jsonl` and `connections.jsonl`, each day sealed by its
 * `.sha256` files when it ends. Every reader of a journal reads a day as one journal.
 */
export const DAYS_FOLDER = 'days';

const DAY_NAME = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day of a moment, as its folder is named (YYYY-MM-DD). */
export function utcDayOf(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/** The trace file of one day of a rotated journal whose undated path is `tracePath` (`<station folder>/trace.jsonl`). */
export function dayTracePath(tracePath: string, day: string): string {
  return join(dirname(tracePath), DAYS_FOLDER, day, basename(tracePath));
}

/** The days of a station's rotated journal that are on disk, oldest first. */
export function journalDaysIn(stationDir: string): string[] {
  try {
    return readdirSync(join(stationDir, DAYS_FOLDER)).filter((name) => DAY_NAME.test(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Whether a record belongs in trace.jsonl: a frame the open-ocpp-trace format can express. */
export function isTraceRecord(record: JournalRecord): boolean {
  return record.record === 'frame' && record.messageType !== undefined;
}

/**
 * Every complete record of a journal, both files merged in seq order (the session as it
 * happened). A file that is not there adds nothing (journals written before the split have all
 * their records in trace.jsonl); a torn last line is left out.
 */
export function readJournalRecords(tracePath: string): JournalRecord[] {
  return [...readLines(tracePath), ...readLines(connectionsPathOf(tracePath))].sort((a, b) => a.seq - b.seq);
}

function readLines(path: string): JournalRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  // Without its newline the last line is what a crash left of a record.
  lines.pop();
  const records: JournalRecord[] = [];
  lines.forEach((line, index) => {
    if (line.length === 0) return;
    try {
      records.push(JSON.parse(line) as JournalRecord);
    } catch (error) {
      // A journal altered after the fact (its SHA-256 says so): one line naming where, not a stack trace.
      throw new ToolError('ERR_INVALID_CONFIG', `${path}: line ${index + 1} is not a journal record (${(error as Error).message})`);
    }
  });
  return records;
}
