import type { CallCapture, CollectedMessage, Evidence } from '../evidence/evidence.js';
import { resultOf, type Check, type CheckResult } from './check.js';
import {
  BASE_REPORT_ARRIVAL,
  BASE_REPORT_CASES,
  CUSTOM_REPORT_CASE,
  CUSTOM_REPORTS,
  collectedReportOf,
  findCase,
  getReportLabel,
  lookUpReport,
  REPORT_CAPTURE,
  REQUEST_CAPTURE,
  requestLabel,
  responseSeq,
} from './inventory/report-case.js';
import { listSome, plural } from './inventory/summary-text.js';

/** One requested report to judge, and where its arrival is judged. */
interface PagedReport {
  id: string;
  title: string;
  refs: string[];
  caseId: string;
  requestCapture: string;
  reportCapture: string;
  /** Names the request in reasons: GetBaseReport(FullInventory), GetReport(OCPPCommCtrlr). */
  label: string;
  /** NotSupported is a legal answer: nothing to page. */
  optional: boolean;
  /** The check that judges whether the report arrived whole (one cause, one finding). */
  arrivalCheck: string;
}

/**
 * Paging of every report the audit requested (B07 base reports, OCTT TC_B_12/13/14; B08 custom
 * reports, TC_B_16/17/54): the parts carry the requested requestId, seqNo runs 0, 1, 2, ... in
 * arrival order, every part but the last says tbc=true and the last says tbc=false (or leaves it
 * out). Whether the report arrived at all, and whole, is judged once elsewhere (the case's own
 * check, or summary-inventory): a report cut off mid-way leaves its end unknown here, and paging
 * faults in the parts that did arrive are still found. One result per report, id
 * `report-paging/<case>` or `report-paging/inventory-custom-report/<request>`.
 */
export const reportPaging: Check = {
  id: 'report-paging',
  title: 'Reports are paged correctly (requestId, seqNo from 0, tbc)',
  refs: ['B07', 'B08', 'TC_B_12', 'TC_B_13', 'TC_B_14'],
  category: 'protocol',
  evaluate(evidence: Evidence): CheckResult[] {
    return pagedReports(evidence).map((report) => evaluateReport(evidence, report));
  },
};

/** The three base reports always (NOT APPLICABLE when not run); the custom reports when their case ran. */
function pagedReports(evidence: Evidence): PagedReport[] {
  const base = BASE_REPORT_CASES.map(({ caseId, reportBase, testCase }) => ({
    id: `${reportPaging.id}/${caseId}`,
    title: `${reportBase} report is paged correctly`,
    refs: ['B07', testCase],
    caseId,
    requestCapture: REQUEST_CAPTURE,
    reportCapture: REPORT_CAPTURE,
    label: requestLabel(reportBase),
    optional: reportBase === 'SummaryInventory',
    arrivalCheck: BASE_REPORT_ARRIVAL[caseId],
  }));
  const customCase = findCase(evidence, CUSTOM_REPORT_CASE);
  if ('kind' in customCase) return base;
  const custom = CUSTOM_REPORTS.map(({ request, report, testCase, arrival }) => {
    const call = customCase.captures[request];
    const label = getReportLabel(call?.kind === 'call' ? call.request : undefined, request);
    return {
      id: `${reportPaging.id}/${CUSTOM_REPORT_CASE}/${request}`,
      title: `${label} report is paged correctly`,
      refs: ['B08', testCase],
      caseId: CUSTOM_REPORT_CASE,
      requestCapture: request,
      reportCapture: report,
      label,
      optional: true,
      arrivalCheck: arrival,
    };
  });
  return [...base, ...custom];
}

