import { expect } from 'chai';
import { unmetNeed } from '../../../src/scenario/applicability.js';
import { makeEvidence } from '../../helpers/evidence-fixture.js';

describe('scenario applicability: unless:<path>=<value>', () => {
  const context = (status: string): Record<string, unknown> => ({ captures: { 'set-valid': { response: { setVariableResult: [{ attributeStatus: status }] } } } });
  const need = { needs: ['unless:captures.set-valid.response.setVariableResult.0.attributeStatus=RebootRequired'] };

  it('a written value is not read back when the station said it takes effect at the next reboot (B05: RebootRequired is a correct answer)', () => {
    expect(unmetNeed(need, context('RebootRequired'), makeEvidence(), true)).to.equal('not applicable: the station answered RebootRequired');
  });

  it('applies for any other answer, and when the path is absent', () => {
    expect(unmetNeed(need, context('Accepted'), makeEvidence(), true)).to.equal(undefined);
    expect(unmetNeed(need, {}, makeEvidence(), true)).to.equal(undefined);
  });
});
