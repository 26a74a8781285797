import { Command, Option } from 'commander';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadGuideline } from '../config/guideline-loader.js';
import { ToolError } from '../errors.js';
import { readEvidenceFile } from '../evidence/evidence-file.js';
import { sha256OfFile } from '../evidence/journal.js';
import { writeReports } from '../report/write-reports.js';
import { buildResult, reachesFailLevel } from '../result/audit-result.js';
import { scoreEvidence } from '../scoring/score-evidence.js';
import { loadScoringConfig } from '../scoring/scoring-config.js';
import { ExitCode } from './exit-codes.js';
import { refusePseudoFileSystem } from './out-dir.js';
import type { ExitHolder, Terminal } from './run-command.js';

/**
 * `score`: re-scores saved evidence without a station (a new guideline, new weights) and writes
 * the same result.json as `run`. The journal the evidence names is checked against its SHA-256
 * when it is there, so a re-score also says whether the trace was altered.
 */
export function scoreCommand(terminal: Terminal, exit: ExitHolder): Command {
  return new Command('score')
    .description('re-score saved evidence.json against a guideline, without a station')
    .argument('<evidence>', 'an evidence.json written by run or demo')
    .option('--guideline <id|file>', 'score against this guideline (default: the one of the detected archetype)')
    .option('--scoring <file>', 'category weights and grades (default: guidelines/scoring.json)')
    .option('--out <dir>', 'where result.json (and a copy of evidence.json) go', 'score-out')
    .addOption(new Option('--fail-on <level>', 'exit 3 when a check reaches this verdict').choices(['fail', 'warn', 'none']).default('none'))
    .option('--json', 'print one JSON document on stdout ({journal, reports, result}) instead of the summary lines')
    .action(async (file: string, options: { guideline?: string; scoring?: string; out: string; failOn: 'fail' | 'warn' | 'none'; json?: boolean }) => {
      const evidence = readEvidenceFile(resolve(file));
      const guideline = options.guideline ? loadGuideline(options.guideline) : undefined;
      const config = loadScoringConfig(options.scoring);
      const out = resolve(options.out);
      refusePseudoFileSystem('--out', options.out);
      const evidenceCopy = join(out, 'evidence.json');
      try {
        mkdirSync(out, { recursive: true });
        if (resolve(file) !== evidenceCopy) copyFileSync(resolve(file), evidenceCopy);
      } catch (error) {
        rmSync(evidenceCopy, { force: true });
        throw new ToolError('ERR_OUTPUT_DIR', `${out}: cannot write: ${(error as Error).message}`);
      }
      // The trace and, beside it, the connection events (journals written before the split have one file).
      const journalCheck = await checkJournal(evidence.journal);
      const connectionsCheck = evidence.journal.connections ? await checkJournal(evidence.journal.connections) : undefined;
      const scored = scoreEvidence(evidence, guideline, config);
      const result = buildResult(evidence, scored.checks, evidenceCopy, scored);
      const reports = writeReports(result, out);
      if (options.json) {
        terminal.out(JSON.stringify({ journal: journalCheck, ...(connectionsCheck ? { connections: connectionsCheck } : {}), reports, result }, null, 2));
      } else {
        terminal.out(journalLine(journalCheck));
        if (connectionsCheck) terminal.out(journalLine(connectionsCheck));
        terminal.out(`${evidence.station.identity}: ${result.guideline?.id ?? '?'} (${result.guideline?.how ?? ''}) score ${result.score ?? '–'} grade ${result.grade ?? '–'}`);
        for (const category of result.categories ?? []) terminal.out(`  ${category.title}: ${category.score ?? '–'} (${category.verdict})`);
        terminal.out(`  result:    ${reports.json}`);
        terminal.out(`  scorecard: ${reports.html}`);
      }
      exit.code = reachesFailLevel(result, options.failOn) ? ExitCode.AUDIT_FAILED : ExitCode.OK;
    });
}

/**
 * Whether the journal the evidence names is the one that was audited. `unhashed`: the evidence
 * was saved before the journal closed (a crash, a kill), so there is no SHA-256 to compare.
 */
interface JournalCheck {
  file: string;
  check: 'matches' | 'changed' | 'missing' | 'unhashed';
  recordedSha256?: string;
  actualSha256?: string;
}

async function checkJournal(journal: { file: string; sha256?: string }): Promise<JournalCheck> {
  if (!journal.sha256) return { file: journal.file, check: 'unhashed' };
  if (!existsSync(journal.file)) return { file: journal.file, check: 'missing', recordedSha256: journal.sha256 };
  const actual = await sha256OfFile(journal.file);
  return { file: journal.file, check: actual === journal.sha256 ? 'matches' : 'changed', recordedSha256: journal.sha256, actualSha256: actual };
}

function journalLine({ file, check, recordedSha256, actualSha256 }: JournalCheck): string {
  switch (check) {
    case 'unhashed':
      return `journal ${file}: the evidence holds no SHA-256 for it (the audit did not finish), so it cannot be checked`;
    case 'missing':
      return `journal ${file}: not found here, its SHA-256 cannot be checked`;
    case 'matches':
      return `journal ${file}: SHA-256 matches the evidence`;
    case 'changed':
      return `warning: journal ${file} has SHA-256 ${actualSha256 ?? '?'}, not ${recordedSha256 ?? '?'} as recorded: the trace changed since the audit`;
  }
}
