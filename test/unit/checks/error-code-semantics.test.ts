import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { errorCodeSemantics } from '../../../src/checks/error-code-semantics.js';
import { refusalOf } from '../../../src/evidence/refusals.js';
import { makeCallCapture, makeCase, makeEvidence } from '../../helpers/evidence-fixture.js';

const refused = (action: string, errorCode: string, seqs: number[]) => makeCallCapture(action, {}, { failure: { kind: 'call-error', errorCode, description: `CALLERROR ${errorCode}` } }, seqs);

function evaluate(...captures: ReturnType<typeof refused>[]): CheckResult {
  const testCase = makeCase('some-case', { captures: Object.fromEntries(captures.map((capture, index) => [`call${index}`, capture])) });
  return errorCodeSemantics.evaluate(makeEvidence({ cases: [testCase] })) as CheckResult;
}

describe('error-code-semantics (OCPP-J: NotImplemented = not known, NotSupported = known, not supported)', () => {
  it('warns about NotImplemented for OCPP 2.0.1 actions, once per action, citing the rule, and records the reading', () => {
    const result = evaluate(refused('GetReport', 'NotImplemented', [3, 4]), refused('SetVariableMonitoring', 'NotImplemented', [7, 8]), refused('GetReport', 'NotImplemented', [9, 10]), refused('GetLog', 'NotSupported', [11, 12]));
    expect(result.verdict).to.equal('WARN');
    expect(result.category).to.equal('protocol');
    expect(result.reason).to.contain('2 OCPP 2.0.1 actions it should know: GetReport, SetVariableMonitoring').and.contain('OCPP-J (Part 4, RPC framework)');
    expect(result.seqs).to.deep.equal([3, 4, 7, 8, 9, 10]);
    expect(result.details).to.deep.equal({ readAs: 'not supported', notImplemented: ['GetReport', 'SetVariableMonitoring'], notSupported: ['GetLog'], semantics: 'NotImplemented for known actions' });
  });

  it('passes NotSupported refusals, and NotImplemented for an action OCPP 2.0.1 does not define', () => {
    expect(evaluate(refused('GetReport', 'NotSupported', [3, 4])).verdict).to.equal('PASS');
    const unknown = evaluate(refused('NoSuchAction', 'NotImplemented', [3, 4]));
    expect(unknown.verdict).to.equal('PASS');
    expect(unknown.reason).to.contain('only to actions OCPP 2.0.1 does not define (NoSuchAction)');
  });

  it('has nothing to judge without refusals; other CALLERRORs and timeouts are not refusals', () => {
    expect(evaluate().verdict).to.equal('NOT APPLICABLE');
    expect(evaluate(refused('GetVariables', 'FormatViolation', [1, 2])).verdict).to.equal('NOT APPLICABLE');
    expect(refusalOf(makeCallCapture('GetVariables', {}, { failure: { kind: 'timeout', description: 'no response' } }))).to.equal(undefined);
  });

  it('reads both codes as a refusal, marking NotImplemented for a known action as misnamed', () => {
    expect(refusalOf(refused('SetMonitoringBase', 'NotImplemented', [1, 2]))).to.deep.equal({ action: 'SetMonitoringBase', errorCode: 'NotImplemented', misnamed: true, seqs: [1, 2] });
    expect(refusalOf(refused('SetMonitoringBase', 'NotSupported', [1, 2]))?.misnamed).to.equal(false);
  });
});
