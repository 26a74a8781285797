import { expect } from 'chai';
import type { CallCapture } from '../../../src/evidence/evidence.js';
import { runAwait } from '../../../src/scenario/steps/await.js';
import type { StepRun } from '../../../src/scenario/step-run.js';
import type { StationMessage } from '../../../src/session/station-inbox.js';
import type { StationSession } from '../../../src/session/station-session.js';

/** A session whose station sends nothing: every wait ends empty at once. */
function silentRun(captures: Record<string, CallCapture>): StepRun {
  const session = { collect: () => Promise.resolve([]), isConnected: true } as unknown as StationSession;
  return {
    session,
    context: { targets: {}, captures, requestIds: {}, options: {}, known: {} },
    cursors: new Map([['set', 10]]),
    lastSendCursor: 10,
    timeoutScale: 1,
    callTimeoutMs: 1000,
    nonInteractive: true,
    prompt: () => Promise.resolve(),
    signal: new AbortController().signal,
    waiting: () => undefined,
    limit: () => undefined,
    where: 'test.json: /steps/1',
  };
}

describe('await step', () => {
  it('a window that stayed silent links the request that opened it (issue 15 item 7)', async () => {
    const set: CallCapture = { kind: 'call', action: 'SetVariableMonitoring', request: {}, ok: true, response: {}, durationMs: 3, sentAt: '2026-01-01T00:00:00.000Z', seqs: [11, 12] };
    const result = await runAwait({ kind: 'await', id: 'fired', action: 'NotifyEvent', withinS: 0, after: 'set' }, silentRun({ set }));
    expect(result.status).to.equal('unmet');
    expect(result.detail).to.equal('0 of 1 NotifyEvent within 0 s');
    expect(result.seqs).to.deep.equal([11, 12]);
  });

  describe('afterAnswer: the triggered message must follow the answer (OCPP 1.6 §5.17)', () => {
    const trigger: CallCapture = { kind: 'call', action: 'TriggerMessage', request: {}, ok: true, response: { status: 'Accepted' }, durationMs: 3, sentAt: '2026-01-01T00:00:00.000Z', seqs: [11, 13] };
    const heartbeat = (seq: number): StationMessage => ({ seq, action: 'Heartbeat', messageId: `m${seq}`, payload: {}, receivedAt: '2026-01-01T00:00:00.000Z', valid: true, connection: 1 });
    /** A session that has already received these messages: collect and messages read them after a cursor. */
    const runWith = (received: StationMessage[]): StepRun => {
      const after = (cursor: number, predicate: (m: StationMessage) => boolean): StationMessage[] => received.filter((m) => m.seq > cursor && predicate(m));
      const session = {
        collect: (predicate: (m: StationMessage) => boolean, options: { after: number; count?: number }) => Promise.resolve(after(options.after, predicate).slice(0, options.count ?? Infinity)),
        messages: (predicate: (m: StationMessage) => boolean, cursor = 0) => after(cursor, predicate),
        isConnected: true,
      } as unknown as StationSession;
      return { ...silentRun({ trigger }), session, cursors: new Map([['trigger', 10]]) };
    };
    const step = { kind: 'await' as const, id: 'triggered', action: 'Heartbeat', withinS: 0, after: 'trigger', afterAnswer: true };

    it('counts a message sent after the answer', async () => {
      const result = await runAwait(step, runWith([heartbeat(14)]));
      expect(result.status).to.equal('ok');
      expect(result.seqs).to.deep.equal([14]);
    });

    it('does not count one sent before the answer, and says so', async () => {
      const result = await runAwait(step, runWith([heartbeat(12)]));
      expect(result.status).to.equal('unmet');
      expect(result.detail).to.equal('0 of 1 Heartbeat within 0 s after the answer (one came before the answer, where the answer comes first)');
      expect(result.seqs).to.deep.equal([11, 12, 13]);
    });

    it('counts from the request when the station gave no answer', async () => {
      const unanswered: CallCapture = { ...trigger, ok: false, failure: { kind: 'timeout', description: 'no answer' }, seqs: [11] };
      delete unanswered.response;
      const result = await runAwait(step, { ...runWith([heartbeat(12)]), context: { targets: {}, captures: { trigger: unanswered }, requestIds: {}, options: {}, known: {} } });
      expect(result.status).to.equal('ok');
    });
  });
});
