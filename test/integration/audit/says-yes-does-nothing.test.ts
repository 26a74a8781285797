import { expect } from 'chai';
import { auditStation, type AuditOutcome } from '../../../src/audit/audit-station.js';
import type { CheckResult } from '../../../src/checks/check.js';
import type { AuditResult } from '../../../src/result/audit-result.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { loadStationProfile } from '../../../src/simulator/station-profile.js';
import { testAuditOptions, useAuditBed } from '../../helpers/audit-fixture.js';
import { useStationTestbed } from '../../helpers/virtual-station-fixture.js';

/**
 * Issue 13, "a station that says yes and does nothing must not pass": the behaviour corpus's
 * accepts-everything station (the Solidstudio VCP of the field notes) and no-base-report station
 * (ocpp-go's example) audited for real, over sockets, against the verdicts that matter.
 */

/** Short windows: these stations never send what is waited for, so every wait runs out. */
const shortWindows = { caseOptions: { ...testAuditOptions().caseOptions, reportWindowS: 3, eventWindowS: 3 } };

const byId = (outcome: AuditOutcome): Record<string, CheckResult> => Object.fromEntries(outcome.result.checks.map((c) => [c.id, c]));
const describeCheck = (c: CheckResult): string => `${c.id} ${c.verdict}: ${c.reason}`;
const categoryScore = (result: AuditResult, id: string): number => result.categories?.find((c) => c.id === id)?.score ?? Number.NaN;

