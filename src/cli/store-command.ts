import { Command } from 'commander';
import { resolve } from 'node:path';
import { ingestJournals } from '../observe/store/ingest-journals.js';
import { openStore } from '../observe/store/open-store.js';
import type { Terminal } from './run-command.js';

/**
 * `store rebuild`: the pilot store indexed again from the journals under an output directory
 * (issue 16: the journals are the evidence, the store an index of them). Safe to repeat: what is
 * indexed already is skipped.
 */
export function storeCommand(terminal: Terminal): Command {
  const store = new Command('store').description('the pilot observation store (an index of the journals)');
  store
    .command('rebuild')
    .description('index every journal (<out>/<station>/trace.jsonl) into the store; running it again changes nothing')
    .requiredOption('--out <dir>', 'the output directory whose journals are indexed')
    .option('--store <file|url>', 'the SQLite store file, or a PostgreSQL database as postgres://… (default: <out>/pilot.sqlite)')
    .action(async (options: { out: string; store?: string }) => {
      const outDir = resolve(options.out);
      const opened = await openStore(outDir, options.store);
      try {
        const ingests = await ingestJournals(opened, outDir, (ingest) => terminal.out(`${ingest.journal}: ${ingest.records} records, ${ingest.added} indexed, ${ingest.skipped} already there`));
        const sum = (key: 'records' | 'added' | 'skipped'): number => ingests.reduce((total, ingest) => total + ingest[key], 0);
        terminal.out(`${ingests.length} journal(s), ${sum('records')} records, ${sum('added')} indexed, ${sum('skipped')} already there: ${opened.description}`);
      } finally {
        await opened.close();
      }
    });
  return store;
}
