import type { FrameEvent } from '../ocpp/frame-event.js';

/**
 * The journal's record version. Frame records reuse open-ocpp-trace's field names (its 1.1); 1.2
 * (issue 14) stores each frame once: `payload` is left out when it is the text of `raw`.
 */
export const TRACE_SCHEMA_VERSION = '1.2';

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

/**
 * The payload of a frame record as read from a journal: the record's own `payload` when it has
 * one (a redacted frame, or a journal of version 1.1), otherwise the payload element of `raw`
 * (CALL: the fourth, CALLRESULT: the third). Undefined for CALLERRORs and unreadable frames.
 */
export function framePayload(record: FrameRecord): unknown {
  if (record.payload !== undefined) return record.payload;
  if (record.rawEncoding !== undefined || (record.messageType !== 'CALL' && record.messageType !== 'CALLRESULT')) return undefined;
  try {
    // A byte order mark stays in raw (verbatim) but is no part of the JSON.
    const frame: unknown = JSON.parse(record.raw.replace(/^\uFEFF/, ''));
    return Array.isArray(frame) ? frame[record.messageType === 'CALL' ? 3 : 2] : undefined;
  } catch {
    return undefined;
  }
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
  // The station began a frame over the size limit; the close (1009) follows (issue 14).
  | 'frame-too-large'
  // The session's memory limit forgot its first message of a kind the evidence lists (issue 14).
  | 'inbox-limit'
  | 'tls-error'
  | 'internal-error'
  // A station that connected without booting was asked to boot, or taken as it is (issue 13).
  | 'boot-requested'
  | 'adopted-without-boot'
  // server-events.jsonl: a station's journal could not be written and its session was ended (issue 14).
  | 'journal-failed'
  // server-events.jsonl: refusals of one address past the ones logged in full, counted over a minute (issue 14).
  | 'refusals-summarised'
  // observe (issue 16): what the station accepted, refused, lost and got back of the monitoring plan (observe/plan/plan-outcome.ts).
  | 'plan-outcome'
  // A file the station uploaded to the audit's receiver (GetDiagnostics, GetLog; issue 17).
  | 'upload-received'
  // An upload the audit's receiver answered with a redirect on purpose (OCPP 2.1 N01.FR.30, TC_N_101).
  | 'upload-redirected';

export interface ConnectionRecord extends RecordBase {
  record: 'connection';
  event: ConnectionEventName;
  details: Record<string, unknown>;
}

export type JournalRecord = FrameRecord | ConnectionRecord;