describe('audit: a station that says yes and does nothing does not pass', function () {
  this.timeout(90_000);
  const audit = useAuditBed();
  const cases = () => loadTestCases(['inventory-full', 'variables-get-set', 'unknown-names', 'monitoring-preflight', 'monitoring-probe', 'monitoring-custom', 'guideline-monitoring-probe']);

  it('a cleanup guard that is unmet (no monitor ids to clear) skips the rest of the cleanup: nothing the tool cannot build is attempted', async () => {
    const outcome = await audit('YES-CLEANUP', loadTestCases(['inventory-full', 'guideline-monitoring-probe']), { faults: ['accepts-everything'] }, shortWindows);
    const probeCase = outcome.evidence.cases.find((c) => c.id === 'guideline-monitoring-probe');
    const clear = probeCase?.steps.find((step) => step.id === 'clear-probes');
    expect(clear?.status, JSON.stringify(clear)).to.equal('skipped');
    expect(clear?.detail).to.match(/^not needed: step some-accepted unmet/);
    expect(probeCase?.steps.filter((step) => step.authoringError !== undefined || step.inconclusive === true).map((step) => step.id)).to.deep.equal([]);
  });

  it('accepts-everything: GetVariables without values, writes and monitors on names it lacks, monitoring without substance all FAIL', async () => {
    const outcome = await audit('YES-ALL', cases(), { faults: ['accepts-everything'] }, shortWindows);
    const checks = byId(outcome);

    // Item 8: an Accepted GetVariables result must carry its value (B06, TC_B_06).
    expect(checks['variables-get-set/get-known']?.verdict).to.equal('FAIL');
    // The probed variable is one of the station's own (the `known` target), whichever it is.
    expect(checks['variables-get-set/get-known']?.reason).to.match(
      /^the station answered GetVariables Accepted for \w+\.\w+ but returned no value \(a value may be left out only when the status is not Accepted\)$/,
    );
    // A value the station left out of an Accepted read is that finding again wherever a later step needs it, never an unjudged gap.
    expect(describeCheck(checks['variables-get-set/value-restored'])).to.match(/^variables-get-set\/value-restored FAIL: the station returned no value for \w+\.\w+, although it answered Accepted$/);

    // Item 11: Accepted for names the station does not report (B05.FR.04/05, N04.FR.03/04).
    expect(checks['unreported-names-refused/SetVariables']?.verdict).to.equal('FAIL');
    expect(checks['unreported-names-refused/SetVariables']?.reason).to.contain('AuditNoSuchComponent.AuditNoSuchVariable');
    expect(checks['unreported-names-refused/SetVariableMonitoring']?.verdict).to.equal('FAIL');
    expect(checks['unreported-names-refused/SetVariableMonitoring']?.reason).to.contain('ChargingStation.AuditNoSuchVariable');

    // Items 9 and 10: monitoring claimed but not implemented, in one check with the reasons.
    const support = checks['monitoring-support'];
    expect(support?.verdict, support && describeCheck(support)).to.equal('FAIL');
    expect(support?.details?.['verdict']).to.equal('claimed-not-implemented');
    expect(support?.reason).to.contain('SetVariableMonitoring answered Accepted without a monitor id').and.contain('GetMonitoringReport answered Accepted (N02.FR.03) and no NotifyMonitoringReport followed');

    // The guideline's preset monitors are missing for that cause, not INCONCLUSIVE; a probe monitor without an id accepts nothing.
    const presets = outcome.result.checks.filter((c) => c.id.startsWith('guideline/monitors/'));
    expect(presets.length).to.be.greaterThan(0);
    for (const check of presets) {
      expect(check.verdict, describeCheck(check)).to.be.oneOf(['FAIL', 'WARN']);
      expect(check.reason, check.id).to.match(/because the station accepted GetMonitoringReport and never sent the report$/);
    }
    const monitorability = outcome.result.checks.filter((c) => c.id.startsWith('guideline/monitoring/'));
    expect(monitorability.length).to.be.greaterThan(0);
    expect(monitorability.filter((c) => c.verdict === 'PASS').map(describeCheck)).to.deep.equal([]);
  });

  it('accepts-everything without a MonitoringCtrlr in its inventory is still probed and FAILs; its monitoring scores below the honest minimal station it is built on', async () => {
    const honest = await audit('YES-HONEST', cases(), { profile: 'minimal' }, shortWindows);
    const faking = await audit('YES-FAKE', cases(), { profile: 'minimal', faults: ['accepts-everything'] }, shortWindows);

    const honestSupport = byId(honest)['monitoring-support'];
    expect(honestSupport?.verdict).to.equal('WARN');
    expect(honestSupport?.details?.['verdict']).to.equal('unsupported');
    // An honest "unsupported" is no failure of the behaviour it says it lacks.
    expect(byId(honest)['unreported-names-refused/SetVariableMonitoring']?.verdict).to.equal('NOT APPLICABLE');

    const fakingSupport = byId(faking)['monitoring-support'];
    expect(fakingSupport?.verdict, fakingSupport && describeCheck(fakingSupport)).to.equal('FAIL');
    expect(fakingSupport?.details?.['verdict']).to.equal('claimed-not-implemented');
    expect(fakingSupport?.details?.['monitoringCtrlrReported']).to.equal(false);

    const scores = `honest ${categoryScore(honest.result, 'monitoring')}, faking ${categoryScore(faking.result, 'monitoring')}`;
    expect(categoryScore(faking.result, 'monitoring'), scores).to.be.below(categoryScore(honest.result, 'monitoring'));
  });

  it('no-base-report: GetBaseReport refused (CALLERROR NotSupported) gives definite verdicts with that one cause, not INCONCLUSIVE', async () => {
    const outcome = await audit('NO-BASE', loadTestCases(['inventory-full', 'monitoring-preflight']), { faults: ['no-base-report'] }, shortWindows);
    const checks = byId(outcome);
    expect(checks['inventory-full/accepted']?.verdict).to.equal('FAIL');
    const cause = 'the station reports no device model: it answers GetBaseReport(FullInventory) with CALLERROR NotSupported';

    const requirements = outcome.result.checks.filter((c) => /^guideline\/(components|variables|monitoring)\//.test(c.id));
    expect(requirements.length).to.be.greaterThan(50);
    for (const check of requirements) {
      expect(check.verdict, describeCheck(check)).to.be.oneOf(['FAIL', 'WARN']);
      expect(check.reason, check.id).to.contain(cause);
    }
    expect(checks['full-inventory-required-variables']).to.deep.include({ verdict: 'FAIL', reason: `No required variable is reported, because ${cause}.` });
    // The report's qualities have nothing to judge: NOT APPLICABLE, not unknown.
    for (const id of ['report-paging/inventory-full', 'characteristics-sanity', 'topology-matches-status', 'non-standard-components']) {
      expect(checks[id]?.verdict, id).to.equal('NOT APPLICABLE');
    }
    const inconclusive = outcome.result.checks.filter((c) => c.verdict === 'INCONCLUSIVE' && c.category !== 'events' && c.category !== 'monitoring');
    // Nothing remains unjudged: the report step after the refusal does not apply (the refusal is judged once, by inventory-full/accepted).
    expect(inconclusive.map((c) => c.id)).to.deep.equal([]);
    expect(checks['inventory-full/report']?.verdict).to.equal('NOT APPLICABLE');
    expect(checks['inventory-full/report']?.reason).to.match(/^not reached: step accepted unmet: no response to judge: CALLERROR NotSupported/);
  });
});

describe('audit: monitoring reports accepted and never sent', function () {
  this.timeout(60_000);
  const bed = useStationTestbed();

  it('the checks that needed the report FAIL with the cause instead of passing on nothing (N02.FR.03)', async () => {
    const csms = await bed.startCsms();
    const { station, session } = await bed.startStation(csms, 'NO-MON-REPORT', { profile: loadStationProfile('ac-wallbox') });
    // The monitors are real (ids, events); only the reports never come.
    station.addHandlers({ GetMonitoringReport: () => ({ status: 'Accepted' }) });
    const outcome = await auditStation(session, loadTestCases(['inventory-full', 'monitoring-preflight', 'monitoring-bases']), testAuditOptions(shortWindows));
    const checks = byId(outcome);
    const cause = /^the station accepted GetMonitoringReport and never sent the report \(no NotifyMonitoringReport for request \d+ within 3 s\)$/;
    for (const id of ['monitoring-bases/all-report', 'monitoring-bases/custom-in-all-report']) {
      expect(checks[id]?.verdict, id).to.equal('FAIL');
      expect(checks[id]?.reason, id).to.match(cause);
    }
    // The base switches would delete monitors that, with no list of them, could not be put back
    // (issue 13 item 21): they are not made, and their checks say why in the station's terms.
    for (const id of ['monitoring-bases/custom-gone-after-factory-default', 'monitoring-bases/custom-gone-after-hard-wired-only']) {
      expect(checks[id]?.verdict, id).to.equal('INCONCLUSIVE');
      expect(checks[id]?.reason, id).to.match(/the monitors could not be read: the station accepted GetMonitoringReport and never sent the report/);
    }
    expect(checks['monitoring-support']?.verdict).to.equal('FAIL');
  });
});
