import { expect } from 'chai';
import { messageLimits } from '../../../src/checks/message-limits.js';
import type { CheckResult } from '../../../src/checks/check.js';
import type { CallCapture, CaseEvidence, LimitProbeFacts, StepOutcome } from '../../../src/evidence/evidence.js';
import { makeCallCapture, makeCase, makeEvidence } from '../../helpers/evidence-fixture.js';

const ITEMS: LimitProbeFacts = { limit: 'items', variable: 'DeviceDataCtrlr.ItemsPerMessage[GetVariables]', value: 20, elements: 21, bytes: 1500 };
const BYTES: LimitProbeFacts = { limit: 'bytes', variable: 'MonitoringCtrlr.BytesPerMessage[ClearVariableMonitoring]', value: 4000, elements: 1, bytes: 4001 };

function step(id: string, overrides: Partial<StepOutcome> = {}): StepOutcome {
  return { index: 0, id, kind: 'limit-probe', phase: 'steps', status: 'ok', detail: 'GetVariables answered', startedAt: '2025-01-01T00:00:00.000Z', durationMs: 5, seqs: [7, 8], ...overrides };
}

function probe(action: string, facts: LimitProbeFacts, outcome: Parameters<typeof makeCallCapture>[2]): CallCapture {
  return { ...makeCallCapture(action, {}, outcome, [7, 8]), limitProbe: facts };
}

function judge(capture: CallCapture | undefined, stepOverrides: Partial<StepOutcome> = {}, caseOverrides: Partial<CaseEvidence> = {}, others: CaseEvidence[] = []): CheckResult {
  const testCase = makeCase('variables-limits', { category: 'variables', steps: [step('probe', stepOverrides)], captures: capture ? { probe: capture } : {}, ...caseOverrides });
  const results = messageLimits.evaluate(makeEvidence({ cases: [...others, testCase] }));
  if (!Array.isArray(results) || results.length !== 1 || !results[0]) throw new Error('one result expected');
  return results[0];
}

const refused = (code: string) => ({ failure: { kind: 'call-error', errorCode: code, description: `CALLERROR ${code}` } });

