import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { loadGuideline } from '../config/guideline-loader.js';
import { readEvidenceFile } from '../evidence/evidence-file.js';
import { buildCompareViewModel } from '../report/compare-view-model.js';
import { renderComparison } from '../report/html-renderer.js';
import { buildResult, type AuditResult } from '../result/audit-result.js';
import { readResultFile } from '../result/result-file.js';
import { scoreEvidence } from '../scoring/score-evidence.js';
import { loadScoringConfig } from '../scoring/scoring-config.js';
import type { Terminal } from './run-command.js';
import { collect } from './option-parsers.js';
import { writeOutputFile } from './output-file.js';

/**
 * `compare`: stations (or firmware versions) side by side against one guideline. With
 * `--guideline` every result is first re-scored from its evidence.json against that guideline,
 * so results scored against different ones can still be compared fairly.
 */
export function compareCommand(terminal: Terminal): Command {
  return new Command('compare')
    .description('compare audited stations side by side against the same guideline (compare.html)')
    .argument('<results...>', 'two or more result.json files')
    .option('--guideline <id|file>', 're-score every result against this guideline first (from the evidence.json each names)')
    .option('--label <text>', 'name a result in the page (repeat: one per result, in order; default: the run\'s own --label, else station and firmware)', collect)
    .option('--out <file>', 'where the comparison page goes', 'compare.html')
    .action((files: string[], options: { guideline?: string; label?: string[]; out: string }) => {
      const guideline = options.guideline ? loadGuideline(options.guideline) : undefined;
      const config = guideline ? loadScoringConfig() : undefined;
      const results = files.map((file): AuditResult => {
        const path = resolve(file);
        const result = readResultFile(path);
        if (!guideline || !config) return result;
        // A relative evidence path is read next to its result.json.
        const evidenceFile = isAbsolute(result.files.evidence) ? result.files.evidence : join(dirname(path), result.files.evidence);
        const evidence = readEvidenceFile(evidenceFile);
        const scored = scoreEvidence(evidence, guideline, config);
        return buildResult(evidence, scored.checks, evidenceFile, scored);
      });
      const out = resolve(options.out);
      // Each result's scorecard beside it, linked relative to the page (the folder can be moved).
      const links = files.map((file) => {
        const scorecard = join(dirname(resolve(file)), 'scorecard.html');
        return existsSync(scorecard) ? relative(dirname(out), scorecard).split('\\').join('/') : undefined;
      });
      const model = buildCompareViewModel(results, { ...(options.label ? { labels: options.label } : {}), links });
      writeOutputFile(out, renderComparison(model));
      terminal.out(model.summary);
      terminal.out(`  comparison: ${out}`);
    });
}
