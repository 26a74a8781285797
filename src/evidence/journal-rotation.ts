import { existsSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { connectionsPathOf, dayTracePath, journalDaysIn, utcDayOf } from './journal-files.js';
import { openJournalFiles, type OpenedFile } from './journal-io.js';
import { readJournalTail, repairJournalTail, type JournalTail } from './journal-tail.js';

/** What opening a daily-rotated journal found on disk and opened. */
export interface OpenedDay {
  /** The day now written (YYYY-MM-DD) and its two files, opened for appending. */
  day: string;
  files: OpenedFile[];
  /** The day was on disk already (a restart the same day): it is continued. */
  continued: boolean;
  /** The last seq of the latest earlier day with records (0: none), and that day. */
  lastSeqBefore: number;
  previousDay?: string;
  /** Earlier days' files a run left without their `.sha256` (it stopped without ending the day): repaired, to be hashed now. */
  unsealed: string[];
  /** Torn last lines cut off, in earlier days and in the day continued. */
  cuts: Array<{ file: string; cut: NonNullable<JournalTail['cut']> }>;
}

/**
 * Opens the day a rotated journal writes: today's, or the latest day on disk when the clock is
 * behind it (a day once ended is never written again). An earlier day left unsealed (`kill -9`)
 * has its torn last line cut, as a journal's is, before it is hashed; a sealed one is only read,
 * since it must stay as its SHA-256 says. A day continued loses its `.sha256` files until it
 * ends again: it grows, so they would no longer match. Throws what the file system throws.
 */
export function openJournalDay(path: string, now: Date): OpenedDay {
  const days = journalDaysIn(dirname(path));
  const today = utcDayOf(now);
  const latest = days.at(-1);
  const day = latest !== undefined && latest > today ? latest : today;
  const continued = days.includes(day);
  const earlier = days.filter((d) => d < day);
  const unsealed: string[] = [];
  const cuts: OpenedDay['cuts'] = [];
  for (const file of earlier.flatMap((d) => filesOfDay(path, d))) {
    if (existsSync(`${file}.sha256`) || !existsSync(file)) continue;
    const tail = repairJournalTail(file);
    unsealed.push(file);
    if (tail.cut) cuts.push({ file, cut: tail.cut });
  }
  const tracePath = dayTracePath(path, day);
  if (continued) for (const file of filesOfDay(path, day)) removeIfThere(`${file}.sha256`);
  const files = openJournalFiles(tracePath, false);
  for (const { file, tail } of files) if (tail.cut) cuts.push({ file: file.path, cut: tail.cut });
  return { day, files, continued, ...lastSeqBefore(path, earlier), unsealed, cuts };
}

/** seq only grows: the latest earlier day with a record holds the last one (only the ends of its files are read). */
function lastSeqBefore(path: string, earlier: readonly string[]): Pick<OpenedDay, 'lastSeqBefore' | 'previousDay'> {
  for (const day of [...earlier].reverse()) {
    const lastSeq = Math.max(...filesOfDay(path, day).map((file) => readJournalTail(file).lastSeq));
    if (lastSeq > 0) return { lastSeqBefore: lastSeq, previousDay: day };
  }
  return { lastSeqBefore: 0 };
}

function filesOfDay(path: string, day: string): string[] {
  const tracePath = dayTracePath(path, day);
  return [tracePath, connectionsPathOf(tracePath)];
}

function removeIfThere(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
