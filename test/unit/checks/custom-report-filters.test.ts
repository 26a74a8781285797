import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { customReportFilters } from '../../../src/checks/custom-report-filters.js';
import type { CaseEvidence, Evidence, StepOutcome } from '../../../src/evidence/evidence.js';
import { FIXTURE_TIME, deviceModelFrom, makeCallCapture, makeCase, makeEvidence, makeMessage, makeMessagesCapture, makeReportCase, makeReportItem, type ReportItem } from '../../helpers/evidence-fixture.js';

const heartbeat = makeReportItem('OCPPCommCtrlr', 'HeartbeatInterval', { dataType: 'integer', value: '300' });
const offline = makeReportItem('OCPPCommCtrlr', 'OfflineThreshold', { dataType: 'integer', value: '60' });
const evseProblem = (evse: number, value: string): ReportItem => makeReportItem('EVSE', 'Problem', { evse, dataType: 'boolean', value });
const evsePower = (evse: number): ReportItem => makeReportItem('EVSE', 'Power', { evse, dataType: 'decimal', value: '0' });
const inventory = [heartbeat, offline, makeReportItem('ClockCtrlr', 'DateTime', { dataType: 'dateTime' }), evseProblem(1, 'true'), evsePower(1), evseProblem(2, 'false'), evsePower(2)];

const BY_VARIABLE = { componentVariable: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] };
const WHOLE_COMPONENT = { componentVariable: [{ component: { name: 'OCPPCommCtrlr' } }] };

/** A report capture of one part holding `items` (or several parts). */
function report(requestId: number, items: ReportItem[], complete = true, firstSeq = 50): ReturnType<typeof makeMessagesCapture> {
  return makeMessagesCapture('NotifyReport', [makeMessage(firstSeq, 'NotifyReport', { requestId, generatedAt: FIXTURE_TIME, seqNo: 0, tbc: !complete, reportData: items })], complete);
}

interface Answers {
  byVariable?: ReportItem[];
  wholeComponent?: ReportItem[];
  criteria?: { status: string; items?: ReportItem[]; complete?: boolean };
  steps?: StepOutcome[];
}

function customCase(answers: Answers): CaseEvidence {
  const captures: CaseEvidence['captures'] = {};
  if (answers.byVariable) {
    captures['by-variable'] = makeCallCapture('GetReport', { requestId: 21, ...BY_VARIABLE }, { response: { status: 'Accepted' } }, [30, 31]);
    captures['by-variable-report'] = report(21, answers.byVariable, true, 32);
  }
  if (answers.wholeComponent) {
    captures['whole-component'] = makeCallCapture('GetReport', { requestId: 22, ...WHOLE_COMPONENT }, { response: { status: 'Accepted' } }, [40, 41]);
    captures['whole-component-report'] = report(22, answers.wholeComponent, true, 42);
  }
  if (answers.criteria) {
    captures['criteria'] = makeCallCapture('GetReport', { requestId: 23, componentCriteria: ['Problem'] }, { response: { status: answers.criteria.status } }, [60, 61]);
    if (answers.criteria.items) captures['criteria-report'] = report(23, answers.criteria.items, answers.criteria.complete ?? true, 62);
  }
  return makeCase('inventory-custom-report', { captures, steps: answers.steps ?? [] });
}

function evaluate(answers: Answers, withInventory = true): Record<string, CheckResult> {
  const full = makeReportCase('inventory-full', { items: inventory });
  const evidence: Evidence = makeEvidence({ cases: [...(withInventory ? [full] : []), customCase(answers)], ...(withInventory ? { deviceModel: deviceModelFrom(full) } : {}) });
  const results = customReportFilters.evaluate(evidence) as CheckResult[];
  return Object.fromEntries(results.map((r) => [r.id.split('/')[1], r]));
}

