import { expect } from 'chai';
import type { CallCapture } from '../../../src/evidence/evidence.js';
import { runAwait } from '../../../src/scenario/steps/await.js';
import type { StepRun } from '../../../src/scenario/step-run.js';
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
});
