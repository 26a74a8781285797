import { expect } from 'chai';
import { StationInbox, type StationMessage } from '../../../src/session/station-inbox.js';

function message(seq: number, action: string, payload: Record<string, unknown> = {}): StationMessage {
  return { seq, action, messageId: `m${seq}`, payload, receivedAt: '', valid: true, connection: 1 };
}

describe('StationInbox', () => {
  it('finds a message that arrived before the wait began, if it is after the cursor', async () => {
    const inbox = new StationInbox();
    inbox.push(message(3, 'NotifyReport', { requestId: 1 }));
    const found = await inbox.waitFor((m) => m.action === 'NotifyReport', { after: 2, timeoutMs: 10 });
    expect(found?.seq).to.equal(3);
    const before = await inbox.waitFor((m) => m.action === 'NotifyReport', { after: 3, timeoutMs: 10 });
    expect(before).to.equal(undefined);
  });

  it('resolves a wait when the message comes later', async () => {
    const inbox = new StationInbox();
    const waiting = inbox.waitFor((m) => m.action === 'NotifyEvent', { timeoutMs: 5000 });
    inbox.push(message(1, 'Heartbeat'));
    inbox.push(message(2, 'NotifyEvent'));
    expect((await waiting)?.seq).to.equal(2);
  });

  it('collects until a condition holds, mixing early and late messages', async () => {
    const inbox = new StationInbox();
    inbox.push(message(5, 'NotifyReport', { seqNo: 0, tbc: true }));
    const collecting = inbox.collect((m) => m.action === 'NotifyReport', {
      after: 4,
      timeoutMs: 5000,
      until: (parts) => parts.some((p) => p.payload['tbc'] !== true),
    });
    inbox.push(message(6, 'NotifyReport', { seqNo: 1, tbc: true }));
    inbox.push(message(7, 'NotifyReport', { seqNo: 2 }));
    inbox.push(message(8, 'NotifyReport', { seqNo: 3 }));
    expect((await collecting).map((m) => m.seq)).to.deep.equal([5, 6, 7]);
  });

  it('returns what it has when the time is up, without rejecting', async () => {
    const inbox = new StationInbox();
    inbox.push(message(1, 'NotifyEvent'));
    const got = await inbox.collect((m) => m.action === 'NotifyEvent', { timeoutMs: 20, count: 3 });
    expect(got).to.have.length(1);
  });
});
