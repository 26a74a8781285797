import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import type { AuditResult } from '../result/audit-result.js';
import { TEMPLATE_DIRECTORY } from './html-renderer.js';
import { printable } from './printable.js';

/** One station of a fleet run, and where its scorecard is. */
export interface FleetEntry {
  result: AuditResult;
  scorecard: string;
}

/**
 * OUT/index.html after a run of several stations: each with its score and grade, worst first,
 * linking to its scorecard (relative links, so the folder can be moved or zipped).
 */
export function renderFleetIndex(entries: readonly FleetEntry[], outDir: string, directory = TEMPLATE_DIRECTORY): string {
  const handlebars = Handlebars.create();
  const rows = [...entries]
    .sort((a, b) => (a.result.score ?? -1) - (b.result.score ?? -1) || a.result.station.identity.localeCompare(b.result.station.identity))
    .map(({ result, scorecard }) => ({
      identity: result.station.identity,
      vendor: `${result.station.boot?.vendorName ?? '–'} ${result.station.boot?.model ?? ''}`,
      firmware: result.station.boot?.firmwareVersion ?? '–',
      guideline: result.guideline ? `${result.guideline.id} (${result.guideline.how})` : '–',
      score: result.score === null || result.score === undefined ? '–' : String(result.score),
      grade: result.grade ?? '–',
      fails: result.summary.FAIL,
      link: relative(outDir, scorecard).split('\\').join('/'),
    }));
  const template = handlebars.compile(readFileSync(join(directory, 'index.hbs'), 'utf8'));
  return printable(template({ rows, count: rows.length, css: readFileSync(join(directory, 'scorecard.css'), 'utf8') }));
}
