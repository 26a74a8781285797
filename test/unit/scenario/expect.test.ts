import { expect } from 'chai';
import type { Capture } from '../../../src/evidence/evidence.js';
import type { StepRun } from '../../../src/scenario/step-run.js';
import { judge, runExpect } from '../../../src/scenario/steps/expect.js';
import type { Condition, ExpectStep } from '../../../src/scenario/testcase.js';
import { makeCallCapture, makeMessage, makeMessagesCapture } from '../../helpers/evidence-fixture.js';

const WHERE = 'testcases/case.json: /steps/3';

/**
 * A StepRun with only what expect steps use (context, where); reading anything else throws, so
 * the test also shows that expect touches nothing but these two.
 */
function stepRun(captures: Record<string, Capture>, extra: Partial<StepRun['context']> = {}): StepRun {
  const run: Pick<StepRun, 'context' | 'where'> = { context: { targets: {}, captures, requestIds: {}, options: {}, known: {}, ...extra }, where: WHERE };
  return new Proxy(run, {
    get(target, key) {
      if (key === 'context' || key === 'where') return target[key];
      throw new Error(`expect steps must not use run.${String(key)}`);
    },
  }) as StepRun;
}

function step(of: string, condition: Condition): ExpectStep {
  return { kind: 'expect', id: 'check-it', of, ...condition };
}

const accepted = makeCallCapture('SetVariables', { setVariableData: [] }, { response: { setVariableResult: [{ attributeStatus: 'Accepted' }, { attributeStatus: 'Rejected' }] } }, [4, 5]);
const timedOut = makeCallCapture('SetVariables', {}, { failure: { kind: 'timeout', description: 'no response within 30 s' } }, [6]);
const disconnected = makeCallCapture('SetVariables', {}, { failure: { kind: 'disconnected', description: 'the station disconnected' } }, [7]);
const callError = makeCallCapture('GetReport', {}, { failure: { kind: 'call-error', errorCode: 'NotSupported', description: 'CALLERROR NotSupported: not here' } }, [8, 9]);
const heartbeats = makeMessagesCapture('Heartbeat', [makeMessage(11, 'Heartbeat', {}), makeMessage(14, 'Heartbeat', {})]);
const report = makeMessagesCapture('NotifyReport', [
  makeMessage(20, 'NotifyReport', { reportData: [{ variable: { name: 'HeartbeatInterval' } }, { variable: { name: 'HeartbeatInterval' } }] }),
  makeMessage(22, 'NotifyReport', { reportData: [{ variable: { name: 'OfflineThreshold' } }] }),
]);

