import type { Evidence, StepOutcome } from '../../evidence/evidence.js';
import type { UploadFlow } from '../../evidence/upload-flows.js';
import { resultOf, type Check, type CheckResult, type Verdict } from '../check.js';
import { judgeUpload, type UploadStatuses, type UploadVerdict } from './upload-verdict.js';

/** Worst first: the verdict a check reports when it judged several uploads. */
const SEVERITY: readonly Verdict[] = ['FAIL', 'WARN', 'INCONCLUSIVE', 'PASS', 'NOT APPLICABLE'];

/** How a check reads a station that refuses the upload (Rejected): by default a WARN, the station said no honestly. */
export interface RefusalRule {
  verdict: Verdict;
  /** Appended to the reason: why a refusal weighs that much here. */
  why?: string;
}

/**
 * The verdict of an upload check over every upload of its kind the audit asked for: each judged
 * by judgeUpload (or by what the request itself got), the worst one reported, with the others in
 * the details. Without any request: NOT APPLICABLE with the reason of the case that would have
 * asked (`caseId`), e.g. the feature profile the station does not claim.
 */
export function judgeFlows(
  check: Pick<Check, 'id' | 'title' | 'refs' | 'category'>,
  evidence: Evidence,
  flows: readonly UploadFlow[],
  statuses: UploadStatuses,
  what: (flow: UploadFlow) => string,
  caseId: string,
  refusal: RefusalRule = { verdict: 'WARN' },
): CheckResult {
  const windowS = typeof evidence.options['uploadWindowS'] === 'number' ? evidence.options['uploadWindowS'] : undefined;
  return judgeEach(check, evidence, flows, caseId, (flow) => judgeOne(flow, statuses, what(flow), windowS, refusal));
}

/**
 * The worst of the verdicts `judge` gives each flow, the reasons of all, the seqs and per-upload
 * details; without any flow the case's own verdict (NOT APPLICABLE or INCONCLUSIVE with its reason).
 */
export function judgeEach(check: Pick<Check, 'id' | 'title' | 'refs' | 'category'>, evidence: Evidence, flows: readonly UploadFlow[], caseId: string, judge: (flow: UploadFlow) => UploadVerdict): CheckResult {
  if (flows.length === 0) {
    const testCase = evidence.cases.find((c) => c.id === caseId);
    if (testCase?.status === 'not-applicable') return resultOf(check, 'NOT APPLICABLE', capitalized(testCase.reason ?? 'the case did not apply to this station'));
    if (testCase?.status === 'inconclusive') return resultOf(check, 'INCONCLUSIVE', capitalized(testCase.reason ?? 'the case could not be played'));
    return resultOf(check, 'NOT APPLICABLE', 'The audit did not ask the station for this upload.');
  }
  const judged = flows.map(judge);
  // The worst upload first, then what became of the others.
  const ordered = [...judged].sort((a, b) => SEVERITY.indexOf(a.verdict) - SEVERITY.indexOf(b.verdict));
  const verdict = ordered[0]?.verdict ?? 'INCONCLUSIVE';
  const reason = ordered.map((j) => j.reason).join(' ');
  return resultOf(check, verdict, reason, [...new Set(judged.flatMap((j) => j.seqs))].sort((a, b) => a - b), { uploads: judged.map((j) => ({ verdict: j.verdict, ...j.details })) });
}

/**
 * What the request itself got, when that decides: a case that did not apply, no answer, a
 * CALLERROR, an invalid answer, a refusal (by `refusal`). Undefined when the station accepted.
 */
export function judgeRequest(flow: UploadFlow, what: string, refusal: RefusalRule = { verdict: 'WARN' }): UploadVerdict | undefined {
  const { request, testCase } = flow;
  const base = { seqs: [...request.seqs], details: {} };
  // An optional request refused as not implemented: the case says the feature is absent.
  if (testCase.status === 'not-applicable') return { ...base, verdict: 'NOT APPLICABLE', reason: capitalized(testCase.reason ?? 'the case did not apply to this station') };
  const failure = request.failure;
  if (failure && (failure.kind === 'timeout' || failure.kind === 'disconnected')) return { ...base, verdict: 'INCONCLUSIVE', reason: `The station gave no answer to ${request.action} for ${what} (${failure.description}).` };
  // Asked only of a station that claims the feature (its profile listed, or an earlier request of it answered).
  if (failure?.kind === 'call-error') return { ...base, verdict: 'FAIL', reason: `The station refused ${request.action} for ${what} with CALLERROR ${failure.errorCode ?? ''}, though it claims the feature: a station that will not upload says so in its answer.` };
  if (failure) return { ...base, verdict: 'FAIL', reason: `The station's answer to ${request.action} for ${what} was not valid (${failure.description}).` };
  if (request.response?.['status'] === 'Rejected') return { ...base, verdict: refusal.verdict, reason: `The station refused to upload ${what} (${request.action} Rejected)${refusal.why ? `, ${refusal.why}` : ''}.` };
  return undefined;
}

/** What the request got decides first: no answer, a refusal, a rejection; then what the upload did. */
function judgeOne(flow: UploadFlow, statuses: UploadStatuses, what: string, windowS: number | undefined, refusal: RefusalRule): UploadVerdict {
  const decided = judgeRequest(flow, what, refusal);
  if (decided) return decided;
  const wait = waitAfter(flow);
  const verdict = judgeUpload(flow, statuses, what, windowS);
  if (wait && verdict.verdict === 'FAIL') return { ...verdict, verdict: 'INCONCLUSIVE', reason: `While the audit waited for ${what}: ${wait.detail}.` };
  return verdict;
}

/** The wait for the upload's end, when the station was gone or the tool could not keep it: then nothing arriving proves nothing. */
export function waitAfter(flow: UploadFlow): StepOutcome | undefined {
  const name = Object.entries(flow.testCase.captures).find(([, capture]) => capture === flow.request)?.[0];
  const index = flow.testCase.steps.findIndex((step) => step.id === name);
  const wait = index < 0 ? undefined : flow.testCase.steps.slice(index + 1).find((step) => step.kind === 'await');
  return wait?.inconclusive === true ? wait : undefined;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
