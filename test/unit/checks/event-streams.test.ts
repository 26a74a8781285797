import { expect } from 'chai';
import type { Check, CheckResult } from '../../../src/checks/check.js';
import { eventStreamAdjust } from '../../../src/checks/event-stream-adjust.js';
import { eventStreamBasetime } from '../../../src/checks/event-stream-basetime.js';
import { eventStreamBatching } from '../../../src/checks/event-stream-batching.js';
import { eventStreamCloseFlush } from '../../../src/checks/event-stream-close-flush.js';
import { eventStreamFraming } from '../../../src/checks/event-stream-framing.js';
import { eventStreamListed } from '../../../src/checks/event-stream-listed.js';
import { eventStreamTiming } from '../../../src/checks/event-stream-timing.js';
import { eventStreamsWithinMax } from '../../../src/checks/event-streams-within-max.js';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { runChecks } from '../../../src/checks/run-checks.js';
import type { CallCapture, StreamLimitProbeFacts } from '../../../src/evidence/evidence.js';
import { makeCallCapture, makeMessage, makeMessagesCapture } from '../../helpers/evidence-fixture.js';
import { caseOf } from './event-fixtures.js';
import { at, regularMessages, streamCase, streamEvidence, streamMessage } from './stream-fixtures.js';

function judge(check: Check, evidence: Parameters<Check['evaluate']>[0]): CheckResult {
  const result = check.evaluate(evidence);
  if (Array.isArray(result)) throw new Error('one result expected');
  return result;
}

const STREAM_CHECKS = [eventStreamFraming, eventStreamTiming, eventStreamBasetime, eventStreamBatching, eventStreamListed, eventStreamAdjust, eventStreamCloseFlush, eventStreamsWithinMax];

