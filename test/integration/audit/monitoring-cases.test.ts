import { appliesToVersion } from '../../../src/evidence/ocpp-version.js';
import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { loadTestCases, type LoadedTestCase } from '../../../src/scenario/testcase-loader.js';
import { testAuditOptions, useAuditBed } from '../../helpers/audit-fixture.js';
import { editedProfile } from '../../helpers/virtual-station-fixture.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROFILE_DIRECTORY } from '../../../src/simulator/station-profile.js';

/** The monitoring and events catalogue, with the FullInventory case its targets come from. */
/** The monitoring catalogue of a 2.0.1 station (the 2.1 cases, target monitors and streams, are not its). */
function monitoringCatalogue(): LoadedTestCase[] {
  return loadTestCases(['inventory-full', 'monitoring-*', 'events-*', 'cleanup-verified']).filter((testCase) => appliesToVersion(testCase, '2.0.1'));
}

/** The checks the given cases declare on their steps (`<case>/<step>`). */
function declaredChecks(checks: readonly CheckResult[], cases: readonly LoadedTestCase[]): CheckResult[] {
  const ids = new Set(cases.filter((c) => c.id !== 'inventory-full').map((c) => c.id));
  return checks.filter((check) => ids.has(check.id.split('/')[0] ?? '') && check.id.includes('/'));
}

const describeCheck = (c: CheckResult): string => `${c.id} ${c.verdict}: ${c.reason}`;