describe('custom-report-filters (B08: GetReport content, TC_B_16/17/54)', () => {
  it('passes reports that hold exactly what was asked, and every matching FullInventory item', () => {
    const results = evaluate({ byVariable: [heartbeat], wholeComponent: [heartbeat, offline], criteria: { status: 'Accepted', items: [evseProblem(1, 'true'), evsePower(1)] } });
    expect(results['by-variable']).to.deep.include({ verdict: 'PASS', title: 'GetReport(OCPPCommCtrlr.HeartbeatInterval) returns what was asked for', refs: ['B08', 'TC_B_17'] });
    expect(results['whole-component']?.verdict).to.equal('PASS');
    expect(results['whole-component']?.reason).to.contain('2 items, all answering OCPPCommCtrlr, and every matching item of the FullInventory came back');
    expect(results['criteria']).to.deep.include({ verdict: 'PASS', reason: 'The GetReport(componentCriteria Problem) report holds 1 component, each meeting Problem.' });
  });

  it('fails a componentVariable report that ignores the filter (items of other components or variables)', () => {
    const results = evaluate({ byVariable: [heartbeat, offline, evsePower(1)] });
    expect(results['by-variable']?.verdict).to.equal('FAIL');
    expect(results['by-variable']?.reason).to.contain('2 items of 3 in the GetReport(OCPPCommCtrlr.HeartbeatInterval) report answer nothing that was asked').and.contain('OCPPCommCtrlr.OfflineThreshold, EVSE@1.Power');
    expect(results['by-variable']?.seqs).to.deep.equal([32]);
  });

  it('warns when a matching item of the FullInventory did not come back (B08.FR.25: no variable means every variable)', () => {
    const results = evaluate({ wholeComponent: [heartbeat] });
    expect(results['whole-component']?.verdict).to.equal('WARN');
    expect(results['whole-component']?.reason).to.contain('1 matching item of the FullInventory did not come back: OCPPCommCtrlr.OfflineThreshold');
  });

  it('without a complete FullInventory judges what came against the request only', () => {
    const results = evaluate({ wholeComponent: [heartbeat] }, false);
    expect(results['whole-component']?.verdict).to.equal('PASS');
    expect(results['whole-component']?.reason).to.contain('no complete FullInventory');
  });

  it('fails a criteria report that returns components without the criterion (componentCriteria ignored)', () => {
    const results = evaluate({ criteria: { status: 'Accepted', items: [evseProblem(1, 'true'), evseProblem(2, 'false'), heartbeat] } });
    expect(results['criteria']?.verdict).to.equal('FAIL');
    expect(results['criteria']?.reason).to.contain('1 component of 3').and.contain('EVSE@2 (Problem false)');
    expect(results['criteria']?.details?.['withoutCriterionVariable']).to.deep.equal(['OCPPCommCtrlr']);
  });

  it('reads the criterion from the FullInventory when the report leaves it out; a component with no Problem at all only warns', () => {
    expect(evaluate({ criteria: { status: 'Accepted', items: [evsePower(2)] } })['criteria']?.reason).to.contain('EVSE@2 (Problem false)');
    const unknown = evaluate({ criteria: { status: 'Accepted', items: [heartbeat] } })['criteria'];
    expect(unknown?.verdict).to.equal('WARN');
    expect(unknown?.reason).to.contain('report no Problem variable at all: OCPPCommCtrlr');
  });

  it('EmptyResultSet for criteria: passes when nothing in the FullInventory meets them, warns when something did', () => {
    const clean = makeReportCase('inventory-full', { items: [heartbeat, evseProblem(2, 'false')] });
    const evidence = makeEvidence({ cases: [clean, customCase({ criteria: { status: 'EmptyResultSet' } })], deviceModel: deviceModelFrom(clean) });
    const pass = (customReportFilters.evaluate(evidence) as CheckResult[]).find((r) => r.id === 'custom-report-filters/criteria');
    expect(pass).to.deep.include({ verdict: 'PASS', reason: 'The station answered GetReport(componentCriteria Problem) with EmptyResultSet: no component of its FullInventory reports Problem true either.' });
    const warn = evaluate({ criteria: { status: 'EmptyResultSet' } })['criteria'];
    expect(warn?.verdict).to.equal('WARN');
    expect(warn?.reason).to.contain('EVSE@1 met Problem');
  });

  it('judges the arrival of the criteria report: none, or cut off, fails; a lost connection is inconclusive', () => {
    expect(evaluate({ criteria: { status: 'Accepted', items: [] , complete: false } })['criteria']).to.deep.include({ verdict: 'FAIL' });
    const cut = evaluate({ criteria: { status: 'Accepted', items: [evseProblem(1, 'true')], complete: false } })['criteria'];
    expect(cut?.verdict).to.equal('FAIL');
    expect(cut?.reason).to.contain('never finished');
    const away: StepOutcome = { index: 12, id: 'criteria-report', kind: 'collect-report', phase: 'steps', status: 'unmet', detail: '', startedAt: FIXTURE_TIME, durationMs: 0, seqs: [], inconclusive: true };
    expect(evaluate({ criteria: { status: 'Accepted', items: [evseProblem(1, 'true')], complete: false }, steps: [away] })['criteria']?.verdict).to.equal('INCONCLUSIVE');
  });

  it('NotSupported for the criterion is allowed; requests not reached are inconclusive; a case not run is not applicable', () => {
    expect(evaluate({ criteria: { status: 'NotSupported' } })['criteria']?.verdict).to.equal('NOT APPLICABLE');
    expect(evaluate({ criteria: { status: 'NotSupported' } })['by-variable']?.verdict).to.equal('INCONCLUSIVE');
    const none = customReportFilters.evaluate(makeEvidence()) as CheckResult[];
    expect(none.map((r) => [r.id, r.verdict])).to.deep.equal([
      ['custom-report-filters/by-variable', 'NOT APPLICABLE'],
      ['custom-report-filters/whole-component', 'NOT APPLICABLE'],
      ['custom-report-filters/criteria', 'NOT APPLICABLE'],
    ]);
  });
});
