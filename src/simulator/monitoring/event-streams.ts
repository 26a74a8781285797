import type { StatusInfo } from '../device-model/types.js';
import type { Clock } from './clock.js';
import type { EventData } from './messages.js';

/** PeriodicEventStreamParamsType (OCPP 2.1): flush every `interval` s, or once `values` values are buffered. */
export interface StreamParams {
  interval?: number;
  values?: number;
}

/** ConstantStreamDataType: what OpenPeriodicEventStream and GetPeriodicEventStream carry. */
export interface ConstantStreamData {
  id: number;
  variableMonitoringId: number;
  params: StreamParams;
}

/** The NotifyPeriodicEventStream payload (a SEND, N15.FR.01). */
export interface NotifyPeriodicEventStream {
  id: number;
  pending: number;
  basetime: string;
  data: Array<{ t: number; v: string }>;
}

/** How the streams reach the CSMS: the station's connection. */
export interface StreamLink {
  /** OpenPeriodicEventStream (a CALL): resolves true when the CSMS accepted the stream (N11.FR.06). */
  open(data: ConstantStreamData): Promise<boolean>;
  /** NotifyPeriodicEventStream: false when it could not go out (offline); the values then stay buffered. */
  notify(payload: NotifyPeriodicEventStream): boolean;
  /** ClosePeriodicEventStream (a CALL). */
  close(id: number): Promise<void>;
}

/** The ways a station gets N11–N15 wrong, switched on by the virtual station's named faults. */
export interface StreamQuirks {
  /** The monitor is accepted but no OpenPeriodicEventStream follows (breaks N11.FR.01/02). */
  neverOpen?: boolean;
  /** Messages come at this multiple of the interval (breaks N15.FR.06). */
  intervalFactor?: number;
  /** basetime is the previous flush, not the first value, so the first t is not 0 (breaks N15.FR.09). */
  basetimeNotFirstValue?: boolean;
  /** Every buffered value goes in one message, whatever `values` says (breaks N15.FR.07/08). */
  ignoreValues?: boolean;
  /** A Rejected stream is used anyway and no NotifyEvent comes (breaks N11.FR.07). */
  ignoreReject?: boolean;
  /** Clearing the monitor leaves its stream open: no flush, no ClosePeriodicEventStream (breaks N13.FR.05). */
  keepOnClear?: boolean;
  /** AdjustPeriodicEventStream is answered Accepted and changes nothing (breaks N14.FR.03). */
  ignoreAdjust?: boolean;
  /** Streams are opened beyond MonitoringCtrlr.MaxPeriodicEventStreams. */
  ignoreMax?: boolean;
}

export interface PeriodicEventStreamsOptions {
  clock: Clock;
  link: StreamLink;
  /** MonitoringCtrlr.MaxPeriodicEventStreams; undefined: no limit given. */
  maxStreams: () => number | undefined;
  quirks?: StreamQuirks;
  log?: (line: string) => void;
}

interface Value {
  atMs: number;
  v: string;
}

interface Stream {
  id: number;
  monitorId: number;
  params: StreamParams;
  /** `opening` until the CSMS answers OpenPeriodicEventStream; only `open` streams take values. */
  state: 'opening' | 'open';
  buffer: Value[];
  /** When the last message went out (or the stream opened): the interval counts from here. */
  lastFlushMs: number;
  timer: unknown;
  /** The monitor went while the stream was still opening: close it once the CSMS has answered. */
  closeWhenOpen: boolean;
}

/**
 * The periodic event streams of a station (OCPP 2.1 N11–N15). A monitor set with
 * `periodicEventStream` gets a stream (N11.FR.01), opened with OpenPeriodicEventStream
 * (N11.FR.02); once Accepted, the monitor's values go into the stream's buffer instead of
 * NotifyEvent and are flushed as NotifyPeriodicEventStream SENDs every `interval` seconds
 * (N15.FR.06) or as soon as `values` values are buffered, at most `values` a message (N15.FR.07/08),
 * `basetime` the first value's time (N15.FR.09) and `pending` what is left (N15.FR.04). Rejected,
 * the monitor keeps NotifyEvent (N11.FR.07). Ending a stream flushes it and closes it (N13.FR.03).
 */
export class PeriodicEventStreams {
  readonly #clock: Clock;
  readonly #link: StreamLink;
  readonly #maxStreams: () => number | undefined;
  readonly #quirks: StreamQuirks;
  readonly #log: (line: string) => void;
  /** By monitor id: a monitor has at most one stream. */
  readonly #streams = new Map<number, Stream>();
  /** Monitors that asked for a stream, with their parameters: re-opened after a reboot. */
  readonly #wanted = new Map<number, StreamParams>();
  #nextId = 1;

