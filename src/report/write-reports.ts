import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ToolError } from '../errors.js';
import { writeJsonFile } from '../evidence/evidence-file.js';
import type { AuditResult } from '../result/audit-result.js';
import { renderFindingsCsv } from './findings-csv.js';
import { buildCertificationView } from './certification.js';
import { buildCertificationPage } from './certification-page.js';
import { renderCertification, renderScorecard } from './html-renderer.js';
import { renderJunit } from './junit.js';
import { renderSummaryMd } from './summary-md.js';
import { readJournalExcerpt } from './read-journal.js';
import { buildViewModel } from './view-model.js';

export type ReportFormat = 'html' | 'certification' | 'md' | 'junit' | 'csv' | 'json';

/**
 * What each format renders to, and its file name beside the others. `directory` is where the
 * result.json lives: the files it names are relative to it.
 */
export const REPORTS: Record<ReportFormat, { file: string; render: (result: AuditResult, directory: string) => string }> = {
  // The scorecard shows the start of the journal named in the result, when it is at hand.
  json: { file: 'result.json', render: (result) => `${JSON.stringify(result, null, 2)}\n` },
  html: { file: 'scorecard.html', render: (result, directory) => renderScorecard(buildViewModel(result, readJournalExcerpt(resolve(directory, result.files.journal), undefined, citedFrames(result)))) },
  // Per OCPP 2.0.1 certification profile, each test case with the audit's verdict or why none.
  certification: { file: 'certification.html', render: (result) => renderCertification(buildCertificationPage(buildCertificationView(result))) },
  junit: { file: 'junit.xml', render: renderJunit },
  md: { file: 'summary.md', render: renderSummaryMd },
  csv: { file: 'findings.csv', render: renderFindingsCsv },
};

/** Every frame a finding cites: the scorecard shows them, wherever they are in the journal. */
export function citedFrames(result: AuditResult): Set<number> {
  return new Set(result.checks.flatMap((check) => check.seqs));
}

/** Reporters produce content; this is the one place that writes them, all beside result.json. */
export function writeReports(result: AuditResult, directory: string): Record<ReportFormat, string> {
  const files = {} as Record<ReportFormat, string>;
  for (const [format, report] of Object.entries(REPORTS) as Array<[ReportFormat, (typeof REPORTS)[ReportFormat]]>) {
    const file = join(directory, report.file);
    if (format === 'json') writeJsonFile(file, result);
    else writeReport(file, report.render(result, directory));
    files[format] = file;
  }
  return files;
}

/** A report that cannot be written (disk full, read-only) is a one-line error naming it, not a crash. */
function writeReport(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new ToolError('ERR_OUTPUT_DIR', `${file}: cannot write: ${(error as Error).message}`);
  }
}
