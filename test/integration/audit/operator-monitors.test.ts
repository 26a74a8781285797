import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { compareMonitors, describeMonitor, sameSettings, type StationMonitor } from '../../../src/evidence/station-monitors.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import type { Monitor } from '../../../src/simulator/monitoring/monitor.js';
import { MonitoringState } from '../../../src/simulator/monitoring/monitoring-state.js';
import { setOperatorMonitors } from '../../../src/simulator/station/operator-monitors.js';
import type { VirtualStation } from '../../../src/simulator/station/virtual-station.js';
import { auditStation } from '../../../src/audit/audit-station.js';
import { loadStationProfile } from '../../../src/simulator/station-profile.js';
import { testAuditOptions, useAuditBed } from '../../helpers/audit-fixture.js';
import { useStationTestbed } from '../../helpers/virtual-station-fixture.js';

/** Every case that sets, clears or switches off monitors, without the long periodic dwells. */
const CASES = [
  'inventory-full',
  'monitoring-preflight',
  'monitoring-bases',
  'monitoring-bases-restored',
  'monitoring-custom-errors',
  'monitoring-clear',
  'monitoring-clear-hard-wired',
  'guideline-monitoring-probe',
  'cleanup-verified',
];

/** The monitors the virtual station holds now, active ones, from its own state (not through the audit). */
function monitorsNow(station: VirtualStation): Array<StationMonitor & { origin: string }> {
  const state = station.monitoring;
  if (!state) throw new Error('the station has no monitoring block');
  return state.monitors().filter((m) => m.active).map((m) => ({ ...flat(m), origin: m.origin }));
}

/** What the station had before the audit: the same profile with the same operator's monitors, built apart. */
function monitorsAtStart(station: VirtualStation): { all: StationMonitor[]; operator: StationMonitor[] } {
  const state = new MonitoringState(station.profile.createModel(station.identity), station.profile.monitors);
  setOperatorMonitors(state);
  const active = state.monitors().filter((m) => m.active);
  return { all: active.map(flat), operator: active.filter((m) => m.origin === 'CustomMonitor').map(flat) };
}

function flat(m: Monitor): StationMonitor {
  return { id: m.id, component: m.component, variable: m.variable, type: m.type, value: m.value, severity: m.severity, transaction: m.transaction, seq: 0 };
}

const verdicts = (checks: readonly CheckResult[]): Record<string, string> => Object.fromEntries(checks.map((c) => [c.id, c.verdict]));

