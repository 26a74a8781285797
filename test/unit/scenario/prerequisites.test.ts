import { expect } from 'chai';
import { withPrerequisites } from '../../../src/scenario/prerequisites.js';
import { loadTestCases, type LoadedTestCase } from '../../../src/scenario/testcase-loader.js';

const catalogue = loadTestCases();
/** The selection's running order, each prerequisite marked with the cases it runs for. */
const plan = (ids: string[], userRoles: string[] = []): string[] =>
  withPrerequisites(loadTestCases(ids), catalogue, new Set(userRoles)).map((c) => (c.prerequisiteOf ? `${c.id} (for ${c.prerequisiteOf.join(', ')})` : c.id));

describe('scenario prerequisites', () => {
  it('a case that uses targets gets the FullInventory case in front of it, marked as a prerequisite', () => {
    expect(plan(['monitoring-preflight', 'events-periodic'])).to.deep.equal(['inventory-full (for events-periodic)', 'monitoring-preflight', 'events-periodic']);
    expect(plan(['variables-get-set'])).to.deep.equal(['inventory-full (for variables-get-set)', 'variables-get-set']);
  });

  it('one prerequisite for several cases, named for each', () => {
    expect(plan(['events-periodic', 'monitoring-clear'])).to.deep.equal(['inventory-full (for events-periodic, monitoring-clear)', 'events-periodic', 'monitoring-clear']);
  });

  it('a case that uses a remembered fact gets the case that remembers it, and that case its own prerequisites', () => {
    expect(plan(['monitoring-custom-hard-wired'])).to.deep.equal(['inventory-full (for monitoring-bases)', 'monitoring-bases (for monitoring-custom-hard-wired)', 'monitoring-custom-hard-wired']);
    expect(plan(['cleanup-verified'])).to.deep.equal(['monitoring-preflight (for cleanup-verified)', 'cleanup-verified']);
  });

  it("an OCPP 1.6 case that needs a feature profile gets the case that reads the station's configuration", () => {
    expect(plan(['ocpp16-trigger-message'])).to.deep.equal(['ocpp16-configuration (for ocpp16-trigger-message)', 'ocpp16-trigger-message']);
    expect(plan(['ocpp16-diagnostics', 'ocpp16-logs'])).to.deep.equal(['ocpp16-configuration (for ocpp16-diagnostics, ocpp16-logs)', 'ocpp16-diagnostics', 'ocpp16-logs']);
    expect(plan(['ocpp16-heartbeat']), 'a case that reads only its own captures').to.deep.equal(['ocpp16-heartbeat']);
  });

  it('a selected provider is not added again nor marked', () => {
    expect(plan(['inventory-full', 'events-periodic'])).to.deep.equal(['inventory-full', 'events-periodic']);
    const all = withPrerequisites(catalogue, catalogue);
    expect(all.map((c) => c.id)).to.deep.equal(catalogue.map((c) => c.id));
    expect(all.filter((c) => c.prerequisiteOf)).to.deep.equal([]);
  });

  it('a case that needs nothing from others runs alone', () => {
    expect(plan(['monitoring-preflight', 'inventory-summary'])).to.deep.equal(['inventory-summary', 'monitoring-preflight']);
  });

  it('a target the user gave stands in for the device model where only its address is used', () => {
    // events-periodic names only targets.monitorable.component/variable.
    expect(plan(['events-periodic'], ['monitorable'])).to.deep.equal(['events-periodic']);
    // events-threshold also writes targets.numeric.above, which only the device model gives.
    expect(plan(['events-threshold'], ['numeric'])).to.deep.equal(['inventory-full (for events-threshold)', 'events-threshold']);
    expect(plan(['events-periodic'], ['numeric'])).to.deep.equal(['inventory-full (for events-periodic)', 'events-periodic']);
  });

  it('a provider runs before a case that needs it even when its order is later', () => {
    const [periodic] = loadTestCases(['events-periodic']);
    if (!periodic) throw new Error('events-periodic is missing from the catalogue');
    const early: LoadedTestCase = { ...periodic, id: 'early-periodic', order: 5 };
    expect(withPrerequisites([early], catalogue).map((c) => c.id)).to.deep.equal(['inventory-full', 'early-periodic']);
  });

  it('does not change the loaded cases it was given', () => {
    const selected = loadTestCases(['events-periodic']);
    withPrerequisites(selected, catalogue);
    expect(selected[0]?.prerequisiteOf).to.equal(undefined);
    expect(catalogue.find((c) => c.id === 'inventory-full')?.prerequisiteOf).to.equal(undefined);
  });
});
