import { expect } from 'chai';
import { withPrerequisites } from '../../../src/scenario/prerequisites.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { useAuditBed } from '../../helpers/audit-fixture.js';

/** A chosen subset of cases runs with what it needs (item 6 of issue 13), and a user's target needs no inventory. */
describe('audit: a subset of cases and its prerequisites', function () {
  const audit = useAuditBed();
  const catalogue = loadTestCases();

  it('monitoring-preflight,events-periodic: the FullInventory runs first as a prerequisite, and events-periodic is played', async () => {
    const cases = withPrerequisites(loadTestCases(['monitoring-preflight', 'events-periodic']), catalogue);
    const { evidence, result } = await audit('AUDIT-PREREQ', cases);
    expect(evidence.cases.map((c) => [c.id, c.status, c.prerequisiteOf ?? []])).to.deep.equal([
      ['inventory-full', 'completed', ['events-periodic']],
      ['monitoring-preflight', 'completed', []],
      ['events-periodic', 'completed', []],
    ]);
    const periodic = result.checks.filter((c) => c.id.startsWith('events-periodic/'));
    expect(periodic.length).to.be.greaterThan(0);
    expect(periodic.filter((c) => c.verdict !== 'PASS').map((c) => `${c.id} ${c.verdict}: ${c.reason}`)).to.deep.equal([]);
  });

  it('--target without a FullInventory: the user’s variable is the target, no inventory is collected, the case is played', async () => {
    const targets = { monitorable: { component: { name: 'DataLink' }, variable: { name: 'SignalStrength' } } };
    const cases = withPrerequisites(loadTestCases(['events-periodic']), catalogue, new Set(Object.keys(targets)));
    expect(cases.map((c) => c.id)).to.deep.equal(['events-periodic']);
    const { evidence, result } = await audit('AUDIT-USER-TARGET', cases, {}, { targets });
    expect(evidence.deviceModel.entries).to.deep.equal([]);
    expect(evidence.targets).to.deep.equal([
      { role: 'monitorable', component: { name: 'DataLink' }, variable: { name: 'SignalStrength' }, source: 'user', reason: 'chosen by the user (no FullInventory to check it against)' },
    ]);
    expect(evidence.cases[0]?.status).to.equal('completed');
    const periodic = result.checks.filter((c) => c.id.startsWith('events-periodic/'));
    expect(periodic.filter((c) => c.verdict !== 'PASS').map((c) => `${c.id} ${c.verdict}: ${c.reason}`)).to.deep.equal([]);
  });
});
