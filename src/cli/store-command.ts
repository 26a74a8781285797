import { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ToolError } from '../errors.js';
import { ingestJournals } from '../observe/store/ingest-journals.js';
import { isPostgresUrl, openStore } from '../observe/store/open-store.js';
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
      if (!existsSync(outDir) || !statSync(outDir).isDirectory()) throw new ToolError('ERR_INVALID_OPTION', `--out ${options.out}: no such directory`);
      const url = options.store !== undefined && isPostgresUrl(options.store) ? options.store : undefined;
      const file = resolve(options.store ?? join(outDir, 'pilot.sqlite'));
      if (url === undefined && !existsSync(dirname(file))) throw new ToolError('ERR_INVALID_OPTION', `--store ${options.store}: the directory ${dirname(file)} does not exist`);
      const opened = await openStore(url ?? file);
      try {
        await opened.migrate();
        const ingests = await ingestJournals(opened, outDir, (ingest) => terminal.out(`${ingest.journal}: ${ingest.records} records, ${ingest.added} indexed, ${ingest.skipped} already there`));
        const sum = (key: 'records' | 'added' | 'skipped'): number => ingests.reduce((total, ingest) => total + ingest[key], 0);
        terminal.out(`${ingests.length} journal(s), ${sum('records')} records, ${sum('added')} indexed, ${sum('skipped')} already there: ${opened.description}`);
      } finally {
        await opened.close();
      }
    });
  return store;
}
