import { expect } from 'chai';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { runChecks } from '../../../src/checks/run-checks.js';
import { makeEvidence } from '../../helpers/evidence-fixture.js';
import { evidence16 } from './ocpp16-fixture.js';

/** The ids of the checks that judge a station of the evidence's version (one id per check, results aside). */
const checksRun = (evidence: ReturnType<typeof makeEvidence>): string[] => [...new Set(runChecks(ALL_CHECKS, evidence).map((r) => r.id.split('/')[0] ?? r.id))];

describe('checks by OCPP version (issue 17: a 1.6 station is judged by 1.6 checks only)', () => {
  it('a 1.6 station: the declared step checks, protocol-conformance with 1.6 refs, and the ocpp16-* checks; no device-model check of 2.x', () => {
    const ids = checksRun(evidence16());
    expect(ids.sort()).to.deep.equal(['ocpp16-boot-notification', 'ocpp16-connectors', 'ocpp16-diagnostics-upload', 'ocpp16-feature-profiles', 'ocpp16-log-upload', 'ocpp16-readonly-flags', 'ocpp16-required-keys', 'ocpp16-security-events', 'ocpp16-status-error-codes', 'protocol-conformance']);
    const conformance = runChecks(ALL_CHECKS, evidence16()).find((r) => r.id === 'protocol-conformance');
    expect(conformance?.refs).to.include('OCPP-J 1.6 errata §5.2');
  });

  it('a 2.0.1 station: no ocpp16-* check, and protocol-conformance as before', () => {
    const results = runChecks(ALL_CHECKS, makeEvidence());
    expect(results.filter((r) => r.id.startsWith('ocpp16-'))).to.deep.equal([]);
    expect(results.filter((r) => r.id === 'protocol-conformance').map((r) => r.title)).to.deep.equal(["The station's frames follow OCPP-J and the OCPP 2.0.1 schemas"]);
  });
});