describe('checks of OCPP 2.1 periodic event streams (N11–N15)', () => {
  it('every stream check is in the catalogue, judges 2.1 only, and cites requirement ids', () => {
    for (const check of STREAM_CHECKS) {
      expect(ALL_CHECKS).to.include(check);
      expect(check.versions).to.deep.equal(['2.1']);
      expect(check.refs.some((ref) => /^N1[1-5]\.FR\.\d\d$/.test(ref)), check.id).to.equal(true);
    }
    // A 2.0.1 station's evidence is not judged by them at all.
    const onTwoOne = streamEvidence([streamCase('event-streams-open', { messages: regularMessages(3, { intervalS: 3 }) })]);
    const onTwoZeroOne = { ...onTwoOne, station: { ...onTwoOne.station, protocol: { version: '2.0.1' as const, subprotocol: 'ocpp2.0.1', offered: ['ocpp2.0.1'] } } };
    const judged = (e: typeof onTwoOne): string[] => runChecks(ALL_CHECKS, e).map((r) => r.id).filter((id) => id.startsWith('event-stream'));
    expect(judged(onTwoOne)).to.have.length(STREAM_CHECKS.length);
    expect(judged(onTwoZeroOne)).to.deep.equal([]);
  });

  describe('event-stream-timing (N15.FR.06)', () => {
    it('PASS: a message every 3 s, values stamped 1 s apart', () => {
      const result = judge(eventStreamTiming, streamEvidence([streamCase('event-streams-open', { messages: regularMessages(3, { intervalS: 3 }), endS: 10 })]));
      expect(result.verdict, result.reason).to.equal('PASS');
      expect(result.details).to.deep.include({ requestedIntervalS: 3, messages: 3, values: 9, medianValueSpacingS: 1 });
    });

    it('FAIL: messages at twice the interval (too few, each gap 3 s off)', () => {
      const result = judge(eventStreamTiming, streamEvidence([streamCase('event-streams-open', { messages: regularMessages(3, { intervalS: 3, everyS: 6 }), endS: 19 })]));
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.contain('only 3 message(s)').and.contain('every 6 s on average for a requested 3 s');
      expect(result.refs).to.include('N15.FR.06');
    });

    it('FAIL: values all stamped at one time (basetime + t does not give the monitor timeline)', () => {
      const messages = [0, 1, 2].map((i) => streamMessage(10 + i, { valuesS: [3 * i + 1, 3 * i + 1, 3 * i + 1], receivedS: 3 * (i + 1) }));
      const result = judge(eventStreamTiming, streamEvidence([streamCase('event-streams-open', { messages, endS: 10 })]));
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.contain('mostly 0 s apart, not about one monitor interval (1 s)');
    });

    it('INCONCLUSIVE: a gap the auditor\'s own stall explains is not held against the station', () => {
      const messages = regularMessages(3, { intervalS: 3 });
      messages[2] = { ...messages[2], receivedAt: at(10.5) };
      const result = judge(eventStreamTiming, streamEvidence([streamCase('event-streams-open', { messages, endS: 11, toolLateMs: 1500 })]));
      expect(result.verdict).to.equal('INCONCLUSIVE');
      expect(result.reason).to.contain('the auditor itself was up to 1.5 s late');
    });

    it('NOT APPLICABLE: no stream was opened (the case\'s own check judges that)', () => {
      const result = judge(eventStreamTiming, streamEvidence([streamCase('event-streams-open', { notOpened: true })]));
      expect(result.verdict).to.equal('NOT APPLICABLE');
      expect(result.reason).to.contain('opened no periodic event stream for monitor 7');
    });
  });

  describe('event-stream-basetime (N15.FR.09)', () => {
    it('PASS: every message starts at t 0', () => {
      const result = judge(eventStreamBasetime, streamEvidence([streamCase('event-streams-open', { messages: regularMessages(3, { intervalS: 3 }) })]));
      expect(result.verdict, result.reason).to.equal('PASS');
    });

    it('FAIL: basetime is the previous flush, so the first t is 0.8', () => {
      const messages = [streamMessage(10, { valuesS: [0.8, 1.8, 2.8], basetimeS: 0, receivedS: 3 }), streamMessage(11, { valuesS: [3.8, 4.8, 5.8], basetimeS: 3, receivedS: 6 })];
      const result = judge(eventStreamBasetime, streamEvidence([streamCase('event-streams-open', { messages })]));
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.contain('2 of 2 stream messages').and.contain('offsets 0.8, 1.8, 2.8');
      expect(result.seqs).to.deep.equal([10, 11]);
    });

    it('FAIL: a value before basetime', () => {
      const messages = [streamMessage(10, { valuesS: [1, 2], offsets: [0, -1], receivedS: 3 })];
      expect(judge(eventStreamBasetime, streamEvidence([streamCase('event-streams-batching', { messages })])).reason).to.contain('or a value lies before basetime');
    });

    it('NOT APPLICABLE without any stream message', () => {
      expect(judge(eventStreamBasetime, streamEvidence([])).verdict).to.equal('NOT APPLICABLE');
    });
  });

  describe('event-stream-batching (N15.FR.07, .08, .04)', () => {
    const asked = { interval: 3, values: 2 };
    const pairs = [0, 1, 2].map((i) => streamMessage(10 + i, { valuesS: [2 * i + 0.8, 2 * i + 1.8], receivedS: 2 * i + 1.81 }));

    it('PASS: two values a message, sent when the second is there', () => {
      const result = judge(eventStreamBatching, streamEvidence([streamCase('event-streams-batching', { params: asked, messages: pairs })]));
      expect(result.verdict, result.reason).to.equal('PASS');
      expect(result.details).to.deep.include({ sizes: [2, 2, 2] });
    });

    it('FAIL: three values a message when two were asked for (N15.FR.07)', () => {
      const messages = [0, 1].map((i) => streamMessage(10 + i, { valuesS: [3 * i + 0.8, 3 * i + 1.8, 3 * i + 2.8], receivedS: 3 * i + 3 }));
      const result = judge(eventStreamBatching, streamEvidence([streamCase('event-streams-batching', { params: asked, messages })]));
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.contain('2 of 2 messages carry more than the 2 values asked for (3, 3 values)');
    });

    it('FAIL: values said pending while the message had room (N15.FR.04)', () => {
      const messages = [streamMessage(10, { valuesS: [0.8], receivedS: 0.81, pending: 3 }), ...pairs.slice(1)];
      expect(judge(eventStreamBatching, streamEvidence([streamCase('event-streams-batching', { params: asked, messages })])).reason).to.contain('say values are pending while they carry fewer than 2');
    });

    it('FAIL: a full message held back well past its last value (N15.FR.08)', () => {
      const messages = [...pairs.slice(0, 2), streamMessage(12, { valuesS: [4.8, 5.8], receivedS: 9 })];
      const result = judge(eventStreamBatching, streamEvidence([streamCase('event-streams-batching', { params: asked, messages })]));
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.contain('came up to 3.19 s later after their last value than the promptest one');
    });
  });

  describe('event-stream-adjust (N14.FR.03)', () => {
    const adjust = (status: string): CallCapture => makeCallCapture('AdjustPeriodicEventStream', { id: 1, params: { interval: 3 } }, { response: { status } }, [20, 21]);

    it('PASS: after the first message the gaps keep the new 3 s', () => {
      const messages = regularMessages(4, { intervalS: 3, openS: 1 });
      const result = judge(eventStreamAdjust, streamEvidence([streamCase('event-streams-adjust', { params: { interval: 5 }, messages, captures: { adjust: adjust('Accepted') } })]));
      expect(result.verdict, result.reason).to.equal('PASS');
      expect(result.details).to.deep.include({ intervalBeforeS: 5, intervalAfterS: 3 });
    });

    it('FAIL: Accepted, and still every 5 s', () => {
      const messages = regularMessages(4, { intervalS: 5, openS: 1 });
      const result = judge(eventStreamAdjust, streamEvidence([streamCase('event-streams-adjust', { params: { interval: 5 }, messages, captures: { adjust: adjust('Accepted') } })]));
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.contain('still the 5 s it had before');
    });

    it('NOT APPLICABLE: Rejected, as N14.FR.02 allows', () => {
      const result = judge(eventStreamAdjust, streamEvidence([streamCase('event-streams-adjust', { params: { interval: 5 }, captures: { adjust: adjust('Rejected') } })]));
      expect(result.verdict).to.equal('NOT APPLICABLE');
      expect(result.reason).to.contain('N14.FR.02');
    });

    it('INCONCLUSIVE: too few messages after the adjustment to time the new cadence', () => {
      const messages = regularMessages(2, { intervalS: 3, openS: 1 });
      expect(judge(eventStreamAdjust, streamEvidence([streamCase('event-streams-adjust', { params: { interval: 5 }, messages, captures: { adjust: adjust('Accepted') } })])).verdict).to.equal('INCONCLUSIVE');
    });
  });

  describe('event-stream-listed (N12.FR.01)', () => {
    const get = (response: Record<string, unknown>): CallCapture => makeCallCapture('GetPeriodicEventStream', {}, { response }, [30, 31]);
    const params = { interval: 300, values: 10 };

    it('PASS: the open stream is listed with its monitor and parameters', () => {
      const result = judge(eventStreamListed, streamEvidence([streamCase('event-streams-get', { params, captures: { get: get({ constantStreamData: [{ id: 1, variableMonitoringId: 7, params }] }) } })]));
      expect(result.verdict, result.reason).to.equal('PASS');
    });

    it('FAIL: not listed at all', () => {
      const result = judge(eventStreamListed, streamEvidence([streamCase('event-streams-get', { params, captures: { get: get({}) } })]));
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.contain('stream 1, open for monitor 7, is not listed (0 stream(s) listed)');
    });

    it('FAIL: listed with other parameters', () => {
      const result = judge(eventStreamListed, streamEvidence([streamCase('event-streams-get', { params, captures: { get: get({ constantStreamData: [{ id: 1, variableMonitoringId: 7, params: { interval: 60 } }] }) } })]));
      expect(result.reason).to.contain('is listed with interval 60, values -, but was opened with interval 300, values 10');
    });

    it('FAIL: a stream the station closed is still listed afterwards', () => {
      const closed = caseOf('event-streams-close', {
        close: makeMessagesCapture('ClosePeriodicEventStream', [makeMessage(40, 'ClosePeriodicEventStream', { id: 5 })]),
        'get-after-close': get({ constantStreamData: [{ id: 5, variableMonitoringId: 9, params: { interval: 3 } }] }),
      });
      const result = judge(eventStreamListed, streamEvidence([streamCase('event-streams-get', { params, captures: { get: get({ constantStreamData: [{ id: 1, variableMonitoringId: 7, params }] }) } }), closed]));
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.contain('stream 5 is still listed after the station closed it');
    });
  });

  describe('event-stream-close-flush (N13.FR.03)', () => {
    const clear = (): CallCapture => ({ ...makeCallCapture('ClearVariableMonitoring', { id: [7] }, { response: { clearMonitoringResult: [{ id: 7, status: 'Accepted' }] } }, [20, 21]), sentAt: at(4.6) });
    const close = makeMessagesCapture('ClosePeriodicEventStream', [makeMessage(23, 'ClosePeriodicEventStream', { id: 1 }, { receivedAt: at(4.62) })]);
    const first = streamMessage(10, { valuesS: [0.8, 1.8, 2.8], receivedS: 3.01 });

    it('PASS: the buffered values go out before the Close', () => {
      const messages = [first, streamMessage(22, { valuesS: [3.8], receivedS: 4.61 })];
      const result = judge(eventStreamCloseFlush, streamEvidence([streamCase('event-streams-close', { messages, captures: { clear: clear(), close } })]));
      expect(result.verdict, result.reason).to.equal('PASS');
    });

    it('FAIL: closed without sending what was buffered', () => {
      const late = { ...clear(), sentAt: at(6.5) };
      const result = judge(eventStreamCloseFlush, streamEvidence([streamCase('event-streams-close', { messages: [first], captures: { clear: late, close } })]));
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.contain('closed without sending what it buffered');
    });

    it('FAIL: a message after the Close', () => {
      const messages = [first, streamMessage(24, { valuesS: [3.8], receivedS: 4.7 })];
      expect(judge(eventStreamCloseFlush, streamEvidence([streamCase('event-streams-close', { messages, captures: { clear: clear(), close } })])).reason).to.contain('after its ClosePeriodicEventStream');
    });

    it('NOT APPLICABLE: no Close came (event-streams-close/close judges that)', () => {
      const result = judge(eventStreamCloseFlush, streamEvidence([streamCase('event-streams-close', { messages: [first], captures: { clear: clear(), close: makeMessagesCapture('ClosePeriodicEventStream', [], false) } })]));
      expect(result.verdict).to.equal('NOT APPLICABLE');
    });
  });

  describe('event-streams-within-max', () => {
    const probe = (facts: Partial<StreamLimitProbeFacts>): CallCapture => ({
      ...makeCallCapture('SetVariableMonitoring', { setMonitoringData: [] }, { response: { setMonitoringResult: [] } }, [50, 51]),
      streamLimitProbe: { maxPeriodicEventStreams: 2, monitors: 3, accepted: [1, 2, 3], opened: [], windowMs: 2000, cleared: [1, 2, 3], ...facts },
    });
    const opened = (n: number): StreamLimitProbeFacts['opened'] => Array.from({ length: n }, (_, i) => ({ seq: 60 + i, streamId: i + 1, variableMonitoringId: i + 1 }));

    it('PASS: two opened, the third monitor taken without a stream', () => {
      const result = judge(eventStreamsWithinMax, streamEvidence([caseOf('event-streams-max', { probe: probe({ opened: opened(2) }) })]));
      expect(result.verdict, result.reason).to.equal('PASS');
      expect(result.reason).to.contain('opened 2 and took the other 1 monitor(s) without a stream');
    });

    it('PASS: the third monitor refused', () => {
      const result = judge(eventStreamsWithinMax, streamEvidence([caseOf('event-streams-max', { probe: probe({ accepted: [1, 2], opened: opened(2) }) })]));
      expect(result.reason).to.contain('refused 1 monitor(s)');
    });

    it('FAIL: three opened with MaxPeriodicEventStreams 2', () => {
      const result = judge(eventStreamsWithinMax, streamEvidence([caseOf('event-streams-max', { probe: probe({ opened: opened(3) }) })]));
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.contain('supports 2 periodic event stream(s)').and.contain('opened 3');
    });

    it('NOT APPLICABLE: nothing to probe, with the step\'s reason', () => {
      const step = { index: 0, id: 'probe', kind: 'stream-limit-probe', phase: 'steps' as const, status: 'ok' as const, detail: "the station's device model reports no MonitoringCtrlr.MaxPeriodicEventStreams above 0", startedAt: at(0), durationMs: 0, seqs: [] };
      const result = judge(eventStreamsWithinMax, streamEvidence([caseOf('event-streams-max', {}, { steps: [step] })]));
      expect(result.verdict).to.equal('NOT APPLICABLE');
      expect(result.reason).to.contain('reports no MonitoringCtrlr.MaxPeriodicEventStreams');
    });
  });

  describe('event-stream-framing (N15.FR.01)', () => {
    it('FAIL on the RPC layer\'s send-as-call findings', () => {
      const e = streamEvidence([], { protocolFindings: [{ seq: 12, messageType: 'CALL', action: 'NotifyPeriodicEventStream', findings: [{ code: 'send-as-call', message: 'sent as a CALL' }] }] });
      const result = judge(eventStreamFraming, e);
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.equal('1 × NotifyPeriodicEventStream sent as a CALL (type 2), which expects an answer.');
      expect(result.seqs).to.deep.equal([12]);
    });

    it('PASS when stream messages came and no frame was misframed; NOT APPLICABLE without any', () => {
      expect(judge(eventStreamFraming, streamEvidence([streamCase('event-streams-open', { messages: regularMessages(2, { intervalS: 3 }) })])).verdict).to.equal('PASS');
      expect(judge(eventStreamFraming, streamEvidence([])).verdict).to.equal('NOT APPLICABLE');
    });
  });
});
