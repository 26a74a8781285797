import { expect } from 'chai';
import type { CheckResult, Verdict } from '../../../src/checks/check.js';
import { attributeRootCauses } from '../../../src/scoring/root-causes.js';
import { scoreChecks } from '../../../src/scoring/score.js';
import { loadScoringConfig } from '../../../src/scoring/scoring-config.js';

const check = (id: string, verdict: Verdict, reason: string, category = 'device-model'): CheckResult => ({ id, title: id, refs: [], category, verdict, reason, seqs: [] });
const causes = (checks: CheckResult[]): Record<string, string | undefined> => Object.fromEntries(attributeRootCauses(checks).map((c) => [c.id, c.causedBy]));

describe('root causes: one cause weighs once (issue 15 item 3)', () => {
  it('a component not reported is the root of its variables that are not reported', () => {
    const checks = [
      check('guideline/components/MonitoringCtrlr', 'FAIL', 'MonitoringCtrlr not reported; …'),
      check('guideline/variables/MonitoringCtrlr.Enabled', 'FAIL', 'MonitoringCtrlr.Enabled not reported (the station reports no MonitoringCtrlr at all); …'),
      check('guideline/variables/MonitoringCtrlr.ActiveMonitoringLevel', 'WARN', 'MonitoringCtrlr.ActiveMonitoringLevel not reported (the station reports no MonitoringCtrlr at all); …'),
      // Reported with the wrong unit: its own finding, not the component's.
      check('guideline/variables/EVSE.Power', 'WARN', 'EVSE.Power reported, but with unit kW (expected W)'),
    ];
    expect(causes(checks)).to.deep.equal({
      'guideline/components/MonitoringCtrlr': undefined,
      'guideline/variables/MonitoringCtrlr.Enabled': 'guideline/components/MonitoringCtrlr',
      'guideline/variables/MonitoringCtrlr.ActiveMonitoringLevel': 'guideline/components/MonitoringCtrlr',
      'guideline/variables/EVSE.Power': undefined,
    });
  });

  it('without a component line, the first missing variable of a component is the root of the others', () => {
    const checks = [check('guideline/variables/SampledDataCtrlr.Enabled', 'FAIL', 'SampledDataCtrlr.Enabled not reported (the station reports no SampledDataCtrlr at all); …'), check('guideline/variables/SampledDataCtrlr.TxUpdatedInterval', 'FAIL', 'SampledDataCtrlr.TxUpdatedInterval not reported (the station reports no SampledDataCtrlr at all); …')];
    expect(causes(checks)['guideline/variables/SampledDataCtrlr.TxUpdatedInterval']).to.equal('guideline/variables/SampledDataCtrlr.Enabled');
    // One missing variable alone is its own finding; so are variables missing from a component that is there.
    expect(causes([checks[0]])['guideline/variables/SampledDataCtrlr.Enabled']).to.equal(undefined);
    const present = [check('guideline/variables/EVSE.Problem', 'FAIL', 'EVSE.Problem not reported; …'), check('guideline/variables/EVSE.Power', 'FAIL', 'EVSE.Power not reported; …')];
    expect(causes(present)).to.deep.equal({ 'guideline/variables/EVSE.Problem': undefined, 'guideline/variables/EVSE.Power': undefined });
  });

  it('monitors claimed but never firing: every empty wait for their events follows from monitoring-support', () => {
    const checks = [
      check('monitoring-support', 'FAIL', 'claimed but not implemented: the Periodic monitor it accepted on EVSE.Power (id 7) never sent a NotifyEvent (0 of 1 NotifyEvent within 15 s)', 'monitoring'),
      check('events-threshold/fired', 'FAIL', '0 of 1 NotifyEvent within 20 s', 'events'),
      check('monitoring-level/severe-after', 'FAIL', '0 of 2 NotifyEvent within 20 s', 'monitoring'),
      check('periodic-timing', 'INCONCLUSIVE', 'Only 0 event(s) of the periodic monitor were collected; at least 3 are needed to judge its interval.', 'events'),
      check('monitoring-custom/accepted', 'FAIL', 'SetVariableMonitoring was answered with status "Rejected", not "Accepted"', 'monitoring'),
    ];
    const found = causes(checks);
    expect(found['events-threshold/fired']).to.equal('monitoring-support');
    expect(found['monitoring-level/severe-after']).to.equal('monitoring-support');
    expect(found['periodic-timing']).to.equal('monitoring-support');
    expect(found['monitoring-custom/accepted']).to.equal(undefined);
    // The same empty waits without the root stay findings of their own.
    expect(causes(checks.slice(1))['events-threshold/fired']).to.equal(undefined);
  });

  it('a FullInventory cut off is the root of the requirements it left unknown', () => {
    const checks = [check('inventory-full/report', 'FAIL', 'the report stopped with tbc=true', 'inventory'), check('guideline/variables/EVSE.Power', 'INCONCLUSIVE', 'EVSE.Power not among the items that arrived: unknown (report incomplete): …; the cut-off is judged once, by inventory-full/report')];
    expect(causes(checks)['guideline/variables/EVSE.Power']).to.equal('inventory-full/report');
  });

  it('a follower keeps its verdict and reason, and does not weigh in the score: the cause weighs once', () => {
    const config = loadScoringConfig();
    const root = check('guideline/components/MonitoringCtrlr', 'FAIL', 'MonitoringCtrlr not reported; …');
    const followers = Array.from({ length: 8 }, (_, i) => check(`guideline/variables/MonitoringCtrlr.V${i}`, 'FAIL', `MonitoringCtrlr.V${i} not reported (the station reports no MonitoringCtrlr at all); …`));
    const passes = Array.from({ length: 9 }, (_, i) => check(`guideline/variables/EVSE.P${i}`, 'PASS', 'reported'));
    const attributed = attributeRootCauses([root, ...followers, ...passes]);
    expect(attributed.filter((c) => c.verdict === 'FAIL')).to.have.length(9);
    expect(attributed.find((c) => c.id === 'guideline/variables/MonitoringCtrlr.V3')?.reason).to.equal('MonitoringCtrlr.V3 not reported (the station reports no MonitoringCtrlr at all); …');
    const once = scoreChecks(attributed, config).categories.find((c) => c.id === 'device-model');
    const nineTimes = scoreChecks([root, ...followers, ...passes], config).categories.find((c) => c.id === 'device-model');
    expect(once?.score).to.equal(90);
    expect(nineTimes?.score).to.equal(50);
  });
});
