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

describe('StationInbox memory bound (issue 14)', () => {
  const limits = { recentMessages: 100, recentBytes: 10_000, keptMessages: 50, keptBytes: 5000 };

  it('an inbox that keeps nothing past the recent messages (observe) forgets quietly: it never announces a forgotten kind', () => {
    let announced = 0;
    const inbox = new StationInbox({ recentMessages: 100, recentBytes: 256 * 1024, keptMessages: 0, keptBytes: 0 }, () => (announced += 1));
    for (let seq = 1; seq <= 1000; seq += 1) inbox.push(message(seq, 'NotifyEvent'), 200);
    expect(inbox.size).to.equal(100);
    expect(announced).to.equal(0);
  });

  it('forgets the oldest messages beyond the recent bound, never the newest', () => {
    const inbox = new StationInbox(limits);
    for (let seq = 1; seq <= 1000; seq += 1) inbox.push(message(seq, 'Heartbeat'), 10);
    expect(inbox.size).to.equal(100);
    expect(inbox.list().map((m) => m.seq)).to.deep.equal(Array.from({ length: 100 }, (_v, i) => 901 + i));
    expect(inbox.dropped).to.deep.equal({ messages: 900, kept: 0 });
  });

  it('bounds the bytes held too, keeping the newest message even when it alone is over', () => {
    const inbox = new StationInbox(limits);
    for (let seq = 1; seq <= 10; seq += 1) inbox.push(message(seq, 'DataTransfer'), 3000);
    expect(inbox.list().map((m) => m.seq)).to.deep.equal([8, 9, 10]);
    inbox.push(message(11, 'DataTransfer'), 50_000);
    expect(inbox.list().map((m) => m.seq)).to.deep.equal([11]);
  });

  it('keeps the kinds the evidence lists (boot, status, events) past the recent bound, in order, within their own bound', () => {
    let firstKeptDrop: number | undefined;
    const inbox = new StationInbox(limits, (m) => (firstKeptDrop ??= m.seq));
    inbox.push(message(1, 'BootNotification'), 10);
    for (let seq = 2; seq <= 500; seq += 1) inbox.push(message(seq, seq % 50 === 0 ? 'StatusNotification' : 'Heartbeat'), 10);
    expect(inbox.list((m) => m.action !== 'Heartbeat').map((m) => m.seq)).to.deep.equal([1, 50, 100, 150, 200, 250, 300, 350, 400, 450, 500]);
    expect(inbox.list((m) => m.action === 'Heartbeat', 0)).to.have.length(98);
    expect(firstKeptDrop).to.equal(undefined);
    // A flood of events fills the kept tier: its oldest leave, and that is said once.
    for (let seq = 501; seq <= 2000; seq += 1) inbox.push(message(seq, 'NotifyEvent'), 10);
    expect(inbox.size).to.equal(150);
    expect(firstKeptDrop).to.equal(1);
    expect(inbox.dropped.kept).to.be.greaterThan(0);
  });

  it('still hands a listening wait what arrived, even when the flood has pushed it out of memory since', async () => {
    const inbox = new StationInbox(limits);
    const waiting = inbox.collect((m) => m.action === 'DataTransfer', { after: 0, timeoutMs: 5000, count: 2 });
    inbox.push(message(1, 'DataTransfer'), 10);
    for (let seq = 2; seq <= 300; seq += 1) inbox.push(message(seq, 'Heartbeat'), 10);
    inbox.push(message(301, 'DataTransfer'), 10);
    expect((await waiting).map((m) => m.seq)).to.deep.equal([1, 301]);
  });
});
