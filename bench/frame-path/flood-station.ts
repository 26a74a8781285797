/**
 * The flooding station (a child process): a plain `ws` client, so neither CSMS's own client code
 * is on the station side. Boots, then sends the prebuilt NotifyReport frames keeping a window of
 * W CALLs outstanding, and times from the first NotifyReport sent to the last answer received.
 * Prints one JSON line (StationFigures) and exits.
 *
 * Usage: tsx flood-station.ts <ws-url-of-the-station>
 */
import { performance } from 'node:perf_hooks';
import { WebSocket, type RawData } from 'ws';
import { printLine } from './csms-figures.js';
import { FLOOD } from './flood-config.js';
import { bootNotificationFrame, notifyReportFrames } from './report-frames.js';

export interface StationFigures {
  frames: number;
  /** CALLRESULTs and CALLERRORs to the NotifyReports; the flood is only valid with 0 errors. */
  callResults: number;
  callErrors: number;
  firstError?: unknown;
  bytesSent: number;
  /** First NotifyReport sent → last answer received. */
  durationMs: number;
  /** The station's own CPU time over that span: whether the station, not the CSMS, was the limit. */
  cpuMs: number;
}

const url = process.argv[2];
if (!url) throw new Error('usage: flood-station.ts <url>');

// Built before connecting, so building is not timed.
const frames = notifyReportFrames();
const bytesSent = frames.reduce((sum, frame) => sum + Buffer.byteLength(frame), 0);

// permessage-deflate off: compression would time zlib rather than the frame path.
const socket = new WebSocket(url, ['ocpp2.0.1'], { perMessageDeflate: false });
socket.on('error', (error) => {
  process.stderr.write(`station: ${error.message}\n`);
  process.exit(1);
});

let next = 0;
let answered = 0;
let callResults = 0;
let callErrors = 0;
let firstError: unknown;
let started = 0;
let cpuAtStart: NodeJS.CpuUsage | undefined;

function sendUpToWindow(): void {
  while (next < frames.length && next - answered < FLOOD.window) socket.send(frames[next++]);
}

socket.on('open', () => socket.send(bootNotificationFrame()));
socket.on('message', (data: RawData) => {
  // binaryType is the default 'nodebuffer', so each message is one Buffer.
  const text = (data as Buffer).toString('utf8');
  const [type, id, payload] = JSON.parse(text) as [number, string, Record<string, unknown>];
  if (id === 'boot') {
    if (type !== 3 || payload['status'] !== 'Accepted') throw new Error(`the boot was not accepted: ${text}`);
    started = performance.now();
    cpuAtStart = process.cpuUsage();
    sendUpToWindow();
    return;
  }
  if (type === 2) return; // a CALL from the CSMS: neither sends any during the flood
  answered += 1;
  if (type === 3) callResults += 1;
  else {
    callErrors += 1;
    firstError ??= JSON.parse(text) as unknown;
  }
  if (answered < frames.length) {
    sendUpToWindow();
    return;
  }
  const cpu = process.cpuUsage(cpuAtStart);
  const figures: StationFigures = { frames: frames.length, callResults, callErrors, bytesSent, durationMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
  if (firstError !== undefined) figures.firstError = firstError;
  printLine(figures);
  socket.close(1000, 'flood done');
});
socket.on('close', () => process.exit(0));
