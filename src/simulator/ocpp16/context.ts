import type { CallOutcome } from '../../ocpp/call-outcome.js';
import type { Clock } from '../monitoring/clock.js';
import type { StationProfile } from '../station-profile.js';
import type { FaultSet } from '../station/faults.js';
import type { Configuration } from './configuration.js';
import type { Connectors } from './connectors.js';
import type { SecurityEvents } from './security-events.js';
import type { StationLog } from './station-log.js';

/** What a handler module of the 1.6 station may use: its configuration, connectors, logs and link. */
export interface Station16Context {
  readonly identity: string;
  readonly profile: StationProfile;
  readonly faults: FaultSet;
  /** The station's own clock (scaled under --time-scale). */
  readonly clock: Clock;
  readonly configuration: Configuration;
  readonly connectors: Connectors;
  /** The station's own log: the body of a diagnostics file. */
  readonly log: StationLog;
  readonly security: SecurityEvents;
  /** A seeded random number in [0, 1). */
  random(): number;
  /** PEM CA the station trusts (also for HTTPS uploads). */
  readonly ca: string | undefined;
  /** Sends a CALL to the Central System on the current connection (a failure value when offline). */
  send(action: string, payload: Record<string, unknown>): Promise<CallOutcome>;
  /** Writes a line to the station's log (and its console log). */
  note(line: string): void;
}

/** What the station's lifecycle offers its handlers: boot, heartbeat, status, reset. */
export interface Station16Controls {
  isAccepted(): boolean;
  boot(): Promise<void>;
  heartbeat(): Promise<void>;
  /** StatusNotification of one connector (0 = the charge point), or of connector 0 and every connector. */
  statusNotifications(connectorId?: number): Promise<void>;
  reset(type: string): void;
}

/** Runs work once the answer to the current request is on the wire (1.6 §5.17: the answer first, then the message). */
export type AfterReply = (work: () => unknown) => void;

/** An inbound-call handler of the 1.6 station: returns the .conf payload or throws OcppCallError. */
export type Station16Handler = (payload: Record<string, unknown>, afterReply: AfterReply) => unknown;
