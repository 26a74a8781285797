/**
 * A station that sends frames over the size limit loses its connection (1009, Message Too Big) and
 * the evidence says why; the frame is never read, so it costs no memory, and another station is
 * served meanwhile (issue 14: one booted station sending 10 MB DataTransfer CALLs used to take the
 * whole process to an out-of-memory abort).
 */
import { expect } from 'chai';
import type { ConnectionRecord, JournalRecord } from '../../src/evidence/journal-record.js';
import { DEFAULT_MAX_FRAME_BYTES } from '../../src/ocpp/csms-server.js';
import type { Csms } from '../../src/session/csms.js';
import { closeAndWait, connectStation, eventually, readJournal, startCsms, stopCsms } from '../helpers/csms-fixture.js';
import { RawClient } from '../helpers/raw-client.js';

const BOOT_FRAME = '[2,"boot-1","BootNotification",{"reason":"PowerUp","chargingStation":{"model":"M","vendorName":"V"}}]';

/** A valid DataTransfer CALL of about `bytes` bytes: the size is the only thing wrong with it. */
function bigDataTransfer(id: string, bytes: number): string {
  return JSON.stringify([2, id, 'DataTransfer', { vendorId: 'com.example', data: 'x'.repeat(bytes) }]);
}

function closeCode(client: RawClient): Promise<number> {
  return new Promise((resolve) => client.socket.once('close', (code) => resolve(code)));
}

const connectionEvents = (records: JournalRecord[], event: string): ConnectionRecord[] =>
  records.filter((r): r is ConnectionRecord => r.record === 'connection' && r.event === event);

describe('frame size limit', function () {
  this.timeout(60_000);
  let csms: Csms | undefined;

  afterEach(async () => {
    await stopCsms(csms);
    csms = undefined;
  });

  it('closes a station that streams frames over the default limit with 1009, records why, and keeps serving another station', async () => {
    csms = await startCsms();
    const { station: neighbour, session: neighbourSession } = await connectStation(csms, 'NEIGHBOUR');
    const frame = bigDataTransfer('big-1', DEFAULT_MAX_FRAME_BYTES + 1024);
    const rounds = 3;
    for (let round = 1; round <= rounds; round += 1) {
      const client = await RawClient.connect(`${csms.url}FLOODER`);
      client.send(BOOT_FRAME);
      expect(((await client.next(10_000)) as unknown[]).slice(0, 2)).to.deep.equal([3, 'boot-1']);
      const closed = closeCode(client);
      // The station keeps streaming; the first oversized frame ends the connection.
      for (let i = 0; i < 3 && client.socket.readyState === client.socket.OPEN; i += 1) client.send(frame);
      // Meanwhile the other station is answered as usual.
      const heartbeat = await neighbour.call('Heartbeat', {}, { timeoutMs: 10_000 });
      expect(heartbeat.ok, `heartbeat of the neighbour in round ${round}`).to.equal(true);
      expect(await closed, `close code in round ${round}`).to.equal(1009);
    }
    const session = csms.sessions.get('FLOODER');
    expect(session, 'the flooder has a session').to.not.equal(undefined);
    await eventually(() => session && connectionEvents(readJournal(session.journal.path), 'close').length === rounds, 10_000, 'three recorded closes');
    const records = readJournal(session!.journal.path);
    const tooLarge = connectionEvents(records, 'frame-too-large');
    expect(tooLarge.map((r) => r.connection)).to.deep.equal([1, 2, 3]);
    for (const record of tooLarge) expect(record.details['limitBytes']).to.equal(DEFAULT_MAX_FRAME_BYTES);
    const closes = connectionEvents(records, 'close');
    expect(closes.map((r) => r.details['code'])).to.deep.equal([1009, 1009, 1009]);
    for (const close of closes) expect(String(close.details['reason'])).to.contain(String(DEFAULT_MAX_FRAME_BYTES));
    // The oversized frames were never read: no frame record, nothing kept in memory.
    const frames = records.filter((r) => r.record === 'frame' && r.direction === 'cp-to-csms');
    expect(frames.map((r) => r.record === 'frame' && r.action)).to.deep.equal(['BootNotification', 'BootNotification', 'BootNotification']);
    expect(session!.messages().map((m) => m.action)).to.deep.equal(['BootNotification', 'BootNotification', 'BootNotification']);
    expect(neighbourSession.isConnected).to.equal(true);
    await closeAndWait(neighbour);
  });

  it('takes the limit from the options (--max-frame-bytes)', async () => {
    csms = await startCsms({ maxFrameBytes: 64 * 1024 });
    const client = await RawClient.connect(`${csms.url}SMALL`);
    client.send(BOOT_FRAME);
    await client.next(10_000);
    // Under the limit: answered.
    client.send(bigDataTransfer('fits', 60 * 1024));
    expect(((await client.next(10_000)) as unknown[]).slice(0, 2)).to.deep.equal([3, 'fits']);
    const closed = closeCode(client);
    client.send(bigDataTransfer('too-big', 65 * 1024));
    expect(await closed).to.equal(1009);
    const session = csms.sessions.get('SMALL')!;
    await eventually(() => connectionEvents(readJournal(session.journal.path), 'close').length === 1, 10_000, 'the recorded close');
    const records = readJournal(session.journal.path);
    expect(connectionEvents(records, 'frame-too-large')[0]?.details['limitBytes']).to.equal(64 * 1024);
    expect(connectionEvents(records, 'close')[0]?.details).to.deep.include({ code: 1009 });
  });
});
