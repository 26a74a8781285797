/**
 * A flooding station in its own process, as a neighbour on another machine would be: it writes as
 * fast as it can whatever the CSMS is doing. (A flooder on the test's own event loop cannot build a
 * backlog: its writes wait for the very loop the CSMS reads on, which would hide a stall.)
 *
 * Run with fork() and an IPC channel; argv[2] is a JSON FloodOrder. Sends 'ready' once connected
 * and its opening frames are answered, floods on 'go' (each flood frame is `flood` with `#`
 * replaced by its number), and sends { answered } once every flood frame got an answer.
 */
import { WebSocket } from 'ws';
import { RawClient } from './raw-client.js';

export interface FloodOrder {
  url: string;
  /** Sent one by one before the flood, each answer awaited (e.g. a BootNotification). */
  frames: string[];
  flood: string;
  count: number;
}

const order = JSON.parse(process.argv[2] ?? '{}') as FloodOrder;
// Without permessage-deflate, as simple station stacks connect: compressed frames are inflated one
// by one off the event loop, which spreads a flood out by itself.
const client = await new Promise<RawClient>((resolve, reject) => {
  const socket = new WebSocket(order.url, ['ocpp2.0.1'], { perMessageDeflate: false });
  socket.once('open', () => resolve(RawClient.wrap(socket)));
  socket.once('error', reject);
});
for (const frame of order.frames) {
  client.send(frame);
  await client.next(30_000);
}
const before = client.received.length;
process.on('message', (message) => {
  if (message === 'go') {
    // Corked: the whole flood leaves in as few writes as the kernel takes, as from a fast station.
    const tcp = (client.socket as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
    tcp.cork();
    for (let i = 0; i < order.count; i += 1) client.send(order.flood.replace('#', String(i)));
    tcp.uncork();
    const check = setInterval(() => {
      if (client.received.length - before < order.count) return;
      clearInterval(check);
      process.send!({ answered: client.received.length - before });
    }, 20);
  }
});
process.on('disconnect', () => process.exit(0));
process.send!('ready');
