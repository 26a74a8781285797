import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import type { AuditResult } from '../result/audit-result.js';
import { TEMPLATE_DIRECTORY } from './html-renderer.js';
import { printable } from './printable.js';
import { runFacts, storedLabel, type RunFacts } from './run-facts.js';

/** One station of a fleet run, and where its scorecard is. */
export interface FleetEntry {
  result: AuditResult;
  scorecard: string;
  /** The user's name for this run (`index --label`); default: the one given at `run --label`. */
  label?: string;
}

/** One line of the index: what the page shows, and the keys its column sort uses. */
export interface FleetRow extends Omit<RunFacts, 'label'> {
  identity: string;
  label: string;
  vendor: string;
  firmware: string;
  guideline: string;
  /** The score as a number for sorting (-1 when there is none). */
  scoreValue: number;
  link: string;
}

export interface FleetIndexModel {
  rows: FleetRow[];
  count: number;
  /** Whether any run has a label (the column is left out otherwise). */
  labelled: boolean;
}

/** The rows lowest score first (the page's order without script), ties by station. */
export function buildFleetIndexModel(entries: readonly FleetEntry[], outDir: string): FleetIndexModel {
  const rows = [...entries]
    .sort((a, b) => (a.result.score ?? -1) - (b.result.score ?? -1) || a.result.station.identity.localeCompare(b.result.station.identity))
    .map(({ result, scorecard, label }): FleetRow => {
      const facts = runFacts(result);
      return {
        ...facts,
        identity: result.station.identity,
        label: label ?? storedLabel(result) ?? '',
        vendor: `${result.station.boot?.vendorName ?? '–'} ${result.station.boot?.model ?? ''}`.trim(),
        firmware: result.station.boot?.firmwareVersion ?? '–',
        guideline: result.guideline ? `${result.guideline.id} (${result.guideline.how})` : '–',
        scoreValue: typeof result.score === 'number' ? result.score : -1,
        link: relative(outDir, scorecard).split('\\').join('/'),
      };
    });
  return { rows, count: rows.length, labelled: rows.some((row) => row.label !== '') };
}

/**
 * OUT/index.html after a run of several stations: each with its label, when it was audited, score,
 * grade (capped or none when incomplete), coverage and verdict counts, linking to its scorecard
 * (relative links, so the folder can be moved or zipped). Lowest score first; a small inline
 * script sorts by any column, and the page reads complete without it.
 */
export function renderFleetIndex(entries: readonly FleetEntry[], outDir: string, directory = TEMPLATE_DIRECTORY): string {
  const handlebars = Handlebars.create();
  const template = handlebars.compile(readFileSync(join(directory, 'index.hbs'), 'utf8'));
  return printable(template({ ...buildFleetIndexModel(entries, outDir), css: readFileSync(join(directory, 'scorecard.css'), 'utf8') }));
}
