import { ALL_CHECKS } from '../checks/index.js';
import type { Check, CheckResult } from '../checks/check.js';
import { runChecks } from '../checks/run-checks.js';
import type { Guideline } from '../config/guideline.js';
import type { Evidence } from '../evidence/evidence.js';
import { ocppVersionOf } from '../evidence/ocpp-version.js';
import { chooseGuideline, type GuidelineChoice } from './choose-guideline.js';
import { evaluateGuideline } from './guideline-checks.js';
import { scoreChecks, type Scores } from './score.js';
import { type Coverage, coverageOf } from './coverage.js';
import { attributeRootCauses } from './root-causes.js';
import type { ScoringConfig } from './scoring-config.js';

export interface ScoredEvidence {
  checks: CheckResult[];
  choice: GuidelineChoice;
  scores: Scores;
  coverage: Coverage;
}

/**
 * Evidence → checks (the audit's own and the guideline's requirements) → scores: the one path
 * for a fresh audit and for re-scoring saved evidence. No clock, no randomness: the same evidence,
 * guideline and configuration give the same output.
 */
export function scoreEvidence(evidence: Evidence, forced: Guideline | undefined, config: ScoringConfig, checks: readonly Check[] = ALL_CHECKS): ScoredEvidence {
  const version = ocppVersionOf(evidence);
  const choice = chooseGuideline(evidence.deviceModel.entries, forced, version);
  // One cause, one weight: findings that follow from another are marked, not dropped.
  const results = attributeRootCauses([...runChecks(checks, evidence), ...evaluateGuideline(choice.guideline, evidence)]);
  const coverage = coverageOf(evidence);
  return { checks: results, choice, scores: scoreChecks(results, config, coverage, version), coverage };
}
