import type { CallCapture, CaseEvidence, Evidence, StepOutcome } from '../evidence/evidence.js';
import { isOcppErrorCode, OCPP16_OCCURRENCE_SPELLING } from '../ocpp/error-codes.js';
import type { Check, CheckResult, Verdict } from './check.js';

type Limit = 'items' | 'bytes';

/**
 * Per action: where the results come back, the requirements each limit probe tests, and the
 * answer each element deserves: the probe's elements address a component no station has (or
 * monitor ids it never reported), so an element answered with a success status was not handled.
 */
const RULES: Record<string, { results: string; status: string; success: string[]; rightAnswer: string; perElement: string[]; items: string[]; bytes: string[] }> = {
  GetVariables: { results: 'getVariableResult', status: 'attributeStatus', success: ['Accepted'], rightAnswer: 'UnknownComponent', perElement: ['B06.FR.01', 'B06.FR.06'], items: ['B06.FR.05', 'B06.FR.16', 'TC_B_08'], bytes: ['B06.FR.17'] },
  SetVariables: { results: 'setVariableResult', status: 'attributeStatus', success: ['Accepted', 'RebootRequired'], rightAnswer: 'UnknownComponent', perElement: ['B05.FR.01', 'B05.FR.04'], items: ['B05.FR.11'], bytes: ['B05.FR.11'] },
  SetVariableMonitoring: { results: 'setMonitoringResult', status: 'status', success: ['Accepted'], rightAnswer: 'UnknownComponent', perElement: ['N04.FR.01', 'N04.FR.03'], items: ['N04.FR.09'], bytes: ['N04.FR.09'] },
  ClearVariableMonitoring: { results: 'clearMonitoringResult', status: 'status', success: ['Accepted'], rightAnswer: 'NotFound', perElement: ['N06.FR.05', 'N06.FR.02'], items: ['N06.FR.04', 'N06.FR.06'], bytes: ['N06.FR.04', 'N06.FR.07'] },
};

/** The code OCPP 2.0.1 names for each limit (spelled as 2.0.1 spells it). */
const EXPECTED_CODE: Record<Limit, string> = { items: 'OccurrenceConstraintViolation', bytes: 'FormatViolation' };

/**
 * The limit probes (`limit-probe` steps): a request one element beyond ItemsPerMessage, or one byte
 * beyond BytesPerMessage, as the station itself advertises them. The station may refuse it whole
 * with the CALLERROR OCPP 2.0.1 names (OccurrenceConstraintViolation for elements, FormatViolation
 * for bytes), or handle every element on its own (the limit binds the CSMS; the refusal is a
 * "may"). The OCPP 1.6 spelling OccurenceConstraintViolation, no answer, or fewer results than
 * elements fail; another known code is a warning. One result per probe, id `<case>/<step>`.
 */
export const messageLimits: Check = {
  id: 'message-limits',
  title: 'Requests beyond ItemsPerMessage / BytesPerMessage are refused as OCPP 2.0.1 says, or handled element by element',
  refs: ['B06.FR.16', 'B06.FR.17', 'B05.FR.11', 'N04.FR.09', 'N06.FR.06', 'N06.FR.07', 'TC_B_08', 'OCPP-J'],
  category: 'protocol',
  evaluate(evidence: Evidence): CheckResult[] {
    return evidence.cases.flatMap((testCase) => testCase.steps.filter((step) => step.kind === 'limit-probe' && step.phase === 'steps').map((step) => judgeProbe(evidence, testCase, step)));
  },
};

