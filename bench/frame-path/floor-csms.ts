/**
 * The floor under the same flood (a child process): the least a Node CSMS can do and still read
 * the frames. A bare `ws` server (no compression offered, so no zlib) that JSON-parses each frame,
 * counts its report items and answers with an empty CALLRESULT: no schema validation, no journal,
 * no payload kept, no checks. No real CSMS can be faster than this on the same machine, so its
 * frames/s over ocpp-rpc's is the highest ratio any design could reach here.
 *
 * Prints {url} once listening, then CsmsFigures once the station has left. Usage: tsx floor-csms.ts
 */
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { FloodMeter, printLine } from './csms-figures.js';
import { FLOOD } from './flood-config.js';

interface NotifyReport {
  requestId: number;
  tbc?: boolean;
  reportData?: unknown[];
}

const meter = new FloodMeter();
let frames = 0;
let entries = 0;
let stationLeft!: () => void;
const left = new Promise<void>((resolve) => (stationLeft = resolve));

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, handleProtocols: () => 'ocpp2.0.1' });
await new Promise<void>((resolve) => server.once('listening', () => resolve()));

server.on('connection', (socket: WebSocket) => {
  socket.on('message', (data: RawData) => {
    const [, id, action, payload] = JSON.parse((data as Buffer).toString('utf8')) as [number, string, string, NotifyReport];
    if (action === 'BootNotification') {
      meter.start();
      socket.send(JSON.stringify([3, id, { status: 'Accepted', interval: 300, currentTime: new Date().toISOString() }]));
      return;
    }
    meter.frame();
    if (payload.requestId === FLOOD.requestId) {
      frames += 1;
      entries += payload.reportData?.length ?? 0;
      if (payload.tbc !== true) meter.end();
    }
    socket.send(`[3,${JSON.stringify(id)},{}]`);
  });
  socket.once('close', () => stationLeft());
});

const address = server.address();
if (address === null || typeof address !== 'object') throw new Error('no address');
printLine({ url: `ws://127.0.0.1:${address.port}/` });

await left;
await new Promise<void>((resolve) => server.close(() => resolve()));
if (entries !== FLOOD.frames * FLOOD.entriesPerFrame) throw new Error(`counted ${entries} entries; expected ${FLOOD.frames * FLOOD.entriesPerFrame}`);
printLine(meter.figures({ csms: 'floor', frames, entries, journaled: false }));
process.exit(0);
