import { closeSync, fsyncSync, ftruncateSync, writeSync } from 'node:fs';
import { basename, dirname, relative, sep } from 'node:path';
import { ToolError } from '../errors.js';
import type { FrameEvent } from '../ocpp/frame-event.js';
import {
  TRACE_SCHEMA_VERSION,
  type ConnectionEventName,
  type ConnectionRecord,
  type FrameRecord,
  type JournalRecord,
} from './journal-record.js';
import { dayTracePath, isTraceRecord, utcDayOf } from './journal-files.js';
import { openJournalFiles, sealInTurn, sha256OfFile, writeSha256File, type JournalFile, type OpenedFile } from './journal-io.js';
import { openJournalDay, type OpenedDay } from './journal-rotation.js';
import { redactPayload, redactRaw } from './redact.js';

export { sha256OfFile } from './journal-io.js';

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

export interface JournalOptions {
  /** Connection events go to `path` too (server-events.jsonl, which is no trace). */
  oneFile?: boolean;
  /**
   * `daily` (observe, issue 16): one pair of files per UTC day, `<folder of path>/days/YYYY-MM-DD/`
   * `trace.jsonl` and `connections.jsonl`, `seq` continuing across days. The first record of a new
   * day (by `now`) seals the day before (fsync, close, `.sha256` files) and opens the new one.
   */
  rotation?: 'daily';
  /** The journal's clock: connection events' timestamps and, rotating, the day a record goes to. Default: the system clock. */
  now?: () => Date;
}

/** Called with every record after it is written, and the trace file of the journal (of the day) it went to. */
export type JournalRecordListener = (record: JournalRecord, tracePath: string) => void;

/**
 * The evidence journal of one station: append-only JSONL, one record per frame and per connection
 * event. Frames go to `path` (trace.jsonl, open-ocpp-trace records), connection events to the
 * file beside it (connections.jsonl, see journal-files.ts); one `seq` numbers both. Each record
 * is written with a synchronous write as it happens, so a `kill -9` of the tool loses at most the
 * frame in flight. Secrets are redacted before anything is written. A rotated journal (`observe`)
 * is the same pair of files per UTC day (see JournalOptions.rotation).
 */
export class Journal {
  readonly chargePointId: string;
  /** A rotated journal's undated path (`<station folder>/trace.jsonl`), which its days are named after. */
  readonly rotatedPath: string | undefined;
  #trace: JournalFile;
  #connections: JournalFile;
  /** The UTC day being written (rotated journals). */
  #day: string | undefined;
  readonly #now: () => Date;
  #seq = 0;
  #failure: JournalFailure | undefined;
  #listeners = new Set<JournalRecordListener>();
  #failureListeners = new Set<(failure: JournalFailure) => void>();
  /** Ended days being hashed (rotated journals). */
  readonly #sealing = new Set<Promise<void>>();

  private constructor(chargePointId: string, trace: JournalFile, connections: JournalFile, lastSeq: number, now: () => Date, rotation?: { path: string; day: string }) {
    this.chargePointId = chargePointId;
    this.#trace = trace;
    this.#connections = connections;
    this.#seq = lastSeq;
    this.#now = now;
    this.rotatedPath = rotation?.path;
    this.#day = rotation?.day;
  }

  /**
   * Opens the journal at `path`, creating its directory. An existing journal is never truncated
   * except for a line a crash left torn (recorded, with its length, in a `journal-repaired`
   * record): new records are appended and their sequence numbers continue the last complete one.
   * `oneFile` keeps connection events in `path` too (server-events.jsonl, which is no trace).
   */
  static open(path: string, chargePointId: string, options: JournalOptions = {}): Journal {
    const now = options.now ?? (() => new Date());
    if (options.rotation === 'daily') {
      if (options.oneFile) throw new Error('a one-file journal is not rotated');
      return Journal.#openRotated(path, chargePointId, now);
    }
    let files: OpenedFile[];
    try {
      files = openJournalFiles(path, options.oneFile ?? false);
    } catch (error) {
      throw cannotOpen(path, error);
    }
    const lastSeq = Math.max(...files.map(({ tail }) => tail.lastSeq));
    const [trace, connections = trace] = files.map(({ file }) => file) as [JournalFile, JournalFile?];
    const journal = new Journal(chargePointId, trace, connections, lastSeq, now);
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

  /** Opens a daily-rotated journal on its day (see openJournalDay): seq continues the days before. */
  static #openRotated(path: string, chargePointId: string, now: () => Date): Journal {
    let opened: OpenedDay;
    try {
      opened = openJournalDay(path, now());
    } catch (error) {
      throw cannotOpen(path, error);
    }
    const { day, files, continued, previousDay, lastSeqBefore, unsealed, cuts } = opened;
    const lastSeq = Math.max(lastSeqBefore, ...files.map(({ tail }) => tail.lastSeq));
    const [trace, connections] = files.map(({ file }) => file) as [JournalFile, JournalFile];
    const journal = new Journal(chargePointId, trace, connections, lastSeq, now, { path, day });
    const name = (file: string): string => relative(dirname(path), file).split(sep).join('/');
    // The day's own first record says where it stands, so that a day file reads on its own.
    journal.appendConnectionEvent('journal-open', {
      tool: 'ocpp-audit',
      pid: process.pid,
      rotation: 'daily',
      day,
      ...(continued ? { continued: true } : previousDay !== undefined ? { previousDay, lastSeqOfPreviousDay: lastSeqBefore } : {}),
      ...(unsealed.length > 0 ? { sealedLate: unsealed.map(name) } : {}),
    });
    for (const { file, cut } of cuts) {
      journal.appendConnectionEvent('journal-repaired', {
        reason: 'the last line was incomplete (the previous run ended while writing it) and was cut off',
        file: name(file),
        cutBytes: cut.bytes,
        cutAtByte: cut.atByte,
        lastCompleteSeq: lastSeq,
      });
    }
    journal.#seal(unsealed);
    if (journal.failure) throw new ToolError('ERR_OUTPUT_DIR', `${path}: cannot write the journal: ${journal.failure.message}`, { cause: journal.failure });
    return journal;
  }

