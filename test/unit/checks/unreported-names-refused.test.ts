import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { unreportedNamesRefused } from '../../../src/checks/unreported-names-refused.js';
import type { CaseEvidence, Evidence } from '../../../src/evidence/evidence.js';
import { deviceModelFrom, makeCallCapture, makeCase, makeEvidence, makeReportCase, makeReportItem } from '../../helpers/evidence-fixture.js';

const full = makeReportCase('inventory-full', { items: [makeReportItem('OCPPCommCtrlr', 'OfflineThreshold', { dataType: 'integer', value: '60' }), makeReportItem({ name: 'EVSE', evse: { id: 1 } }, 'Power', { dataType: 'decimal' })] });

const setVariables = (items: Array<[string, string]>, statuses: string[], seqs = [50, 51]) =>
  makeCallCapture(
    'SetVariables',
    { setVariableData: items.map(([component, variable]) => ({ component: { name: component }, variable: { name: variable }, attributeValue: '1' })) },
    { response: { setVariableResult: statuses.map((attributeStatus, i) => ({ attributeStatus, component: { name: items[i]?.[0] }, variable: { name: items[i]?.[1] } })) } },
    seqs,
  );
const setMonitoring = (items: Array<[string, string]>, outcome: Parameters<typeof makeCallCapture>[2], seqs = [60, 61]) =>
  makeCallCapture('SetVariableMonitoring', { setMonitoringData: items.map(([component, variable]) => ({ type: 'Periodic', value: 3600, severity: 9, component: { name: component }, variable: { name: variable } })) }, outcome, seqs);

/** The results by action; without a device model, the audit has no FullInventory case either. */
function judge(cases: CaseEvidence[], deviceModel: Evidence['deviceModel'] = deviceModelFrom(full)): Record<string, CheckResult> {
  const results = unreportedNamesRefused.evaluate(makeEvidence({ cases: deviceModel.entries.length > 0 ? [full, ...cases] : cases, deviceModel }));
  return Object.fromEntries((Array.isArray(results) ? results : [results]).map((r) => [r.id.split('/')[1], r]));
}

describe('check unreported-names-refused (issue 13 item 11)', () => {
  it('FAIL: SetVariables Accepted for a component or variable the FullInventory does not hold, naming them and citing B05.FR.04/05', () => {
    const write = setVariables([['OCPPCommCtrlr', 'OfflineThreshold'], ['NoSuchCtrlr', 'X'], ['OCPPCommCtrlr', 'NoSuchVariable']], ['Accepted', 'Accepted', 'RebootRequired']);
    const result = judge([makeCase('variables-get-set', { captures: { write } })])['SetVariables'];
    expect(result?.verdict).to.equal('FAIL');
    expect(result?.reason).to.equal('the station accepted SetVariables for NoSuchCtrlr.X, OCPPCommCtrlr.NoSuchVariable, which it does not report; it must answer UnknownComponent or UnknownVariable (B05.FR.04/05)');
    expect(result?.seqs).to.deep.equal([50, 51]);
    expect(result?.refs).to.include.members(['B05.FR.04', 'TC_B_35']);
    expect(result?.category).to.equal('variables');
  });

  it('PASS when every such request was refused, with the answers counted', () => {
    const write = setVariables([['NoSuchCtrlr', 'X'], ['OCPPCommCtrlr', 'NoSuchVariable']], ['UnknownComponent', 'UnknownVariable']);
    const result = judge([makeCase('unknown-names', { captures: { write } })])['SetVariables'];
    expect(result).to.deep.include({ verdict: 'PASS', reason: 'every SetVariables on a name the station does not report was refused (UnknownComponent, UnknownVariable)' });
  });

  it('a reported variable Accepted is no finding; an EVSE component matches with its evse', () => {
    const monitor = makeCallCapture(
      'SetVariableMonitoring',
      { setMonitoringData: [{ type: 'Periodic', value: 5, severity: 5, component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' } }] },
      { response: { setMonitoringResult: [{ id: 3, status: 'Accepted', type: 'Periodic', severity: 5, component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' } }] } },
    );
    expect(judge([makeCase('monitoring-probe', { captures: { monitor } })])['SetVariableMonitoring']?.verdict).to.equal('NOT APPLICABLE');
  });

  it('FAIL: SetVariableMonitoring Accepted on the unknown-names probe, even without any FullInventory (its names cannot exist)', () => {
    const monitors = setMonitoring([['AuditNoSuchComponent', 'AuditNoSuchVariable'], ['ChargingStation', 'AuditNoSuchVariable']], {
      response: { setMonitoringResult: [{ status: 'Accepted', type: 'Periodic', severity: 9 }, { status: 'UnknownVariable', type: 'Periodic', severity: 9 }] },
    });
    const result = judge([makeCase('unknown-names', { captures: { monitors } })], { complete: false, entries: [] })['SetVariableMonitoring'];
    expect(result?.verdict).to.equal('FAIL');
    expect(result?.reason).to.match(/^the station accepted SetVariableMonitoring for AuditNoSuchComponent\.AuditNoSuchVariable, which it does not report; it must answer UnknownComponent or UnknownVariable \(N04\.FR\.03\/04\)$/);
    expect(result?.category).to.equal('monitoring');
  });

  it('without a complete FullInventory only the probe is judged: other writes prove nothing', () => {
    const write = setVariables([['MaybeReal', 'X']], ['Accepted']);
    expect(judge([makeCase('variables-get-set', { captures: { write } })], { complete: false, entries: [] })['SetVariables']?.verdict).to.equal('NOT APPLICABLE');
  });

  it('NOT APPLICABLE for an action the station does not support at all (CALLERROR NotSupported): no failure of behaviour it says it lacks', () => {
    const monitors = setMonitoring([['AuditNoSuchComponent', 'AuditNoSuchVariable']], { failure: { kind: 'call-error', errorCode: 'NotSupported', description: 'CALLERROR NotSupported' } });
    expect(judge([makeCase('unknown-names', { captures: { monitors } })])['SetVariableMonitoring']).to.deep.include({
      verdict: 'NOT APPLICABLE',
      reason: 'the station does not support SetVariableMonitoring (it answers CALLERROR NotSupported)',
    });
  });

  it('INCONCLUSIVE when the requests got no answer', () => {
    const monitors = setMonitoring([['AuditNoSuchComponent', 'AuditNoSuchVariable']], { failure: { kind: 'timeout', description: 'no response' } });
    expect(judge([makeCase('unknown-names', { captures: { monitors } })])['SetVariableMonitoring']?.verdict).to.equal('INCONCLUSIVE');
  });
});
