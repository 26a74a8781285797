import type { CallCapture, CaseEvidence, Evidence, MessagesCapture } from '../../evidence/evidence.js';

/**
 * Finding a base-report case (GetBaseReport + its NotifyReport parts) in the evidence, and turning
 * everything that keeps a check from judging it into a verdict with a reason. The scenario runner
 * stores the GetBaseReport CALL as capture `request` and the NotifyReport parts as capture `report`.
 */

export type ReportBase = 'FullInventory' | 'ConfigurationInventory' | 'SummaryInventory';

/** The three base-report cases the runner plays (testcases/inventory-*.json), with their OCTT case. */
export const BASE_REPORT_CASES = [
  { caseId: 'inventory-full', reportBase: 'FullInventory', testCase: 'TC_B_13' },
  { caseId: 'inventory-configuration', reportBase: 'ConfigurationInventory', testCase: 'TC_B_12' },
  { caseId: 'inventory-summary', reportBase: 'SummaryInventory', testCase: 'TC_B_14' },
] as const satisfies ReadonlyArray<{ caseId: string; reportBase: ReportBase; testCase: string }>;

export type BaseReportCaseId = (typeof BASE_REPORT_CASES)[number]['caseId'];

/**
 * Where the arrival of each base report is judged (a declared step check, or summary-inventory):
 * a report cut off mid-way is judged once, there, and the checks that read its content say
 * "unknown (report incomplete)" instead of finding its absence again.
 */
export const BASE_REPORT_ARRIVAL: Readonly<Record<BaseReportCaseId, string>> = {
  'inventory-full': 'inventory-full/report',
  'inventory-configuration': 'inventory-configuration/report',
  'inventory-summary': 'summary-inventory',
};

/** The case of the custom-report requests (GetReport, B08). */
export const CUSTOM_REPORT_CASE = 'inventory-custom-report';

/**
 * The GetReport requests of case inventory-custom-report whose reports the checks judge: the send
 * step (its capture), the collect-report step (its capture), the OCTT case, and where the report's
 * arrival is judged.
 */
export const CUSTOM_REPORTS = [
  { request: 'by-variable', report: 'by-variable-report', testCase: 'TC_B_17', arrival: 'inventory-custom-report/by-variable-report' },
  { request: 'whole-component', report: 'whole-component-report', testCase: 'TC_B_54', arrival: 'inventory-custom-report/whole-component-report' },
  { request: 'criteria', report: 'criteria-report', testCase: 'TC_B_16', arrival: 'custom-report-filters/criteria' },
] as const;

/** `GetReport(OCPPCommCtrlr.HeartbeatInterval)`, `GetReport(OCPPCommCtrlr)`, `GetReport(componentCriteria Problem)`: from the request as sent. */
export function getReportLabel(request: Record<string, unknown> | undefined, fallback: string): string {
  if (!request) return `GetReport (${fallback})`;
  const filters: string[] = [];
  const pairs = Array.isArray(request['componentVariable']) ? (request['componentVariable'] as unknown[]) : [];
  for (const pair of pairs) {
    const component = (pair as { component?: { name?: unknown } } | null)?.component?.name;
    const variable = (pair as { variable?: { name?: unknown } } | null)?.variable?.name;
    if (typeof component === 'string') filters.push(typeof variable === 'string' ? `${component}.${variable}` : component);
  }
  const criteria = Array.isArray(request['componentCriteria']) ? (request['componentCriteria'] as unknown[]).filter((c): c is string => typeof c === 'string') : [];
  if (criteria.length > 0) filters.push(`componentCriteria ${criteria.join(', ')}`);
  return `GetReport(${filters.join('; ') || 'everything'})`;
}

export const REQUEST_CAPTURE = 'request';
export const REPORT_CAPTURE = 'report';

/** Why a check cannot judge: the verdict to give and the reason, with any frames that show it. */
export interface Unavailable {
  kind: 'unavailable';
  verdict: 'NOT APPLICABLE' | 'INCONCLUSIVE';
  reason: string;
  seqs: number[];
}

/** The GetBaseReport CALL got no usable answer (CALLERROR, timeout, broken response, disconnect). */
export interface RequestFailed {
  kind: 'request-failed';
  caseEvidence: CaseEvidence;
  request: CallCapture;
  /** `CALLERROR NotSupported: ...`, `no response within 30000 ms`, ... */
  description: string;
  /** Set for a CALLERROR. */
  errorCode?: string;
  failureKind: string;
  seqs: number[];
}

/** The station answered GetBaseReport; the report capture is there when the runner collected one. */
export interface Answered {
  kind: 'answered';
  caseEvidence: CaseEvidence;
  request: CallCapture;
  /** GetBaseReportResponse.status as sent (may be any string if the response broke its schema). */
  status: string | undefined;
  /** The requestId the audit sent. */
  requestId: number | undefined;
  report: MessagesCapture | undefined;
  seqs: number[];
}

export type BaseReportLookup = Unavailable | RequestFailed | Answered;

/** `GetBaseReport(FullInventory)`. */
export function requestLabel(reportBase: ReportBase): string {
  return `GetBaseReport(${reportBase})`;
}

/**
 * The case with `caseId`, or why there is none: a case the audit did not run is NOT APPLICABLE
 * (unless the audit was cut short, then INCONCLUSIVE); a case the runner marked not-applicable or
 * inconclusive passes its own reason on.
 */
