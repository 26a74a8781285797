import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { pendingProvisioning } from '../../../src/checks/pending-provisioning.js';
import type { Evidence } from '../../../src/evidence/evidence.js';
import { makeEvidence, makeMessage } from '../../helpers/evidence-fixture.js';

const judge = (evidence: Evidence): CheckResult => pendingProvisioning.evaluate(evidence) as CheckResult;
const boot = (seq: number, reason: string) => makeMessage(seq, 'BootNotification', { reason });

describe('check pending-provisioning', () => {
  it('NOT APPLICABLE without a provisioning window', () => {
    expect(judge(makeEvidence()).verdict).to.equal('NOT APPLICABLE');
  });

  it('PASS: quiet while Pending, booted again', () => {
    const result = judge(makeEvidence({ options: { pendingWindowS: 5 }, boots: [boot(1, 'PowerUp'), boot(9, 'Triggered')] }));
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.equal('kept quiet for the 5 s window and booted again (Triggered) to be accepted');
    expect(result.seqs).to.deep.equal([1, 9]);
  });

  it('FAIL: unsolicited requests while Pending, named with their frames', () => {
    const result = judge(
      makeEvidence({
        options: { pendingWindowS: 5 },
        boots: [boot(1, 'PowerUp'), boot(9, 'Triggered')],
        protocolFindings: [{ seq: 4, action: 'StatusNotification', findings: [{ code: 'call-while-pending', message: 'unsolicited' }] }],
      }),
    );
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.match(/^1 unsolicited request\(s\) while Pending \(StatusNotification\)/);
    expect(result.seqs).to.deep.equal([1, 4, 9]);
  });

  it('INCONCLUSIVE: the station never booted again', () => {
    expect(judge(makeEvidence({ options: { pendingWindowS: 5 }, boots: [boot(1, 'PowerUp')] })).verdict).to.equal('INCONCLUSIVE');
  });
});
