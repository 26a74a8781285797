/**
 * A process that writes a daily-rotated journal as a station session does (its lock taken, its
 * journal open), then waits to be killed: the journal is never closed, so its day is never sealed.
 * Run with fork() and an IPC channel; argv[2] is a JSON WriterOrder. It sends 'ready' once its
 * frames are written and, when asked, the half record a kill in the middle of a write leaves.
 */
import { appendFileSync } from 'node:fs';
import { Journal } from '../../src/evidence/journal.js';
import type { FrameEvent } from '../../src/ocpp/frame-event.js';
import { JournalLock } from '../../src/session/journal-lock.js';

export interface WriterOrder {
  /** The station's undated journal path, `<out>/<station>/trace.jsonl`. */
  path: string;
  identity: string;
  /** The journal's clock, fixed (ISO 8601). */
  now: string;
  /** Frames the station sent, raw. */
  frames: string[];
  /** Bytes appended to the trace after the frames, without a newline (a write cut short). */
  torn?: string;
}

const order = JSON.parse(process.argv[2] ?? '{}') as WriterOrder;
JournalLock.acquire(order.path, order.identity);
const journal = Journal.open(order.path, order.identity, { rotation: 'daily', now: () => new Date(order.now) });
for (const raw of order.frames) {
  const [, messageId, action, payload] = JSON.parse(raw) as [number, string, string, Record<string, unknown>];
  const frame: FrameEvent = {
    direction: 'cp-to-csms',
    at: new Date(order.now),
    monotonicMs: 0,
    raw,
    messageType: 'CALL',
    messageTypeId: 2,
    messageId,
    action,
    payload,
    validation: { valid: true, schema: `${action}Request` },
    findings: [],
  };
  journal.appendFrame(frame, 1);
}
if (order.torn !== undefined) appendFileSync(journal.path, order.torn);
process.send?.('ready');
// Stays up (holding the journal) until killed.
setInterval(() => {}, 60_000);
