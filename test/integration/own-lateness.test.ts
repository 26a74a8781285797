/**
 * The auditor's own lateness is not the station's (issue 14, the fleet benchmark's finding).
 *
 * A station's frame reaches the CSMS's socket while the CSMS's event loop is blocked past the end
 * of a wait (a slow or overloaded machine). When the loop runs again, Node runs due timers before
 * it reads sockets: the old wait ended there, empty, and the station was judged silent though its
 * frame was already at the door. A wait of the loop's attention (setKeptTimeout) adds the stall on
 * and reads the frame first.
 */
import { expect } from 'chai';
import type { Csms } from '../../src/session/csms.js';
import { BOOT_PAYLOAD, startCsms, stopCsms } from '../helpers/csms-fixture.js';
import { RawClient } from '../helpers/raw-client.js';

/** Keeps the event loop busy, as a loaded machine or a long garbage collection would. */
function blockLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy: nothing else on this thread runs
  }
}

describe('waits of the loop\'s attention (integration)', function () {
  this.timeout(30_000);
  let csms: Csms | undefined;
  let station: RawClient | undefined;

  afterEach(async () => {
    await station?.close();
    station = undefined;
    await stopCsms(csms);
    csms = undefined;
  });

  it('a frame sent within the window but read after a stall past its end is still collected', async () => {
    csms = await startCsms();
    station = await RawClient.connect(`${csms.url}LATE-1`);
    station.send(JSON.stringify([2, 'boot', 'BootNotification', BOOT_PAYLOAD]));
    await station.next(10_000);
    const session = csms.sessions.get('LATE-1');
    if (!session) throw new Error('no session');
    // Let the lateness ticker settle after the boot's work.
    await new Promise((resolve) => setTimeout(resolve, 200));

    const after = session.mark();
    const collected = session.collect((m) => m.action === 'Heartbeat', { after, timeoutMs: 150, count: 1 });
    // The Heartbeat goes onto the loopback wire at once; then the loop is blocked well past the
    // 150 ms window, so the frame waits in the socket until the wait's timer is due.
    station.send('[2,"hb-1","Heartbeat",{}]');
    blockLoop(600);
    const messages = await collected;
    expect(messages.map((m) => m.messageId), 'the Heartbeat that was at the door when the window ended').to.deep.equal(['hb-1']);
  });
});
