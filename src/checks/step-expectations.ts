import type { CaseEvidence, Evidence, StepOutcome } from '../evidence/evidence.js';
import { OCPP_VERSIONS } from '../ocpp/protocol.js';
import type { Check, CheckResult, Verdict } from './check.js';

/**
 * The checks test cases declare on their steps (`check` on send / expect / await / ...): one
 * result per declared check, id `<case>/<step>`. Met is PASS; unmet is FAIL (WARN for level
 * warn); a step that could not be judged (timeout, disconnect, not reached) is INCONCLUSIVE; a
 * case that did not apply makes its checks NOT APPLICABLE with the case's reason, and a step that
 * did not apply (its own `needs`) makes its check NOT APPLICABLE with the step's.
 */
export const stepExpectations: Check = {
  id: 'step-expectations',
  title: 'Expectations declared by the test cases',
  refs: [],
  category: 'protocol',
  // Every version's cases declare their expectations the same way.
  versions: OCPP_VERSIONS,
  evaluate(evidence: Evidence): CheckResult[] {
    return evidence.cases.flatMap((testCase) => testCase.steps.filter((step) => step.check).map((step) => judgeStep(testCase, step)));
  },
};

function judgeStep(testCase: CaseEvidence, step: StepOutcome): CheckResult {
  const check = step.check ?? { title: step.id, refs: [], level: 'fail' as const };
  const [verdict, reason] = verdictOf(testCase, step, check.level);
  return {
    id: `${testCase.id}/${step.id}`,
    title: check.title,
    refs: [...new Set([...check.refs, ...testCase.refs.filter((ref) => ref.startsWith('TC_'))])],
    category: testCase.category,
    verdict,
    reason,
    seqs: step.seqs,
  };
}

function verdictOf(testCase: CaseEvidence, step: StepOutcome, level: 'fail' | 'warn'): [Verdict, string] {
  if (testCase.status === 'not-applicable') return ['NOT APPLICABLE', testCase.reason ?? 'the case does not apply'];
  if (step.notApplicable) return ['NOT APPLICABLE', step.detail];
  const inconclusive = step.inconclusive === true;
  const detail = step.detail;
  switch (step.status) {
    case 'ok':
      return ['PASS', detail];
    case 'unmet':
      if (inconclusive) return ['INCONCLUSIVE', detail];
      return [level === 'warn' && step.defect !== true ? 'WARN' : 'FAIL', detail];
    case 'skipped':
      return ['INCONCLUSIVE', detail];
    case 'failed':
      return ['INCONCLUSIVE', detail];
  }
}
