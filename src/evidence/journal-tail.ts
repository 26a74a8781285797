import { closeSync, fstatSync, ftruncateSync, openSync, readSync } from 'node:fs';

/** What opening an existing journal found at its end, and what it cut. */
export interface JournalTail {
  /** Bytes in the file after the repair. */
  size: number;
  /** seq of the last complete record (0 for a new or empty journal). */
  lastSeq: number;
  /** A line torn by a crash mid-write (no newline at its end): where it began and how long it was. */
  cut?: { atByte: number; bytes: number };
}

/** Read backwards in pieces of this size: a record may be as large as a station's frame. */
const CHUNK = 64 * 1024;

/**
 * Makes an existing journal safe to append to: a last line without its newline is what a crash
 * (a `kill -9`, a full disk) left of a record, so it is cut off, and the seq of the last complete
 * record is returned so that new records continue it. Appending onto the torn line would leave
 * invalid JSON in the middle of the journal and a jump in seq. Only the end of the file is read.
 */
export function repairJournalTail(path: string): JournalTail {
  return tailOf(path, true);
}

/**
 * The same reading without cutting anything: for a journal that must stay as it is (a day of a
 * rotated journal whose SHA-256 is written). `size` is then the file's whole size, and `cut` says
 * what a repair would cut.
 */
export function readJournalTail(path: string): JournalTail {
  return tailOf(path, false);
}

function tailOf(path: string, repair: boolean): JournalTail {
  let fd: number;
  try {
    fd = openSync(path, repair ? 'r+' : 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { size: 0, lastSeq: 0 };
    throw error;
  }
  try {
    let size = fstatSync(fd).size;
    if (size === 0) return { size: 0, lastSeq: 0 };
    const lastNewline = lastIndexOfNewline(fd, size);
    let cut: JournalTail['cut'];
    if (lastNewline !== size - 1) {
      cut = { atByte: lastNewline + 1, bytes: size - (lastNewline + 1) };
      if (repair) {
        ftruncateSync(fd, lastNewline + 1);
        size = lastNewline + 1;
      }
    }
    const complete = lastNewline + 1;
    const lastSeq = complete === 0 ? 0 : seqOfLineEndingAt(fd, complete - 1);
    return { size, lastSeq, ...(cut ? { cut } : {}) };
  } finally {
    closeSync(fd);
  }
}

/** Offset of the last '\n' before `end`, or -1. */
function lastIndexOfNewline(fd: number, end: number): number {
  const buffer = Buffer.alloc(CHUNK);
  let position = end;
  while (position > 0) {
    const start = Math.max(0, position - CHUNK);
    const length = position - start;
    readSync(fd, buffer, 0, length, start);
    const found = buffer.subarray(0, length).lastIndexOf(0x0a);
    if (found !== -1) return start + found;
    position = start;
  }
  return -1;
}

/**
 * The seq of the complete line whose newline is at `newlineAt`. Only the line's head is parsed
 * (`{"schemaVersion":…,"record":…,"seq":N,…`): a record may be a 100 MB frame. A line this tool
 * did not write as it does now (no seq near its start) counts as one more record, as before.
 */
function seqOfLineEndingAt(fd: number, newlineAt: number): number {
  const lineStart = lastIndexOfNewline(fd, newlineAt) + 1;
  const headLength = Math.min(newlineAt - lineStart, 512);
  const head = Buffer.alloc(headLength);
  readSync(fd, head, 0, headLength, lineStart);
  const match = /"seq":(\d+)[,}]/.exec(head.toString('utf8'));
  if (match) return Number(match[1]);
  return countNewlines(fd, newlineAt + 1);
}

function countNewlines(fd: number, end: number): number {
  const buffer = Buffer.alloc(CHUNK);
  let lines = 0;
  for (let position = 0; position < end; position += CHUNK) {
    const length = Math.min(CHUNK, end - position);
    readSync(fd, buffer, 0, length, position);
    for (let i = buffer.indexOf(0x0a); i !== -1 && i < length; i = buffer.indexOf(0x0a, i + 1)) lines += 1;
  }
  return lines;
}
