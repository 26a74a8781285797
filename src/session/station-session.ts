import { EventEmitter } from 'node:events';
import { eventLoopLateness } from '../event-loop-lateness.js';
import type { WebSocket } from 'ws';
import type { JournalFailure, JournalSummary } from '../evidence/journal.js';
import { Journal } from '../evidence/journal.js';
import { redactedValue } from '../evidence/redact.js';
import type { JournalRecord } from '../evidence/journal-record.js';

/** A station frame that showed protocol faults, by journal seq. */
export interface ProtocolFindingRecord {
  seq: number;
  messageType?: string;
  action?: string;
  findings: Array<{ code: string; message: string }>;
}
import { describeFailure, type CallOutcome } from '../ocpp/call-outcome.js';
import type { Handshake } from '../ocpp/csms-server.js';
import { RecentIds } from '../ocpp/recent-ids.js';
import { RpcConnection } from '../ocpp/rpc-connection.js';
import { protocolFor, versionOfSubprotocol, type OcppProtocol } from '../ocpp/protocol.js';
import { JournalLock } from './journal-lock.js';
import { gateBeforeAcceptance, TRIGGERED_ACTION, type BootState } from './boot-gate.js';
import { REPLIES_BY_VERSION, type BootStatus, type Reply } from './default-replies.js';
import { DEFAULT_INBOX_LIMITS, StationInbox, type CollectOptions, type InboxLimits, type StationMessage } from './station-inbox.js';

export interface SessionOptions {
  /** What BootNotification is answered with (B01–B03). */
  bootStatus: BootStatus;
  /** Heartbeat interval given on an accepted boot, seconds. */
  heartbeatIntervalS: number;
  /** Retry interval given with Pending or Rejected, seconds. */
  bootRetryIntervalS: number;
  callTimeoutMs: number;
  pingIntervalMs: number;
  /**
   * A station that has sent nothing this long after connecting, and no BootNotification, is asked
   * for one (TriggerMessage): it may have been accepted before this CSMS knew it. 0: never. Default 15 s.
   */
  quietBootTriggerMs?: number;
  /** The frame size limit of the server (recorded when a station breaks it). */
  maxFrameBytes?: number;
  /** How much of what the station sent stays in memory (default DEFAULT_INBOX_LIMITS). */
  inboxLimits?: InboxLimits;
  /** `daily`: the journal is one pair of files per UTC day under `days/` beside `journalPath` (observe; see JournalOptions). */
  journalRotation?: 'daily';
  /**
   * How many message ids of each side are remembered (default 100 000, about 9 MB when full): the
   * station's latest, to find a reused one, and the CSMS's latest CALLs, to point evidence at
   * their frames.
   */
  peerMessageIdMemory?: number;
}

export interface SessionEvents {
  connected: [{ connection: number; handshake: Handshake; replaced: boolean }];
  disconnected: [{ connection: number; code: number; reason: string }];
  /**
   * The station's BootNotification was answered (the answer is on the wire). `adopted`: the station
   * reconnected without booting and would not boot when asked, so it is taken as it is, with no
   * boot payload.
   */
  boot: [{ payload: Record<string, unknown>; status: BootStatus; adopted?: boolean }];
  'internal-error': [{ connection: number; error: Error }];
  /** The journal could not be written (disk full, read-only): the session has ended, since nothing it does could be evidence. */
  'journal-failed': [JournalFailure];
}

/**
 * One charging station, by identity, across its connections: answers the station's own calls with
 * schema-valid defaults, keeps the boot state, records everything in its journal, and lets the
 * audit call the station and wait for what it sends.
 */