describe('audit: monitoring and events cases against good virtual stations', function () {
  // The periodic and clock-aligned measurements take several of their intervals, set mid-interval.
  this.timeout(90_000);
  const audit = useAuditBed();

  for (const profile of ['ac-wallbox', 'dc-fast', 'hpc']) {
    it(`${profile}: every declared check passes, and no code check fails or warns`, async () => {
      const cases = monitoringCatalogue();
      const { evidence, result } = await audit(`AUDIT-MON-${profile}`, cases, { profile });
      const declared = declaredChecks(result.checks, cases);
      expect(declared.length).to.be.greaterThan(60);

      const notPassed = declared.filter((c) => c.verdict !== 'PASS' && !c.id.startsWith('events-threshold-reading/'));
      expect(notPassed.map(describeCheck)).to.deep.equal([]);
      const badCodeChecks = result.checks.filter((c) => !c.id.includes('/') && (c.verdict === 'FAIL' || c.verdict === 'WARN'));
      expect(badCodeChecks.map(describeCheck)).to.deep.equal([]);
      for (const id of ['monitoring-support', 'periodic-timing', 'clock-aligned-timing', 'notify-event-fields', 'liveness']) {
        expect(result.checks.find((c) => c.id === id)?.verdict, id).to.equal('PASS');
      }
      // The non-numeric Delta case has its target now: a writable, monitorable boolean.
      expect(evidence.targets.find((t) => t.role === 'nonNumeric')?.variable.name).to.equal('StopTxOnInvalidId');

      // Every case ran to the end, the hard-wired cases with the monitor monitoring-bases found.
      const statuses = Object.fromEntries(evidence.cases.map((c) => [c.id, c.status]));
      // The live-reading fallback is only for stations where nothing can be written.
      for (const testCase of cases) expect(statuses[testCase.id], testCase.id).to.equal(testCase.id === 'events-threshold-reading' ? 'not-applicable' : 'completed');
      // Every cleanup ran without an unresolved reference, and the station answered after each case.
      const cleanupProblems = evidence.cases.flatMap((c) => c.steps.filter((s) => s.phase === 'cleanup' && s.status !== 'ok').map((s) => `${c.id}/${s.id}: ${s.detail}`));
      expect(cleanupProblems).to.deep.equal([]);
      expect(evidence.liveness.filter((p) => !p.ok)).to.deep.equal([]);
      expect(evidence.liveness.map((p) => p.afterCase)).to.include.members(['monitoring-preflight', 'monitoring-bases', 'events-periodic', 'monitoring-level', 'cleanup-verified']);

      // The periodic cases leave what the timing checks read: `set` and `events` (periodicIntervals of them).
      for (const id of ['events-periodic', 'events-clock-aligned']) {
        const captures = evidence.cases.find((c) => c.id === id)?.captures;
        expect(captures?.['set']?.kind, id).to.equal('call');
        const events = captures?.['events'];
        expect(events?.kind === 'messages' ? events.messages.length : -1, id).to.equal(testAuditOptions().caseOptions['periodicIntervals']);
      }
    });
  }

  it('minimal (no monitoring): the behaviour cases are NOT APPLICABLE as unsupported, and monitoring-support alone says so (WARN)', async () => {
    const cases = monitoringCatalogue();
    const { evidence, result } = await audit('AUDIT-MON-MIN', cases, { profile: 'minimal' });
    const declared = declaredChecks(result.checks, cases);

    // The preflight records and judges nothing itself: an honest "unsupported" fails no behaviour it says it lacks.
    expect(declared.filter((c) => c.id.startsWith('monitoring-preflight/'))).to.deep.equal([]);
    expect(declared.length).to.be.greaterThan(50);
    for (const check of declared) {
      expect(check.verdict, check.id).to.equal('NOT APPLICABLE');
      expect(check.reason, check.id).to.match(/^monitoring unsupported: the station answers GetMonitoringReport with CALLERROR NotSupported$/);
    }
    const support = result.checks.find((c) => c.id === 'monitoring-support');
    expect(support?.verdict).to.equal('WARN');
    expect(support?.reason).to.match(/^monitoring unsupported: the device model has no MonitoringCtrlr and the station answers GetMonitoringReport with CALLERROR NotSupported/);
    expect(evidence.cases.find((c) => c.id === 'monitoring-preflight')?.status).to.equal('completed');
  });

  it('monitoring switched off (MonitoringCtrlr.Enabled false): monitoring-support tells disabled from unsupported, the other cases say disabled', async () => {
    const document = JSON.parse(readFileSync(join(PROFILE_DIRECTORY, 'ac-wallbox.json'), 'utf8')) as { $schema?: string; components: Array<{ name: string; variables: Array<{ name: string; value?: string }> }> };
    delete document.$schema;
    const enabled = document.components.find((c) => c.name === 'MonitoringCtrlr')?.variables.find((v) => v.name === 'Enabled');
    if (!enabled) throw new Error('ac-wallbox has no MonitoringCtrlr.Enabled');
    enabled.value = 'false';
    const profile = join(mkdtempSync(join(tmpdir(), 'profile-')), 'ac-wallbox-monitoring-off.json');
    writeFileSync(profile, JSON.stringify(document));

    const cases = loadTestCases(['inventory-full', 'monitoring-preflight', 'monitoring-probe', 'monitoring-custom', 'events-threshold']);
    const { result } = await audit('AUDIT-MON-OFF', cases, { profile }, { caseOptions: { eventWindowS: 3 } });
    const verdicts = Object.fromEntries(declaredChecks(result.checks, cases).map((c) => [c.id, c]));
    // The probe monitor is taken and stays silent: switched off, not claimed without being implemented.
    const support = result.checks.find((c) => c.id === 'monitoring-support');
    expect(support?.verdict, support?.reason).to.equal('WARN');
    expect(support?.details?.['verdict']).to.equal('disabled');
    expect(verdicts['events-threshold/alert']?.verdict).to.equal('NOT APPLICABLE');
    expect(verdicts['events-threshold/alert']?.reason).to.match(/^monitoring disabled: MonitoringCtrlr.Enabled is false/);
    expect(verdicts['monitoring-custom/set-one-accepted']?.reason).to.match(/^monitoring disabled/);
  });

  it('nothing writable to monitor: the threshold goes just below a live reading instead, and alerts at once', async () => {
    // ac-wallbox with its writable numbers made unmonitorable, so no "numeric" target exists.
    const profile = editedProfile('ac-wallbox', (document) => {
      for (const component of document['components'] as Array<{ name: string; variables: Array<{ name: string; supportsMonitoring?: boolean }> }>) {
        if (component.name !== 'OCPPCommCtrlr') continue;
        for (const variable of component.variables) if (variable.name === 'HeartbeatInterval' || variable.name === 'OfflineThreshold') variable.supportsMonitoring = false;
      }
    });
    const cases = loadTestCases(['inventory-full', 'events-threshold', 'events-threshold-reading']);
    // Sensors frozen after their first reading, so the reading cannot slip under the threshold meanwhile.
    const { evidence, result } = await audit('AUDIT-MON-READING', cases, { profile: profile.file, sensorIntervalMs: 3_600_000 });
    expect(evidence.missingTargets.map((m) => m.role)).to.include('numeric');
    expect(evidence.cases.find((c) => c.id === 'events-threshold')?.reason).to.equal('the station reports no writable, monitorable integer or decimal');
    const declared = declaredChecks(result.checks, cases).filter((c) => c.id.startsWith('events-threshold-reading/'));
    expect(declared.map(describeCheck)).to.have.length(2);
    for (const check of declared) expect(check.verdict, describeCheck(check)).to.equal('PASS');
  });
});