  /** The trace file being written: `path` as opened, or the current day's of a rotated journal. */
  get path(): string {
    return this.#trace.path;
  }

  /** Where connection events go: the file beside the trace, or `path` itself for a one-file journal. */
  get connectionsPath(): string {
    return this.#connections.path;
  }

  /** The UTC day being written (YYYY-MM-DD), for a rotated journal. */
  get day(): string | undefined {
    return this.#day;
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

  /**
   * Called with every record after it is written (e.g. to feed a session's inbox), and the trace
   * file of the journal it belongs to (the day's, rotating; connection events too, though they are
   * in the connections file beside it): the name the store indexes it under.
   */
  onRecord(listener: JournalRecordListener): () => void {
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
    this.#write(record, this.#now());
    return record;
  }

  appendConnectionEvent(event: ConnectionEventName, details: Record<string, unknown>, connection?: number): ConnectionRecord {
    return this.#appendConnectionEventAt(this.#now(), event, details, connection);
  }

  #appendConnectionEventAt(now: Date, event: ConnectionEventName, details: Record<string, unknown>, connection?: number): ConnectionRecord {
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
    this.#write(record, now);
    return record;
  }

  /** Resolves once the days this journal ended (or found unsealed) have their `.sha256` files, or could not get them. */
  async daysSealed(): Promise<void> {
    while (this.#sealing.size > 0) await Promise.all([...this.#sealing]);
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
    await this.daysSealed();
    return { path: this.path, records: this.#seq, sha256, ...(connections ? { connections } : {}), ...(this.#failure ? { failure: this.#failure } : {}) };
  }

  /** The file's SHA-256, also written beside it (sha256sum -c format). */
  async #hash(path: string): Promise<string> {
    const sha256 = await sha256OfFile(path);
    try {
      writeSha256File(path, sha256);
    } catch (error) {
      // The hash is also in the evidence and on the terminal; a full disk must not lose those.
      if (!this.#failure) this.#failure = failureOf(error);
    }
    return sha256;
  }

  #files(): JournalFile[] {
    return this.#connections === this.#trace ? [this.#trace] : [this.#trace, this.#connections];
  }

  /** Writes one record as one line, in the day of `at` (the journal's clock) when rotating. */
  #write(record: JournalRecord, at: Date): void {
    if (this.#day !== undefined && this.#trace.fd !== undefined && utcDayOf(at) > this.#day) this.#startDay(utcDayOf(at), at);
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
    for (const listener of this.#listeners) listener(record, this.#trace.path);
  }

  /**
   * The first record of a new UTC day: the day before is flushed, closed and hashed (in the
   * background: it is written no more), and the new day opens with a `journal-open` record saying
   * which day it follows and the last seq there. A failure here ends the journal like a failed write.
   */
  #startDay(day: string, at: Date): void {
    const previousDay = this.#day;
    const ended = this.#files();
    for (const file of ended) {
      try {
        if (file.fd !== undefined) fsyncSync(file.fd);
      } catch (error) {
        this.#fail(error, file);
        return;
      }
    }
    this.#closeFiles();
    let files: OpenedFile[];
    try {
      files = openJournalFiles(dayTracePath(this.rotatedPath ?? this.#trace.path, day), false);
    } catch (error) {
      this.#fail(error, this.#trace);
      return;
    }
    [this.#trace, this.#connections] = files.map(({ file }) => file) as [JournalFile, JournalFile];
    this.#day = day;
    this.#seal(ended.map((file) => file.path));
    this.#appendConnectionEventAt(at, 'journal-open', { tool: 'ocpp-audit', pid: process.pid, rotation: 'daily', day, previousDay, lastSeqOfPreviousDay: this.#seq });
  }

  /** Hashes files of ended days, one journal after another across the process (midnight ends every station's day at once). */
  #seal(paths: readonly string[]): void {
    if (paths.length === 0) return;
    const sealing: Promise<void> = sealInTurn(paths).finally(() => this.#sealing.delete(sealing));
    this.#sealing.add(sealing);
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

function cannotOpen(path: string, error: unknown): ToolError {
  return new ToolError('ERR_OUTPUT_DIR', `${path}: cannot open the journal: ${(error as Error).message}`, { cause: failureOf(error) });
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