export class StationSession extends EventEmitter<SessionEvents> {
  readonly identity: string;
  readonly journal: Journal;
  /** No other live session, in this process or another, writes this journal while we do. */
  readonly #lock: JournalLock;
  readonly #options: SessionOptions;
  readonly #inbox: StationInbox;
  /** Part 4 (ERR23 4.2): ids must be unique across all connections of one identity. */
  readonly #peerMessageIds: RecentIds<true>;
  readonly #requestIds = new Set<number>();
  readonly #triggeredActions = new Set<string>();
  /** Protocol faults of the station's frames, from the first frame on (checks judge them). */
  readonly #findings: ProtocolFindingRecord[] = [];
  /** messageId of each CALL the CSMS sent → journal seqs of that CALL and of its answer. */
  readonly #exchanges = new Map<string, number[]>();
  #connection: RpcConnection | undefined;
  /** The OCPP version of the latest connection, chosen at its handshake. */
  #protocol: OcppProtocol | undefined;
  #offered: string[] = [];
  #localAddress: string | undefined;
  /** One-off answers a case asked for (e.g. refusing the next OpenPeriodicEventStream, TC_N_106). */
  readonly #answerNext = new Map<string, Record<string, unknown>>();
  #connectionCount = 0;
  #bootStatus: BootStatus;
  #bootState: BootState = 'none';
  #bootNotification: Record<string, unknown> | undefined;
  #bootInterval: number | undefined;
  #closing = false;
  /** Connections on which the station was asked to boot (at most once each). */
  readonly #bootAskedOn = new Set<number>();
  /** Connections on which the station sent anything. */
  readonly #stationSpokeOn = new Set<number>();

