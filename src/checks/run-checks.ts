import type { Evidence } from '../evidence/evidence.js';
import { appliesToVersion, ocppVersionOf } from '../evidence/ocpp-version.js';
import type { Check, CheckResult } from './check.js';

/**
 * Evaluates every check over the evidence. A check that throws is a bug of ours, not the
 * station's: it becomes INCONCLUSIVE with the error, and the other checks still run.
 */
export function runChecks(checks: readonly Check[], evidence: Evidence): CheckResult[] {
  // A check judges the stations of the versions it declares; it has nothing to say about others.
  const version = ocppVersionOf(evidence);
  return checks.filter((check) => appliesToVersion(check, version)).flatMap((check) => {
    try {
      const result = check.evaluate(evidence);
      return Array.isArray(result) ? result : [result];
    } catch (error) {
      return [{ id: check.id, title: check.title, refs: check.refs, category: check.category, verdict: 'INCONCLUSIVE' as const, reason: `the check could not be evaluated: ${(error as Error).message}`, seqs: [] }];
    }
  });
}
