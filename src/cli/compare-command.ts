import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { loadGuideline } from '../config/guideline-loader.js';
import { readEvidenceFile } from '../evidence/evidence-file.js';
import { buildCompareViewModel } from '../report/compare-view-model.js';
import { renderComparison } from '../report/html-renderer.js';
import { buildResult } from '../result/audit-result.js';
import { readResultFile } from '../result/result-file.js';
import { scoreEvidence } from '../scoring/score-evidence.js';
import { loadScoringConfig } from '../scoring/scoring-config.js';
import type { Terminal } from './run-command.js';
import { collect } from './option-parsers.js';
import { writeOutputFile } from './output-file.js';
import { ocppVersionOf } from '../evidence/ocpp-version.js';
import { type Capability, diagnosticCapabilities } from '../result/capabilities.js';

/** A station's capabilities from its evidence.json; undefined when the file is not at hand (the page says so). */
function capabilitiesFrom(evidenceFile: string): Capability[] | undefined {
  if (!existsSync(evidenceFile)) return undefined;
  return diagnosticCapabilities(readEvidenceFile(evidenceFile));
}

/**
 * `compare`: stations (or firmware versions) side by side against one guideline. With
 * `--guideline` every result is first re-scored from its evidence.json against that guideline,
 * so results scored against different ones can still be compared fairly. Results of different
 * OCPP versions (a model's 1.6 and 2.0.1 firmware) are compared by what each station can do for
 * diagnostics, from each evidence.json, and only on the checks both catalogues share.
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
      const read = files.map((file) => {
        const path = resolve(file);
        const result = readResultFile(path);
        // A relative evidence path is read next to its result.json.
        const evidenceFile = isAbsolute(result.files.evidence) ? result.files.evidence : join(dirname(path), result.files.evidence);
        if (!guideline || !config) return { result, evidenceFile };
        const evidence = readEvidenceFile(evidenceFile);
        const scored = scoreEvidence(evidence, guideline, config);
        return { result: buildResult(evidence, scored.checks, evidenceFile, scored), evidenceFile };
      });
      const results = read.map((r) => r.result);
      // Across OCPP versions the page compares what each station can do, read from its evidence.
      const acrossVersions = new Set(results.map((r) => ocppVersionOf(r))).size > 1;
      const capabilities = acrossVersions ? read.map(({ evidenceFile }) => capabilitiesFrom(evidenceFile)) : undefined;
      const out = resolve(options.out);
      // Each result's scorecard beside it, linked relative to the page (the folder can be moved).
      const links = files.map((file) => {
        const scorecard = join(dirname(resolve(file)), 'scorecard.html');
        return existsSync(scorecard) ? relative(dirname(out), scorecard).split('\\').join('/') : undefined;
      });
      const model = buildCompareViewModel(results, { ...(options.label ? { labels: options.label } : {}), links, ...(capabilities ? { capabilities } : {}) });
      writeOutputFile(out, renderComparison(model));
      terminal.out(model.summary);
      terminal.out(`  comparison: ${out}`);
    });
}
