import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { CallOutcome } from '../../ocpp/call-outcome.js';
import { OcppCallError } from '../../ocpp/error-codes.js';
import type { RpcConnection } from '../../ocpp/rpc-connection.js';
import type { OcppVersion } from '../../ocpp/protocol.js';
import { connectAsStation } from '../../ocpp/station-client.js';
import { acceptedWithin, backOffDelayS, closeLink, connectOptionsOf } from '../station-link.js';
import type { DeviceModel } from '../device-model/device-model.js';
import { scaledClock, type Clock } from '../monitoring/clock.js';
import type { MonitoringState } from '../monitoring/monitoring-state.js';
import type { ScenarioName } from '../scenarios/index.js';
import type { StationProfile } from '../station-profile.js';
import { ChargingSessions } from './charging-sessions.js';
import { controlHandlers } from './control-handlers.js';
import { logHandlers, LogUploads } from './log-uploads.js';
import { FaultSet, type FaultName } from './faults.js';
import { tinyModel } from './tiny-model.js';
import { limitOf } from './message-limits.js';
import { reportingHandlers } from './reporting-handlers.js';
import { seededRandom } from './seeded-random.js';
import { SensorDriver } from './sensors.js';
import type { StationContext, StationHandler } from './station-context.js';
import { transactionHandlers } from './transaction-handlers.js';
import { variableHandlers } from './variable-handlers.js';

export interface VirtualStationOptions {
  /** The CSMS endpoint; the identity is appended (`ws://host:9220/ocpp/`). */
  url: string;
  identity: string;
  profile: StationProfile;
  /** The OCPP version spoken (default 2.0.1); 2.1 adds its diagnostics (streams, target monitors, severities). */
  ocppVersion?: OcppVersion;
  password?: string;
  /** TLS material, PEM text: CA to trust the CSMS, client certificate and key (profile 3). */
  ca?: string;
  cert?: string;
  key?: string;
  faults?: FaultName[];
  /** Stories that unfold over the station's time (src/simulator/scenarios). */
  scenarios?: ScenarioName[];
  /** Seeds sensor values and back-off jitter: the same seed, the same station. */
  seed?: number;
  /** How often sensor values move, ms of station time (default 1000; at most 20 readings a real second). */
  sensorIntervalMs?: number;
  /**
   * How many times faster than real time the station's clock runs (default 1): its timestamps,
   * sensor waves, periodic monitors, heartbeats and back-off all follow that clock.
   */
  timeScale?: number;
  /** Delay of every answer under the `slow-responses` fault, ms (default 3000). */
  slowResponseMs?: number;
  /** Pause between a Reset and the reconnection, ms (default 500). */
  rebootDelayMs?: number;
  callTimeoutMs?: number;
  log?: (line: string) => void;
}

export type BootReason = 'PowerUp' | 'RemoteReset' | 'Triggered' | 'Watchdog';

export interface StationEvents {
  connected: [{ connection: number }];
  disconnected: [{ connection: number; code: number }];
  booted: [{ status: string; interval: number }];
  reset: [{ type: string }];
}

/**
 * A virtual OCPP 2.0.1 charging station on the client side of the same OCPP-J layer as the CSMS:
 * boots (B01–B03), sends heartbeats and StatusNotifications, answers device-model requests from
 * its profile, moves its sensor values, reconnects with the Part 4 back-off, and reboots on Reset.
 */
