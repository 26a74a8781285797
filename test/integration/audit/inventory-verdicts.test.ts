import { expect } from 'chai';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { useAuditBed } from '../../helpers/audit-fixture.js';
import { editedProfile } from '../../helpers/virtual-station-fixture.js';

/** The ac-wallbox at 22 kW (three phases, Type 2) that also reports a CHAdeMO controller. */
function wallboxWithChademo(): ReturnType<typeof editedProfile> {
  return editedProfile('ac-wallbox', (document) => {
    const components = document['components'] as Array<{ name: string; variables: Array<Record<string, unknown>> }>;
    const power = components.find((c) => c.name === 'EVSE')?.variables.find((v) => v['name'] === 'Power');
    if (power) power['maxLimit'] = 22_000;
    components.push({ name: 'CHAdeMOCtrlr', variables: [{ name: 'Enabled', dataType: 'boolean', mutability: 'ReadOnly', value: 'false' }] });
  });
}

/** Issue 13: verdicts on inventories as real stations send them, against the real virtual station. */
describe('audit: inventory verdicts on field behaviours', function () {
  const audit = useAuditBed();

  it('evse-id-zero: EVSE 0 and connector 0 are one topology finding, not an EVSE whose required variables are missing', async () => {
    const { result } = await audit('AUDIT-EVSE0', loadTestCases(['inventory-full']), { faults: ['evse-id-zero'] });
    const required = result.checks.find((c) => c.id === 'full-inventory-required-variables');
    expect(required?.verdict, required?.reason).to.equal('PASS');
    expect(required?.details?.['ignoredInvalidIds']).to.deep.equal(['EVSE@0', 'Connector@1/0']);
    const topology = result.checks.find((c) => c.id === 'topology-matches-status');
    expect(topology?.verdict).to.equal('FAIL');
    expect(topology?.reason).to.contain('EVSE@0').and.contain('Connector@1/0').and.contain('count from 1');
    expect(result.checks.filter((c) => /EVSE@?0\b|EVSE 0\b/.test(c.reason) && c.id !== 'topology-matches-status').map((c) => c.id)).to.deep.equal([]);
  });

  it('one CHAdeMOCtrlr in an AC, three-phase, 22 kW wallbox: scored as an ac-wallbox, the evidence and the confidence in result.json', async () => {
    const { result } = await audit('AUDIT-CHADEMO', loadTestCases(['inventory-full']), { profile: wallboxWithChademo() });
    expect(result.guideline).to.deep.include({ id: 'ac-wallbox', archetype: 'ac-wallbox', how: 'detected', archetypeConfidence: 'medium' });
    expect(result.guideline?.reason).to.match(/^AC evidence: SupplyPhases 3 on EVSE 1, AC connector type sType2, EVSE power up to 22 kW.*; DC evidence: a CHAdeMO controller \(CHAdeMOCtrlr\), outweighed 8 to 2 \(medium confidence\)$/);
    expect(result.guideline?.archetypeSignals).to.deep.include({ points: 'dc', weight: 2, what: 'a CHAdeMO controller (CHAdeMOCtrlr)' });
  });

  for (const fault of ['report-stops-tbc', 'disconnect-mid-report'] as const) {
    it(`${fault}: the cut-off FullInventory is judged once; what it never reached is "unknown (report incomplete)", not missing`, async () => {
      const { evidence, result } = await audit(`AUDIT-CUT-${fault}`, loadTestCases(['inventory-full']), { faults: [fault] }, { caseOptions: { reportWindowS: 3 } });
      expect(evidence.deviceModel.complete).to.equal(false);
      expect(evidence.deviceModel.entries.length).to.be.greaterThan(0);
      // The one finding: the case's own check (INCONCLUSIVE instead when the station was still away as the window ended).
      const findings = result.checks.filter((c) => c.verdict === 'FAIL' || (c.verdict === 'WARN' && /not reported|missing at|cannot be monitored/.test(c.reason)));
      expect(findings.map((c) => c.id)).to.deep.equal(fault === 'report-stops-tbc' ? ['inventory-full/report'] : findings.length ? ['inventory-full/report'] : []);
      expect(result.checks.find((c) => c.id === 'report-paging/inventory-full')).to.deep.include({ verdict: 'INCONCLUSIVE' });
      const unknown = result.checks.filter((c) => c.id.startsWith('guideline/') && c.reason.includes('unknown (report incomplete)'));
      expect(unknown.length).to.be.greaterThan(0);
      for (const check of unknown) expect(check.verdict, check.id).to.equal('INCONCLUSIVE');
      expect(result.topology?.station.filter((c) => c.status === 'missing')).to.deep.equal([]);
      const cells = (result.monitorability ?? []).flatMap((row) => Object.values(row.cells).map((cell) => cell.state));
      expect(cells).to.include('unknown');
      expect(cells).to.not.include('not present');
    });
  }

  it('report content: the ac-wallbox answers GetReport with what was asked and a summary that is one; report-criteria-ignored and summary-full-model are found', async () => {
    const cases = loadTestCases(['inventory-full', 'inventory-summary', 'inventory-custom-report']);
    const honest = await audit('AUDIT-CONTENT', cases);
    const verdicts = (result: typeof honest.result, prefix: string): string[] => result.checks.filter((c) => c.id.startsWith(prefix)).map((c) => `${c.id} ${c.verdict}`);
    expect(verdicts(honest.result, 'custom-report-filters/')).to.deep.equal(['custom-report-filters/by-variable PASS', 'custom-report-filters/whole-component PASS', 'custom-report-filters/criteria PASS']);
    expect(verdicts(honest.result, 'report-paging/inventory-custom-report/')).to.deep.equal([
      'report-paging/inventory-custom-report/by-variable PASS',
      'report-paging/inventory-custom-report/whole-component PASS',
      'report-paging/inventory-custom-report/criteria NOT APPLICABLE',
    ]);
    expect(honest.result.checks.find((c) => c.id === 'summary-inventory')?.verdict).to.equal('PASS');

    const faulty = await audit('AUDIT-CONTENT-BAD', cases, { faults: ['report-criteria-ignored', 'summary-full-model'] });
    const criteria = faulty.result.checks.find((c) => c.id === 'custom-report-filters/criteria');
    expect(criteria?.verdict).to.equal('FAIL');
    expect(criteria?.reason).to.contain('do not meet Problem').and.contain('(Problem false)');
    const summary = faulty.result.checks.find((c) => c.id === 'summary-inventory');
    expect(summary?.verdict).to.equal('FAIL');
    expect(summary?.reason).to.contain('returned its whole device model for SummaryInventory');
    expect(faulty.result.checks.find((c) => c.id === 'report-paging/inventory-custom-report/criteria')?.verdict).to.equal('PASS');
  });

  it('not-implemented-known: NotImplemented for known actions is one WARN citing OCPP-J, and is read as "not supported" (monitoring cases NOT APPLICABLE, not failed)', async () => {
    const { evidence, result } = await audit('AUDIT-NI', loadTestCases(['inventory-full', 'monitoring-preflight', 'events-threshold']), { faults: ['not-implemented-known'] });
    const semantics = result.checks.find((c) => c.id === 'error-code-semantics');
    expect(semantics?.verdict).to.equal('WARN');
    expect(semantics?.reason).to.contain('CALLERROR NotImplemented to 1 OCPP 2.0.1 action it should know: GetMonitoringReport').and.contain('OCPP-J (Part 4, RPC framework)').and.contain('NotSupported');
    expect(semantics?.details).to.deep.include({ readAs: 'not supported', semantics: 'NotImplemented for known actions', notImplemented: ['GetMonitoringReport'] });
    expect(semantics?.seqs.length).to.be.greaterThan(0);
    const threshold = evidence.cases.find((c) => c.id === 'events-threshold');
    expect(threshold?.status).to.equal('not-applicable');
    expect(threshold?.reason).to.contain('monitoring unsupported').and.contain('NotImplemented');
    const thresholdVerdicts = result.checks.filter((c) => c.id.startsWith('events-threshold/')).map((c) => c.verdict);
    expect(thresholdVerdicts).to.have.length.greaterThan(1);
    expect(new Set(thresholdVerdicts)).to.deep.equal(new Set(['NOT APPLICABLE']));
  });

  it('an optional GetReport refused with NotImplemented (the fault) or NotSupported (correct) is not supported either way; only the code differs', async () => {
    const misnamed = await audit('AUDIT-NI-MIN', loadTestCases(['inventory-custom-report']), { profile: 'minimal', faults: ['not-implemented-known'] });
    const correct = await audit('AUDIT-NS-MIN', loadTestCases(['inventory-custom-report']), { profile: 'minimal' });
    for (const { evidence } of [misnamed, correct]) expect(evidence.cases[0]?.status).to.equal('not-applicable');
    expect(misnamed.result.checks.find((c) => c.id === 'error-code-semantics')).to.deep.include({ verdict: 'WARN' });
    expect(correct.result.checks.find((c) => c.id === 'error-code-semantics')).to.deep.include({ verdict: 'PASS', reason: 'The station refused GetReport with NotSupported, the OCPP-J code for a known action it does not support.' });
  });
});
