/**
 * One station's flood must not stall another station on the same CSMS (issue 14 item 7).
 *
 * A raw client in its own process (as a neighbour station is) floods thousands of
 * valid Heartbeat CALLs without waiting for answers; once the CSMS has begun on the flood, a
 * well-behaved station sends one Heartbeat. The assertion is on order, not speed: the CSMS must
 * answer the well-behaved station while most of the flood is still unprocessed (each connection
 * gets a bounded share per turn of the event loop), never after the whole flood. The old code read
 * and answered a socket's whole backlog before it looked at any other socket.
 */
import { expect } from 'chai';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Csms } from '../../src/session/csms.js';
import { BOOT_PAYLOAD, eventually, startCsms, stopCsms } from '../helpers/csms-fixture.js';
import { RawClient } from '../helpers/raw-client.js';

const FLOOD = 20_000;
/** Flood CALLs the CSMS has taken in when the well-behaved station sends its Heartbeat. */
const FLOOD_STARTED = 2_000;
const BOOT_FRAME = JSON.stringify([2, 'boot', 'BootNotification', BOOT_PAYLOAD]);

function startFlooder(url: string): Promise<ChildProcess> {
  const order = { url, frames: [BOOT_FRAME], flood: '[2,"f#","Heartbeat",{}]', count: FLOOD };
  const child = fork(fileURLToPath(new URL('../helpers/flood-station.ts', import.meta.url)), [JSON.stringify(order)], {
    execArgv: ['--import', 'tsx'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the flooding station exited (${code})`)));
  });
}

describe('fair share between stations (integration)', function () {
  this.timeout(180_000);
  let csms: Csms | undefined;
  let quiet: RawClient | undefined;
  let flooder: ChildProcess | undefined;

  afterEach(async () => {
    flooder?.kill();
    flooder = undefined;
    await quiet?.close();
    quiet = undefined;
    await stopCsms(csms);
    csms = undefined;
  });

  it('answers a well-behaved station while a neighbour floods Heartbeats, not after the flood', async () => {
    csms = await startCsms();
    quiet = await RawClient.connect(`${csms.url}QUIET-1`);
    quiet.send(BOOT_FRAME);
    await quiet.next(10_000);
    flooder = await startFlooder(`${csms.url}FLOOD-1`);
    const floodSession = csms.sessions.get('FLOOD-1');
    const quietSession = csms.sessions.get('QUIET-1');
    if (!floodSession || !quietSession) throw new Error('a station has no session');

    let floodCallsIn = 0;
    let floodCallsWhenAnswered: number | undefined;
    floodSession.journal.onRecord((record) => {
      if (record.record !== 'frame' || record.direction !== 'cp-to-csms' || record.action !== 'Heartbeat') return;
      floodCallsIn += 1;
      // The flood is being worked on: now the well-behaved station asks, straight onto the wire.
      if (floodCallsIn === FLOOD_STARTED) quiet!.send('[2,"quiet-1","Heartbeat",{}]');
    });
    quietSession.journal.onRecord((record) => {
      if (record.record === 'frame' && record.messageType === 'CALLRESULT' && record.messageId === 'quiet-1') floodCallsWhenAnswered = floodCallsIn;
    });
    const floodDone = new Promise<{ answered: number }>((resolve) => flooder!.once('message', (m) => resolve(m as { answered: number })));
    flooder.send('go');

    const answered = await eventually(() => floodCallsWhenAnswered, 120_000, "the well-behaved station's answer");
    // Fair share: the answer is not queued behind the whole flood. Half the flood is a margin so
    // wide that no scheduling hiccup on a loaded machine reaches it.
    expect(answered, 'flood CALLs taken in before the well-behaved station was answered').to.be.below(FLOOD / 2);
    // The flood itself is still served in full: every CALL recorded and answered, none lost.
    expect((await floodDone).answered).to.equal(FLOOD);
    expect(floodCallsIn).to.equal(FLOOD);
  });
});
