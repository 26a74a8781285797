import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ToolError } from '../errors.js';
import { isoTime, parseAnnotationsCsv } from '../observe/annotations-csv.js';
import { openStore } from '../observe/store/open-store.js';
import { ANNOTATION_KINDS, type AnnotationKind, type NewAnnotation } from '../observe/store/store.js';
import type { Terminal } from './run-command.js';

interface AnnotateOptions {
  out: string;
  store?: string;
  station?: string;
  at?: string;
  until?: string;
  kind?: AnnotationKind;
  text?: string;
  author?: string;
  import?: string;
}

/**
 * `annotate`: what was seen on site, written beside the messages (issue 16). One observation from
 * the options, or a technician's log with `--import notes.csv`. The store keeps it (annotations
 * have no journal); the evidence report draws it on the timelines, and `excluded` time does not
 * count against uptime.
 */
export function annotateCommand(terminal: Terminal): Command {
  return new Command('annotate')
    .description('write a site observation (site visit, failure, repair, excluded time, note) into the pilot store')
    .requiredOption('--out <dir>', 'the observation output directory (its store is <out>/pilot.sqlite)')
    .option('--store <file|url>', 'the SQLite store file, or a PostgreSQL database as postgres://… (default: <out>/pilot.sqlite)')
    .option('--station <identity>', 'the station observed')
    .option('--at <time>', 'when, ISO 8601 with a zone (e.g. 2026-12-01T08:30:00Z; default: now)')
    .option('--until <time>', 'when it ended (an excluded period, an outage seen on site)')
    .addOption(new Option('--kind <kind>', 'what it is').choices([...ANNOTATION_KINDS]))
    .option('--text <text>', 'what was seen or done')
    .option('--author <name>', 'who writes it')
    .option('--import <csv>', `a technician's log: a header (station,at,kind,text[,until][,author]) and one observation per line`)
    .action(async (options: AnnotateOptions) => {
      const annotations = options.import !== undefined ? fromCsv(options.import) : [fromOptions(options)];
      const store = await openStore(resolve(options.out), options.store);
      try {
        for (const annotation of annotations) {
          const id = await store.annotate(annotation);
          terminal.out(`#${id} ${annotation.station} ${annotation.at}${annotation.until ? ` – ${annotation.until}` : ''} ${annotation.kind}: ${annotation.text}`);
        }
        terminal.out(`${annotations.length} observation(s) written to ${store.description}`);
      } finally {
        await store.close();
      }
    });
}

function fromOptions(options: AnnotateOptions): NewAnnotation {
  const missing = (['station', 'kind', 'text'] as const).filter((name) => options[name] === undefined || options[name] === '');
  if (missing.length > 0) throw new ToolError('ERR_INVALID_OPTION', `annotate needs --${missing.join(', --')} (or --import <csv>)`);
  const at = options.at !== undefined ? isoTime(options.at, '--at') : new Date().toISOString();
  const until = options.until !== undefined ? isoTime(options.until, '--until') : undefined;
  if (until !== undefined && until < at) throw new ToolError('ERR_INVALID_OPTION', `--until ${options.until ?? ''} is before --at`);
  return { station: options.station!, at, kind: options.kind!, text: options.text!, ...(until !== undefined ? { until } : {}), ...(options.author ? { author: options.author } : {}) };
}

function fromCsv(file: string): NewAnnotation[] {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ToolError('ERR_INVALID_CONFIG', `${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  return parseAnnotationsCsv(text, path);
}
