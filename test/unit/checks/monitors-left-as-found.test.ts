import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { monitorsLeftAsFound } from '../../../src/checks/monitors-left-as-found.js';
import type { CaseEvidence, LostMonitor, MonitorRestoreCapture, MonitorsCapture } from '../../../src/evidence/evidence.js';
import type { StationMonitor } from '../../../src/evidence/station-monitors.js';
import { makeCallCapture, makeCase, makeEvidence, makeMessage, makeMessagesCapture } from '../../helpers/evidence-fixture.js';

const connector = { name: 'Connector', evse: { id: 1, connectorId: 1 } };
const temperature = { name: 'Temperature' };
const monitor = (id: number, extra: Partial<StationMonitor> = {}): StationMonitor => ({ id, component: connector, variable: temperature, type: 'Periodic', value: 86_400, severity: 9, transaction: false, seq: 0, ...extra });
/** The manufacturer's hard-wired trip and an operator's daily report. */
const hardWired = monitor(1, { type: 'UpperThreshold', value: 80, severity: 2 });
const daily = monitor(6);

function restore(custom: LostMonitor[], extra: Partial<MonitorRestoreCapture> = {}): MonitorRestoreCapture {
  return { kind: 'monitor-restore', found: { count: 2, complete: true }, present: { status: 'Accepted', complete: true, count: 1 }, verified: { status: 'Accepted', complete: true, count: 2 }, custom, manufacturer: [], seqs: [60, 61], ...extra };
}

/** The monitoring-preflight report of the station as found. */
function preflight(monitors: StationMonitor[]): CaseEvidence {
  const monitor = monitors.map((m) => ({ component: m.component, variable: m.variable, variableMonitoring: [{ id: m.id, transaction: m.transaction, value: m.value, type: m.type, severity: m.severity }] }));
  return makeCase('monitoring-preflight', { captures: { 'baseline-report': makeMessagesCapture('NotifyMonitoringReport', [makeMessage(10, 'NotifyMonitoringReport', { requestId: 1, seqNo: 0, generatedAt: '2025-01-01T00:00:00Z', monitor })]) } });
}

/** The cleanup-verified report at the end. */
function cleanupVerified(monitors: StationMonitor[], complete = true): CaseEvidence {
  const finalReport: MonitorsCapture = { kind: 'monitors', status: 'Accepted', complete, monitors, unusedId: 987_654, seqs: [90, 91] };
  return makeCase('cleanup-verified', { captures: { 'final-report': finalReport } });
}

const bases = (capture: MonitorRestoreCapture): CaseEvidence => makeCase('monitoring-bases', { captures: { 'restore-monitors': capture } });

function judge(cases: CaseEvidence[]): CheckResult {
  const result = monitorsLeftAsFound.evaluate(makeEvidence({ cases }));
  if (Array.isArray(result)) throw new Error('one result expected');
  return result;
}