function judgeProbe(evidence: Evidence, testCase: CaseEvidence, step: StepOutcome): CheckResult {
  const capture = testCase.captures[step.id];
  const probe = capture?.kind === 'call' ? capture.limitProbe : undefined;
  const [action, limit] = describeStep(capture, step);
  const rules = RULES[action];
  const refs = [...(rules?.[limit] ?? []), ...(rules?.perElement ?? []), 'OCPP-J'];
  const result = (verdict: Verdict, reason: string, details?: Record<string, unknown>): CheckResult => ({
    id: `${testCase.id}/${step.id}`,
    title: rules === undefined ? `Limit probe ${step.id}` : limit === 'items' ? `${action} one element beyond its ItemsPerMessage is refused with OccurrenceConstraintViolation or answered element by element` : `${action} one byte beyond its BytesPerMessage is refused with FormatViolation or answered element by element`,
    refs,
    category: testCase.category,
    verdict,
    reason,
    seqs: step.seqs,
    ...(details ? { details } : {}),
  });

  if (testCase.status === 'not-applicable') return result('NOT APPLICABLE', testCase.reason ?? 'the case does not apply');
  // The step decided there was nothing to probe: it says why.
  if (step.status === 'ok' && capture === undefined) return result('NOT APPLICABLE', capitalise(step.detail));
  if (capture?.kind !== 'call' || probe === undefined) return result('INCONCLUSIVE', `The probe was not made: ${step.detail}.`);

  const over = `${probe.limit === 'items' ? `${probe.elements} elements` : `${probe.bytes} bytes`} (one more than ${probe.variable} = ${probe.value}${probe.alsoOverBytes ? ', and over its BytesPerMessage too' : ''})`;
  const details = { ...probe };
  if (capture.ok && rules) return judgeResults(capture, over, rules, probe.elements, result, details);

  const failure = capture.failure;
  if (failure?.kind === 'timeout' && capture.toolLateMs !== undefined) {
    return result('INCONCLUSIVE', `No answer came to a request of ${over}, but the auditor itself could not keep the wait (its event loop was blocked up to ${capture.toolLateMs} ms at once), so the silence is not held against the station.`, details);
  }
  if (failure?.kind === 'timeout') return result('FAIL', `The station did not answer a request of ${over} (${failure.description}): OCPP-J answers every CALL, with a CALLERROR if it is refused.`, details);
  if (failure?.kind !== 'call-error') return result('INCONCLUSIVE', `The answer to a request of ${over} cannot be read: ${failure?.description ?? 'nothing came back'}.`, details);
  const code = failure.errorCode ?? '';
  const expected = probe.alsoOverBytes ? ['OccurrenceConstraintViolation', 'FormatViolation'] : [EXPECTED_CODE[probe.limit]];
  if (expected.includes(code)) return result('PASS', `A request of ${over} was refused with CALLERROR ${code}, as OCPP 2.0.1 spells it.`, details);
  if (code === OCPP16_OCCURRENCE_SPELLING) {
    return result('FAIL', `A request of ${over} was refused with CALLERROR ${code}: the OCPP 1.6 spelling. OCPP 2.0.1 spells it OccurrenceConstraintViolation, and a backend that matches the 2.0.1 code does not recognise this refusal.`, details);
  }
  if (!isOcppErrorCode(code)) return result('FAIL', `A request of ${over} was refused with CALLERROR "${code}", which is not an OCPP-J error code (OCPP 2.0.1 names ${expected.join(' or ')}).`, details);
  if ((code === 'NotSupported' || code === 'NotImplemented') && !answeredElsewhere(evidence, capture)) {
    return result('NOT APPLICABLE', `The station does not take ${action} at all (CALLERROR ${code}), so it has no limit to probe.`, details);
  }
  return result('WARN', `A request of ${over} was refused with CALLERROR ${code}, where OCPP 2.0.1 names ${expected.join(' or ')} for it.`, details);
}

function judgeResults(
  capture: CallCapture,
  over: string,
  rules: (typeof RULES)[string],
  elements: number,
  result: (verdict: Verdict, reason: string, details?: Record<string, unknown>) => CheckResult,
  details: Record<string, unknown>,
): CheckResult {
  const results = capture.response?.[rules.results];
  const list = Array.isArray(results) ? (results as unknown[]) : [];
  const count = list.length;
  if (count !== elements) {
    return result('FAIL', `A request of ${over} was answered with ${count} result(s) for ${elements} elements: a request is answered one result per element, or refused whole with a CALLERROR.`, { ...details, results: count });
  }
  const succeeded = list.filter((r) => rules.success.includes(String((r as Record<string, unknown> | null)?.[rules.status]))).length;
  if (succeeded > 0) {
    const what = capture.action === 'ClearVariableMonitoring' ? 'monitor ids it never reported' : 'a component it does not have';
    return result('FAIL', `A request of ${over} was answered element by element, but ${succeeded} of the ${count} elements, which address ${what}, were answered ${rules.success.join(' or ')} (${rules.rightAnswer} was due): the request was not really handled.`, { ...details, results: count, succeeded });
  }
  return result('PASS', `A request of ${over} was answered element by element (${count} results, none of them a success for what does not exist); refusing it whole with a CALLERROR would have been right too.`, { ...details, results: count });
}

/** Whether the station answered the same action normally elsewhere in the audit (so it does support it). */
function answeredElsewhere(evidence: Evidence, probe: CallCapture): boolean {
  return evidence.cases.some((c) => Object.values(c.captures).some((capture) => capture !== probe && capture.kind === 'call' && capture.action === probe.action && capture.ok));
}

/** The action and limit of a probe step, from its capture or else from its detail. */
function describeStep(capture: CaseEvidence['captures'][string] | undefined, step: StepOutcome): [string, Limit] {
  if (capture?.kind === 'call' && capture.limitProbe) return [capture.action, capture.limitProbe.limit];
  const match = /(ItemsPerMessage|BytesPerMessage)\[(\w+)\]/.exec(step.detail);
  return [match?.[2] ?? step.id, match?.[1] === 'BytesPerMessage' ? 'bytes' : 'items'];
}

function capitalise(text: string): string {
  return text.length > 0 ? `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}.` : text;
}
