import type { FrameEvent } from '../ocpp/frame-event.js';

/** open-ocpp-trace schema version whose field names our frame records reuse. */
export const TRACE_SCHEMA_VERSION = '1.1';

interface RecordBase {
  schemaVersion: typeof TRACE_SCHEMA_VERSION;
  /** `frame` for a WebSocket message, `connection` for everything around it. */
  record: 'frame' | 'connection';
  seq: number;
  /** ISO 8601 with milliseconds. */
  timestamp: string;
  monotonicMs: number;
  chargePointId: string;
  /** Which connection of this station the record belongs to (1 for the first, then 2, ...). */
  connection?: number;
}

/** One frame, with open-ocpp-trace's names where they overlap (direction, messageType, raw, ...). */
export interface FrameRecord extends RecordBase, Omit<FrameEvent, 'at' | 'monotonicMs' | 'findings'> {
  record: 'frame';
  ocppVersion: '2.0.1';
  transport: 'json';
  findings?: FrameEvent['findings'];
  /** Secrets were removed from payload and raw. */
  redacted?: true;
}

export type ConnectionEventName =
  | 'journal-open'
  // A line torn by a crash was cut off when the journal was opened again (issue 14).
  | 'journal-repaired'
  | 'open'
  | 'close'
  | 'rejected'
  | 'subprotocol-missing'
  | 'replaced'
  | 'pong-missing'
  | 'tls-error'
  | 'internal-error'
  // A station that connected without booting was asked to boot, or taken as it is (issue 13).
  | 'boot-requested'
  | 'adopted-without-boot'
  // server-events.jsonl: a station's journal could not be written and its session was ended (issue 14).
  | 'journal-failed'
  // server-events.jsonl: refusals of one address past the ones logged in full, counted over a minute (issue 14).
  | 'refusals-summarised';

export interface ConnectionRecord extends RecordBase {
  record: 'connection';
  event: ConnectionEventName;
  details: Record<string, unknown>;
}

export type JournalRecord = FrameRecord | ConnectionRecord;
