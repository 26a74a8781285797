import { expect } from 'chai';
import { monitoringSupport } from '../../../src/checks/monitoring-support.js';
import type { CheckResult } from '../../../src/checks/check.js';
import type { Evidence } from '../../../src/evidence/evidence.js';
import { makeCallCapture, makeCase, makeEvidence, makeReportItem } from '../../helpers/evidence-fixture.js';

const controller = (enabled: string) => [{ ...makeReportItem('MonitoringCtrlr', 'Enabled', { dataType: 'boolean', value: enabled }), seq: 7 }];
const withCalls = (captures: Record<string, ReturnType<typeof makeCallCapture>>, overrides: Partial<Evidence> = {}): Evidence =>
  makeEvidence({ cases: [makeCase('monitoring-x', { captures })], ...overrides });
const judge = (evidence: Evidence): CheckResult => monitoringSupport.evaluate(evidence) as CheckResult;
const refused = (action: string, code = 'NotSupported') => makeCallCapture(action, {}, { failure: { kind: 'call-error', errorCode: code, description: `CALLERROR ${code}` } }, [20, 21]);
const accepted = (action: string, response: Record<string, unknown> = { status: 'Accepted' }) => makeCallCapture(action, {}, { response }, [30, 31]);

describe('check monitoring-support', () => {
  it('PASS: MonitoringCtrlr enabled and monitoring requests answered', () => {
    const result = judge(withCalls({ a: accepted('GetMonitoringReport') }, { deviceModel: { complete: true, entries: controller('true') } }));
    expect(result.verdict).to.equal('PASS');
    expect(result.details?.['verdict']).to.equal('supported');
  });

  it('WARN unsupported: no MonitoringCtrlr in a complete inventory, requests refused', () => {
    const result = judge(withCalls({ a: refused('GetMonitoringReport') }, { deviceModel: { complete: true, entries: [] } }));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.match(/^monitoring unsupported: the device model has no MonitoringCtrlr and refuses GetMonitoringReport/);
    expect(result.seqs).to.deep.equal([20, 21]);
  });

  it('WARN disabled: MonitoringCtrlr.Enabled false, naming the variable', () => {
    const result = judge(withCalls({ a: accepted('GetMonitoringReport') }, { deviceModel: { complete: true, entries: controller('false') } }));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.match(/^monitoring disabled: MonitoringCtrlr\.Enabled is false/);
    expect(result.seqs).to.include(7);
  });

  it('FAIL claimed but not implemented: MonitoringCtrlr Enabled=true and NotImplemented answers', () => {
    const result = judge(withCalls({ a: refused('SetVariableMonitoring', 'NotImplemented') }, { deviceModel: { complete: true, entries: controller('true') } }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.match(/claimed but not implemented: the device model reports a MonitoringCtrlr with Enabled = true, yet the station refuses SetVariableMonitoring \(CALLERROR NotImplemented\)/);
  });

  it('FAIL claimed but not implemented: Accepted without a monitor id', () => {
    const empty = accepted('SetVariableMonitoring', { setMonitoringResult: [{ status: 'Accepted', type: 'Delta', severity: 5, component: { name: 'X' }, variable: { name: 'Y' } }] });
    const result = judge(withCalls({ a: empty }, { deviceModel: { complete: true, entries: controller('true') } }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.match(/Accepted without a monitor id/);
    expect(result.refs).to.include('N04');
  });

  it('INCONCLUSIVE without a device model or any monitoring request', () => {
    expect(judge(makeEvidence()).verdict).to.equal('INCONCLUSIVE');
  });
});
