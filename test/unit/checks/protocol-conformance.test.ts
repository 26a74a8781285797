import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { protocolConformance } from '../../../src/checks/protocol-conformance.js';
import { makeEvidence } from '../../helpers/evidence-fixture.js';

const judge = (findings: Parameters<typeof makeEvidence>[0]): CheckResult => protocolConformance.evaluate(makeEvidence(findings)) as CheckResult;

describe('check protocol-conformance', () => {
  it('PASS without findings', () => {
    expect(judge({}).verdict).to.equal('PASS');
  });

  it('FAIL on schema violations and 1.6 error codes, counted per kind with the frames', () => {
    const result = judge({
      protocolFindings: [
        { seq: 12, action: 'NotifyReport', messageType: 'CALL', findings: [{ code: 'schema-violation', message: '/reportData/0/component/name must NOT have more than 50 characters' }] },
        { seq: 30, messageType: 'CALLERROR', findings: [{ code: 'ocpp16-error-code', message: 'OccurenceConstraintViolation' }] },
        { seq: 31, action: 'NotifyReport', messageType: 'CALL', findings: [{ code: 'schema-violation', message: 'null' }] },
      ],
    });
    expect(result.verdict).to.equal('FAIL');
    expect(result.details).to.deep.equal({ findings: { 'schema-violation': 2, 'ocpp16-error-code': 1 } });
    expect(result.seqs).to.deep.equal([12, 30, 31]);
    expect(result.reason).to.match(/^2 × payloads that break the OCA JSON schema \(e\.g\. NotifyReport #12: /);
  });

  it('WARN when only sloppy faults were seen (a byte-order mark)', () => {
    const result = judge({ protocolFindings: [{ seq: 5, action: 'Heartbeat', findings: [{ code: 'byte-order-mark', message: 'BOM' }] }] });
    expect(result.verdict).to.equal('WARN');
  });
});