describe('scenario expect step', () => {
  describe('judge', () => {
    it('oneOf: holds when the value is one of the list', () => {
      expect(judge(['Accepted'], { at: 'status', oneOf: ['Accepted', 'NotSupported'] }, false)).to.equal(undefined);
    });

    it('oneOf: says what came and what was wanted', () => {
      expect(judge(['Rejected'], { at: 'status', oneOf: ['Accepted'] }, false)).to.equal('"Rejected", wanted one of ["Accepted"]');
    });

    it('oneOf: compares objects partially and types strictly', () => {
      expect(judge([{ status: 'Accepted', id: 3 }], { at: 'r', oneOf: [{ status: 'Accepted' }] }, false)).to.equal(undefined);
      expect(judge(['1'], { at: 'r', oneOf: [1] }, false)).to.equal('"1", wanted one of [1]');
    });

    it('equals: needs deep equality, not a partial match', () => {
      expect(judge([{ a: 1 }], { at: 'r', equals: { a: 1 } }, false)).to.equal(undefined);
      expect(judge([{ a: 1, b: 2 }], { at: 'r', equals: { a: 1 } }, false)).to.equal('{"a":1,"b":2}, wanted equal to {"a":1}');
      expect(judge([{ a: 1 }], { at: 'r', equals: { a: 1, b: 2 } }, false)).to.equal('{"a":1}, wanted equal to {"a":1,"b":2}');
      expect(judge([5], { at: 'r', equals: 5 }, false)).to.equal(undefined);
      expect(judge([[1, 2]], { at: 'r', equals: [1, 2] }, false)).to.equal(undefined);
    });

    it('exists true: holds for a present value, also a falsy one', () => {
      expect(judge([0], { at: 'r', exists: true }, false)).to.equal(undefined);
      expect(judge([''], { at: 'r', exists: true }, false)).to.equal(undefined);
      expect(judge([false], { at: 'r', exists: true }, false)).to.equal(undefined);
    });

    it('exists true: fails for no value or null', () => {
      expect(judge([], { at: 'r', exists: true }, false)).to.equal('is absent');
      expect(judge([null], { at: 'r', exists: true }, false)).to.equal('is absent');
    });

    it('exists false: holds when absent, fails when present', () => {
      expect(judge([], { at: 'r', exists: false }, false)).to.equal(undefined);
      expect(judge([null], { at: 'r', exists: false }, false)).to.equal(undefined);
      expect(judge(['x'], { at: 'r', exists: false }, false)).to.equal('is present ("x")');
      expect(judge([1, 2], { at: 'r.*', exists: false }, true)).to.equal('is present ([1, 2])');
    });

    it('exists false with an absent value skips the other conditions', () => {
      expect(judge([], { at: 'r', exists: false, oneOf: ['x'] }, false)).to.equal(undefined);
    });

    it('exists true with a present value goes on to the other conditions', () => {
      expect(judge(['y'], { at: 'r', exists: true, oneOf: ['x'] }, false)).to.equal('"y", wanted one of ["x"]');
    });

    it('atLeast / atMost: compare numbers, also numeric text, bounds included', () => {
      expect(judge([3], { at: 'r', atLeast: 3 }, false)).to.equal(undefined);
      expect(judge(['3'], { at: 'r', atLeast: 3, atMost: 3 }, false)).to.equal(undefined);
      expect(judge([2], { at: 'r', atLeast: 3 }, false)).to.equal('2, wanted at least 3');
      expect(judge([4], { at: 'r', atMost: 3 }, false)).to.equal('4, wanted at most 3');
      expect(judge([-1], { at: 'r', atLeast: 0 }, false)).to.equal('-1, wanted at least 0');
    });

    it('atLeast: fails on non-numeric text', () => {
      expect(judge(['abc'], { at: 'r', atLeast: 0 }, false)).to.equal('"abc", wanted at least 0');
    });

    it('matches: deep partial match', () => {
      const value = { component: { name: 'EVSE', evse: { id: 1 } }, trigger: 'Alerting' };
      expect(judge([value], { at: 'r', matches: { component: { evse: { id: 1 } } } }, false)).to.equal(undefined);
      expect(judge([value], { at: 'r', matches: { trigger: 'Delta' } }, false)).to.equal(
        '{"component":{"name":"EVSE","evse":{"id":1}},"trigger":"Alerting"}, wanted matching {"trigger":"Delta"}',
      );
    });

    it('reports an absent value for every kind of condition', () => {
      expect(judge([], { at: 'r', oneOf: ['A'] }, false)).to.equal('is absent (wanted one of ["A"])');
      expect(judge([], { at: 'r', equals: 1 }, false)).to.equal('is absent (wanted equal to 1)');
      expect(judge([], { at: 'r', atLeast: 1 }, false)).to.equal('is absent (wanted at least 1)');
      expect(judge([], { at: 'r', atMost: 1 }, false)).to.equal('is absent (wanted at most 1)');
      expect(judge([], { at: 'r', matches: { a: 1 } }, false)).to.equal('is absent (wanted matching {"a":1})');
    });

    it('wildcard: holds when every value holds', () => {
      expect(judge(['Accepted', 'Accepted'], { at: 'r.*.s', oneOf: ['Accepted'] }, true)).to.equal(undefined);
    });

    it('wildcard: fails when one value does not, listing the bad ones', () => {
      expect(judge(['Accepted', 'Rejected', 'Accepted', 'Unknown'], { at: 'r.*.s', oneOf: ['Accepted'] }, true)).to.equal(
        '["Rejected", "Unknown"], wanted each to be one of ["Accepted"]',
      );
    });

    it('wildcard: shows at most five bad values with the total', () => {
      const values = [1, 2, 3, 4, 5, 6, 7];
      expect(judge(values, { at: 'r.*', atLeast: 10 }, true)).to.equal('[1, 2, 3, 4, 5, … 7 in all], wanted each to be at least 10');
    });

    it('wildcard: no values at all is absent', () => {
      expect(judge([], { at: 'r.*.s', equals: 'x' }, true)).to.equal('is absent (wanted equal to "x")');
    });

    it('without wildcard a failure shows the first value', () => {
      expect(judge(['B', 'A'], { at: 'r', oneOf: ['A'] }, false)).to.equal('"B", wanted one of ["A"]');
    });

    it('checks the conditions in order oneOf, equals, atLeast, atMost, matches', () => {
      const condition: Condition = { at: 'r', oneOf: [5], equals: 6, atLeast: 10, atMost: 0, matches: { a: 1 } };
      expect(judge([7], condition, false)).to.equal('7, wanted one of [5]');
      expect(judge([5], condition, false)).to.equal('5, wanted equal to 6');
      expect(judge([6], { at: 'r', equals: 6, atLeast: 10, atMost: 0 }, false)).to.equal('6, wanted at least 10');
      expect(judge([6], { at: 'r', atLeast: 1, atMost: 5 }, false)).to.equal('6, wanted at most 5');
    });

    it('holds with no conditions at all', () => {
      expect(judge([], { at: 'r' }, false)).to.equal(undefined);
    });
  });

  describe('runExpect', () => {
    it('ok with the value in the detail and the capture seqs', () => {
      const result = runExpect(step('set', { at: 'response.setVariableResult.0.attributeStatus', oneOf: ['Accepted'] }), stepRun({ set: accepted }));
      expect(result).to.deep.equal({ status: 'ok', detail: 'SetVariables was answered with attributeStatus "Accepted" (result 1)', seqs: [4, 5] });
    });

    it('unmet with the path and the problem', () => {
      const result = runExpect(step('set', { at: 'response.setVariableResult.1.attributeStatus', oneOf: ['Accepted'] }), stepRun({ set: accepted }));
      expect(result).to.deep.equal({ status: 'unmet', detail: 'SetVariables was answered with attributeStatus "Rejected" (result 2), not "Accepted"', seqs: [4, 5] });
    });

    it('wildcard requires every value', () => {
      const result = runExpect(step('set', { at: 'response.setVariableResult.*.attributeStatus', oneOf: ['Accepted'] }), stepRun({ set: accepted }));
      expect(result.status).to.equal('unmet');
      expect(result.detail).to.equal('SetVariables was answered with attributeStatus "Rejected", where each should be "Accepted"');
      const both = runExpect(step('set', { at: 'response.setVariableResult.*.attributeStatus', oneOf: ['Accepted', 'Rejected'] }), stepRun({ set: accepted }));
      expect(both).to.deep.equal({ status: 'ok', detail: 'SetVariables was answered with attributeStatus "Accepted", "Rejected"', seqs: [4, 5] });
    });

    it('unmet for an absent value', () => {
      const result = runExpect(step('set', { at: 'response.status', oneOf: ['Accepted'] }), stepRun({ set: accepted }));
      expect(result).to.deep.equal({ status: 'unmet', detail: 'SetVariables was answered without status, where "Accepted" was wanted', seqs: [4, 5] });
    });

    it('exists false holds for an absent value and says absent', () => {
      const result = runExpect(step('set', { at: 'response.statusInfo', exists: false }), stepRun({ set: accepted }));
      expect(result).to.deep.equal({ status: 'ok', detail: 'response.statusInfo: absent', seqs: [4, 5] });
    });

    it('a capture that does not exist: failed and inconclusive', () => {
      const result = runExpect(step('missing', { at: 'response.status', oneOf: ['Accepted'] }), stepRun({ set: accepted }));
      expect(result).to.deep.equal({ status: 'failed', detail: 'nothing was captured as "missing"', seqs: [], inconclusive: true });
    });

    it('a call that timed out: unmet and inconclusive', () => {
      const result = runExpect(step('set', { at: 'response.setVariableResult.0.attributeStatus', oneOf: ['Accepted'] }), stepRun({ set: timedOut }));
      expect(result).to.deep.equal({ status: 'unmet', detail: 'no response to judge: no response within 30 s', seqs: [6], inconclusive: true });
    });

    it('a call whose station went away: unmet and inconclusive', () => {
      const result = runExpect(step('set', { at: 'response.status', exists: true }), stepRun({ set: disconnected }));
      expect(result).to.deep.equal({ status: 'unmet', detail: 'no response to judge: the station disconnected', seqs: [7], inconclusive: true });
    });

    it('a CALLERROR: unmet, not inconclusive, and marked a refusal (what follows a refused request does not apply)', () => {
      const result = runExpect(step('report', { at: 'response.status', oneOf: ['Accepted'] }), stepRun({ report: callError }));
      expect(result).to.deep.equal({ status: 'unmet', detail: 'no response to judge: CALLERROR NotSupported: not here', seqs: [8, 9], inconclusive: false, refused: true });
    });

    it('a CALLERROR can be judged by failure.errorCode', () => {
      const met = runExpect(step('report', { at: 'failure.errorCode', oneOf: ['NotSupported', 'NotImplemented'] }), stepRun({ report: callError }));
      expect(met).to.deep.equal({ status: 'ok', detail: 'failure.errorCode: "NotSupported"', seqs: [8, 9] });
      const unmet = runExpect(step('report', { at: 'failure.errorCode', oneOf: ['FormationViolation'] }), stepRun({ report: callError }));
      expect(unmet).to.deep.equal({ status: 'unmet', detail: 'failure.errorCode: "NotSupported", wanted one of ["FormationViolation"]', seqs: [8, 9] });
    });

    it('failure.errorCode of a call that got a response is absent', () => {
      const result = runExpect(step('set', { at: 'failure.errorCode', exists: false }), stepRun({ set: accepted }));
      expect(result).to.deep.equal({ status: 'ok', detail: 'failure.errorCode: absent', seqs: [4, 5] });
    });

    it('reads messages captures, with the seqs of their messages', () => {
      const result = runExpect(step('beats', { at: 'messages.length', atLeast: 2 }), stepRun({ beats: heartbeats }));
      expect(result).to.deep.equal({ status: 'ok', detail: '2 Heartbeat messages came', seqs: [11, 14] });
      const tooFew = runExpect(step('beats', { at: 'messages.length', atLeast: 3 }), stepRun({ beats: heartbeats }));
      expect(tooFew).to.deep.equal({ status: 'unmet', detail: 'only 2 Heartbeat messages came, where at least 3 were wanted', seqs: [11, 14] });
    });

    it('says in words what came where none was allowed (issue 15 item 7), not the path and the numbers', () => {
      const result = runExpect(step('beats', { at: 'messages.length', atMost: 0 }), stepRun({ beats: heartbeats }));
      expect(result.detail).to.equal('2 Heartbeat messages came where none was allowed');
      expect(result.detail).not.to.match(/messages\.length|wanted at most/);
    });

    it('judges every report item with nested wildcards', () => {
      const result = runExpect(step('report', { at: 'messages.*.payload.reportData.*.variable.name', equals: 'HeartbeatInterval' }), stepRun({ report }));
      expect(result).to.deep.equal({
        status: 'unmet',
        detail: 'messages.*.payload.reportData.*.variable.name: ["OfflineThreshold"], wanted each to be equal to "HeartbeatInterval"',
        seqs: [20, 22],
      });
    });

    describe('GetVariables Accepted without a value (B06, TC_B_06: the value may be left out only when the status is not Accepted)', () => {
      const hollow = makeCallCapture(
        'GetVariables',
        { getVariableData: [] },
        { response: { getVariableResult: [{ attributeStatus: 'Accepted', component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }, { attributeStatus: 'UnknownComponent', component: { name: 'Nope' }, variable: { name: 'X' } }] } },
        [30, 31],
      );
      const read = (status: string, value?: string): Capture => ({
        kind: 'variables',
        seqs: [32, 33],
        values: [{ component: { name: 'MonitoringCtrlr' }, variable: { name: 'Enabled' }, attributeType: 'Actual', status, ...(value !== undefined ? { value } : {}) }],
      });
      const noValue = 'the station answered GetVariables Accepted for OCPPCommCtrlr.HeartbeatInterval but returned no value (a value may be left out only when the status is not Accepted)';

      it('an expectation met on the status is unmet, as a defect, naming the variable', () => {
        const result = runExpect(step('get', { at: 'response.getVariableResult.0.attributeStatus', oneOf: ['Accepted'] }), stepRun({ get: hollow }));
        expect(result).to.deep.equal({ status: 'unmet', detail: noValue, seqs: [30, 31], defect: true });
      });

      it('the same for a read-variables capture, and for an expectation on the value itself', () => {
        const status = runExpect(step('read', { at: 'values.0.status', oneOf: ['Accepted', 'UnknownVariable'] }), stepRun({ read: read('Accepted') }));
        expect(status).to.deep.include({ status: 'unmet', defect: true, detail: 'the station answered GetVariables Accepted for MonitoringCtrlr.Enabled but returned no value (a value may be left out only when the status is not Accepted)' });
        const value = runExpect(step('read', { at: 'values.0.value', equals: 'true' }), stepRun({ read: read('Accepted') }));
        expect(value).to.deep.include({ status: 'unmet', defect: true });
      });

      it('a result with a value, or with another status, is judged as before', () => {
        expect(runExpect(step('read', { at: 'values.0.value', equals: 'true' }), stepRun({ read: read('Accepted', 'true') })).status).to.equal('ok');
        expect(runExpect(step('read', { at: 'values.0.status', equals: 'UnknownComponent' }), stepRun({ read: read('UnknownComponent') })).status).to.equal('ok');
        expect(runExpect(step('get', { at: 'response.getVariableResult.1.attributeStatus', equals: 'UnknownComponent' }), stepRun({ get: hollow })).status).to.equal('ok');
      });

      it('an expectation already unmet on the status keeps its own reason (Accepted where UnknownComponent was wanted)', () => {
        const result = runExpect(step('get', { at: 'response.getVariableResult.0.attributeStatus', equals: 'UnknownComponent' }), stepRun({ get: hollow }));
        expect(result).to.deep.equal({ status: 'unmet', detail: 'GetVariables was answered with attributeStatus "Accepted" (result 1), not "UnknownComponent"', seqs: [30, 31] });
      });
    });

    it('fills ${...} references of the condition from the context', () => {
      const run = stepRun({ set: accepted }, { targets: { numeric: { status: 'Accepted' } } });
      const result = runExpect(step('set', { at: 'response.setVariableResult.0.attributeStatus', equals: '${targets.numeric.status}' }), run);
      expect(result).to.deep.equal({ status: 'ok', detail: 'SetVariables was answered with attributeStatus "Accepted" (result 1)', seqs: [4, 5] });
    });

    it('an unresolved reference in the condition is a ToolError naming where and the field', () => {
      expect(() => runExpect(step('set', { at: 'response.status', equals: '${targets.numeric.value}' }), stepRun({ set: accepted })))
        .to.throw('testcases/case.json: /steps/3/equals: ${targets.numeric.value} has no value (targets.numeric.value is not known at this point)')
        .with.property('code', 'ERR_UNRESOLVED_REFERENCE');
    });
  });
});