export function findCase(evidence: Evidence, caseId: string): CaseEvidence | Unavailable {
  const found = evidence.cases.find((c) => c.id === caseId);
  if (!found) {
    if (evidence.interrupted) {
      return unavailable('INCONCLUSIVE', `The audit stopped (${evidence.interrupted.reason}) before case ${caseId} ran.`);
    }
    return unavailable('NOT APPLICABLE', `Case ${caseId} was not part of this audit.`);
  }
  if (found.status === 'not-applicable') {
    return unavailable('NOT APPLICABLE', `Case ${caseId} did not apply: ${found.reason ?? 'no reason recorded'}.`, found);
  }
  if (found.status === 'inconclusive') {
    return unavailable('INCONCLUSIVE', `Case ${caseId} could not be completed: ${found.reason ?? 'no reason recorded'}.`, found);
  }
  return found;
}

/** Looks up one base-report case and classifies what its GetBaseReport CALL produced. */
export function lookUpBaseReport(evidence: Evidence, caseId: string, reportBase: ReportBase): BaseReportLookup {
  return lookUpReport(evidence, caseId, requestLabel(reportBase), REQUEST_CAPTURE, REPORT_CAPTURE);
}

/**
 * Looks up a report request anywhere in a case (GetBaseReport or GetReport): the CALL captured as
 * `requestCapture`, its NotifyReport parts as `reportCapture`; `label` names the request in reasons.
 */
export function lookUpReport(evidence: Evidence, caseId: string, label: string, requestCapture: string, reportCapture: string): BaseReportLookup {
  const found = findCase(evidence, caseId);
  if ('kind' in found) return found;
  const request = found.captures[requestCapture];
  if (!request || request.kind !== 'call') {
    return unavailable('INCONCLUSIVE', `Case ${caseId} holds no ${label} exchange, so there is nothing to judge.`, found);
  }
  const collected = found.captures[reportCapture];
  const report = collected?.kind === 'messages' ? collected : undefined;
  if (!request.ok) {
    const failure = request.failure ?? { kind: 'unknown', description: 'no response recorded' };
    return {
      kind: 'request-failed',
      caseEvidence: found,
      request,
      description: failure.errorCode !== undefined && !failure.description.includes(failure.errorCode) ? `CALLERROR ${failure.errorCode}: ${failure.description}` : failure.description,
      ...(failure.errorCode !== undefined ? { errorCode: failure.errorCode } : {}),
      failureKind: failure.kind,
      seqs: [...request.seqs],
    };
  }
  const status = request.response?.['status'];
  const requestId = request.request['requestId'];
  return {
    kind: 'answered',
    caseEvidence: found,
    request,
    status: typeof status === 'string' ? status : undefined,
    requestId: typeof requestId === 'number' ? requestId : undefined,
    report,
    seqs: [...request.seqs],
  };
}

/** The journal seq of the CALLRESULT (the last frame of the exchange), if recorded. */
export function responseSeq(request: CallCapture): number | undefined {
  return request.seqs.length >= 2 ? Math.max(...request.seqs) : undefined;
}

function unavailable(verdict: Unavailable['verdict'], reason: string, caseEvidence?: CaseEvidence): Unavailable {
  const seqs = caseEvidence ? caseEvidence.steps.flatMap((step) => step.seqs) : [];
  return { kind: 'unavailable', verdict, reason, seqs };
}

/** An accepted GetBaseReport with its collected report parts. */
export interface CollectedReport {
  kind: 'collected';
  answered: Answered;
  report: MessagesCapture;
}

/**
 * The report parts of an accepted GetBaseReport, or why there are none to judge. A refusal is
 * not this helper's business (the case's own steps and summary-inventory judge the answer): a
 * refusal (a status other than Accepted, or a CALLERROR) leaves no report to judge (NOT
 * APPLICABLE); a timeout or a disconnect makes the report's qualities unknowable (INCONCLUSIVE).
 */
export function collectedReport(lookup: BaseReportLookup, reportBase: ReportBase): CollectedReport | Unavailable {
  // SummaryInventory is optional since the 2023 errata (TC_B_15).
  return collectedReportOf(lookup, requestLabel(reportBase), reportBase === 'SummaryInventory');
}

/** `collectedReport` for any report request; `optional`: NotSupported is a legal answer that leaves nothing to judge. */
export function collectedReportOf(lookup: BaseReportLookup, label: string, optional: boolean): CollectedReport | Unavailable {
  switch (lookup.kind) {
    case 'unavailable':
      return lookup;
    case 'request-failed':
      // A CALLERROR is the station's answer: no report exists to judge (the case's own step judges the refusal).
      if (lookup.failureKind === 'call-error') return { kind: 'unavailable', verdict: 'NOT APPLICABLE', reason: `The station refused ${label} (${lookup.description}), so there is no report to judge.`, seqs: lookup.seqs };
      return { kind: 'unavailable', verdict: 'INCONCLUSIVE', reason: `${label} got no usable answer (${lookup.description}), so no report came to judge.`, seqs: lookup.seqs };
    case 'answered': {
      if (lookup.status !== 'Accepted') {
        const status = lookup.status ?? 'no status';
        // The answer is definite: no report exists to judge (the case's own step judges a refusal of a required base).
        return {
          kind: 'unavailable',
          verdict: 'NOT APPLICABLE',
          reason: `The station answered ${label} with ${status}${optional && status === 'NotSupported' ? ' (a legal answer: this report is optional)' : ''}, so it sent no report.`,
          seqs: lookup.seqs,
        };
      }
      if (!lookup.report) {
        return { kind: 'unavailable', verdict: 'INCONCLUSIVE', reason: `The station accepted ${label}, but the audit did not collect its report parts.`, seqs: lookup.seqs };
      }
      return { kind: 'collected', answered: lookup, report: lookup.report };
    }
  }
}
