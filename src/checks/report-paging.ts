import type { CollectedMessage, Evidence } from '../evidence/evidence.js';
import { resultOf, type Check, type CheckResult } from './check.js';
import { BASE_REPORT_CASES, collectedReport, lookUpBaseReport, requestLabel, responseSeq, type ReportBase } from './inventory/report-case.js';
import { listSome, plural } from './inventory/summary-text.js';

/**
 * Paging of the three base reports (B07; OCTT TC_B_12/13/14 check it): the parts of one report
 * carry the requested requestId, seqNo runs 0, 1, 2, ... in arrival order, every part but the
 * last says tbc=true, the last says tbc=false (or leaves it out), and the last part comes at all.
 * One result per report, id `report-paging/<case>`.
 */
export const reportPaging: Check = {
  id: 'report-paging',
  title: 'Base reports are paged correctly (requestId, seqNo from 0, tbc)',
  refs: ['B07', 'TC_B_12', 'TC_B_13', 'TC_B_14'],
  category: 'protocol',
  evaluate(evidence: Evidence): CheckResult[] {
    return BASE_REPORT_CASES.map(({ caseId, reportBase, testCase }) => evaluateReport(evidence, caseId, reportBase, testCase));
  },
};

function evaluateReport(evidence: Evidence, caseId: string, reportBase: ReportBase, testCase: string): CheckResult {
  const meta = { id: `${reportPaging.id}/${caseId}`, title: `${reportBase} report is paged correctly`, refs: ['B07', testCase], category: reportPaging.category };
  const collected = collectedReport(lookUpBaseReport(evidence, caseId, reportBase), reportBase);
  if (collected.kind === 'unavailable') return resultOf(meta, collected.verdict, collected.reason, collected.seqs);

  const { answered, report } = collected;
  const parts = report.messages;
  const requestId = answered.requestId;
  const answerSeq = responseSeq(answered.request);
  const partsBeforeAnswer = answerSeq === undefined ? 0 : parts.filter((part) => part.seq < answerSeq).length;
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
    return resultOf(meta, 'FAIL', `The station accepted ${requestLabel(reportBase)} (requestId ${requestId ?? '?'}) but no NotifyReport part with that requestId arrived before the wait ended.`, seqs, details);
  }

  const problems = pagingProblems(parts, requestId);
  const last = parts[parts.length - 1];
  if (last.payload['tbc'] === true) {
    problems.push(
      report.complete
        ? `the last part (seqNo ${String(last.payload['seqNo'])}) still said tbc=true`
        : `the report never finished: the last part that arrived (seqNo ${String(last.payload['seqNo'])}) announced more with tbc=true, and nothing followed in time`,
    );
  } else if (!report.complete) {
    problems.push('the report did not complete: the audit did not see its last part arrive in time');
  }
  details['problems'] = problems;
  if (problems.length > 0) {
    return resultOf(meta, 'FAIL', `${reportBase} paging is broken: ${problems.join('; ')}.`, seqs, details);
  }
  const note = partsBeforeAnswer > 0 ? ` (${plural(partsBeforeAnswer, 'part')} arrived before the GetBaseReport response, which is allowed)` : '';
  const shape =
    parts.length === 1
      ? `a single part (seqNo 0, requestId ${requestId ?? '?'}, no tbc=true)`
      : `${plural(parts.length, 'part')} numbered 0 to ${parts.length - 1}, all with requestId ${requestId ?? '?'}, tbc=true on all but the last`;
  return resultOf(meta, 'PASS', `${reportBase} came in ${shape}${note}.`, seqs, details);
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
