import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fsyncSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { ToolError } from '../errors.js';
import type { FrameEvent } from '../ocpp/frame-event.js';
import {
  TRACE_SCHEMA_VERSION,
  type ConnectionEventName,
  type ConnectionRecord,
  type FrameRecord,
  type JournalRecord,
} from './journal-record.js';
import { redactPayload, redactRaw } from './redact.js';

export interface JournalSummary {
  path: string;
  records: number;
  /** SHA-256 of the whole file as it lies on disk, hex. */
  sha256: string;
}

/**
 * The evidence journal of one station: append-only JSONL, one record per frame and per connection
 * event. Each record is written with a synchronous write as it happens, so a `kill -9` of the tool
 * loses at most the frame in flight. Secrets are redacted before anything is written.
 */
export class Journal {
  readonly path: string;
  readonly chargePointId: string;
  #fd: number | undefined;
  #seq = 0;
  #listeners = new Set<(record: JournalRecord) => void>();

  private constructor(path: string, chargePointId: string, fd: number, existingRecords: number) {
    this.path = path;
    this.chargePointId = chargePointId;
    this.#fd = fd;
    this.#seq = existingRecords;
  }

  /**
   * Opens the journal at `path`, creating its directory. An existing journal is never truncated:
   * new records are appended and their sequence numbers continue where it ended.
   */
  static open(path: string, chargePointId: string): Journal {
    let fd: number;
    let existingRecords: number;
    try {
      mkdirSync(dirname(path), { recursive: true });
      existingRecords = countLines(path);
      fd = openSync(path, 'a');
    } catch (error) {
      throw new ToolError('ERR_OUTPUT_DIR', `${path}: cannot open the journal: ${(error as Error).message}`);
    }
    const journal = new Journal(path, chargePointId, fd, existingRecords);
    journal.appendConnectionEvent('journal-open', { tool: 'ocpp-audit', pid: process.pid });
    return journal;
  }

  get records(): number {
    return this.#seq;
  }

  get isOpen(): boolean {
    return this.#fd !== undefined;
  }

  /** Called with every record after it is written (e.g. to feed a session's inbox). */
  onRecord(listener: (record: JournalRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Records a frame. The returned record (and what onRecord listeners get) carries the parsed
   * payload; the line written carries it only when it is not the text of `raw` (see lineOf).
   */
  appendFrame(event: FrameEvent, connection?: number): FrameRecord {
    const { at, monotonicMs, findings, payload, raw, ...rest } = event;
    const record: FrameRecord = {
      schemaVersion: TRACE_SCHEMA_VERSION,
      record: 'frame',
      seq: 0,
      timestamp: at.toISOString(),
      monotonicMs: round(monotonicMs),
      chargePointId: this.chargePointId,
      ...(connection !== undefined ? { connection } : {}),
      ocppVersion: '2.0.1',
      transport: 'json',
      ...rest,
      raw,
    };
    if (payload !== undefined) {
      const redaction = redactPayload(payload);
      record.payload = redaction.payload;
      if (redaction.secrets.length > 0) {
        record.raw = redactRaw(raw, redaction.secrets);
        record.redacted = true;
      }
    }
    if (findings.length > 0) record.findings = findings;
    this.#write(record);
    return record;
  }

  appendConnectionEvent(event: ConnectionEventName, details: Record<string, unknown>, connection?: number): ConnectionRecord {
    const now = new Date();
    const record: ConnectionRecord = {
      schemaVersion: TRACE_SCHEMA_VERSION,
      record: 'connection',
      seq: 0,
      timestamp: now.toISOString(),
      monotonicMs: round(performance.now()),
      chargePointId: this.chargePointId,
      ...(connection !== undefined ? { connection } : {}),
      event,
      details,
    };
    this.#write(record);
    return record;
  }

  /** Flushes to disk, closes the file, and returns its SHA-256 (also written beside it, sha256sum-style). */
  async close(): Promise<JournalSummary> {
    if (this.#fd !== undefined) {
      fsyncSync(this.#fd);
      closeSync(this.#fd);
      this.#fd = undefined;
    }
    const sha256 = await sha256OfFile(this.path);
    writeFileSync(`${this.path}.sha256`, `${sha256}  ${basename(this.path)}\n`);
    return { path: this.path, records: this.#seq, sha256 };
  }

  /** Writes one record as one line. */
  #write(record: JournalRecord): void {
    if (this.#fd === undefined) return;
    this.#seq += 1;
    record.seq = this.#seq;
    writeSync(this.#fd, `${lineOf(record)}\n`);
    for (const listener of this.#listeners) listener(record);
  }
}

/**
 * Each frame is stored once: its verbatim text is `raw`, and the payload, which is that text's own
 * element (readers take it with framePayload), is not written again. Only a redacted frame writes
 * its (redacted) payload, since its raw was altered; and a frame whose raw is base64 has no payload.
 */
function lineOf(record: JournalRecord): string {
  if (record.record !== 'frame' || record.payload === undefined || record.redacted === true) return JSON.stringify(record);
  const { payload: _payload, ...written } = record;
  return JSON.stringify(written);
}

function countLines(path: string): number {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines += 1;
  return lines;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

export function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
