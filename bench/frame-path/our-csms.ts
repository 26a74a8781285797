/**
 * Our CSMS under the flood (a child process): the real path a station's frame takes in an audit.
 * Csms receives, parses, validates against the OCA schemas, journals every frame with a
 * synchronous write to <outDir>/FLOOD/trace.jsonl before answering it, and feeds the session's
 * inbox. "Assembled" is what the collect-report step and the evidence do with a report: collect
 * the NotifyReport parts of the requestId until the part with tbc=false, then assembleDeviceModel.
 *
 * Prints {url} once listening, then CsmsFigures once the station has left. Usage: tsx our-csms.ts <outDir>
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { MessagesCapture } from '../../src/evidence/evidence.js';
import { assembleDeviceModel } from '../../src/evidence/device-model-assembly.js';
import { toCollected } from '../../src/scenario/steps/await.js';
import { Csms, CSMS_DEFAULTS } from '../../src/session/csms.js';
import { FloodMeter, printLine } from './csms-figures.js';
import { FLOOD } from './flood-config.js';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: our-csms.ts <outDir>');

const meter = new FloodMeter();
const csms = await Csms.start({ ...CSMS_DEFAULTS, securityProfile: 0, port: 0, outDir, pingIntervalMs: 0, callTimeoutMs: 60_000 });
csms.on('boot', () => meter.start());
printLine({ url: csms.url });

const session = await csms.waitForStation(FLOOD.stationId, 60_000);
if (!session) throw new Error('the station did not connect');
const stationLeft = new Promise<void>((resolve) => csms.once('disconnected', () => resolve()));
const after = session.mark();
// As runCollectReport does: the parts of one requestId until one says tbc is not true.
const isPart = (m: { action: string; payload: Record<string, unknown> }): boolean => {
  if (m.action !== 'NotifyReport' || m.payload['requestId'] !== FLOOD.requestId) return false;
  meter.frame();
  return true;
};
const windowMs = 600_000;
const startedAt = new Date().toISOString();
const parts = await session.collect(isPart, { after, timeoutMs: windowMs, until: (got) => got.some((part) => part.payload['tbc'] !== true) });
const complete = parts.some((part) => part.payload['tbc'] !== true);
const capture: MessagesCapture = { kind: 'messages', action: 'NotifyReport', after, startedAt, endedAt: new Date().toISOString(), windowMs, complete, messages: parts.map(toCollected) };
const entries = assembleDeviceModel(capture);
meter.end();
if (!complete || entries.length !== FLOOD.frames * FLOOD.entriesPerFrame) {
  throw new Error(`assembled ${entries.length} entries from ${parts.length} parts (complete: ${complete}); expected ${FLOOD.frames * FLOOD.entriesPerFrame}`);
}

await stationLeft;
await csms.close();
const journalBytes = statSync(join(outDir, FLOOD.stationId, 'trace.jsonl')).size;
printLine(meter.figures({ csms: 'ours', frames: parts.length, entries: entries.length, journaled: true, journalBytes }));
process.exit(0);
