import { expect } from 'chai';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { useAuditBed } from '../../helpers/audit-fixture.js';

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
});
