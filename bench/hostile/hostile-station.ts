/**
 * One hostile station for bench/hostile.bench.ts, in its own process so that it writes as fast as
 * a real neighbour would, whatever the auditor is doing. Runs until killed; reconnects when the
 * CSMS closes it (a refusal or a frame over the limit is the CSMS's right, not the end of the attack).
 *
 *   heartbeat-flood <url>       bursts of FLOOD_BURST valid Heartbeat CALLs, no waiting between them
 *                               beyond the previous burst's answers
 *   large-frames <url>          valid DataTransfer CALLs of LARGE_FRAME_BYTES each, 4 outstanding,
 *                               at most LARGE_FRAMES in all (each is journalled)
 *   slowloris <host:port>       SLOWLORIS_SOCKETS raw TCP sockets, each dribbling an upgrade
 *                               request one byte every 100 ms
 *
 * Counts go to stdout as one JSON line on SIGTERM.
 */
import { connect } from 'node:net';
import { WebSocket } from 'ws';

const [kind, target] = process.argv.slice(2) as [string, string];
const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const BOOT = JSON.stringify([2, 'boot', 'BootNotification', { reason: 'PowerUp', chargingStation: { model: 'Hostile', vendorName: 'Bench' } }]);
const counts = { connections: 0, sent: 0, answered: 0, closedByCsms: 0 };

process.on('SIGTERM', () => {
  process.stdout.write(`${JSON.stringify({ kind, ...counts })}\n`);
  process.exit(0);
});

/** Connects (no permessage-deflate: a flood of plain frames is the harder case), boots, then runs `attack`. */
function station(attack: (socket: WebSocket) => void): void {
  const socket = new WebSocket(target, ['ocpp2.0.1'], { perMessageDeflate: false });
  counts.connections += 1;
  let booted = false;
  socket.on('message', () => {
    if (!booted) {
      booted = true;
      attack(socket);
      return;
    }
    counts.answered += 1;
    socket.emit('answer');
  });
  socket.once('open', () => socket.send(BOOT));
  socket.on('error', () => {});
  socket.once('close', () => {
    counts.closedByCsms += 1;
    setTimeout(() => station(attack), 200);
  });
}

function heartbeatFlood(socket: WebSocket): void {
  const burst = env('FLOOD_BURST', 10_000);
  let outstanding = 0;
  const sendBurst = (): void => {
    if (socket.readyState !== WebSocket.OPEN) return;
    for (let i = 0; i < burst; i += 1) socket.send(`[2,"h${counts.sent++}","Heartbeat",{}]`);
    outstanding += burst;
  };
  socket.on('answer', () => {
    outstanding -= 1;
    if (outstanding === 0) sendBurst();
  });
  sendBurst();
}

function largeFrames(socket: WebSocket): void {
  const bytes = env('LARGE_FRAME_BYTES', 1_000_000);
  const limit = env('LARGE_FRAMES', 100);
  const data = 'x'.repeat(bytes - 80);
  const sendOne = (): void => {
    if (socket.readyState !== WebSocket.OPEN || counts.sent >= limit) return;
    socket.send(`[2,"d${counts.sent++}","DataTransfer",{"vendorId":"Bench","data":"${data}"}]`);
  };
  socket.on('answer', sendOne);
  for (let i = 0; i < 4; i += 1) sendOne();
}

function slowloris(): void {
  const [host, port] = target.split(':') as [string, string];
  const open = (n: number): void => {
    const socket = connect(Number(port), host);
    counts.connections += 1;
    const request = `GET /ocpp/SLOW-${n} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Pad: ${'x'.repeat(100_000)}\r\n\r\n`;
    let at = 0;
    const dribble = setInterval(() => {
      if (!socket.destroyed) socket.write(request[at++ % request.length]);
    }, 100);
    socket.on('error', () => {});
    socket.resume();
    socket.once('close', () => {
      clearInterval(dribble);
      counts.closedByCsms += 1;
      setTimeout(() => open(n), 200);
    });
  };
  for (let n = 0; n < env('SLOWLORIS_SOCKETS', 50); n += 1) open(n);
}

if (kind === 'heartbeat-flood') station(heartbeatFlood);
else if (kind === 'large-frames') station(largeFrames);
else if (kind === 'slowloris') slowloris();
else throw new Error(`unknown hostile kind ${kind}`);