describe('check monitors-left-as-found (the station left with its own monitors)', () => {
  it('has its meta', () => {
    expect(monitorsLeftAsFound.category).to.equal('monitoring');
    expect(monitorsLeftAsFound.refs).to.include.members(['N03', 'N04.FR.08', 'N04.FR.10', 'N04.FR.15', 'TC_N_06']);
  });

  it('PASS: names each re-created monitor, and the end matches the start ids aside', () => {
    const result = judge([preflight([hardWired, daily]), bases(restore([{ monitor: daily, recreate: { status: 'Accepted', id: 41 }, verifiedAs: 41 }])), cleanupVerified([hardWired, monitor(41)])]);
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.equal('monitor #6 Connector@1/1.Temperature Periodic 86400 s, severity 9: re-created as #41; at the end the station lists the 2 monitor(s) it listed before the audit (1 with a new id).');
    expect(result.seqs).to.deep.equal([60, 61, 90, 91]);
  });

  it('FAIL: the station accepted the monitor again but the complete report that followed does not list it (a yes that did nothing)', () => {
    const result = judge([bases(restore([{ monitor: daily, recreate: { status: 'Accepted', id: 41 } }]))]);
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.equal('monitor #6 Connector@1/1.Temperature Periodic 86400 s, severity 9: accepted as #41, but not listed in the report that followed.');
  });

  it('INCONCLUSIVE, not FAIL, when the report to verify did not come complete, or the station did not answer', () => {
    expect(judge([bases(restore([{ monitor: daily, recreate: { status: 'Accepted', id: 41 } }], { verified: { status: 'Accepted', complete: false, count: 0 } }))]).verdict).to.equal('INCONCLUSIVE');
    expect(judge([bases(restore([{ monitor: daily, recreate: { status: 'no answer', detail: 'no response within 30000 ms', unanswered: true } }], { verified: undefined }))]).verdict).to.equal('INCONCLUSIVE');
    const unread = judge([bases(restore([], { present: { status: 'Rejected', complete: false, count: 0 }, verified: undefined }))]);
    expect(unread.verdict).to.equal('INCONCLUSIVE');
    expect(unread.reason).to.match(/could not be read \(GetMonitoringReport Rejected\), so none of the 2 recorded before was set again/);
  });

  it('WARN, not FAIL, when the station refuses a monitor it held before: it may have its reasons (N04.FR.07)', () => {
    const result = judge([preflight([hardWired, daily]), bases(restore([{ monitor: daily, recreate: { status: 'Rejected', detail: 'ValueOutOfRange' } }])), cleanupVerified([hardWired])]);
    expect(result.verdict).to.equal('WARN');
    // The lost monitor is named once: the end-state comparison does not repeat it.
    expect(result.reason).to.equal('monitor #6 Connector@1/1.Temperature Periodic 86400 s, severity 9: could not be re-created: Rejected (ValueOutOfRange).');
  });

  it('Duplicate with the monitor back in the report is a PASS (it had it already, N04.FR.10)', () => {
    const result = judge([bases(restore([{ monitor: daily, recreate: { status: 'Duplicate' }, verifiedAs: 6 }]))]);
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.match(/back as #6 \(the station answered Duplicate: it had it already\)/);
  });

  it("a manufacturer's monitor that did not come back is named but not scored here (monitoring-bases-restored judges it)", () => {
    const result = judge([bases(restore([], { manufacturer: [monitor(5, { type: 'LowerThreshold', value: -90, severity: 6 })], verified: undefined }))]);
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.match(/^monitor #5 .*: the station's own monitor \(listed after FactoryDefault or HardWiredOnly\) did not come back/);
  });

  describe('the end against the start', () => {
    const probe = monitor(50, { type: 'Periodic', value: 3600, severity: 3 });
    const setProbe = (caseId: string): CaseEvidence =>
      makeCase(caseId, {
        captures: {
          set: makeCallCapture('SetVariableMonitoring', { setMonitoringData: [{ type: 'Periodic', value: 3600, severity: 3, component: connector, variable: temperature }] }, { response: { setMonitoringResult: [{ status: 'Accepted', id: 50, type: 'Periodic', severity: 3, component: connector, variable: temperature }] } }, [30, 31]),
        },
      });
    const clearProbe = makeCallCapture('ClearVariableMonitoring', { id: [50] }, { response: { clearMonitoringResult: [{ id: 50, status: 'Accepted' }] } }, [32, 33]);

    it("the audit's own leftover (never cleared) is named, not scored against the station", () => {
      const result = judge([preflight([hardWired]), setProbe('monitoring-clear'), cleanupVerified([hardWired, probe])]);
      expect(result.verdict).to.equal('PASS');
      expect(result.reason).to.match(/monitor #50 .*: set by the audit in monitoring-clear and not cleared by it \(the audit's leftover/);
    });

    it('a monitor the audit cleared (Accepted) that is still listed is the station\'s doing: WARN', () => {
      const cleared = setProbe('monitoring-clear');
      cleared.captures['clear'] = clearProbe;
      const result = judge([preflight([hardWired]), cleared, cleanupVerified([hardWired, probe])]);
      expect(result.verdict).to.equal('WARN');
      expect(result.reason).to.match(/monitor #50 .*: set by the audit in monitoring-clear and cleared \(Accepted, N06.FR.01\), but still listed/);
    });

    it('a monitor gone without the audit clearing or switching it off: WARN', () => {
      const result = judge([preflight([hardWired, daily]), cleanupVerified([hardWired])]);
      expect(result.verdict).to.equal('WARN');
      expect(result.reason).to.match(/monitor #6 .*: gone by the end of the audit, which neither cleared it nor switched it off/);
    });

    it('a monitor nobody in the audit set is named, not scored', () => {
      const result = judge([preflight([hardWired]), cleanupVerified([hardWired, monitor(77)])]);
      expect(result.verdict).to.equal('PASS');
      expect(result.reason).to.match(/monitor #77 .*: there at the end but not before the audit, and not set by it/);
    });

    it('an incomplete report at either end is not compared', () => {
      expect(judge([preflight([hardWired, daily]), cleanupVerified([hardWired], false)]).verdict).to.equal('NOT APPLICABLE');
    });
  });

  it('NOT APPLICABLE with nothing recorded, with the reason of a case that did not apply', () => {
    expect(judge([]).reason).to.equal('Nothing to judge: the audit recorded no monitors to compare.');
    expect(judge([makeCase('monitoring-bases', { status: 'not-applicable', reason: 'monitoring unsupported: no MonitoringCtrlr' })]).reason).to.equal('Nothing to judge: monitoring-bases did not apply (monitoring unsupported: no MonitoringCtrlr).');
  });
});
