import { existsSync, readFileSync } from 'node:fs';
import type { JournalLine } from './view-model.js';

/** The journal's records for the scorecard's excerpt; none when the file is not at hand. A broken line is skipped. */
export function readJournalLines(file: string, limit = 5000): JournalLine[] {
  if (!existsSync(file)) return [];
  const lines: JournalLine[] = [];
  for (const text of readFileSync(file, 'utf8').split('\n')) {
    if (lines.length >= limit) break;
    if (!text.trim()) continue;
    try {
      lines.push(JSON.parse(text) as JournalLine);
    } catch {
      // A torn last line after a crash: the rest still shows.
    }
  }
  return lines;
}
