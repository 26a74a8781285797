import { closeSync, openSync, readSync } from 'node:fs';
import { connectionsPathOf } from '../evidence/journal-files.js';
import { JOURNAL_EXCERPT, type JournalExcerpt, type JournalLine } from './view-model.js';

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;

/** At most this many cited frames beyond the excerpt's start: a page stays a page. */
const MAX_CITED = 2000;

/**
 * The start of a journal for the scorecard's excerpt, plus the records the findings cite
 * (`cited`, wherever they are), and how many records it holds in all; undefined when the file is
 * not at hand. The file is read in chunks and only the records shown are parsed; the rest are only
 * counted (the journal writes each record with its newline), so a journal of any size costs
 * little memory. A torn or broken line is skipped.
 */
export function readJournalExcerpt(file: string, limit = JOURNAL_EXCERPT, cited: ReadonlySet<number> = new Set()): JournalExcerpt | undefined {
  const wanted = new Set([...cited].sort((a, b) => a - b).slice(0, MAX_CITED));
  const trace = readFileExcerpt(file, limit, wanted);
  if (!trace) return undefined;
  // The connection events beside the trace share its seq: the first `limit` of both, merged, are the session's first records.
  const connections = readFileExcerpt(connectionsPathOf(file), limit, wanted) ?? { records: [], total: 0 };
  const merged = [...trace.records, ...connections.records].sort((a, b) => a.seq - b.seq);
  const records = merged.filter((record, index) => index < limit || wanted.has(record.seq));
  return { records, total: trace.total + connections.total };
}

/** `"seq":123` near the start of a record: found without parsing the whole (possibly large) line. */
const SEQ = /"seq":(\d+)/;

function readFileExcerpt(file: string, limit: number, wanted: ReadonlySet<number>): JournalExcerpt | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  const records: JournalLine[] = [];
  let counted = 0;
  let pending: Buffer[] = [];
  try {
    const chunk = Buffer.alloc(CHUNK_BYTES);
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      const bytes = chunk.subarray(0, read);
      let start = 0;
      for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
        // Beyond the start, only a line the findings cite is read whole: its seq is in its first bytes.
        const shown = records.length < limit || citedLine(lineHead(pending, bytes, start, end), wanted);
        if (shown) {
          const record = parseLine(pending.length > 0 ? Buffer.concat([...pending, bytes.subarray(start, end)]) : bytes.subarray(start, end));
          if (record) records.push(record);
          else counted += 1;
        } else {
          counted += 1;
        }
        pending = [];
        start = end + 1;
      }
      if (start < read && (records.length < limit || wanted.size > 0)) pending.push(Buffer.from(bytes.subarray(start)));
    }
    // Without its newline the last record is torn (a crash mid-write), unless it still parses.
    if (pending.length > 0) {
      const record = parseLine(Buffer.concat(pending));
      if (record) records.push(record);
    }
  } finally {
    closeSync(fd);
  }
  return { records, total: records.length + counted };
}

/** How many of a record's first bytes hold its seq (the journal writes it among the first fields). */
const HEAD_BYTES = 200;

/** The first bytes of the line ending at `end`, part of it perhaps still pending from the last chunk; no copy of the rest. */
function lineHead(pending: readonly Buffer[], bytes: Buffer, start: number, end: number): Buffer {
  const tail = bytes.subarray(start, Math.min(end, start + HEAD_BYTES));
  return pending.length > 0 ? Buffer.concat([...pending, tail]) : tail;
}

function citedLine(head: Buffer, wanted: ReadonlySet<number>): boolean {
  if (wanted.size === 0) return false;
  const seq = SEQ.exec(head.subarray(0, HEAD_BYTES).toString('latin1'))?.[1];
  return seq !== undefined && wanted.has(Number(seq));
}

/** Only what the excerpt shows: a frame's parsed payload can be large and is not needed. */
function parseLine(line: Buffer): JournalLine | undefined {
  if (line.length === 0) return undefined;
  try {
    const { seq, timestamp, record, direction, event, raw } = JSON.parse(line.toString('utf8')) as JournalLine;
    return { seq, timestamp, record, direction, event, raw };
  } catch {
    return undefined;
  }
}
