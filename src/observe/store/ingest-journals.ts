import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { ToolError } from '../../errors.js';
import { readJournalRecords } from '../../evidence/journal-files.js';
import type { IngestResult, ObservationStore } from './store.js';

export interface JournalIngest extends IngestResult {
  /** The journal's path relative to the output directory, with `/` separators (the store's name for it). */
  journal: string;
  /** Its records, both files merged (frames, connection events; the store keeps some of them). */
  records: number;
}

/**
 * Whether a file is a station's journal (its frames; the connection events beside it are read
 * with it). `trace.jsonl` is the only name today; daily-rotated days get their name here.
 */
export function isJournalFile(name: string): boolean {
  return name === 'trace.jsonl';
}

/** Every journal under a directory, any depth, as paths relative to it, sorted. */
export function findJournals(outDir: string): string[] {
  if (!existsSync(outDir) || !statSync(outDir).isDirectory()) throw new ToolError('ERR_INVALID_OPTION', `${outDir}: no such directory`);
  return readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => isJournalFile(basename(name)))
    .map((name) => name.split(sep).join('/'))
    .sort();
}

/**
 * Rebuilds the store's index from the journals under an output directory (the journals are the
 * evidence, the store only an index of them). Each journal is ingested whole, in one transaction
 * of its own; what is already indexed is skipped, so running it twice changes nothing.
 */
export async function ingestJournals(store: ObservationStore, outDir: string, onJournal: (ingest: JournalIngest) => void = () => {}): Promise<JournalIngest[]> {
  const done: JournalIngest[] = [];
  for (const journal of findJournals(outDir)) {
    const records = readJournalRecords(join(outDir, journal));
    const result = await store.ingest(journal, records);
    const ingest = { journal, records: records.length, ...result };
    done.push(ingest);
    onJournal(ingest);
  }
  return done;
}
