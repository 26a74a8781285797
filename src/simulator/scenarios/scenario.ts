import type { EventOutbox } from '../monitoring/event-outbox.js';
import type { MonitorEngine } from '../monitoring/monitor-engine.js';
import type { MonitoringState } from '../monitoring/monitoring-state.js';
import type { StationProfile } from '../station-profile.js';
import type { FaultCodeBook } from '../station/fault-codes.js';
import type { EventTaker } from '../station/monitoring-handlers.js';
import { hashText, seededRandom } from '../station/seeded-random.js';
import type { VirtualStation } from '../station/virtual-station.js';

/** The monitoring block of a station, for scenarios that act on monitors or fault codes. */
export interface AttachedMonitoring {
  state: MonitoringState;
  engine: MonitorEngine;
  outbox: EventOutbox;
  faultCodes: FaultCodeBook;
  /** Lets a behaviour take monitors' events instead of NotifyEvent (2.1 periodic event streams). */
  takeEvents: (taker: EventTaker) => void;
}

/** What a scenario acts on when it is attached to a station. */
export interface ScenarioHost {
  station: VirtualStation;
  /** Undefined when the profile has no monitoring block. */
  monitoring: AttachedMonitoring | undefined;
  seed: number;
  /** Station time (epoch ms) at which the scenario's story begins: the station's start. */
  startedAt: number;
}

/**
 * A story that unfolds over the station's time, deterministic by seed: its sensor values are pure
 * functions of (seed, station time) and its discrete steps (a trip, an outage, a reboot) are
 * scheduled on the station's clock when it is attached.
 */
export interface Scenario {
  /** One line for `simulate --help` and the README. */
  readonly description: string;
  /** Why the scenario cannot run on this profile (a missing component), or undefined. */
  unfit(profile: StationProfile): string | undefined;
  attach(host: ScenarioHost): void;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/** A number in [0, 1) fixed by the seed and a name: the same seed, the same story. */
export function seededFraction(seed: number, name: string): number {
  return seededRandom(seed ^ hashText(name))();
}

/** Measurement noise in [-amplitude, amplitude), the same for a seed, a name and a minute of station time. */
export function noiseAt(seed: number, name: string, stationTimeMs: number, amplitude: number): number {
  const minute = Math.floor(stationTimeMs / MINUTE_MS);
  return (seededRandom((seed ^ hashText(name)) + minute)() * 2 - 1) * amplitude;
}

/** Whether the profile has a component (any instance) with the variable. */
export function profileHas(profile: StationProfile, component: string, variable: string, instance?: string): boolean {
  return profile
    .createModel('probe')
    .entries()
    .some((e) => e.component.name === component && (instance === undefined || e.component.instance === instance) && e.variable.name === variable);
}
