import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { evidenceFixtures, goldenFile, goldenViewModelFile, rescore, viewModelOf } from '../../fixtures/evidence/golden.js';

describe('golden results: re-scoring checked-in evidence reproduces the checked-in result.json', () => {
  it('has fixtures', () => {
    expect(evidenceFixtures()).to.include.members(['ac-wallbox.evidence.json', 'minimal.evidence.json']);
  });

  for (const fixture of evidenceFixtures()) {
    it(`${fixture} (npm run golden:update after an intended change)`, () => {
      const golden = readFileSync(goldenFile(fixture), 'utf8');
      // Byte-identical, not just deep-equal: scoring must be deterministic.
      expect(`${JSON.stringify(rescore(fixture), null, 2)}\n`).to.equal(golden);
    });
  }

  for (const fixture of evidenceFixtures()) {
    it(`${fixture}: the scorecard view model matches its golden file (what the page shows, not its HTML)`, () => {
      const golden = JSON.parse(readFileSync(goldenViewModelFile(fixture), 'utf8')) as Record<string, unknown>;
      expect(JSON.parse(JSON.stringify({ ...viewModelOf(fixture), resultJson: '(result.json)' }))).to.deep.equal(golden);
    });
  }

  it('scores the OCPP 1.6 station against ocpp-16-baseline, in the 1.6 categories, with the upgrade verdict and no device-model sections', () => {
    const ocpp16 = JSON.parse(readFileSync(goldenFile('ocpp16.evidence.json'), 'utf8')) as ReturnType<typeof rescore>;
    expect(ocpp16.guideline).to.deep.include({ id: 'ocpp-16-baseline', archetype: 'any', how: 'detected' });
    expect(ocpp16.categories?.map((c) => c.id)).to.deep.equal(['protocol', 'configuration', 'diagnostics', 'events', 'robustness']);
    expect(ocpp16.grade).to.be.a('string');
    expect(ocpp16.mustHaves?.items.map((m) => m.check)).to.have.members(['protocol-conformance', 'guideline/configurationKeys/SupportedFeatureProfiles', 'guideline/messages/GetConfiguration', 'guideline/messages/StatusNotification']);
    expect(ocpp16.upgrade).to.deep.include({ from: '1.6', to: '2.0.1' });
    expect(ocpp16.upgrade?.gains).to.include.members(['inventory', 'monitors', 'fault-events', 'logs']);
    expect(ocpp16.topology).to.equal(undefined);
    expect(ocpp16.monitorability).to.equal(undefined);
  });

  it('scores the wallbox high against its own archetype and the minimal station low, naming what is missing', () => {
    const wallbox = JSON.parse(readFileSync(goldenFile('ac-wallbox.evidence.json'), 'utf8')) as ReturnType<typeof rescore>;
    const minimal = JSON.parse(readFileSync(goldenFile('minimal.evidence.json'), 'utf8')) as ReturnType<typeof rescore>;
    expect(wallbox.guideline).to.deep.include({ id: 'ac-wallbox', how: 'detected' });
    expect(wallbox.score).to.be.at.least(85);
    expect(minimal.guideline?.archetype).to.equal('ac-wallbox');
    expect(minimal.score).to.be.below((wallbox.score ?? 0) - 20);
    const missing = minimal.checks.filter((c) => c.id.startsWith('guideline/components/') && c.verdict !== 'PASS').map((c) => c.reason);
    expect(missing.join("\n")).to.match(/RCD missing at EVSE 1/);
    expect(minimal.categories?.find((c) => c.id === 'monitorability')?.score).to.equal(0);
  });
});
