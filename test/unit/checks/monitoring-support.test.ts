import { expect } from 'chai';
import { monitoringSupport } from '../../../src/checks/monitoring-support.js';
import type { CheckResult } from '../../../src/checks/check.js';
import type { Evidence, StepOutcome } from '../../../src/evidence/evidence.js';
import { makeCallCapture, makeCase, makeEvidence, makeMessage, makeMessagesCapture, makeReportItem } from '../../helpers/evidence-fixture.js';

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
    expect(result.reason).to.match(/^monitoring unsupported: the device model has no MonitoringCtrlr and the station answers GetMonitoringReport with CALLERROR NotSupported/);
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
    expect(result.reason).to.match(/claimed but not implemented: the device model reports a MonitoringCtrlr with Enabled = true, yet the station answers SetVariableMonitoring with CALLERROR NotImplemented/);
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

  it('weighs as much as five single behaviours in the monitoring category', () => {
    expect(judge(makeEvidence()).weight).to.equal(5);
  });

  describe('probed whatever the inventory says (issue 13 item 10)', () => {
    const probeSet = (response: Record<string, unknown>) =>
      makeCallCapture('SetVariableMonitoring', { setMonitoringData: [{ type: 'Periodic', value: 5, severity: 5, component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' } }] }, { response }, [40, 41]);
    const accepted7 = { setMonitoringResult: [{ id: 7, status: 'Accepted', type: 'Periodic', severity: 5, component: { name: 'EVSE' }, variable: { name: 'Power' } }] };
    const step = (id: string, kind: string, status: StepOutcome['status'], detail = '', extra: Partial<StepOutcome> = {}): StepOutcome => ({ index: 0, id, kind, phase: 'steps', status, detail, startedAt: '', durationMs: 0, seqs: [], ...extra });
    const probeCase = (steps: StepOutcome[], response: Record<string, unknown> = accepted7) => makeCase('monitoring-probe', { captures: { set: probeSet(response) }, steps });

    it('FAIL: GetMonitoringReport Accepted and the report never came, even with no MonitoringCtrlr in the inventory', () => {
      const preflight = makeCase('monitoring-preflight', {
        captures: { probe: makeCallCapture('GetMonitoringReport', { requestId: 5 }, { response: { status: 'Accepted' } }, [30, 31]), 'baseline-report': makeMessagesCapture('NotifyMonitoringReport', [], false) },
        steps: [step('baseline-report', 'collect-report', 'unmet', 'the station accepted GetMonitoringReport and never sent the report')],
      });
      const result = judge(makeEvidence({ cases: [preflight], deviceModel: { complete: true, entries: [] } }));
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.equal('claimed but not implemented: GetMonitoringReport answered Accepted (N02.FR.03) and no NotifyMonitoringReport followed');
      expect(result.seqs).to.deep.equal([30, 31]);
    });

    it('not FAIL when the report wait was cut by a disconnect (that proves nothing)', () => {
      const preflight = makeCase('monitoring-preflight', {
        captures: { probe: makeCallCapture('GetMonitoringReport', { requestId: 5 }, { response: { status: 'Accepted' } }, [30, 31]), 'baseline-report': makeMessagesCapture('NotifyMonitoringReport', [], false) },
        steps: [step('baseline-report', 'collect-report', 'unmet', 'gone', { inconclusive: true })],
      });
      expect(judge(makeEvidence({ cases: [preflight], deviceModel: { complete: true, entries: controller('true') } })).verdict).to.equal('PASS');
    });

    it('FAIL: the probe monitor got an id but never fired and is missing from the station\'s own report', () => {
      const probe = probeCase([step('fired', 'await', 'unmet', '0 of 1 NotifyEvent within 15 s'), step('listed', 'await', 'unmet', 'not listed')]);
      const result = judge(makeEvidence({ cases: [probe], deviceModel: { complete: true, entries: controller('true') } }));
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.equal(
        'claimed but not implemented: the Periodic monitor it accepted on EVSE.Power (id 7) never sent a NotifyEvent (0 of 1 NotifyEvent within 15 s) (N08.FR.06); the monitor it accepted on EVSE.Power (id 7) is missing from its own monitoring report (N02.FR.11)',
      );
    });

    it('not "never sent": the probe monitor\'s event came after the window (a late event proves it implemented)', () => {
      const probe = probeCase([step('fired', 'await', 'unmet', '0 of 1 NotifyEvent within 15 s'), step('listed', 'await', 'ok')]);
      const late = makeMessage(90, 'NotifyEvent', { generatedAt: '2026-01-01T00:00:30Z', seqNo: 0, eventData: [{ eventId: 1, timestamp: '2026-01-01T00:00:20Z', trigger: 'Periodic', actualValue: '7', variableMonitoringId: 7, eventNotificationType: 'CustomMonitor', component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' } }] });
      const result = judge(makeEvidence({ cases: [probe], deviceModel: { complete: true, entries: controller('true') }, notifyEvents: [late] }));
      expect(result.verdict).to.equal('PASS');
      // Another monitor's event, or one on another variable with the same id, proves nothing.
      const other = makeMessage(91, 'NotifyEvent', { generatedAt: '2026-01-01T00:00:30Z', seqNo: 0, eventData: [{ eventId: 2, timestamp: '2026-01-01T00:00:20Z', trigger: 'Periodic', actualValue: '7', variableMonitoringId: 7, eventNotificationType: 'CustomMonitor', component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Voltage' } }] });
      expect(judge(makeEvidence({ cases: [probe], deviceModel: { complete: true, entries: controller('true') }, notifyEvents: [other] })).verdict).to.equal('FAIL');
    });

    it('FAIL: the probe monitor missing because the filtered report was refused (EmptyResultSet) though the monitor exists', () => {
      const probe = probeCase([step('fired', 'await', 'ok'), step('report-accepted', 'expect', 'unmet', 'response.status: "EmptyResultSet", wanted equal to "Accepted"', { seqs: [44, 45] }), step('listed', 'await', 'skipped')]);
      const result = judge(makeEvidence({ cases: [probe], deviceModel: { complete: true, entries: controller('true') } }));
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.equal('claimed but not implemented: the monitor it accepted on EVSE.Power (id 7) is missing from its own monitoring report (N02.FR.11)');
      expect(result.seqs).to.include.members([40, 41, 44, 45]);
    });

    it('PASS "supported and working" when the probe fired and was listed', () => {
      const probe = probeCase([step('fired', 'await', 'ok'), step('listed', 'await', 'ok')]);
      const result = judge(makeEvidence({ cases: [probe], deviceModel: { complete: true, entries: controller('true') } }));
      expect(result.verdict).to.equal('PASS');
      expect(result.reason).to.equal('supported and enabled: MonitoringCtrlr reported, a probe monitor was set, listed in the monitoring report and fired');
    });

    it('disabled, not a defect: a silent probe with MonitoringCtrlr.Enabled false is WARN disabled', () => {
      const probe = probeCase([step('fired', 'await', 'unmet', '0 of 1'), step('listed', 'await', 'ok')]);
      const result = judge(makeEvidence({ cases: [probe], deviceModel: { complete: true, entries: controller('false') } }));
      expect(result.verdict).to.equal('WARN');
      expect(result.details?.['verdict']).to.equal('disabled');
    });

    it('not a defect either when ActiveMonitoringLevel filters out the probe\'s severity 5 (N05.FR.03)', () => {
      const level = { ...makeReportItem('MonitoringCtrlr', 'ActiveMonitoringLevel', { dataType: 'integer', value: '3' }), seq: 8 };
      const probe = probeCase([step('fired', 'await', 'unmet', '0 of 1'), step('listed', 'await', 'ok')]);
      expect(judge(makeEvidence({ cases: [probe], deviceModel: { complete: true, entries: [...controller('true'), level] } })).verdict).to.equal('PASS');
    });

    it('WARN unsupported, said by the station: the probe monitor Rejected and no MonitoringCtrlr', () => {
      const rejected = { setMonitoringResult: [{ status: 'Rejected', type: 'Periodic', severity: 5, component: { name: 'EVSE' }, variable: { name: 'Power' } }] };
      const result = judge(makeEvidence({ cases: [probeCase([], rejected)], deviceModel: { complete: true, entries: [] } }));
      expect(result.verdict).to.equal('WARN');
      expect(result.reason).to.match(/^monitoring unsupported: the device model has no MonitoringCtrlr and the station answers SetVariableMonitoring of a Periodic monitor on EVSE.Power \(a variable it reports as monitorable\) with Rejected/);
    });
  });
});