describe("audit: a station with its operator's monitors (operator-monitors)", function () {
  this.timeout(90_000);
  const audit = useAuditBed();
  const bed = useStationTestbed();

  it('monitoring-bases deletes them (N03); the audit sets each again, names each, and no verdict changes because of them', async () => {
    const cases = loadTestCases(CASES);
    const { result, station } = await audit('AUDIT-OPERATOR', cases, { faults: ['operator-monitors'] });
    const start = monitorsAtStart(station);
    // The behaviour: a daily report and an early warning on the connector temperature, a transaction-only Delta, and a changed preset.
    expect(start.operator.map((m) => `${m.type}/${m.severity}/${m.transaction}`)).to.have.members(['Periodic/9/false', 'UpperThreshold/4/false', 'Delta/6/true', 'UpperThreshold/4/false']);

    // The station, read back after the audit, has every monitor it started with (ids may differ) and nothing else;
    // the operator's are custom monitors again (a changed preset too, N04.FR.15).
    const now = monitorsNow(station);
    for (const monitor of start.operator) expect(now.find((m) => sameSettings(m, monitor))?.origin, describeMonitor(monitor)).to.equal('CustomMonitor');
    const difference = compareMonitors(start.all, now);
    expect(difference.onlyInA.map(describeMonitor), 'lost').to.deep.equal([]);
    expect(difference.onlyInB.map(describeMonitor), 'left behind').to.deep.equal([]);

    // The cleanup check names each operator monitor and what became of it.
    const cleanup = result.checks.find((c) => c.id === 'monitors-left-as-found');
    expect(cleanup?.verdict, cleanup?.reason).to.equal('PASS');
    for (const monitor of start.operator) expect(cleanup?.reason).to.match(new RegExp(`${escape(describeMonitor(monitor))}: re-created as #\\d+`));
    expect(cleanup?.reason).to.match(/at the end the station lists the \d+ monitor\(s\) it listed before the audit \(3 with a new id\)/);

    // No verdict is decided by the operator's monitors: the same audit of the same station without them gives the same verdicts.
    const plain = await audit('AUDIT-NO-OPERATOR', cases);
    expect(verdicts(result.checks)).to.deep.equal(verdicts(plain.result.checks));
    expect(result.checks.filter((c) => c.verdict === 'FAIL').map((c) => c.id)).to.deep.equal(plain.result.checks.filter((c) => c.verdict === 'FAIL').map((c) => c.id));
  });

  it('a station that refuses to take one back: that monitor is named with the refusal, a WARN, and nothing else fails because of it', async () => {
    const csms = await bed.startCsms();
    const { station, session } = await bed.startStation(csms, 'AUDIT-OPERATOR-REFUSED', { profile: loadStationProfile('ac-wallbox'), faults: ['operator-monitors'] });
    // After FactoryDefault, the first request for the daily report is refused (as a station may, N04.FR.07).
    const setMonitoring = station.handler('SetVariableMonitoring');
    const setBase = station.handler('SetMonitoringBase');
    let armed = false;
    station.addHandlers({
      SetMonitoringBase: (payload) => {
        if (payload['monitoringBase'] === 'FactoryDefault') armed = true;
        return setBase?.(payload);
      },
      SetVariableMonitoring: async (payload) => {
        const data = payload['setMonitoringData'] as Array<{ type: string; value: number; severity: number; component: unknown; variable: unknown }>;
        const refused = armed ? data.findIndex((d) => d.type === 'Periodic' && d.value === 86_400 && d.severity === 9) : -1;
        if (refused < 0) return setMonitoring?.(payload);
        armed = false;
        const rest = data.filter((_, i) => i !== refused);
        const answered = rest.length > 0 ? ((await setMonitoring?.({ setMonitoringData: rest })) as { setMonitoringResult: unknown[] }).setMonitoringResult : [];
        const { type, severity, component, variable } = data[refused] ?? {};
        const refusal = { status: 'Rejected', type, severity, component, variable, statusInfo: { reasonCode: 'InternalError' } };
        return { setMonitoringResult: [...answered.slice(0, refused), refusal, ...answered.slice(refused)] };
      },
    });
    const { result } = await auditStation(session, loadTestCases(CASES), testAuditOptions());
    const daily = monitorsAtStart(station).operator.find((m) => m.type === 'Periodic');
    if (!daily) throw new Error('no daily report among the operator monitors');
    const cleanup = result.checks.find((c) => c.id === 'monitors-left-as-found');
    expect(cleanup?.verdict, cleanup?.reason).to.equal('WARN');
    expect(cleanup?.reason).to.match(new RegExp(`^${escape(describeMonitor(daily))}: could not be re-created: Rejected \\(InternalError\\); `));
    expect(cleanup?.reason.match(/re-created as #\d+/g)).to.have.length(3);
    // One cause, one finding: the base checks and the end state do not count the lost monitor again.
    expect(result.checks.find((c) => c.id === 'monitoring-bases-restored/same-as-before')?.verdict).to.equal('PASS');
    const plain = await audit('AUDIT-NO-OPERATOR-2', loadTestCases(CASES));
    const failed = (checks: readonly CheckResult[]): string[] => checks.filter((c) => c.verdict === 'FAIL').map((c) => c.id);
    expect(failed(result.checks)).to.deep.equal(failed(plain.result.checks));
  });

  it('Ctrl-C right after FactoryDefault deleted them: the cleanup still sets every one again', async () => {
    const csms = await bed.startCsms();
    const { station, session } = await bed.startStation(csms, 'AUDIT-OPERATOR-INTERRUPT', { profile: loadStationProfile('ac-wallbox'), faults: ['operator-monitors'] });
    const { evidence, result } = await auditStation(session, loadTestCases(['inventory-full', 'monitoring-preflight', 'monitoring-bases']), testAuditOptions(), (runner) => {
      runner.on('step', ({ caseId, step }) => {
        if (caseId === 'monitoring-bases' && step.id === 'factory-default') runner.interrupt('SIGINT received');
      });
    });
    expect(evidence.cases.find((c) => c.id === 'monitoring-bases')?.status).to.equal('inconclusive');
    const now = monitorsNow(station);
    const difference = compareMonitors(monitorsAtStart(station).all, now);
    expect(difference.onlyInA.map(describeMonitor), 'lost').to.deep.equal([]);
    expect(difference.onlyInB.map(describeMonitor), 'left behind').to.deep.equal([]);
    const cleanup = result.checks.find((c) => c.id === 'monitors-left-as-found');
    expect(cleanup?.verdict, cleanup?.reason).to.equal('PASS');
    expect(cleanup?.reason.match(/re-created as #\d+/g)).to.have.length(4);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
