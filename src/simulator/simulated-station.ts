import type { EventEmitter } from 'node:events';
import type { StationProfile } from './station-profile.js';
import type { StationEvents } from './station/virtual-station.js';

/**
 * What every virtual station offers its callers (demo, simulate, the test beds), whichever OCPP
 * version it speaks: the 2.x VirtualStation and the 1.6 Ocpp16Station both are one. Events:
 * `connected`, `disconnected`, `booted` (status and interval of each BootNotification answer),
 * `reset`.
 */
export interface SimulatedStation extends EventEmitter<StationEvents> {
  readonly identity: string;
  readonly profile: StationProfile;
  readonly isConnected: boolean;
  readonly isAccepted: boolean;
  /** Resolves true once a BootNotification was Accepted, false when the time is up. */
  waitUntilAccepted(timeoutMs?: number): Promise<boolean>;
  /** Stops timers and closes the connection; no reconnection follows. */
  stop(): Promise<void>;
}
