/**
 * ocpp-rpc as the peer CSMS under the same flood (a child process): RPCServer in strict mode for
 * ocpp2.0.1, so every call and every answer is validated against its bundled 2.0.1 schemas. It
 * answers BootNotification and NotifyReport, keeps each payload and counts the report items, as
 * a minimal consumer would; it journals nothing (that difference is what the ratio prices).
 *
 * Prints {url} once listening, then CsmsFigures once the station has left. Usage: tsx ocpp-rpc-csms.ts
 */
import { RPCServer, type IHandlersOption, type RPCClient } from 'ocpp-rpc';
import { FloodMeter, printLine } from './csms-figures.js';
import { FLOOD } from './flood-config.js';

interface NotifyReport {
  requestId: number;
  tbc?: boolean;
  reportData?: unknown[];
}

const meter = new FloodMeter();
const kept: NotifyReport[] = [];
let entries = 0;

// Pings off, as for ours (pingIntervalMs 0): no keep-alive traffic in the timing.
const server = new RPCServer({ protocols: ['ocpp2.0.1'], strictMode: true, pingIntervalMs: 0 });
let stationLeft!: () => void;
const left = new Promise<void>((resolve) => (stationLeft = resolve));

// The 'client' event is untyped; the server's clients are RPCClients.
server.on('client', (client: RPCClient) => {
  // ocpp-rpc types handlers as async; it awaits whatever they return.
  client.handle('BootNotification', () => {
    meter.start();
    return Promise.resolve({ status: 'Accepted', interval: 300, currentTime: new Date().toISOString() });
  });
  client.handle('NotifyReport', ({ params }: IHandlersOption) => {
    meter.frame();
    const report = params as NotifyReport;
    if (report.requestId === FLOOD.requestId) {
      kept.push(report);
      entries += report.reportData?.length ?? 0;
      if (report.tbc !== true) meter.end();
    }
    return Promise.resolve({});
  });
  client.once('close', () => stationLeft());
});

const http = await server.listen(0, '127.0.0.1');
const address = http.address();
if (address === null || typeof address !== 'object') throw new Error('no address');
printLine({ url: `ws://127.0.0.1:${address.port}/` });

await left;
await server.close({});
if (entries !== FLOOD.frames * FLOOD.entriesPerFrame) throw new Error(`counted ${entries} entries; expected ${FLOOD.frames * FLOOD.entriesPerFrame}`);
printLine(meter.figures({ csms: 'ocpp-rpc', frames: kept.length, entries, journaled: false }));
process.exit(0);
