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
    .action(async (file: string, options: { guideline?: string; scoring?: string; out: string; failOn: 'fail' | 'warn' | 'none' }) => {
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
      for (const journal of [evidence.journal, ...(evidence.journal.connections ? [evidence.journal.connections] : [])]) {
        if (!journal.sha256) {
          // The hash is taken when the journal closes: evidence saved during the audit (a crash, a kill) has none yet.
          terminal.out(`journal ${journal.file}: the evidence holds no SHA-256 for it (the audit did not finish), so it cannot be checked`);
        } else if (existsSync(journal.file)) {
          const actual = await sha256OfFile(journal.file);
          terminal.out(actual === journal.sha256 ? `journal ${journal.file}: SHA-256 matches the evidence` : `warning: journal ${journal.file} has SHA-256 ${actual}, not ${journal.sha256} as recorded: the trace changed since the audit`);
        } else {
          terminal.out(`journal ${journal.file}: not found here, its SHA-256 cannot be checked`);
        }
      }
      const scored = scoreEvidence(evidence, guideline, config);
      const result = buildResult(evidence, scored.checks, evidenceCopy, scored);
      const reports = writeReports(result, out);
      terminal.out(`${evidence.station.identity}: ${result.guideline?.id ?? '?'} (${result.guideline?.how ?? ''}) score ${result.score ?? '–'} grade ${result.grade ?? '–'}`);
      for (const category of result.categories ?? []) terminal.out(`  ${category.title}: ${category.score ?? '–'} (${category.verdict})`);
      terminal.out(`  result:    ${reports.json}`);
      terminal.out(`  scorecard: ${reports.html}`);
      exit.code = reachesFailLevel(result, options.failOn) ? ExitCode.AUDIT_FAILED : ExitCode.OK;
    });
}
