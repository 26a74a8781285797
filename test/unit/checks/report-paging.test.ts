import { expect } from 'chai';
import { reportPaging } from '../../../src/checks/report-paging.js';
import type { CheckResult } from '../../../src/checks/check.js';
import type { CaseEvidence, Evidence } from '../../../src/evidence/evidence.js';
import { makeCallCapture, makeCase, makeEvidence, makeMessage, makeMessagesCapture, makeReportCase, makeReportItem } from '../../helpers/evidence-fixture.js';

const items = [1, 2, 3, 4, 5].map((n) => makeReportItem('OCPPCommCtrlr', `Variable${n}`));

function resultFor(evidence: Evidence, caseId = 'inventory-full'): CheckResult {
  const results = reportPaging.evaluate(evidence) as CheckResult[];
  const result = results.find((r) => r.id === `report-paging/${caseId}`);
  if (!result) throw new Error(`no result for ${caseId}`);
  return result;
}

function withFull(full: CaseEvidence, overrides: Partial<Evidence> = {}): Evidence {
  return makeEvidence({ cases: [full], ...overrides });
}

describe('report-paging (B07, TC_B_12/13/14)', () => {
  it('gives one protocol result per base report, with the case in the id', () => {
    const results = reportPaging.evaluate(makeEvidence()) as CheckResult[];
    expect(results.map((r) => r.id)).to.deep.equal(['report-paging/inventory-full', 'report-paging/inventory-configuration', 'report-paging/inventory-summary']);
    expect(results.every((r) => r.category === 'protocol')).to.be.true;
    expect(results[0].refs).to.include('TC_B_13');
  });

  it('passes a report numbered 0..n with tbc on all but the last, and cites every frame', () => {
    const result = resultFor(withFull(makeReportCase('inventory-full', { items, perPart: 2, requestId: 7 })));
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.contain('3 parts').and.contain('requestId 7');
    // CALL 10, CALLRESULT 11, parts 12..14.
    expect(result.seqs).to.deep.equal([10, 11, 12, 13, 14]);
    expect(result.details?.['seqNos']).to.deep.equal([0, 1, 2]);
  });

  it('passes a single-part report whose tbc is left out', () => {
    const result = resultFor(withFull(makeReportCase('inventory-full', { parts: [{ reportData: items, tbc: undefined }], complete: true })));
    expect(result.verdict).to.equal('PASS');
  });

  it('accepts parts that arrive before the GetBaseReport response, and notes them', () => {
    const result = resultFor(withFull(makeReportCase('inventory-full', { items, perPart: 2, partsBeforeResponse: 2 })));
    expect(result.verdict).to.equal('PASS');
    expect(result.details?.['partsBeforeResponse']).to.equal(2);
    expect(result.reason).to.contain('before the GetBaseReport response');
  });

  it('names the start-at-1 bug', () => {
    const full = makeReportCase('inventory-full', { parts: [{ seqNo: 1 }, { seqNo: 2 }, { seqNo: 3 }] });
    const result = resultFor(withFull(full));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('started at 1 instead of 0');
  });

  it('fails another wrong first seqNo', () => {
    const result = resultFor(withFull(makeReportCase('inventory-full', { parts: [{ seqNo: 5 }] })));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('started at 5 instead of 0');
  });

  it('fails gaps and repeats', () => {
    const gap = resultFor(withFull(makeReportCase('inventory-full', { parts: [{ seqNo: 0 }, { seqNo: 2 }, { seqNo: 3 }] })));
    expect(gap.verdict).to.equal('FAIL');
    expect(gap.reason).to.contain('did not go up by exactly 1 (0 → 2)');
    const repeat = resultFor(withFull(makeReportCase('inventory-full', { parts: [{ seqNo: 0 }, { seqNo: 1 }, { seqNo: 1 }] })));
    expect(repeat.verdict).to.equal('FAIL');
    expect(repeat.reason).to.contain('seqNo repeated (1)');
  });

  it('fails a part without an integer seqNo', () => {
    const result = resultFor(withFull(makeReportCase('inventory-full', { parts: [{ seqNo: undefined }] })));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('no integer seqNo');
  });

  it('fails a part before the last that does not announce more', () => {
    const result = resultFor(withFull(makeReportCase('inventory-full', { parts: [{ tbc: true }, { tbc: false }, { tbc: false }] })));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('did not say tbc=true (seqNo 1)');
  });

  it('a report that ends with tbc=true and never completes: its end is unknown here, the cut-off is judged once by the case', () => {
    const full = makeReportCase('inventory-full', { parts: [{ tbc: true }, { tbc: true }], complete: false });
    const result = resultFor(withFull(full));
    expect(result.verdict).to.equal('INCONCLUSIVE');
    expect(result.reason).to.contain('never finished').and.contain('seqNo 1').and.contain('judged once, by inventory-full/report');
  });

  it('a cut-off report whose parts are misnumbered still fails for the numbering, naming the cut-off as judged elsewhere', () => {
    const full = makeReportCase('inventory-full', { parts: [{ seqNo: 1, tbc: true }, { seqNo: 2, tbc: true }], complete: false });
    const result = resultFor(withFull(full));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('started at 1 instead of 0').and.contain('never finished').and.contain('inventory-full/report judges');
  });

  it('the arrival of SummaryInventory is judged by summary-inventory', () => {
    const summary = makeReportCase('inventory-summary', { parts: [{ tbc: true }], complete: false });
    expect(resultFor(makeEvidence({ cases: [summary] }), 'inventory-summary').reason).to.contain('judged once, by summary-inventory');
  });

  it('fails parts with another requestId', () => {
    const result = resultFor(withFull(makeReportCase('inventory-full', { requestId: 3, parts: [{ tbc: true }, { requestId: 4 }] })));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('another requestId than 3');
  });

  it('an accepted request that brought no report at all has no paging to judge; the case judges the missing report', () => {
    const result = resultFor(withFull(makeReportCase('inventory-full', { parts: [], complete: false })));
    expect(result.verdict).to.equal('INCONCLUSIVE');
    expect(result.reason).to.contain('No part of the GetBaseReport(FullInventory) report').and.contain('inventory-full/report judges the missing report');
    expect(result.seqs).to.deep.equal([10, 11]);
  });

  it('is not applicable for a case the audit did not run, or that did not apply', () => {
    expect(resultFor(makeEvidence()).verdict).to.equal('NOT APPLICABLE');
    const skipped = makeCase('inventory-full', { status: 'not-applicable', reason: 'excluded by --only' });
    const result = resultFor(withFull(skipped));
    expect(result.verdict).to.equal('NOT APPLICABLE');
    expect(result.reason).to.contain('excluded by --only');
  });

  it('is not applicable when SummaryInventory is declined with NotSupported', () => {
    const summary = makeReportCase('inventory-summary', { status: 'NotSupported' });
    const result = resultFor(makeEvidence({ cases: [summary] }), 'inventory-summary');
    expect(result.verdict).to.equal('NOT APPLICABLE');
    expect(result.reason).to.contain('NotSupported');
  });

  it('is inconclusive when the audit stopped early, the case was inconclusive, or captures are missing', () => {
    expect(resultFor(makeEvidence({ interrupted: { reason: 'Ctrl-C' } })).verdict).to.equal('INCONCLUSIVE');
    const inconclusive = makeCase('inventory-full', { status: 'inconclusive', reason: 'station disconnected' });
    expect(resultFor(withFull(inconclusive)).reason).to.contain('station disconnected');
    expect(resultFor(withFull(makeCase('inventory-full'))).verdict).to.equal('INCONCLUSIVE');
    const noReport = makeReportCase('inventory-full', { report: false });
    const result = resultFor(withFull(noReport));
    expect(result.verdict).to.equal('INCONCLUSIVE');
    expect(result.reason).to.contain('did not collect');
  });

  it('is inconclusive when GetBaseReport got no answer', () => {
    const failed = makeReportCase('inventory-full', { failure: { kind: 'timeout', description: 'no response within 30000 ms' } });
    const result = resultFor(withFull(failed));
    expect(result.verdict).to.equal('INCONCLUSIVE');
    expect(result.reason).to.contain('no response within 30000 ms');
  });

  it('is not applicable when the station refused GetBaseReport: a refusal is an answer, and there is no report to page', () => {
    const rejected = resultFor(withFull(makeReportCase('inventory-full', { status: 'Rejected' })));
    expect(rejected.verdict).to.equal('NOT APPLICABLE');
    expect(rejected.reason).to.contain('Rejected');
    const refused = resultFor(withFull(makeReportCase('inventory-full', { failure: { kind: 'call-error', errorCode: 'NotSupported', description: 'CALLERROR NotSupported: no' } })));
    expect(refused.verdict).to.equal('NOT APPLICABLE');
    expect(refused.reason).to.equal('The station refused GetBaseReport(FullInventory) (CALLERROR NotSupported: no), so there is no report to judge.');
  });

  it('judges the configuration report from its own case', () => {
    const configuration = makeReportCase('inventory-configuration', { parts: [{ seqNo: 1 }] });
    const result = resultFor(makeEvidence({ cases: [configuration] }), 'inventory-configuration');
    expect(result.verdict).to.equal('FAIL');
    expect(result.refs).to.include('TC_B_12');
  });

  describe('custom reports (GetReport, B08)', () => {
    const byVariable = { requestId: 21, componentVariable: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] };
    const part = (seq: number, payload: Record<string, unknown>) => makeMessage(seq, 'NotifyReport', { requestId: 21, generatedAt: '2025-01-01T00:00:00.000Z', reportData: [makeReportItem('OCPPCommCtrlr', 'HeartbeatInterval')], ...payload });
    const customCase = (parts: ReturnType<typeof part>[], complete = true) =>
      makeCase('inventory-custom-report', {
        captures: {
          'by-variable': makeCallCapture('GetReport', byVariable, { response: { status: 'Accepted' } }, [30, 31]),
          'by-variable-report': makeMessagesCapture('NotifyReport', parts, complete),
          criteria: makeCallCapture('GetReport', { requestId: 23, componentCriteria: ['Problem'] }, { response: { status: 'EmptyResultSet' } }, [40, 41]),
        },
      });

    it('judges GetReport parts like base reports, one result per request, named by what was asked', () => {
      const results = reportPaging.evaluate(makeEvidence({ cases: [customCase([part(32, { seqNo: 1, tbc: false })])] })) as CheckResult[];
      const byVar = results.find((r) => r.id === 'report-paging/inventory-custom-report/by-variable');
      expect(byVar?.verdict).to.equal('FAIL');
      expect(byVar?.reason).to.contain('GetReport(OCPPCommCtrlr.HeartbeatInterval) paging is broken: seqNo started at 1 instead of 0');
      expect(byVar?.refs).to.deep.equal(['B08', 'TC_B_17']);
    });

    it('passes a correctly paged GetReport report; EmptyResultSet leaves nothing to page; a request not reached is inconclusive', () => {
      const results = reportPaging.evaluate(makeEvidence({ cases: [customCase([part(32, { seqNo: 0, tbc: true }), part(33, { seqNo: 1, tbc: false })])] })) as CheckResult[];
      expect(results.find((r) => r.id === 'report-paging/inventory-custom-report/by-variable')?.verdict).to.equal('PASS');
      const criteria = results.find((r) => r.id === 'report-paging/inventory-custom-report/criteria');
      expect(criteria?.verdict).to.equal('NOT APPLICABLE');
      expect(criteria?.reason).to.contain('GetReport(componentCriteria Problem) with EmptyResultSet');
      expect(results.find((r) => r.id === 'report-paging/inventory-custom-report/whole-component')?.verdict).to.equal('INCONCLUSIVE');
    });

    it('leaves the cut-off of a custom report to the case step that collected it', () => {
      const results = reportPaging.evaluate(makeEvidence({ cases: [customCase([part(32, { seqNo: 0, tbc: true })], false)] })) as CheckResult[];
      const byVar = results.find((r) => r.id === 'report-paging/inventory-custom-report/by-variable');
      expect(byVar?.verdict).to.equal('INCONCLUSIVE');
      expect(byVar?.reason).to.contain('judged once, by inventory-custom-report/by-variable-report');
    });

    it('gives no custom results when the custom-report case did not run or did not apply', () => {
      const notApplicable = makeCase('inventory-custom-report', { status: 'not-applicable', reason: 'GetReport answered CALLERROR NotSupported' });
      for (const evidence of [makeEvidence(), makeEvidence({ cases: [notApplicable] })]) {
        expect((reportPaging.evaluate(evidence) as CheckResult[]).map((r) => r.id)).to.have.length(3);
      }
    });
  });
});