  constructor(identity: string, journalPath: string, options: SessionOptions) {
    super();
    this.identity = identity;
    this.#options = options;
    this.#bootStatus = options.bootStatus;
    this.#peerMessageIds = new RecentIds<true>(options.peerMessageIdMemory ?? 100_000);
    // The tool's waits tell its own lateness from the station's (setKeptTimeout, windowKeeping).
    eventLoopLateness.start();
    this.#lock = JournalLock.acquire(journalPath, identity);
    try {
      this.journal = Journal.open(journalPath, identity, options.journalRotation ? { rotation: options.journalRotation } : {});
    } catch (error) {
      this.#lock.release();
      throw error;
    }
    const limits = options.inboxLimits ?? DEFAULT_INBOX_LIMITS;
    this.#inbox = new StationInbox(limits, (message) =>
      // Said once: from here on the evidence's lists of status and events lack their oldest entries (the journal has them).
      this.journal.appendConnectionEvent('inbox-limit', {
        reason: `the station sent more than ${limits.keptMessages} boot, status, event and monitoring-report messages (or ${limits.keptBytes} bytes of them); the oldest are forgotten from memory from seq ${message.seq} on, the journal keeps them all`,
        limits: { ...limits },
      }),
    );
    this.journal.onRecord((record) => this.#toInbox(record));
    this.journal.onFailure((failure) => this.#endUnrecorded(failure));
  }

  get bootState(): BootState {
    return this.#bootState;
  }

  /** The payload of the last BootNotification (vendor, model, serial, firmware, reason). */
  get bootNotification(): Record<string, unknown> | undefined {
    return this.#bootNotification;
  }

  /** The heartbeat interval the CSMS gave with the last Accepted boot, s (the station is to adopt it: 1.6 §4.2, B01.FR.04). */
  get bootInterval(): number | undefined {
    return this.#bootInterval;
  }

  /** The subprotocols the station offered at its latest handshake, in its order. */
  get offeredSubprotocols(): string[] {
    return this.#offered;
  }

  /** This side's address of the latest connection (the station reached the CSMS there), if known. */
  get localAddress(): string | undefined {
    return this.#localAddress;
  }

  /** The OCPP version the latest connection speaks; undefined before the first one. */
  get protocol(): OcppProtocol | undefined {
    return this.#protocol;
  }

  /**
   * Answers the station's next `action` with `payload` instead of the plain reply, once (a case
   * that needs the CSMS to refuse something, such as a periodic event stream, TC_N_106).
   */
  answerNext(action: string, payload: Record<string, unknown>): void {
    this.#answerNext.set(action, payload);
  }

  /** Forgets an answer scripted with answerNext that the station never asked for; true when there was one. */
  forgetAnswerNext(action: string): boolean {
    return this.#answerNext.delete(action);
  }

  get isConnected(): boolean {
    return this.#connection?.isOpen ?? false;
  }

  get connectionCount(): number {
    return this.#connectionCount;
  }

  /** Changes the answer to the next BootNotification (e.g. Pending → Accepted after provisioning). */
  setBootStatus(status: BootStatus): void {
    this.#bootStatus = status;
  }

  /** Takes over a freshly accepted WebSocket. A newer connection replaces an older one, as CSMSs do. */
  attach(socket: WebSocket, handshake: Handshake): void {
    if (this.journal.failure) {
      socket.close(1011, 'the CSMS cannot record evidence');
      return;
    }
    const previous = this.#connection;
    const number = ++this.#connectionCount;
    // The server accepted only subprotocols it speaks.
    const protocol = protocolFor(versionOfSubprotocol(socket.protocol) ?? '2.0.1');
    this.#protocol = protocol;
    this.#offered = [...handshake.offeredProtocols];
    this.#localAddress = handshake.localAddress;
    const connection = new RpcConnection(socket, {
      side: 'csms',
      protocol,
      callTimeoutMs: this.#options.callTimeoutMs,
      pingIntervalMs: this.#options.pingIntervalMs,
      peerMessageIds: this.#peerMessageIds,
      ...(this.#options.maxFrameBytes !== undefined ? { maxFrameBytes: this.#options.maxFrameBytes } : {}),
    });
    this.#connection = connection;
    connection.on('frame', (event) => {
      if (event.direction === 'cp-to-csms') this.#stationSpokeOn.add(number);
      this.journal.appendFrame(event, number);
    });
    connection.on('frame-too-large', ({ message }) =>
      this.journal.appendConnectionEvent('frame-too-large', { limitBytes: this.#options.maxFrameBytes ?? null, message }, number),
    );
    connection.on('pong-missing', ({ missed }) => this.journal.appendConnectionEvent('pong-missing', { missed }, number));
    connection.on('internal-error', ({ error }) => {
      this.journal.appendConnectionEvent('internal-error', { message: error.message }, number);
      this.emit('internal-error', { connection: number, error });
    });
    connection.on('close', ({ code, reason }) => {
      this.journal.appendConnectionEvent('close', { code, reason }, number);
      if (this.#connection === connection) this.#connection = undefined;
      this.emit('disconnected', { connection: number, code, reason });
    });
    const replies = REPLIES_BY_VERSION[protocol.version];
    for (const action of protocol.stationActions) {
      const reply = replies[action];
      if (reply) connection.handle(action, (payload, context) => this.#reply(action, reply, payload as Record<string, unknown>, context.afterReply, number));
    }
    const { identity: _identity, ...details } = handshake;
    this.journal.appendConnectionEvent('open', { ...details }, number);
    const replaced = previous !== undefined && previous.isOpen;
    if (previous && replaced) {
      this.journal.appendConnectionEvent('replaced', { by: number, remoteAddress: handshake.remoteAddress }, number - 1);
      previous.close(1000, 'replaced by a newer connection of the same station');
    }
    this.emit('connected', { connection: number, handshake, replaced });
    this.#watchForQuietReconnect(connection, number);
  }

  /**
   * Calls the station; resolves with the response or a failure value (CALLERROR, timeout,
   * disconnected, invalid response). Remembers requestIds and triggers, so the answers they
   * solicit are served even while the boot is Pending.
   */
  call<Response = Record<string, unknown>>(
    action: string,
    payload: Record<string, unknown>,
    options: { timeoutMs?: number } = {},
  ): Promise<CallOutcome<Response>> {
    if (typeof payload['requestId'] === 'number') this.#requestIds.add(payload['requestId']);
    // 1.6's security white paper triggers through ExtendedTriggerMessage, with the same field.
    if (action === 'TriggerMessage' || action === 'ExtendedTriggerMessage') {
      const triggered = TRIGGERED_ACTION[String(payload['requestedMessage'])];
      if (triggered) this.#triggeredActions.add(triggered);
    }
    const connection = this.#connection;
    if (!connection?.isOpen) {
      return Promise.resolve({ ok: false, action, failure: { kind: 'disconnected', reason: 'the station is not connected' }, durationMs: 0 });
    }
    // The audit works with the answer as the journal has it: a password the station volunteers
    // (BasicAuthPassword in GetVariables results) never reaches evidence, results or reports.
    return connection.call<Response>(action, payload, options).then((outcome) => (outcome.ok ? { ...outcome, payload: redactedValue(outcome.payload) } : outcome));
  }

  /** A cursor into the journal: waits given it only see what is recorded after this point. */
  mark(): number {
    return this.journal.records;
  }

  /** The first station message matching the predicate after the cursor, or undefined on timeout. */
  waitFor(predicate: (message: StationMessage) => boolean, options: { after?: number; timeoutMs: number }): Promise<StationMessage | undefined> {
    return this.#inbox.waitFor(predicate, options);
  }

  collect(predicate: (message: StationMessage) => boolean, options: CollectOptions): Promise<StationMessage[]> {
    return this.#inbox.collect(predicate, options);
  }

  /** How many station messages are held in memory, and how many were forgotten (the journal has them all). */
  get inboxUse(): { held: number; dropped: { messages: number; kept: number } } {
    return { held: this.#inbox.size, dropped: this.#inbox.dropped };
  }

  /** Station messages already received after a cursor (within the inbox's limits: InboxLimits). */
  messages(predicate?: (message: StationMessage) => boolean, after = 0): StationMessage[] {
    return this.#inbox.list(predicate, after);
  }

  /**
   * Drops the current connection but keeps the session and its journal: the station is expected
   * to reconnect (robustness probes, tests).
   */
  disconnect(code = 1001, reason = 'disconnected by the CSMS'): void {
    this.#connection?.close(code, reason);
  }

  /** Closes the connection (1001) and the journal; returns the journal's summary with its SHA-256. */
  async close(): Promise<JournalSummary> {
    if (!this.#closing) {
      this.#closing = true;
      const connection = this.#connection;
      if (connection && !connection.isClosed) {
        let closed = false;
        const whenClosed = new Promise<void>((resolve) =>
          connection.once('close', () => {
            closed = true;
            resolve();
          }),
        );
        connection.close(1001, 'CSMS shutting down');
        await Promise.race([whenClosed, delay(2000)]);
        // A station that never completes the closing handshake is cut off, so the close is
        // recorded before the journal is sealed.
        if (!closed) connection.terminate();
        await whenClosed;
      }
    }
    const summary = await this.journal.close().finally(() => this.#lock.release());
    // Nothing can be recorded or awaited any more; what the audit needed is in its evidence.
    this.#inbox.clear();
    this.#exchanges.clear();
    return summary;
  }

  /**
   * A frame that cannot be recorded cannot be evidence, so the session ends here: the station is
   * told (1011, Part 4's "the server cannot carry on") and may reconnect, and a new connection is
   * refused the same way. The owner records the reason where it still can.
   */
  #endUnrecorded(failure: JournalFailure): void {
    this.#connection?.close(1011, 'the CSMS cannot record evidence');
    this.emit('journal-failed', failure);
  }

  #reply(
    action: string,
    reply: Reply,
    payload: Record<string, unknown>,
    afterReply: (work: () => void) => void,
    connection: number,
  ): Record<string, unknown> {
    const refusal = gateBeforeAcceptance(this.#bootState, action, payload, {
      requestIds: this.#requestIds,
      triggeredActions: this.#triggeredActions,
    });
    if (refusal) throw refusal;
    if (this.#bootState === 'none' && action !== 'BootNotification') afterReply(() => this.#askToBoot(connection, `${action} without a BootNotification`));
    const status = this.#bootStatus;
    const interval = status === 'Accepted' ? this.#options.heartbeatIntervalS : this.#options.bootRetryIntervalS;
    const scripted = this.#answerNext.get(action);
    this.#answerNext.delete(action);
    const response = scripted ?? reply(payload, { bootStatus: status, interval, now: new Date() });
    if (action === 'BootNotification') {
      // B01: the station may be called once it knows it is accepted, so the boot counts (and the
      // audit may start) only once our answer is on the wire; a strict station ignores a request
      // that overtakes its boot answer.
      afterReply(() => {
        this.#bootState = status;
        this.#bootNotification = payload;
        if (status === 'Accepted') this.#bootInterval = typeof response['interval'] === 'number' ? response['interval'] : undefined;
        this.#triggeredActions.delete('BootNotification');
        this.emit('boot', { payload, status });
      });
    }
    return response;
  }

  /**
   * A station that was accepted before (by this CSMS in an earlier run, or by another) reconnects
   * without booting, as Part 4 has it. It is not refused: it is asked for a BootNotification
   * (TriggerMessage, F06), once per connection, so it can be identified and audited. A station
   * that will not boot is adopted as it is after the call timeout, when the CSMS accepts stations.
   */
  #askToBoot(connection: number, why: string): void {
    if (this.#bootState !== 'none' || this.#bootAskedOn.has(connection)) return;
    this.#bootAskedOn.add(connection);
    this.journal.appendConnectionEvent('boot-requested', { reason: `${why}: the station may have been accepted before; asking it to boot (TriggerMessage)` }, connection);
    void this.call('TriggerMessage', { requestedMessage: 'BootNotification' }).then(async (outcome) => {
      const booted = await this.#bootAfter(outcome.ok && outcome.payload['status'] === 'Accepted' ? this.#options.callTimeoutMs : 0);
      if (booted || this.#bootState !== 'none' || this.#closing || this.#connectionCount !== connection || !this.isConnected) return;
      if (this.#bootStatus !== 'Accepted') return;
      this.#bootState = 'Accepted';
      const answer = outcome.ok ? `answered ${String(outcome.payload['status'])}` : describeFailure(outcome.failure);
      this.journal.appendConnectionEvent('adopted-without-boot', { reason: `TriggerMessage BootNotification ${answer}, and no BootNotification came; the station is audited without its boot information` }, connection);
      this.emit('boot', { payload: {}, status: 'Accepted', adopted: true });
    });
  }

  /** Resolves true as soon as a boot is answered, false after `ms` without one. */
  #bootAfter(ms: number): Promise<boolean> {
    if (this.#bootState !== 'none') return Promise.resolve(true);
    return new Promise((resolve) => {
      const onBoot = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.off('boot', onBoot);
        resolve(false);
      }, ms);
      timer.unref();
      this.once('boot', onBoot);
    });
  }

  /** A reconnected station may well stay quiet until its next heartbeat: ask it after a while. */
  #watchForQuietReconnect(connection: RpcConnection, number: number): void {
    const quietMs = this.#options.quietBootTriggerMs ?? DEFAULT_QUIET_BOOT_TRIGGER_MS;
    if (quietMs <= 0 || this.#bootState !== 'none') return;
    const timer = setTimeout(() => {
      if (this.#bootState === 'none' && connection.isOpen && this.#connection === connection && !this.#stationSpokeOn.has(number)) this.#askToBoot(number, `nothing received ${quietMs / 1000} s after connecting`);
    }, quietMs);
    timer.unref();
    connection.once('close', () => clearTimeout(timer));
  }

  /**
   * Journal sequence numbers of one exchange the CSMS started: its CALL and the station's answer
   * (evidence points at them). Empty for unknown ids.
   */
  framesOf(messageId: string): number[] {
    return this.#exchanges.get(messageId) ?? [];
  }

  /** Every protocol fault the station's frames showed, in order (schema violations, bad error codes, calls before boot, ...). */
  protocolFindings(): readonly ProtocolFindingRecord[] {
    return this.#findings;
  }

  #toInbox(record: JournalRecord): void {
    if (record.record === 'frame' && record.direction === 'cp-to-csms' && record.findings && record.findings.length > 0 && this.#findings.length < 10_000) {
      this.#findings.push({
        seq: record.seq,
        ...(record.messageType !== undefined ? { messageType: String(record.messageType) } : {}),
        ...(record.action !== undefined ? { action: record.action } : {}),
        findings: record.findings.map((f) => ({ code: f.code, message: f.message })),
      });
    }
    if (record.record !== 'frame' || record.messageId === undefined) return;
    const outbound = record.direction === 'csms-to-cp' && record.messageType === 'CALL';
    const answer = record.direction === 'cp-to-csms' && record.messageType !== 'CALL' && this.#exchanges.has(record.messageId);
    if (outbound || answer) {
      // Bounded like the id memory: a long audit, or weeks of observation, must not grow without end.
      if (outbound && this.#exchanges.size >= (this.#options.peerMessageIdMemory ?? 100_000)) this.#exchanges.delete(this.#exchanges.keys().next().value as string);
      this.#exchanges.set(record.messageId, [...(this.#exchanges.get(record.messageId) ?? []), record.seq]);
    }
    // A SEND (2.1 NotifyPeriodicEventStream) is a station message like a CALL, only never answered.
    if (record.direction !== 'cp-to-csms' || (record.messageType !== 'CALL' && record.messageType !== 'SEND')) return;
    const frame = record;
    this.#inbox.push({
      seq: frame.seq,
      action: frame.action ?? '',
      messageId: frame.messageId ?? '',
      payload: (frame.payload ?? {}) as Record<string, unknown>,
      receivedAt: frame.timestamp,
      valid: frame.validation?.valid === true,
      connection: frame.connection ?? 0,
    }, frame.raw.length);
  }
}

const DEFAULT_QUIET_BOOT_TRIGGER_MS = 15_000;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