function evaluateReport(evidence: Evidence, spec: PagedReport): CheckResult {
  const meta = { id: spec.id, title: spec.title, refs: spec.refs, category: reportPaging.category };
  const collected = collectedReportOf(lookUpReport(evidence, spec.caseId, spec.label, spec.requestCapture, spec.reportCapture), spec.label, spec.optional);
  if (collected.kind === 'unavailable') return resultOf(meta, collected.verdict, collected.reason, collected.seqs);

  const { answered, report } = collected;
  const parts = report.messages;
  const requestId = answered.requestId;
  const partsBeforeAnswer = partsBefore(parts, answered.request);
  const details: Record<string, unknown> = {
    requestId,
    parts: parts.length,
    seqNos: parts.map((part) => part.payload['seqNo']),
    complete: report.complete,
    // Legal: the station may start sending before its CALLRESULT reaches us.
    partsBeforeResponse: partsBeforeAnswer,
  };
  const seqs = [...answered.seqs, ...parts.map((part) => part.seq)].sort((a, b) => a - b);

  if (parts.length === 0) {
    return resultOf(meta, 'INCONCLUSIVE', `No part of the ${spec.label} report (requestId ${requestId ?? '?'}) arrived, so there is no paging to judge; ${spec.arrivalCheck} judges the missing report.`, seqs, details);
  }

  const problems = pagingProblems(parts, requestId);
  const last = parts[parts.length - 1];
  // A last part still saying tbc=true while the collection saw the report complete cannot
  // happen with our collector, but a hand-edited or older evidence file may hold it.
  if (report.complete && last.payload['tbc'] === true) problems.push(`the last part (seqNo ${String(last.payload['seqNo'])}) still said tbc=true`);
  details['problems'] = problems;
  const lastAnnounced = last.payload['tbc'] === true ? ` (the last part that arrived, seqNo ${String(last.payload['seqNo'])}, announced more)` : '';
  const cutOff = report.complete ? '' : ` The report never finished${lastAnnounced}, which ${spec.arrivalCheck} judges.`;
  if (problems.length > 0) {
    return resultOf(meta, 'FAIL', `${spec.label} paging is broken: ${problems.join('; ')}.${cutOff}`, seqs, details);
  }
  if (!report.complete) {
    return resultOf(
      meta,
      'INCONCLUSIVE',
      `The ${plural(parts.length, 'part')} of the ${spec.label} report that arrived are numbered from 0 with requestId ${requestId ?? '?'}, but how the report ends is unknown: it never finished${lastAnnounced}. The cut-off is judged once, by ${spec.arrivalCheck}.`,
      seqs,
      details,
    );
  }
  const note = partsBeforeAnswer > 0 ? ` (${plural(partsBeforeAnswer, 'part')} arrived before the ${answered.request.action} response, which is allowed)` : '';
  const shape =
    parts.length === 1
      ? `a single part (seqNo 0, requestId ${requestId ?? '?'}, no tbc=true)`
      : `${plural(parts.length, 'part')} numbered 0 to ${parts.length - 1}, all with requestId ${requestId ?? '?'}, tbc=true on all but the last`;
  return resultOf(meta, 'PASS', `${spec.label} came in ${shape}${note}.`, seqs, details);
}

/** How many parts arrived before the CALLRESULT of the request. */
function partsBefore(parts: readonly CollectedMessage[], request: CallCapture): number {
  const answerSeq = responseSeq(request);
  return answerSeq === undefined ? 0 : parts.filter((part) => part.seq < answerSeq).length;
}

/** What is wrong with the numbering, requestId and tbc flags of the parts, in arrival order. */
function pagingProblems(parts: readonly CollectedMessage[], requestId: number | undefined): string[] {
  const problems: string[] = [];

  const foreign = parts.filter((part) => part.payload['requestId'] !== requestId);
  if (requestId !== undefined && foreign.length > 0) {
    problems.push(`${plural(foreign.length, 'part')} carried another requestId than ${requestId} (${listSome(foreign.map((part) => `seq ${part.seq}: ${String(part.payload['requestId'])}`), 3)})`);
  }

  const seqNos = parts.map((part) => part.payload['seqNo']);
  const notIntegers = seqNos.filter((seqNo) => typeof seqNo !== 'number' || !Number.isInteger(seqNo));
  if (notIntegers.length > 0) {
    problems.push(`${plural(notIntegers.length, 'part')} had no integer seqNo`);
  } else {
    const numbers = seqNos as number[];
    if (numbers[0] === 1) {
      problems.push('seqNo started at 1 instead of 0 (a common off-by-one: the first part must be seqNo 0)');
    } else if (numbers[0] !== 0) {
      problems.push(`seqNo started at ${numbers[0]} instead of 0`);
    }
    const repeats: number[] = [];
    const jumps: string[] = [];
    for (let index = 1; index < numbers.length; index++) {
      const previous = numbers[index - 1];
      const current = numbers[index];
      if (current === previous || numbers.slice(0, index).includes(current)) repeats.push(current);
      else if (current !== previous + 1) jumps.push(`${previous} → ${current}`);
    }
    if (repeats.length > 0) problems.push(`seqNo repeated (${listSome([...new Set(repeats)].map(String), 5)})`);
    if (jumps.length > 0) problems.push(`seqNo did not go up by exactly 1 (${listSome(jumps, 5)})`);
  }

  const earlyEnds = parts.slice(0, -1).filter((part) => part.payload['tbc'] !== true);
  if (earlyEnds.length > 0) {
    problems.push(`${plural(earlyEnds.length, 'part')} before the last did not say tbc=true (seqNo ${listSome(earlyEnds.map((part) => String(part.payload['seqNo'])), 5)})`);
  }
  return problems;
}