describe('check message-limits (B06.FR.16/17, B05.FR.11, N04.FR.09, N06.FR.06/07)', () => {
  it('one result per limit-probe step, id <case>/<step>, category of the case, refs of the action', () => {
    const result = judge(probe('GetVariables', ITEMS, refused('OccurrenceConstraintViolation')));
    expect(result).to.deep.include({ id: 'variables-limits/probe', category: 'variables', verdict: 'PASS', seqs: [7, 8] });
    expect(result.refs).to.include.members(['B06.FR.16', 'TC_B_08', 'B06.FR.01', 'B06.FR.06', 'OCPP-J']);
    expect(result.reason).to.equal('A request of 21 elements (one more than DeviceDataCtrlr.ItemsPerMessage[GetVariables] = 20) was refused with CALLERROR OccurrenceConstraintViolation, as OCPP 2.0.1 spells it.');
  });

  it('PASS: FormatViolation for a request one byte too large', () => {
    const result = judge(probe('ClearVariableMonitoring', BYTES, refused('FormatViolation')));
    expect(result.verdict).to.equal('PASS');
    expect(result.refs).to.include.members(['N06.FR.07', 'N06.FR.05']);
  });

  it('FAIL: the OCPP 1.6 spelling OccurenceConstraintViolation', () => {
    const result = judge(probe('GetVariables', ITEMS, refused('OccurenceConstraintViolation')));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('OccurenceConstraintViolation: the OCPP 1.6 spelling');
  });

  it('PASS: every element answered on its own (the refusal is allowed, not required)', () => {
    const results = Array.from({ length: 21 }, () => ({ attributeStatus: 'UnknownComponent' }));
    const result = judge(probe('GetVariables', ITEMS, { response: { getVariableResult: results } }));
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.contain('answered element by element (21 results, none of them a success');
  });

  it('FAIL: every element answered, but Accepted for a component the station does not have (a yes-to-everything station)', () => {
    const results = Array.from({ length: 21 }, () => ({ attributeStatus: 'Accepted', attributeValue: '' }));
    const result = judge(probe('GetVariables', ITEMS, { response: { getVariableResult: results } }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('21 of the 21 elements, which address a component it does not have, were answered Accepted (UnknownComponent was due)');
  });

  it('FAIL: Accepted for clearing monitor ids the station never reported', () => {
    const result = judge(probe('ClearVariableMonitoring', BYTES, { response: { clearMonitoringResult: [{ id: 2147483647, status: 'Accepted' }] } }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('monitor ids it never reported').and.contain('NotFound was due');
  });

  it('FAIL: fewer results than elements (the station cut the request at its limit)', () => {
    const results = Array.from({ length: 20 }, () => ({ attributeStatus: 'UnknownComponent' }));
    const result = judge(probe('GetVariables', ITEMS, { response: { getVariableResult: results } }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('20 result(s) for 21 elements');
  });

  it('WARN: a known code other than the one 2.0.1 names', () => {
    expect(judge(probe('GetVariables', ITEMS, refused('FormatViolation'))).verdict).to.equal('WARN');
    expect(judge(probe('ClearVariableMonitoring', BYTES, refused('OccurrenceConstraintViolation'))).reason).to.contain('where OCPP 2.0.1 names FormatViolation');
  });

  it('an element-count probe that also broke the byte limit accepts either code', () => {
    const result = judge(probe('GetVariables', { ...ITEMS, alsoOverBytes: true }, refused('FormatViolation')));
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.contain('and over its BytesPerMessage too');
  });

  it('FAIL: a code OCPP-J does not define', () => {
    expect(judge(probe('GetVariables', ITEMS, refused('TooManyItems'))).verdict).to.equal('FAIL');
  });

  it('FAIL: no answer at all', () => {
    const result = judge(probe('GetVariables', ITEMS, { failure: { kind: 'timeout', description: 'no response within 30000 ms' } }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('did not answer');
  });

  it('INCONCLUSIVE: the connection dropped', () => {
    expect(judge(probe('GetVariables', ITEMS, { failure: { kind: 'disconnected', description: 'disconnected: gone' } })).verdict).to.equal('INCONCLUSIVE');
  });

  it('NotSupported: NOT APPLICABLE when the action is never answered, WARN when the station answers it elsewhere', () => {
    const capture = probe('GetVariables', ITEMS, refused('NotSupported'));
    expect(judge(capture).verdict).to.equal('NOT APPLICABLE');
    const other = makeCase('variables-get-set', { captures: { read: makeCallCapture('GetVariables', {}, { response: { getVariableResult: [] } }) } });
    expect(judge(capture, {}, {}, [other]).verdict).to.equal('WARN');
  });

  it('NOT APPLICABLE with the step\'s reason when the station reports no such limit', () => {
    const result = judge(undefined, { detail: "the station's device model reports no positive DeviceDataCtrlr.BytesPerMessage[GetVariables]" });
    expect(result.verdict).to.equal('NOT APPLICABLE');
    expect(result.reason).to.equal("The station's device model reports no positive DeviceDataCtrlr.BytesPerMessage[GetVariables].");
    expect(result.title).to.contain('GetVariables one byte beyond its BytesPerMessage');
  });

  it('INCONCLUSIVE when the probe was not reached; NOT APPLICABLE when the case did not apply', () => {
    expect(judge(undefined, { status: 'skipped', detail: 'not reached: the audit was interrupted' }).verdict).to.equal('INCONCLUSIVE');
    const na = judge(undefined, { status: 'skipped' }, { status: 'not-applicable', reason: 'monitoring unsupported: no MonitoringCtrlr' });
    expect(na.verdict).to.equal('NOT APPLICABLE');
    expect(na.reason).to.equal('monitoring unsupported: no MonitoringCtrlr');
  });
});
