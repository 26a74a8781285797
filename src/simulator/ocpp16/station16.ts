import { EventEmitter } from 'node:events';
import type { CallOutcome } from '../../ocpp/call-outcome.js';
import type { RpcConnection } from '../../ocpp/rpc-connection.js';
import { connectAsStation } from '../../ocpp/station-client.js';
import { acceptedWithin, backOffDelayS, closeLink, connectOptionsOf, type BackOff } from '../station-link.js';
import { scaledClock, type Clock } from '../monitoring/clock.js';
import type { StationProfile } from '../station-profile.js';
import { FaultSet } from '../station/faults.js';
import { seededRandom } from '../station/seeded-random.js';
import type { StationEvents, VirtualStationOptions } from '../station/virtual-station.js';
import type { SimulatedStation } from '../simulated-station.js';
import { Configuration } from './configuration.js';
import { configurationKeys } from './configuration-keys.js';
import { Connectors } from './connectors.js';
import type { Station16Context, Station16Controls, Station16Handler } from './context.js';
import { SecurityEvents } from './security-events.js';
import { StationLog } from './station-log.js';

/** Seconds a station waits before booting again when the Central System gave no interval (1.6 §4.2: interval 0). */
const DEFAULT_BOOT_RETRY_S = 10;
/** Heartbeat period before any boot set one. */
const DEFAULT_HEARTBEAT_S = 300;
/**
 * Reconnection back-off. OCPP 1.6 defines none; like the 2.0.1 defaults of Part 4, a minimum wait
 * plus a seeded random part, doubled after each failure a few times.
 */
const BACKOFF: BackOff = { minimumS: 1, randomRangeS: 2, doublings: 3 };

/**
 * A virtual OCPP 1.6-J charge point on the client side of the same OCPP-J layer as the CSMS: boots
 * with the 1.6 BootNotification (1.6 §4.2: Pending and Rejected retried after the interval, nothing
 * else sent until Accepted), reports connector 0 and each connector after acceptance (errata v4.0
 * §3.22), heartbeats at HeartbeatInterval, answers from its flat configuration (1.6 §9), uploads
 * diagnostics and logs over HTTP, reports security events (security WP), reconnects with a back-off
 * and reboots on Reset. Its handlers come from the modules beside it (start16.ts plugs them in).
 */
export class Ocpp16Station extends EventEmitter<StationEvents> implements SimulatedStation {
  readonly identity: string;
  readonly profile: StationProfile;
  readonly faults: FaultSet;
  readonly clock: Clock;
  readonly configuration: Configuration;
  readonly connectors: Connectors;
  /** The station's own log (the body of its diagnostics files). */
  readonly log = new StationLog();
  readonly security = new SecurityEvents();
  readonly context: Station16Context;
  readonly controls: Station16Controls;
  readonly #options: VirtualStationOptions;
  readonly #random: () => number;
  readonly #handlers: Record<string, Station16Handler> = {};
  #editBoot: (payload: Record<string, unknown>) => Record<string, unknown> = (payload) => payload;
  #connection: RpcConnection | undefined;
  #connectionCount = 0;
  #accepted = false;
  /** Station time until which a Rejected station neither sends nor answers (1.6 §4.2). */
  #silentUntil = 0;
  #heartbeat: unknown;
  #retry: unknown;
  #bootRetry: unknown;
  #failures = 0;
  #stopped = true;

  constructor(options: VirtualStationOptions) {
    super();
    this.#options = options;
    this.identity = options.identity;
    this.profile = options.profile;
    this.faults = new FaultSet(options.faults);
    this.clock = scaledClock(options.timeScale ?? 1);
    this.#random = seededRandom(options.seed ?? 1);
    this.connectors = new Connectors(options.profile);
    this.configuration = new Configuration(configurationKeys({ connectors: this.connectors, securityProfile: securityProfileOf(options) }));
    this.configuration.onChange((key) => {
      if (key === 'HeartbeatInterval') this.#startHeartbeat();
    });
    this.context = {
      identity: this.identity,
      profile: this.profile,
      faults: this.faults,
      clock: this.clock,
      configuration: this.configuration,
      connectors: this.connectors,
      log: this.log,
      security: this.security,
      random: () => this.#random(),
      ca: options.ca,
      send: (action, payload) => this.send(action, payload),
      note: (line) => this.#note(line),
    };
    this.controls = {
      isAccepted: () => this.#accepted,
      boot: () => this.#boot(),
      heartbeat: async () => {
        await this.send('Heartbeat', {});
      },
      statusNotifications: (connectorId) => this.sendStatusNotifications(connectorId),
      reset: (type) => this.#reboot(type),
    };
  }

