/**
 * Slowloris (issue 14 item 7): a peer that dribbles its HTTP upgrade request one byte at a time, or
 * opens a socket and says nothing, must not hold the socket for ever. The CSMS closes it once the
 * handshake timeout has passed and records the refusal in server-events.jsonl; stations that
 * complete their handshake are served as before.
 */
import { expect } from 'chai';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Csms } from '../../src/session/csms.js';
import { BOOT_PAYLOAD, eventually, readJournal, startCsms, stopCsms } from '../helpers/csms-fixture.js';
import { RawClient } from '../helpers/raw-client.js';

const HANDSHAKE_TIMEOUT_MS = 2000;
/** Far above the timeout plus node's check interval, far below what the old defaults gave (60–90 s). */
const CLOSED_WITHIN_MS = 10_000;

/** Opens a raw TCP socket; resolves with it and a promise of the moment (performance.now) it closed. */
async function openRaw(port: number): Promise<{ socket: Socket; closed: Promise<number>; openedAt: number }> {
  const openedAt = performance.now();
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  socket.resume(); // read (and drop) whatever the CSMS answers, so the close is seen
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(performance.now())));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, closed, openedAt };
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms).unref())]);
}

describe('handshake timeout (integration)', function () {
  this.timeout(30_000);
  let csms: Csms | undefined;

  afterEach(async () => {
    await stopCsms(csms);
    csms = undefined;
  });

  it('closes a socket that dribbles its upgrade request byte by byte, and records the refusal', async () => {
    csms = await startCsms({ handshakeTimeoutMs: HANDSHAKE_TIMEOUT_MS });
    const port = Number(new URL(csms.url).port);
    const { socket, closed, openedAt } = await openRaw(port);
    // A request that would complete only after ~100 s at this pace: one byte every 20 ms.
    const request = `GET /ocpp/SLOW-1 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Pad: ${'x'.repeat(5000)}\r\n\r\n`;
    let sent = 0;
    const dribble = setInterval(() => {
      if (sent < request.length && !socket.destroyed) socket.write(request[sent++]);
    }, 20);
    try {
      const closedAt = await within(closed, CLOSED_WITHIN_MS, 'the slowloris socket was not closed');
      expect(closedAt - openedAt, 'not closed before the handshake timeout').to.be.at.least(HANDSHAKE_TIMEOUT_MS - 50);
      expect(sent, 'closed while the request was still incomplete').to.be.below(request.length);
    } finally {
      clearInterval(dribble);
      socket.destroy();
    }
    const serverEvents = join(csms.options.outDir, 'server-events.jsonl');
    const refusal = await eventually(
      () => readJournal(serverEvents).find((r) => r.record === 'connection' && r.event === 'rejected'),
      5000,
      'the refusal in server-events.jsonl',
    );
    expect(refusal.record === 'connection' && refusal.details).to.include({ status: 408, reason: 'handshake-timeout', remoteAddress: '127.0.0.1' });
  });

  it('closes a socket that never sends a byte, and still serves a station that completes its handshake', async () => {
    csms = await startCsms({ handshakeTimeoutMs: HANDSHAKE_TIMEOUT_MS });
    const port = Number(new URL(csms.url).port);
    const silent = await openRaw(port);
    const station = await RawClient.connect(`${csms.url}FAST-1`);
    try {
      await within(silent.closed, CLOSED_WITHIN_MS, 'the silent socket was not closed');
      // The accepted station outlives the timeout: it is no handshake any more.
      station.send(JSON.stringify([2, 'boot-1', 'BootNotification', BOOT_PAYLOAD]));
      expect(await station.next(5000)).to.have.nested.property('[0]', 3);
    } finally {
      await station.close();
    }
    const refusals = await eventually(() => { const found = readJournal(join(csms!.options.outDir, 'server-events.jsonl')).filter((r) => r.record === 'connection' && r.event === 'rejected'); return found.length > 0 ? found : undefined; }, 5000, 'the refusal in server-events.jsonl');
    expect(refusals).to.have.length(1);
  });
});
