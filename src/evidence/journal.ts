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
import { connectionsPathOf, isTraceRecord } from './journal-files.js';
import { repairJournalTail, type JournalTail } from './journal-tail.js';
import { redactPayload, redactRaw } from './redact.js';

export interface JournalSummary {
  path: string;
  records: number;
  /** SHA-256 of the whole file as it lies on disk, hex. */
  sha256: string;
  /** The file of connection events beside the trace, and its SHA-256 (absent for a one-file journal). */
  connections?: { path: string; sha256: string };
  /** Why the journal stopped before it was closed (a write failed: disk full, read-only); it holds every record before. */
  failure?: JournalFailure;
}

/** A write the journal could not make: the records before it are complete, none after it is written. */
export interface JournalFailure {
  /** The system's error code, e.g. ENOSPC, EROFS, EPERM. */
  code: string;
  message: string;
}

/** One append-only file of a journal. */
interface JournalFile {
  path: string;
  fd: number | undefined;
  /** Bytes of complete records in the file: a failed write is cut back to this. */
  size: number;
}

/**
 * The evidence journal of one station: append-only JSONL, one record per frame and per connection
 * event. Frames go to `path` (trace.jsonl, open-ocpp-trace records), connection events to the
 * file beside it (connections.jsonl, see journal-files.ts); one `seq` numbers both. Each record
 * is written with a synchronous write as it happens, so a `kill -9` of the tool loses at most the
 * frame in flight. Secrets are redacted before anything is written.
 */
export class Journal {
  readonly path: string;
  /** Where connection events go: the file beside the trace, or `path` itself for a one-file journal. */
  readonly connectionsPath: string;
  readonly chargePointId: string;
  readonly #trace: JournalFile;
  readonly #connections: JournalFile;
  #seq = 0;
  #failure: JournalFailure | undefined;
  #listeners = new Set<(record: JournalRecord) => void>();
  #failureListeners = new Set<(failure: JournalFailure) => void>();

  private constructor(path: string, chargePointId: string, trace: JournalFile, connections: JournalFile, lastSeq: number) {
    this.path = path;
    this.connectionsPath = connections.path;
    this.chargePointId = chargePointId;
    this.#trace = trace;
    this.#connections = connections;
    this.#seq = lastSeq;
  }

  /**
   * Opens the journal at `path`, creating its directory. An existing journal is never truncated
   * except for a line a crash left torn (recorded, with its length, in a `journal-repaired`
   * record): new records are appended and their sequence numbers continue the last complete one.
   * `oneFile` keeps connection events in `path` too (server-events.jsonl, which is no trace).
   */
  static open(path: string, chargePointId: string, options: { oneFile?: boolean } = {}): Journal {
    const files: Array<{ file: JournalFile; tail: JournalTail }> = [];
    try {
      mkdirSync(dirname(path), { recursive: true });
      for (const file of options.oneFile ? [path] : [path, connectionsPathOf(path)]) {
        const tail = repairJournalTail(file);
        files.push({ file: { path: file, fd: undefined, size: tail.size }, tail });
      }
      for (const { file } of files) file.fd = openSync(file.path, 'a');
    } catch (error) {
      for (const { file } of files) if (file.fd !== undefined) closeSync(file.fd);
      throw new ToolError('ERR_OUTPUT_DIR', `${path}: cannot open the journal: ${(error as Error).message}`, { cause: failureOf(error) });
    }
    const lastSeq = Math.max(...files.map(({ tail }) => tail.lastSeq));
    const [trace, connections = trace] = files.map(({ file }) => file) as [JournalFile, JournalFile?];
    const journal = new Journal(path, chargePointId, trace, connections, lastSeq);
    for (const { file, tail } of files) {
      if (!tail.cut) continue;
      journal.appendConnectionEvent('journal-repaired', {
        reason: 'the last line was incomplete (the previous run ended while writing it) and was cut off',
        file: basename(file.path),
        cutBytes: tail.cut.bytes,
        cutAtByte: tail.cut.atByte,
        lastCompleteSeq: lastSeq,
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
    return this.#trace.fd !== undefined;
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
    for (const file of this.#files()) {
      if (file.fd === undefined) continue;
      try {
        fsyncSync(file.fd);
      } catch (error) {
        this.#fail(error, file);
      }
    }
    this.#closeFiles();
    const sha256 = await this.#hash(this.path);
    const connections = this.#connections === this.#trace ? undefined : { path: this.connectionsPath, sha256: await this.#hash(this.connectionsPath) };
    return { path: this.path, records: this.#seq, sha256, ...(connections ? { connections } : {}), ...(this.#failure ? { failure: this.#failure } : {}) };
  }

  /** The file's SHA-256, also written beside it (sha256sum -c format). */
  async #hash(path: string): Promise<string> {
    const sha256 = await sha256OfFile(path);
    try {
      writeFileSync(`${path}.sha256`, `${sha256}  ${basename(path)}\n`);
    } catch (error) {
      // The hash is also in the evidence and on the terminal; a full disk must not lose those.
      if (!this.#failure) this.#failure = failureOf(error);
    }
    return sha256;
  }

  #files(): JournalFile[] {
    return this.#connections === this.#trace ? [this.#trace] : [this.#trace, this.#connections];
  }

  /** Writes one record as one line. */
  #write(record: JournalRecord): void {
    const file = isTraceRecord(record) ? this.#trace : this.#connections;
    if (file.fd === undefined) return;
    record.seq = this.#seq + 1;
    const line = Buffer.from(`${lineOf(record)}\n`, 'utf8');
    try {
      // writeSync may write part of a buffer (a disk filling up): write until all of it is out.
      for (let written = 0; written < line.length; ) written += writeSync(file.fd, line, written);
    } catch (error) {
      this.#fail(error, file);
      return;
    }
    this.#seq += 1;
    file.size += line.length;
    for (const listener of this.#listeners) listener(record);
  }

  /** A write failed: cut the part of the line that reached the disk, stop writing (both files), tell the owner. */
  #fail(error: unknown, file: JournalFile): void {
    if (this.#failure) return;
    this.#failure = failureOf(error);
    try {
      if (file.fd !== undefined) ftruncateSync(file.fd, file.size);
    } catch {
      // A read-only file system refuses this too; the next open cuts the torn line.
    }
    this.#closeFiles();
    for (const listener of this.#failureListeners) listener(this.#failure);
  }

  #closeFiles(): void {
    for (const file of this.#files()) {
      if (file.fd === undefined) continue;
      try {
        closeSync(file.fd);
      } catch {
        // Closing after a failed write may report the same failure again; the file is closed either way.
      }
      file.fd = undefined;
    }
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