  /** Adds or replaces handlers (the behaviours plug in here). */
  addHandlers(handlers: Record<string, Station16Handler>): void {
    Object.assign(this.#handlers, handlers);
    if (this.#connection) this.#register(this.#connection);
  }

  /** The handler currently serving an action, to wrap it. */
  handler(action: string): Station16Handler | undefined {
    return this.#handlers[action];
  }

  get isConnected(): boolean {
    return this.#connection?.isOpen ?? false;
  }

  get isAccepted(): boolean {
    return this.#accepted;
  }

  /** Connects and boots; resolves after the first connection attempt (it keeps retrying on its own). */
  async start(): Promise<void> {
    this.#stopped = false;
    this.#note('power up');
    this.security.record('StartupOfTheDevice', this.clock.now(), `firmware ${this.profile.chargingStation.firmwareVersion ?? 'unknown'}`);
    await this.#connect();
  }

  /** Stops timers and closes the connection; no reconnection follows. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#stopTimers();
    await closeLink(this.#connection);
  }

  /** Sends a CALL to the Central System; a failure value when not connected. */
  send(action: string, payload: Record<string, unknown>): Promise<CallOutcome> {
    const connection = this.#connection;
    if (!connection?.isOpen) {
      return Promise.resolve({ ok: false, action, failure: { kind: 'disconnected', reason: 'the station is offline' }, durationMs: 0 });
    }
    return connection.call(action, payload);
  }

  /** Waits until the station has been accepted (or the time is up). */
  waitUntilAccepted(timeoutMs = 10_000): Promise<boolean> {
    return acceptedWithin(this, this.#accepted, timeoutMs);
  }

  /** StatusNotification of one connector (0 = the charge point), or of connector 0 and then every connector. */
  async sendStatusNotifications(connectorId?: number): Promise<void> {
    for (const id of connectorId !== undefined ? [connectorId] : [0, ...this.connectors.ids()]) {
      await this.send('StatusNotification', this.connectors.notification(id, this.clock.now()));
    }
  }

  /** The BootNotification.req of 1.6 §6.3: the profile's identity, modem and meter. */
  bootPayload(): Record<string, unknown> {
    const { vendorName, model, serialNumber, firmwareVersion } = this.profile.chargingStation;
    return this.#editBoot({
      chargePointVendor: vendorName,
      chargePointModel: model,
      ...(serialNumber !== undefined ? { chargePointSerialNumber: serialNumber } : {}),
      ...(firmwareVersion !== undefined ? { firmwareVersion } : {}),
      ...this.profile.ocpp16Boot,
    });
  }

  /** Changes what BootNotification says from now on (a behaviour that leaves fields out). */
  editBootPayload(edit: (payload: Record<string, unknown>) => Record<string, unknown>): void {
    const previous = this.#editBoot;
    this.#editBoot = (payload) => edit(previous(payload));
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    let connection: RpcConnection;
    try {
      connection = await connectAsStation(connectOptionsOf(this.#options, '1.6'));
    } catch (error) {
      this.#note(`cannot connect: ${(error as Error).message}`);
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
    this.#register(connection);
    connection.on('frame', (frame) => {
      if (frame.messageType === 'CALL') this.#note(`${frame.direction === 'cp-to-csms' ? '→' : '←'} ${frame.action ?? '?'}`);
      else if (frame.messageType === 'CALLERROR') this.#note(`${frame.direction === 'cp-to-csms' ? '→' : '←'} CALLERROR ${frame.error?.code ?? ''} (${frame.action ?? '?'})`);
    });
    connection.on('close', ({ code }) => {
      this.emit('disconnected', { connection: number, code });
      this.#note(`disconnected (code ${code})`);
      // A connection let go on purpose (a reboot) has its successor arranged already.
      if (this.#connection !== connection) return;
      this.#connection = undefined;
      this.#stopTimers();
      this.#scheduleReconnect();
    });
    this.emit('connected', { connection: number });
    this.#note(`connected to ${this.#options.url} (connection ${number}, ${connection.subprotocol})`);
    // A reconnection without a reboot does not boot again; queued critical security events go out (A04.FR.02).
    if (!this.#accepted) await this.#boot();
    else {
      this.#startHeartbeat();
      await this.security.deliver((action, payload) => this.send(action, payload));
    }
  }

  #register(connection: RpcConnection): void {
    for (const [action, handler] of Object.entries(this.#handlers)) {
      connection.handle(action, (payload, call) => {
        // 1.6 §4.2: after Rejected the station does not respond until the retry interval has passed.
        if (this.clock.now() < this.#silentUntil) return new Promise(() => undefined);
        return handler(payload as Record<string, unknown>, (work) =>
          call.afterReply(() => void Promise.resolve().then(work).catch((error: unknown) => this.#note(`error after answering ${action}: ${String(error)}`))),
        );
      });
    }
  }

  /**
   * 1.6 §4.2: Accepted sets the heartbeat interval, reports every connector and delivers the
   * queued security events; Pending and Rejected boot again after the interval (Rejected in
   * silence until then). A BootNotification without an answer is sent again after a while.
   */
  async #boot(): Promise<void> {
    if (this.#bootRetry !== undefined) this.clock.clearTimeout(this.#bootRetry);
    this.#bootRetry = undefined;
    const outcome = await this.send('BootNotification', this.bootPayload());
    if (!outcome.ok) {
      // Offline: the next connection boots. Otherwise (no answer, an error) try again later.
      if (outcome.failure.kind !== 'disconnected') this.#retryBoot(DEFAULT_BOOT_RETRY_S);
      return;
    }
    const status = String(outcome.payload['status']);
    const interval = Number(outcome.payload['interval']);
    this.emit('booted', { status, interval });
    this.#note(`BootNotification → ${status} (interval ${interval} s)`);
    if (status === 'Accepted') {
      this.#accepted = true;
      if (interval > 0) this.configuration.setByStation('HeartbeatInterval', String(interval));
      // The clock is set from the Central System's currentTime: a critical security event.
      this.security.record('SettingSystemTime', this.clock.now(), `from the Central System: ${String(outcome.payload['currentTime'])}`);
      this.#startHeartbeat();
      await this.sendStatusNotifications();
      await this.security.deliver((action, payload) => this.send(action, payload));
      return;
    }
    this.#accepted = false;
    const waitS = interval > 0 ? interval : DEFAULT_BOOT_RETRY_S;
    if (status === 'Rejected') this.#silentUntil = this.clock.now() + waitS * 1000;
    this.#retryBoot(waitS);
  }

  #retryBoot(seconds: number): void {
    if (this.#bootRetry !== undefined) this.clock.clearTimeout(this.#bootRetry);
    this.#bootRetry = this.clock.setTimeout(() => {
      this.#bootRetry = undefined;
      if (!this.#accepted && this.isConnected) void this.#boot();
    }, seconds * 1000);
  }

  #startHeartbeat(): void {
    if (this.#heartbeat !== undefined) this.clock.clearTimeout(this.#heartbeat);
    this.#heartbeat = undefined;
    if (!this.#accepted || !this.isConnected) return;
    const seconds = this.configuration.number('HeartbeatInterval', DEFAULT_HEARTBEAT_S);
    // HeartbeatInterval 0: no heartbeats (1.6 §9.1.10 leaves it to the station; this one sends none).
    if (!(seconds > 0)) return;
    const beat = (): void => {
      this.#heartbeat = this.clock.setTimeout(() => {
        void this.send('Heartbeat', {});
        beat();
      }, seconds * 1000);
    };
    beat();
  }

  /** A Reset (1.6 §5.13): the link goes down as the station reboots, then it comes back and boots again. */
  #reboot(type: string): void {
    this.emit('reset', { type });
    this.#note(`${type} reset`);
    this.security.record('ResetOrReboot', this.clock.now(), `${type} reset requested by the Central System`);
    this.#accepted = false;
    this.#stopTimers();
    const connection = this.#connection;
    this.#connection = undefined;
    connection?.close(1000, 'resetting');
    setTimeout(() => {
      if (this.#stopped) return;
      this.#note('power up');
      this.security.record('StartupOfTheDevice', this.clock.now(), `after a ${type} reset`);
      void this.#connect();
    }, this.#options.rebootDelayMs ?? 500).unref();
  }

  #scheduleReconnect(): void {
    if (this.#stopped || this.#retry !== undefined) return;
    const delayS = backOffDelayS(BACKOFF, this.#failures, this.#random);
    this.#failures += 1;
    this.#note(`reconnecting in ${delayS.toFixed(1)} s`);
    this.#retry = this.clock.setTimeout(() => {
      this.#retry = undefined;
      void this.#connect();
    }, delayS * 1000);
  }

  #stopTimers(): void {
    for (const timer of [this.#heartbeat, this.#retry, this.#bootRetry]) if (timer !== undefined) this.clock.clearTimeout(timer);
    this.#heartbeat = undefined;
    this.#retry = undefined;
    this.#bootRetry = undefined;
  }

  #note(line: string): void {
    this.log.add(this.clock.now(), line);
    this.#options.log?.(`[${new Date(this.clock.now()).toISOString().slice(11, 23)}] ${this.identity} ${line}`);
  }
}

/** The security profile the station connects with (security WP §2), from the options it was given. */
function securityProfileOf(options: VirtualStationOptions): number {
  const tls = options.url.startsWith('wss:');
  if (tls && options.cert) return 3;
  if (tls) return 2;
  return options.password !== undefined ? 1 : 0;
}
