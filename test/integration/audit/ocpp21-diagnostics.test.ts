import { expect } from 'chai';
import type { AuditOutcome } from '../../../src/audit/audit-station.js';
import type { CheckResult } from '../../../src/checks/check.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { testAuditOptions, useAuditBed } from '../../helpers/audit-fixture.js';

/** The test options with a shorter window for provoked events (a fault that never sends them waits it out). */
const shortEventWindow = { caseOptions: { ...testAuditOptions().caseOptions, eventWindowS: 3 } };

/** What the 2.1 cases need: the inventory (targets), the monitors as found (their severities and origins), and the cases. */
const CASES_21 = ['inventory-full', 'monitoring-preflight', 'events-threshold', 'events-target-delta', 'events-target-delta-relative', 'monitoring-target-report'];

function verdicts(outcome: AuditOutcome): Record<string, CheckResult> {
  return Object.fromEntries(outcome.result.checks.map((c) => [c.id, c]));
}

/** Verdict, reason and the first ref, for messages that say what went wrong. */
function said(check: CheckResult | undefined): string {
  return check ? `${check.verdict} [${check.refs.join(', ')}] ${check.reason}` : 'not judged';
}

describe('audit of an OCPP 2.1 station: target monitors, severities, origins, availability, device model', function () {
  this.timeout(120_000);
  const audit = useAuditBed();

  it('a clean 2.1 ac-wallbox passes the 2.1 cases and checks, and the 2.0.1 cases it plays with them', async () => {
    const cases = loadTestCases(CASES_21);
    const outcome = await audit('AUDIT21-CLEAN', cases, { ocppVersion: '2.1' }, shortEventWindow);
    expect(outcome.evidence.station.protocol?.version).to.equal('2.1');
    const checks = verdicts(outcome);
    for (const id of [
      'events-target-delta/set-accepted',
      'events-target-delta/no-event-inside',
      'events-target-delta/alert',
      'events-target-delta/cleared',
      'events-target-delta-relative/no-event-inside',
      'events-target-delta-relative/alert',
      'events-target-delta-relative/cleared',
      'monitoring-target-report/report-only-delta-kinds',
      'monitoring-target-report/report-lists-target-delta',
      'monitoring-target-report/report-lists-target-delta-relative',
      'events-threshold/alert',
      'event-severity',
      'monitoring-report-origin',
      'availability-events',
      'device-model-21',
      'non-standard-components',
      'non-standard-variables',
      'notify-event-fields',
      'protocol-conformance',
      // The guideline's 2.1 lines, judged on a 2.1 station.
      'guideline/components/DataCollector',
      'guideline/variables/OCPPCommCtrlr.ExternalConfigChangeDate',
      'guideline/variables/MonitoringCtrlr.MaxPeriodicEventStreams',
      'guideline/variables/EVSE.PhysicalParent',
      'guideline/variables/EVSE.ElectricalParent',
      'guideline/variables/Connector.PhysicalParent',
    ]) {
      expect(checks[id]?.verdict, `${id}: ${said(checks[id])}`).to.equal('PASS');
    }
    expect(outcome.evidence.targets.find((t) => t.role === 'targetDelta')).to.deep.include({ component: { name: 'Heater' }, variable: { name: 'Temperature' } });
  });

  it('target-delta-as-delta is caught by events-target-delta (N07.FR.22: no Alerting on leaving the band; N07.FR.02: never cleared); event-severity-mismatch (N07.FR.20) and no-event-notification-type (N02.FR.22) FAIL their checks', async () => {
    const cases = loadTestCases(['inventory-full', 'monitoring-preflight', 'events-threshold', 'events-target-delta']);
    const outcome = await audit('AUDIT21-FAULTS-A', cases, { ocppVersion: '2.1', faults: ['target-delta-as-delta', 'event-severity-mismatch', 'no-event-notification-type'] }, shortEventWindow);
    const checks = verdicts(outcome);
    expect(checks['events-target-delta/set-accepted']?.verdict).to.equal('PASS');
    expect(checks['events-target-delta/alert']?.verdict, said(checks['events-target-delta/alert'])).to.equal('FAIL');
    expect(checks['events-target-delta/alert']?.refs).to.include('N07.FR.22');
    expect(checks['events-target-delta/cleared']?.verdict).to.equal('FAIL');
    expect(checks['events-target-delta/cleared']?.refs).to.include('N07.FR.02');
    expect(checks['event-severity']?.verdict, said(checks['event-severity'])).to.equal('FAIL');
    expect(checks['event-severity']?.refs[0]).to.equal('N07.FR.20');
    expect(checks['event-severity']?.reason).to.match(/severity 5, but monitor \d+ has severity 4/);
    expect(checks['monitoring-report-origin']?.verdict, said(checks['monitoring-report-origin'])).to.equal('FAIL');
    expect(checks['monitoring-report-origin']?.refs[0]).to.equal('N02.FR.22');
    expect(checks['monitoring-report-origin']?.reason).to.include('no eventNotificationType');
  });

  it('target-delta-refused WARNs events-target-delta/set-accepted (N07.FR.22); no-event-severity WARNs event-severity (N07.FR.20); status-notification-only WARNs availability-events (B01.FR.05)', async () => {
    const cases = loadTestCases(['inventory-full', 'monitoring-preflight', 'events-threshold', 'events-target-delta']);
    const outcome = await audit('AUDIT21-FAULTS-B', cases, { ocppVersion: '2.1', faults: ['target-delta-refused', 'no-event-severity', 'status-notification-only'] }, shortEventWindow);
    const checks = verdicts(outcome);
    expect(checks['events-target-delta/set-accepted']?.verdict, said(checks['events-target-delta/set-accepted'])).to.equal('WARN');
    expect(checks['events-target-delta/set-accepted']?.refs).to.include('N07.FR.22');
    expect(checks['event-severity']?.verdict, said(checks['event-severity'])).to.equal('WARN');
    expect(checks['event-severity']?.refs[0]).to.equal('N07.FR.20');
    expect(checks['availability-events']?.verdict, said(checks['availability-events'])).to.equal('WARN');
    expect(checks['availability-events']?.refs[0]).to.equal('B01.FR.05');
    expect(checks['availability-events']?.reason).to.match(/^connectors whose availability came only as StatusNotification/);
  });

  it('no-2-1-device-model: device-model-21 and the guideline\'s 2.1 lines WARN, citing their 2.1 sources; the target cases are NOT APPLICABLE, saying why', async () => {
    const cases = loadTestCases(['inventory-full', 'events-target-delta']);
    const outcome = await audit('AUDIT21-NO-DM', cases, { ocppVersion: '2.1', faults: ['no-2-1-device-model'] }, shortEventWindow);
    const checks = verdicts(outcome);
    expect(checks['device-model-21']?.verdict, said(checks['device-model-21'])).to.equal('WARN');
    expect(checks['device-model-21']?.reason).to.match(/^The FullInventory has none of the OCPP 2\.1 diagnostics additions/);
    for (const id of ['guideline/components/DataCollector', 'guideline/variables/OCPPCommCtrlr.ExternalConfigChangeDate', 'guideline/variables/MonitoringCtrlr.MaxPeriodicEventStreams', 'guideline/variables/EVSE.PhysicalParent']) {
      expect(checks[id]?.verdict, `${id}: ${said(checks[id])}`).to.equal('WARN');
      expect(checks[id]?.refs).to.include('ocpp21-appendix');
    }
    expect(checks['events-target-delta/alert']?.verdict).to.equal('NOT APPLICABLE');
    expect(checks['events-target-delta/alert']?.reason).to.equal('the station reports no monitorable integer or decimal with an Actual and a Target attribute, one of them writable');
  });

  it('a 2.0.1 station is audited as before: the 2.1 cases and checks do not run', async () => {
    const cases = loadTestCases(['inventory-full', 'events-target-delta']);
    const outcome = await audit('AUDIT201-NO-21', cases, {}, shortEventWindow);
    const ids = outcome.result.checks.map((c) => c.id);
    for (const id of ['event-severity', 'monitoring-report-origin', 'availability-events', 'device-model-21', 'events-target-delta/alert', 'guideline/components/DataCollector', 'guideline/variables/EVSE.PhysicalParent']) expect(ids).not.to.include(id);
    expect(outcome.result.guideline?.sources?.map((source) => source.id) ?? []).not.to.include('ocpp21-appendix');
    expect(outcome.evidence.missingTargets.map((m) => m.role)).not.to.include('targetDelta');
  });
});