  constructor(options: PeriodicEventStreamsOptions) {
    this.#clock = options.clock;
    this.#link = options.link;
    this.#maxStreams = options.maxStreams;
    this.#quirks = options.quirks ?? {};
    this.#log = options.log ?? (() => undefined);
  }

  /** Streams opening or open (what counts against MaxPeriodicEventStreams). */
  get count(): number {
    return this.#streams.size;
  }

  /**
   * A monitor was set with `periodicEventStream` (N11.FR.01): opens a stream for it, unless the
   * station is at MaxPeriodicEventStreams or the parameters ask for nothing it can flush by; then
   * the monitor reports with NotifyEvent, as after a stream the CSMS refused (N11 error handling).
   * A monitor that has a stream keeps it with the new parameters.
   */
  request(monitorId: number, params: StreamParams): void {
    const existing = this.#streams.get(monitorId);
    if (existing) {
      existing.params = { ...params };
      this.#wanted.set(monitorId, { ...params });
      if (existing.state === 'open') this.#schedule(existing);
      return;
    }
    if (!((params.interval ?? 0) > 0 || (params.values ?? 0) > 0)) {
      this.#log(`no stream for monitor ${monitorId}: neither interval nor values is above 0 (N11.FR.09)`);
      return;
    }
    const max = this.#maxStreams();
    if (max !== undefined && this.#streams.size >= max && this.#quirks.ignoreMax !== true) {
      this.#log(`no stream for monitor ${monitorId}: ${this.#streams.size} of MaxPeriodicEventStreams ${max} are open; it reports with NotifyEvent`);
      return;
    }
    this.#wanted.set(monitorId, { ...params });
    if (this.#quirks.neverOpen === true) return;
    const stream: Stream = { id: this.#nextId++, monitorId, params: { ...params }, state: 'opening', buffer: [], lastFlushMs: this.#clock.now(), timer: undefined, closeWhenOpen: false };
    this.#streams.set(monitorId, stream);
    void this.#open(stream);
  }

  async #open(stream: Stream): Promise<void> {
    let accepted: boolean;
    try {
      accepted = await this.#link.open({ id: stream.id, variableMonitoringId: stream.monitorId, params: { ...stream.params } });
    } catch {
      accepted = false;
    }
    if (this.#streams.get(stream.monitorId) !== stream) return;
    if (!accepted && this.#quirks.ignoreReject !== true) {
      // N11.FR.07: not used; the monitor keeps reporting with NotifyEvent.
      this.#streams.delete(stream.monitorId);
      this.#wanted.delete(stream.monitorId);
      this.#log(`stream ${stream.id} of monitor ${stream.monitorId} not accepted: the monitor reports with NotifyEvent`);
      return;
    }
    stream.state = 'open';
    stream.lastFlushMs = this.#clock.now();
    if (stream.closeWhenOpen) {
      await this.#close(stream);
      return;
    }
    this.#schedule(stream);
  }

  /**
   * Takes an event of a monitor whose stream is open into that stream's buffer (N15); false when
   * the monitor has none, so the event goes out as NotifyEvent (N11.FR.07, N13.FR.04).
   */
  take(eventData: EventData): boolean {
    const id = eventData.variableMonitoringId;
    const stream = id === undefined ? undefined : this.#streams.get(id);
    if (stream?.state !== 'open') return false;
    const stamped = Date.parse(eventData.timestamp);
    stream.buffer.push({ atMs: Number.isFinite(stamped) ? stamped : this.#clock.now(), v: eventData.actualValue });
    const values = this.#batchSize(stream);
    // N15.FR.08: as soon as `values` values are there.
    if (values !== undefined) this.#flushWhileFull(stream, values);
    return true;
  }

  /**
   * The monitor is gone (ClearVariableMonitoring, N13.FR.05) or was set again without
   * `periodicEventStream` (N13.FR.06): its buffered values are sent, then the stream is closed
   * (N13.FR.01/03) and the monitor, if it is still there, reports with NotifyEvent (N13.FR.04).
   */
  async end(monitorId: number): Promise<void> {
    this.#wanted.delete(monitorId);
    const stream = this.#streams.get(monitorId);
    if (!stream || this.#quirks.keepOnClear === true) return;
    if (stream.state === 'opening') {
      stream.closeWhenOpen = true;
      return;
    }
    await this.#close(stream);
  }

  async #close(stream: Stream): Promise<void> {
    this.#streams.delete(stream.monitorId);
    this.#clock.clearTimeout(stream.timer);
    stream.timer = undefined;
    // N13.FR.03: every buffered value before the Close, in messages of at most `values`.
    this.#flushWhileFull(stream, 1);
    await this.#link.close(stream.id);
  }

  /** GetPeriodicEventStream (N12.FR.01): every open stream. */
  list(): ConstantStreamData[] {
    return [...this.#streams.values()].filter((s) => s.state === 'open').map((s) => ({ id: s.id, variableMonitoringId: s.monitorId, params: { ...s.params } }));
  }

  /** AdjustPeriodicEventStream (N14): Accepted with the new rate in force, or Rejected when it cannot be kept. */
  adjust(id: number, params: StreamParams): { status: 'Accepted' | 'Rejected'; statusInfo?: StatusInfo } {
    const stream = [...this.#streams.values()].find((s) => s.id === id && s.state === 'open');
    if (!stream) return { status: 'Rejected', statusInfo: { reasonCode: 'NotFound', additionalInfo: `there is no open stream with id ${id}` } };
    if (!((params.interval ?? 0) > 0 || (params.values ?? 0) > 0)) {
      return { status: 'Rejected', statusInfo: { reasonCode: 'InvalidValue', additionalInfo: 'neither interval nor values is above 0: the stream could never be flushed' } };
    }
    if (this.#quirks.ignoreAdjust === true) return { status: 'Accepted' };
    stream.params = { ...params };
    this.#wanted.set(stream.monitorId, { ...params });
    // N14.FR.03: the new rate from now on.
    const values = this.#batchSize(stream);
    if (values !== undefined) this.#flushWhileFull(stream, values);
    this.#schedule(stream);
    return { status: 'Accepted' };
  }

  /** A reboot: every stream stops without a word (the link is down); `resume` opens them again. */
  suspend(): void {
    for (const stream of this.#streams.values()) this.#clock.clearTimeout(stream.timer);
    this.#streams.clear();
  }

  /**
   * After a reboot: a stream again for each monitor that had one and still exists (monitors
   * outlive a reboot, N07.FR.13; so does their wish for a stream).
   */
  resume(exists: (monitorId: number) => boolean): void {
    for (const [monitorId, params] of [...this.#wanted]) {
      this.#wanted.delete(monitorId);
      if (exists(monitorId)) this.request(monitorId, params);
    }
  }

  /** At most this many values a message, or undefined for no cap (values absent or 0, or the quirk). */
  #batchSize(stream: Stream): number | undefined {
    const values = stream.params.values ?? 0;
    return values > 0 && this.#quirks.ignoreValues !== true ? values : undefined;
  }

  /** The next flush by time: `interval` s after the last one (N15.FR.06); none when interval is 0. */
  #schedule(stream: Stream): void {
    this.#clock.clearTimeout(stream.timer);
    stream.timer = undefined;
    const interval = stream.params.interval ?? 0;
    if (interval <= 0) return;
    const dueMs = stream.lastFlushMs + interval * 1000 * (this.#quirks.intervalFactor ?? 1);
    stream.timer = this.#clock.setTimeout(() => {
      stream.timer = undefined;
      if (this.#streams.get(stream.monitorId) !== stream) return;
      if (stream.buffer.length === 0 || !this.#flush(stream)) stream.lastFlushMs = Math.max(dueMs, stream.lastFlushMs);
      this.#schedule(stream);
    }, Math.max(0, dueMs - this.#clock.now()));
  }

  /** Sends messages while `atLeast` values are buffered (and the link takes them). */
  #flushWhileFull(stream: Stream, atLeast: number): void {
    while (stream.buffer.length >= atLeast) if (!this.#flush(stream)) return;
  }

  /** Sends one message of the buffered values (at most `values`); false when it could not go out. */
  #flush(stream: Stream): boolean {
    if (stream.buffer.length === 0) return false;
    const size = this.#batchSize(stream) ?? stream.buffer.length;
    const batch = stream.buffer.slice(0, size);
    const first = batch[0]?.atMs ?? this.#clock.now();
    // N15.FR.09: basetime is the first value's time, so its t is 0.
    const baseMs = this.#quirks.basetimeNotFirstValue === true ? Math.min(stream.lastFlushMs, first) : first;
    const payload: NotifyPeriodicEventStream = {
      id: stream.id,
      pending: stream.buffer.length - batch.length, // N15.FR.04
      basetime: new Date(baseMs).toISOString(),
      data: batch.map((value) => ({ t: (value.atMs - baseMs) / 1000, v: value.v })),
    };
    if (!this.#link.notify(payload)) return false;
    stream.buffer.splice(0, batch.length);
    stream.lastFlushMs = this.#clock.now();
    if (stream.timer !== undefined) this.#schedule(stream);
    return true;
  }
}
