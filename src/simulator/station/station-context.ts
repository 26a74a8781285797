import type { CallOutcome } from '../../ocpp/call-outcome.js';
import type { DeviceModel } from '../device-model/device-model.js';
import type { Clock } from '../monitoring/clock.js';
import type { StationProfile } from '../station-profile.js';
import type { FaultSet } from './faults.js';

/** What a handler module of the virtual station may use: the model, the link, and its peers. */
export interface StationContext {
  readonly identity: string;
  readonly profile: StationProfile;
  readonly model: DeviceModel;
  readonly faults: FaultSet;
  /** The seed the station runs with (sensors, back-off, fault jitter). */
  readonly seed?: number;
  /** The station's own clock (scaled under --time-scale): every timestamp it sends and every timer it runs. */
  readonly clock: Clock;
  /** Sends a CALL to the CSMS on the current connection (a failure value when offline). */
  send(action: string, payload: Record<string, unknown>): Promise<CallOutcome>;
  /** Sends raw text (for fault injection that must break the schema on purpose). */
  sendRaw(text: string): void;
  /** Runs work after the current CALLRESULT has gone out (reports follow their request's answer). */
  afterResponse(work: () => Promise<void> | void): void;
  /** Drops the connection at once (fault injection). */
  dropConnection(): void;
  log(line: string): void;
}

/** An inbound-call handler of the station: returns the response payload or throws OcppCallError. */
export type StationHandler = (payload: Record<string, unknown>) => unknown;