export class VirtualStation extends EventEmitter<StationEvents> {
  readonly identity: string;
  readonly profile: StationProfile;
  readonly model: DeviceModel;
  readonly faults: FaultSet;
  /** Transactions started and stopped by the CSMS (F01/F03). */
  readonly sessions: ChargingSessions;
  /** The station's own clock: real time, or faster under `timeScale`. */
  readonly clock: Clock;
  /** What GetLog uploads and how (N01); a 2.1 station adds to it (attach-ocpp21.ts). */
  readonly logs = new LogUploads();
  /** The station's monitors, base and level, when its profile has the monitoring block (set by attachMonitoring). */
  monitoring: MonitoringState | undefined;
  readonly #options: VirtualStationOptions;
  readonly #random: () => number;
  readonly #sensors: SensorDriver;
  readonly #context: StationContext;
  readonly #handlers: Record<string, StationHandler>;
  #connection: RpcConnection | undefined;
  #connectionCount = 0;
  #accepted = false;
  #bootReason: BootReason = 'PowerUp';
  /** The interval of the last accepted boot: the heartbeat period of a model without HeartbeatInterval. */
  #bootInterval: number | undefined;
  #heartbeat: unknown;
  #retry: unknown;
  /** Station time until which the link stays down (a scenario's communication outage). */
  #offlineUntil = 0;
  #failures = 0;
  #stopped = true;
  #wedged = false;
  /** The CSMS's BootNotification answer (Accepted) has been read on the current boot. */
  #bootAnswerSeen = false;
  /** While this holds when a request arrives, the request is carried out but never answered. */
  #muteWhile: (() => boolean) | undefined;
  /** Actions sent as they are, without the schema check (fault injection; see sendUnchecked). */
  readonly #unchecked = new Set<string>();

