/**
 * A long session of many small CALLs keeps the session's memory bounded (issue 14: 50k small
 * CALLs used to add about 40 MB for the life of a session): the inbox holds at most its limits,
 * the kinds the evidence lists are kept, the journal has every frame, and a closed session
 * lets go of everything.
 */
import { expect } from 'chai';
import type { Csms } from '../../src/session/csms.js';
import { eventually, readJournal, startCsms, stopCsms } from '../helpers/csms-fixture.js';
import { RawClient } from '../helpers/raw-client.js';

const BOOT_FRAME = '[2,"boot-1","BootNotification",{"reason":"PowerUp","chargingStation":{"model":"M","vendorName":"V"}}]';
const STATUS_FRAME = '[2,"status-1","StatusNotification",{"timestamp":"2026-01-01T00:00:00Z","connectorStatus":"Available","evseId":1,"connectorId":1}]';
const LIMITS = { recentMessages: 200, recentBytes: 1024 * 1024, keptMessages: 100, keptBytes: 1024 * 1024 };
const HEARTBEATS = 3000;

describe('session inbox bound', function () {
  this.timeout(120_000);
  let csms: Csms | undefined;

  afterEach(async () => {
    await stopCsms(csms);
    csms = undefined;
  });

  it('holds no more than its bound over thousands of CALLs, keeps the boot and status, journals every frame, and lets go on close', async () => {
    csms = await startCsms({ inboxLimits: LIMITS });
    const client = await RawClient.connect(`${csms.url}CHATTY`);
    client.send(BOOT_FRAME);
    await client.next(10_000);
    client.send(STATUS_FRAME);
    await client.next(10_000);
    for (let i = 0; i < HEARTBEATS; i += 1) client.send(`[2,"hb-${i}","Heartbeat",{}]`);
    await eventually(() => client.received.length === HEARTBEATS + 2, 60_000, 'every heartbeat answered');
    const session = csms.sessions.get('CHATTY')!;
    const held = session.messages();
    expect(held.length, 'messages held in memory').to.be.at.most(LIMITS.recentMessages + 2);
    expect(held.map((m) => m.action).slice(0, 2)).to.deep.equal(['BootNotification', 'StatusNotification']);
    expect(held.at(-1)?.messageId).to.equal(`hb-${HEARTBEATS - 1}`);
    // What the runner lists at the end of an audit is still there.
    expect(session.messages((m) => m.action === 'StatusNotification')).to.have.length(1);
    expect(session.messages((m) => m.action === 'BootNotification')).to.have.length(1);
    // The journal has every frame the station sent.
    const stationFrames = readJournal(session.journal.path).filter((r) => r.record === 'frame' && r.direction === 'cp-to-csms');
    expect(stationFrames).to.have.length(HEARTBEATS + 2);
    await client.close();
    await session.close();
    expect(session.messages(), 'nothing held after the session closed').to.have.length(0);
  });
});
