import { expect } from 'chai';
import type { AuditOutcome } from '../../../src/audit/audit-station.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { useAuditBed } from '../../helpers/audit-fixture.js';

/** The category score of an audit, by category id. */
function category(outcome: AuditOutcome, id: string): number {
  const found = outcome.result.categories?.find((c) => c.id === id);
  if (!found) throw new Error(`no category ${id} in ${outcome.result.station.identity}'s result`);
  if (typeof found.score !== 'number') throw new Error(`category ${id} of ${outcome.result.station.identity} has no score`);
  return found.score;
}

/**
 * Issue 13, "honest ranking": over the whole catalogue, small firmware that says plainly what it
 * does not do must rank above firmware that says yes to everything and does nothing. Both run on
 * the `minimal` profile (no MonitoringCtrlr); the honest one also lacks the fixed variables a
 * naive audit would write (tiny-model), the other one has them all.
 */
describe('audit: honest ranking over the whole catalogue (issue 13)', function () {
  this.timeout(600_000);
  const audit = useAuditBed();

  it('the honest tiny firmware scores higher on monitoring behaviour and overall than the accepts-everything station, with no INCONCLUSIVE of its own', async () => {
    const cases = loadTestCases();
    const honest = await audit('RANK-HONEST-TINY', cases, { profile: 'minimal', faults: ['tiny-model'] });
    const yesSayer = await audit('RANK-ACCEPTS-EVERYTHING', cases, { profile: 'minimal', faults: ['accepts-everything'] });

    const monitoring = { honest: category(honest, 'monitoring'), yesSayer: category(yesSayer, 'monitoring') };
    expect(monitoring.honest, JSON.stringify(monitoring)).to.be.greaterThan(monitoring.yesSayer);
    expect(honest.result.score, 'the honest station is scored').to.be.a('number');
    expect(yesSayer.result.score, 'the yes-sayer is scored').to.be.a('number');
    const overall = { honest: honest.result.score ?? 0, yesSayer: yesSayer.result.score ?? 0 };
    expect(overall.honest, JSON.stringify(overall)).to.be.greaterThan(overall.yesSayer);

    // Everything the honest station did can be judged: an INCONCLUSIVE here would be the tool's
    // own doing (a probe it could not build, a wait it could not end), never the station's.
    const unjudged = honest.result.checks.filter((check) => check.verdict === 'INCONCLUSIVE').map((check) => `${check.id}: ${check.reason}`);
    expect(unjudged).to.deep.equal([]);
    // Its FAILs are about what it lacks against the guideline, never a probe of a variable it does not have.
    const toolShaped = honest.result.checks.filter((check) => check.verdict === 'FAIL' && /OfflineThreshold|HeartbeatInterval|ItemsPerMessage/.test(check.reason) && !check.id.startsWith('guideline/') && check.id !== 'full-inventory-required-variables');
    expect(toolShaped.map((check) => `${check.id}: ${check.reason}`)).to.deep.equal([]);

    // The yes-sayer is caught where it claims what it does not do.
    const verdictOf = (id: string): string | undefined => yesSayer.result.checks.find((check) => check.id === id)?.verdict;
    expect(verdictOf('monitoring-support')).to.equal('FAIL');
  });
});