  constructor(options: VirtualStationOptions) {
    super();
    this.#options = options;
    this.identity = options.identity;
    this.profile = options.profile;
    this.faults = new FaultSet(options.faults);
    const model = options.profile.createModel(options.identity);
    this.model = this.faults.has('tiny-model') ? tinyModel(model) : model;
    this.#random = seededRandom(options.seed ?? 1);
    this.clock = scaledClock(options.timeScale ?? 1);
    this.#sensors = new SensorDriver(this.model, options.profile.sensors, options.seed ?? 1, this.clock);
    this.#context = {
      identity: this.identity,
      profile: this.profile,
      model: this.model,
      faults: this.faults,
      seed: options.seed ?? 1,
      clock: this.clock,
      send: (action, payload) => this.send(action, payload),
      sendRaw: (text) => this.#connection?.sendRaw(text),
      afterResponse: (work) => {
        setImmediate(() => void Promise.resolve(work()).catch((error: unknown) => this.#log(`error after response: ${String(error)}`)));
      },
      dropConnection: () => this.#connection?.terminate(),
      log: (line) => this.#log(line),
    };
    this.sessions = new ChargingSessions(this.#context);
    if (this.faults.has('reconnect-without-reboot')) {
      // As if accepted by this CSMS before it restarted: a mere reconnect, no BootNotification.
      this.#accepted = true;
      this.#bootAnswerSeen = true;
    }
    this.#handlers = {
      ...reportingHandlers(this.#context),
      ...transactionHandlers(this.#context, this.sessions),
      ...variableHandlers(this.#context, (changed) => {
        if (changed.some((c) => c.component.name === 'OCPPCommCtrlr' && c.variable.name === 'HeartbeatInterval')) this.#startHeartbeat();
      }),
      ...controlHandlers(this.#context, {
        boot: (reason) => this.#boot(reason),
        heartbeat: () => void this.send('Heartbeat', {}),
        statusNotifications: (evseId, connectorId) => this.#sendStatusNotifications(evseId, connectorId),
        reset: (type) => this.#reboot(type),
      }, this.sessions),
      ...logHandlers(this.#context, this.logs),
    };
  }

  /** Adds or replaces handlers (the monitoring block plugs in here). */
  addHandlers(handlers: Record<string, StationHandler>): void {
    Object.assign(this.#handlers, handlers);
    if (this.#connection) this.#register(this.#connection);
  }

  /** The handler currently serving an action, to wrap it. */
  handler(action: string): StationHandler | undefined {
    return this.#handlers[action];
  }

  get context(): StationContext {
    return this.#context;
  }

  get isConnected(): boolean {
    return this.#connection?.isOpen ?? false;
  }

  get isAccepted(): boolean {
    return this.#accepted;
  }

  /** The sensor driver, where scenarios put their own sensor values. */
  get sensors(): SensorDriver {
    return this.#sensors;
  }

  /**
   * A communication outage: the link drops now and no connection is attempted for `durationMs`
   * of station time. Like a lost mobile link, not a reboot: no BootNotification follows (Part 4).
   */
  goOffline(durationMs: number): void {
    this.#offlineUntil = this.clock.now() + durationMs;
    this.#log(`communication outage for ${Math.round(durationMs / 1000)} s of station time`);
    this.#connection?.terminate();
  }

  /** Sends the StatusNotification of one connector as its AvailabilityState now reads (a scenario changed it). */
  reportStatus(evseId: number, connectorId: number): Promise<void> {
    return this.#sendStatusNotifications(evseId, connectorId);
  }

  /** A reboot the station decides on itself (a watchdog): down, back up, BootNotification with `reason`. */
  reboot(reason: BootReason): void {
    this.#reboot('OnIdle', reason);
  }

  /** Connects and boots; resolves after the first connection attempt (it keeps retrying on its own). */
  async start(): Promise<void> {
    this.#stopped = false;
    this.#sensors.start(this.#options.sensorIntervalMs ?? 1000);
    await this.#connect();
  }

  /** Stops timers and closes the connection; no reconnection follows. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#sensors.stop();
    this.#stopTimers();
    await closeLink(this.#connection);
  }

  /** Sends a CALL to the CSMS; a failure value when not connected. */
  send(action: string, payload: Record<string, unknown>): Promise<CallOutcome> {
    const connection = this.#connection;
    if (!connection?.isOpen) {
      return Promise.resolve({ ok: false, action, failure: { kind: 'disconnected', reason: 'the station is offline' }, durationMs: 0 });
    }
    if (this.#unchecked.has(action)) {
      // As a firmware that never checks its payloads: out it goes, and the CSMS's answer is not waited for.
      const messageId = randomUUID();
      connection.sendRaw(JSON.stringify([2, messageId, action, payload]));
      return Promise.resolve({ ok: true, action, messageId, payload: {}, durationMs: 0 });
    }
    return connection.call(action, payload);
  }

  /**
   * From now on `action` goes out without the schema check and without waiting for the answer, so
   * a fault can send what the spoken version's schema refuses (a 2.0.1 payload under 2.1).
   */
  sendUnchecked(action: string): void {
    this.#unchecked.add(action);
  }

  /**
   * Sends an OCPP 2.1 SEND (NotifyPeriodicEventStream, N15.FR.01): never answered, not queued
   * behind a CALL. False when the station is offline, so the caller keeps what it had to send.
   */
  sendUnconfirmed(action: string, payload: Record<string, unknown>): boolean {
    const connection = this.#connection;
    if (!connection?.isOpen) return false;
    connection.send(action, payload);
    return true;
  }

  /** Waits until the station has been accepted (or the time is up). */
  waitUntilAccepted(timeoutMs = 10_000): Promise<boolean> {
    return acceptedWithin(this, this.#accepted, timeoutMs);
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    const outageLeft = this.#offlineUntil - this.clock.now();
    if (outageLeft > 0) {
      this.#retry = this.clock.setTimeout(() => {
        this.#retry = undefined;
        void this.#connect();
      }, outageLeft);
      return;
    }
    let connection: RpcConnection;
    try {
      connection = await connectAsStation(connectOptionsOf(this.#options, this.#options.ocppVersion));
    } catch (error) {
      this.#log(`cannot connect: ${(error as Error).message}`);
      this.#scheduleReconnect();
      return;
    }
    if (this.#stopped) {
      connection.close(1000, 'station stopping');
      return;
    }
    const number = ++this.#connectionCount;
    this.#connection = connection;
    this.#failures = 0;
    this.#wedged = false;
    this.#register(connection);
    connection.on('frame', (frame) => {
      // Read as the frame arrives, before any later frame: what a strict station knows when a request comes.
      if (frame.direction === 'csms-to-cp' && frame.messageType === 'CALLRESULT' && frame.action === 'BootNotification' && (frame.payload as Record<string, unknown> | undefined)?.['status'] === 'Accepted') this.#bootAnswerSeen = true;
      if (frame.messageType === 'CALL') this.#log(`${frame.direction === 'cp-to-csms' ? '→' : '←'} ${frame.action ?? '?'}`);
      else if (frame.messageType === 'CALLERROR') this.#log(`${frame.direction === 'cp-to-csms' ? '→' : '←'} CALLERROR ${frame.error?.code ?? ''} (${frame.action ?? '?'})`);
    });
    connection.on('close', ({ code }) => {
      this.emit('disconnected', { connection: number, code });
      this.#log(`disconnected (code ${code})`);
      // A connection let go on purpose (a reboot) has its successor arranged already.
      if (this.#connection !== connection) return;
      this.#connection = undefined;
      this.#stopTimers();
      this.#scheduleReconnect();
    });
    this.emit('connected', { connection: number });
    this.#log(`connected to ${this.#options.url} (connection ${number})`);
    // Part 4: no new BootNotification on a mere reconnect, only after a reboot or before acceptance.
    if (!this.#accepted) await this.#boot(this.#bootReason);
    else {
      this.#startHeartbeat();
      if (this.faults.has('reconnect-without-reboot') && number === 1) await this.#sendStatusNotifications();
    }
  }

  #register(connection: RpcConnection): void {
    for (const [action, handler] of Object.entries(this.#handlers)) {
      connection.handle(action, async (payload) => {
        if (this.#wedged) return new Promise(() => undefined);
        // Like a station that logs "not registered" and drops the request: the caller times out.
        if (this.faults.has('strict-boot') && !this.#bootAnswerSeen) return new Promise(() => undefined);
        if (this.faults.has('no-get-variables') && action === 'GetVariables') throw new OcppCallError('NotSupported', 'GetVariables is not supported');
        const mute = this.#muteWhile?.() === true;
        if (this.faults.has('slow-responses')) await new Promise((resolve) => setTimeout(resolve, this.#options.slowResponseMs ?? 3000));
        if (!mute) return handler(payload as Record<string, unknown>);
        try {
          await handler(payload as Record<string, unknown>);
        } catch {
          // Carried out, refused or not: the answer is lost either way.
        }
        return new Promise(() => undefined);
      });
    }
  }

  /**
   * From now on, a request that arrives while `condition` holds is carried out but never answered
   * (the `wedge-while-monitors-active` fault).
   */
  muteAnswersWhile(condition: () => boolean): void {
    this.#muteWhile = condition;
  }

  /** Makes the station stop answering anything (the `silent-after-periodic-set` fault). */
  wedge(): void {
    this.#wedged = true;
  }

  /**
   * B01–B03: Accepted starts the heartbeat and the StatusNotifications; Pending and Rejected
   * retry after the interval the CSMS gave (while Pending the CSMS may still send requests).
   */
  async #boot(reason: BootReason): Promise<void> {
    this.#bootReason = reason;
    const outcome = await this.send('BootNotification', { reason, chargingStation: this.profile.chargingStation });
    if (!outcome.ok) return;
    const status = String(outcome.payload['status']);
    const interval = Number(outcome.payload['interval']);
    this.emit('booted', { status, interval });
    this.#log(`BootNotification → ${status} (interval ${interval} s)`);
    if (status === 'Accepted') {
      this.#accepted = true;
      this.#bootReason = 'PowerUp';
      // B01.FR.04: the interval from the CSMS becomes the heartbeat interval.
      if (interval > 0) {
        this.#bootInterval = interval;
        this.model.setByStation({ name: 'OCPPCommCtrlr' }, { name: 'HeartbeatInterval' }, String(interval));
      }
      this.#startHeartbeat();
      await this.#sendStatusNotifications();
      return;
    }
    this.#accepted = false;
    const retryMs = Math.max(interval > 0 ? interval : 10, 1) * 1000;
    this.#retry = this.clock.setTimeout(() => void this.#boot(reason), retryMs);
  }

  #startHeartbeat(): void {
    if (this.#heartbeat !== undefined) this.clock.clearTimeout(this.#heartbeat);
    this.#heartbeat = undefined;
    if (!this.#accepted || !this.isConnected) return;
    const seconds = Number(this.model.actual({ name: 'OCPPCommCtrlr' }, { name: 'HeartbeatInterval' }) ?? this.#bootInterval ?? 300);
    if (!(seconds > 0)) return;
    const beat = (): void => {
      this.#heartbeat = this.clock.setTimeout(() => {
        void this.send('Heartbeat', {});
        beat();
      }, seconds * 1000);
    };
    beat();
  }

  async #sendStatusNotifications(evseId?: number, connectorId?: number): Promise<void> {
    for (const evse of this.profile.evses) {
      if (evseId !== undefined && evse.id !== evseId) continue;
      for (const connector of evse.connectors) {
        if (connectorId !== undefined && connector.id !== connectorId) continue;
        const status = this.model.actual({ name: 'Connector', evse: { id: evse.id, connectorId: connector.id } }, { name: 'AvailabilityState' });
        await this.send('StatusNotification', {
          timestamp: new Date(this.clock.now()).toISOString(),
          connectorStatus: status ?? 'Available',
          evseId: evse.id,
          connectorId: connector.id,
        });
      }
    }
  }

  /** A Reset: the link goes down as the station reboots, then it comes back and boots again (B11). */
  #reboot(type: string, reason: BootReason = 'RemoteReset'): void {
    this.emit('reset', { type });
    this.#accepted = false;
    this.#bootAnswerSeen = false;
    this.#bootReason = reason;
    this.#sensors.stop();
    this.#stopTimers();
    const connection = this.#connection;
    this.#connection = undefined;
    connection?.close(1000, 'resetting');
    setTimeout(() => {
      if (this.#stopped) return;
      this.model.applyPendingWrites();
      this.#sensors.start(this.#options.sensorIntervalMs ?? 1000);
      void this.#connect();
    }, this.#options.rebootDelayMs ?? 500).unref();
  }

  /**
   * Part 4 back-off: RetryBackOffWaitMinimum plus a random part up to RetryBackOffRandomRange,
   * doubled after each failure up to RetryBackOffRepeatTimes times.
   */
  #scheduleReconnect(): void {
    if (this.#stopped || this.#retry !== undefined) return;
    const backOff = {
      minimumS: limitOf(this.model, 'OCPPCommCtrlr', 'RetryBackOffWaitMinimum', '', 1),
      randomRangeS: limitOf(this.model, 'OCPPCommCtrlr', 'RetryBackOffRandomRange', '', 0),
      doublings: limitOf(this.model, 'OCPPCommCtrlr', 'RetryBackOffRepeatTimes', '', 0),
    };
    const delayS = backOffDelayS(backOff, this.#failures, this.#random);
    this.#failures += 1;
    this.#log(`reconnecting in ${delayS.toFixed(1)} s`);
    this.#retry = this.clock.setTimeout(() => {
      this.#retry = undefined;
      void this.#connect();
    }, delayS * 1000);
  }

  #stopTimers(): void {
    if (this.#heartbeat !== undefined) this.clock.clearTimeout(this.#heartbeat);
    this.#heartbeat = undefined;
    if (this.#retry !== undefined) this.clock.clearTimeout(this.#retry);
    this.#retry = undefined;
  }

  #log(line: string): void {
    this.#options.log?.(`[${new Date(this.clock.now()).toISOString().slice(11, 23)}] ${this.identity} ${line}`);
  }
}
