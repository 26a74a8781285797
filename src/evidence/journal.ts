import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fsyncSync, ftruncateSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
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
import { repairJournalTail, type JournalTail } from './journal-tail.js';
import { redactPayload, redactRaw } from './redact.js';

export interface JournalSummary {
  path: string;
  records: number;
  /** SHA-256 of the whole file as it lies on disk, hex. */
  sha256: string;
  /** Why the journal stopped before it was closed (a write failed: disk full, read-only); it holds every record before. */
  failure?: JournalFailure;
}

/** A write the journal could not make: the records before it are complete, none after it is written. */
export interface JournalFailure {
  /** The system's error code, e.g. ENOSPC, EROFS, EPERM. */
  code: string;
  message: string;
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
  /** Bytes of complete records in the file: a failed write is cut back to this. */
  #size = 0;
  #failure: JournalFailure | undefined;
  #listeners = new Set<(record: JournalRecord) => void>();
  #failureListeners = new Set<(failure: JournalFailure) => void>();

  private constructor(path: string, chargePointId: string, fd: number, tail: JournalTail) {
    this.path = path;
    this.chargePointId = chargePointId;
    this.#fd = fd;
    this.#seq = tail.lastSeq;
    this.#size = tail.size;
  }

  /**
   * Opens the journal at `path`, creating its directory. An existing journal is never truncated
   * except for a line a crash left torn (recorded, with its length, in a `journal-repaired`
   * record): new records are appended and their sequence numbers continue the last complete one.
   */
  static open(path: string, chargePointId: string): Journal {
    let fd: number;
    let tail: JournalTail;
    try {
      mkdirSync(dirname(path), { recursive: true });
      tail = repairJournalTail(path);
      fd = openSync(path, 'a');
    } catch (error) {
      throw new ToolError('ERR_OUTPUT_DIR', `${path}: cannot open the journal: ${(error as Error).message}`, { cause: failureOf(error) });
    }
    const journal = new Journal(path, chargePointId, fd, tail);
    if (tail.cut) {
      journal.appendConnectionEvent('journal-repaired', {
        reason: 'the last line was incomplete (the previous run ended while writing it) and was cut off',
        cutBytes: tail.cut.bytes,
        cutAtByte: tail.cut.atByte,
        lastCompleteSeq: tail.lastSeq,
      });
    }
    journal.appendConnectionEvent('journal-open', { tool: 'ocpp-audit', pid: process.pid });
    if (journal.failure) throw new ToolError('ERR_OUTPUT_DIR', `${path}: cannot write the journal: ${journal.failure.message}`, { cause: journal.failure });
    return journal;
  }

  get records(): number {
    return this.#seq;
  }

  get isOpen(): boolean {
    return this.#fd !== undefined;
  }

  /** Set once a write failed; nothing is written after it. */
  get failure(): JournalFailure | undefined {
    return this.#failure;
  }

  /**
   * Called once when a write fails (disk full, file system read-only). The failed record is cut
   * back, so the journal ends with a complete line, and later appends do nothing: the listener
   * decides what the session does (it cannot be recorded here any more).
   */
  onFailure(listener: (failure: JournalFailure) => void): () => void {
    this.#failureListeners.add(listener);
    return () => this.#failureListeners.delete(listener);
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
      try {
        fsyncSync(this.#fd);
      } catch (error) {
        this.#fail(error);
      }
      this.#closeFile();
    }
    const sha256 = await sha256OfFile(this.path);
    try {
      writeFileSync(`${this.path}.sha256`, `${sha256}  ${basename(this.path)}\n`);
    } catch (error) {
      // The hash is also in the evidence and on the terminal; a full disk must not lose those.
      if (!this.#failure) this.#failure = failureOf(error);
    }
    return { path: this.path, records: this.#seq, sha256, ...(this.#failure ? { failure: this.#failure } : {}) };
  }

  /** Writes one record as one line. */
  #write(record: JournalRecord): void {
    if (this.#fd === undefined) return;
    record.seq = this.#seq + 1;
    const line = Buffer.from(`${lineOf(record)}\n`, 'utf8');
    try {
      // writeSync may write part of a buffer (a disk filling up): write until all of it is out.
      for (let written = 0; written < line.length; ) written += writeSync(this.#fd, line, written);
    } catch (error) {
      this.#fail(error);
      return;
    }
    this.#seq += 1;
    this.#size += line.length;
    for (const listener of this.#listeners) listener(record);
  }

  /** A write failed: cut the part of the line that reached the disk, stop writing, tell the owner. */
  #fail(error: unknown): void {
    if (this.#failure) return;
    this.#failure = failureOf(error);
    try {
      if (this.#fd !== undefined) ftruncateSync(this.#fd, this.#size);
    } catch {
      // A read-only file system refuses this too; the next open cuts the torn line.
    }
    this.#closeFile();
    for (const listener of this.#failureListeners) listener(this.#failure);
  }

  #closeFile(): void {
    if (this.#fd === undefined) return;
    try {
      closeSync(this.#fd);
    } catch {
      // Closing after a failed write may report the same failure again; the file is closed either way.
    }
    this.#fd = undefined;
  }
}

function failureOf(error: unknown): JournalFailure {
  const code = (error as NodeJS.ErrnoException)?.code ?? 'EIO';
  return { code, message: (error as Error)?.message ?? String(error) };
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
