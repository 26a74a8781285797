import { ToolError } from '../errors.js';
import { attachOcpp21, checkOcpp21FaultsFit } from './ocpp21/attach-ocpp21.js';
import { OCPP21_FAULTS, OCPP21_STREAM_FAULTS } from './ocpp21/faults.js';
import { inAttachmentOrder, SCENARIOS, type ScenarioName } from './scenarios/index.js';
import type { AttachedMonitoring } from './scenarios/scenario.js';
import { acceptsEverythingHandlers } from './station/accepts-everything.js';
import { attachMonitoring } from './station/monitoring-handlers.js';
import { noBaseReportHandlers } from './station/no-base-report.js';
import { answerNotImplementedForKnownActions } from './station/not-implemented-known.js';
import type { OcppVersion } from '../ocpp/protocol.js';
import { OCPP16_FAULTS } from './ocpp16/faults.js';
import type { Ocpp16Station } from './ocpp16/station16.js';
import { startOcpp16Station } from './ocpp16/start16.js';
import type { SimulatedStation } from './simulated-station.js';
import type { StationProfile } from './station-profile.js';
import { FAULTS, type FaultName } from './station/faults.js';
import { attachPeriodicEventStreams } from './station/periodic-event-streams.js';
import { VirtualStation, type VirtualStationOptions } from './station/virtual-station.js';

/**
 * Starts the virtual station of the OCPP version asked for: the 1.6 charge point
 * (src/simulator/ocpp16) or the 2.x station. The one place that tells them apart (STATIONS); both
 * are a SimulatedStation, and each refuses the other's faults.
 */
export function startVirtualStation(options: VirtualStationOptions & { ocppVersion: '1.6' }): Promise<Ocpp16Station>;
export function startVirtualStation(options: VirtualStationOptions & { ocppVersion?: '2.0.1' | '2.1' }): Promise<VirtualStation>;
export function startVirtualStation(options: VirtualStationOptions): Promise<SimulatedStation>;
export async function startVirtualStation(options: VirtualStationOptions): Promise<SimulatedStation> {
  const version = options.ocppVersion ?? '2.0.1';
  checkFaultsFitVersion(version, options.faults ?? []);
  return STATIONS[version].start(options);
}

/** Each version's station and the faults it knows (`simulate --help` lists both lists). */
const STATIONS: Record<OcppVersion, { start: (options: VirtualStationOptions) => Promise<SimulatedStation>; faults: Readonly<Record<string, string>> }> = {
  '1.6': { start: startOcpp16Station, faults: OCPP16_FAULTS },
  '2.0.1': { start: startOcpp2Station, faults: FAULTS },
  '2.1': { start: startOcpp2Station, faults: { ...FAULTS, ...OCPP21_FAULTS } },
};

/** Refuses a fault the station of that version does not have (each version has its own list). */
export function checkFaultsFitVersion(version: OcppVersion, faults: readonly FaultName[]): void {
  const foreign = faults.filter((name) => !Object.hasOwn(STATIONS[version].faults, name));
  if (foreign.length > 0) {
    throw new ToolError('ERR_INVALID_OPTION', `--fault ${foreign.join(', ')}: not a fault of the OCPP ${version} station (see simulate --help)`);
  }
}

/**
 * Builds a 2.x virtual station from its options, plugs in the blocks its profile implements, and
 * starts it. The station keeps reconnecting on its own until `stop()`.
 */
async function startOcpp2Station(options: VirtualStationOptions): Promise<VirtualStation> {
  checkFaultsFit(options.profile, options.faults ?? []);
  checkScenariosFit(options.profile, options.scenarios ?? []);
  const station = new VirtualStation(options);
  const faults = options.faults ?? [];
  let monitoring: AttachedMonitoring | undefined;
  // A station that accepts everything has no monitoring engine behind its answers: no events.
  if (options.profile.supports.monitoring && !faults.includes('accepts-everything')) monitoring = attachMonitoring(station);
  // What a newer OCPP version adds is attached here, once, never tested for in the handlers.
  VERSION_BEHAVIOURS[options.ocppVersion ?? '2.0.1']?.(station, monitoring);
  const startedAt = station.clock.now();
  for (const name of inAttachmentOrder(options.scenarios ?? [])) SCENARIOS[name].attach({ station, monitoring, seed: options.seed ?? 1, startedAt });
  if (faults.includes('accepts-everything')) station.addHandlers(acceptsEverythingHandlers());
  if (faults.includes('no-base-report')) station.addHandlers(noBaseReportHandlers());
  if (station.faults.has('not-implemented-known')) answerNotImplementedForKnownActions(station);
  await station.start();
  return station;
}

/** The behaviours a station gains by speaking an OCPP version beyond 2.0.1 (src/simulator/ocpp21/). */
const VERSION_BEHAVIOURS: Partial<Record<OcppVersion, (station: VirtualStation, monitoring: AttachedMonitoring | undefined) => void>> = {
  '2.1': (station, monitoring) => {
    attachOcpp21(station, monitoring);
    // Periodic event streams (N11–N15) take their monitors' events: they need the monitoring block.
    if (monitoring) attachPeriodicEventStreams(station, monitoring);
  },
};

/** Refuses a scenario the profile cannot play (a component it lacks), which would otherwise silently do nothing. */
export function checkScenariosFit(profile: StationProfile, scenarios: readonly ScenarioName[]): void {
  for (const name of scenarios) {
    const unfit = SCENARIOS[name].unfit(profile);
    if (unfit !== undefined) throw new ToolError('ERR_INVALID_OPTION', `--scenario ${name}: ${unfit}`);
  }
}

/** Refuses a fault the profile cannot show, which would otherwise silently do nothing. */
export function checkFaultsFit(profile: StationProfile, faults: readonly FaultName[]): void {
  checkOcpp21FaultsFit(profile, faults);
  // The stream faults live in the monitoring block (the version itself is checked by checkFaultsFitVersion).
  for (const fault of faults.filter((name) => Object.hasOwn(OCPP21_STREAM_FAULTS, name))) {
    if (!profile.supports.monitoring || faults.includes('accepts-everything')) throw new ToolError('ERR_INVALID_OPTION', `--fault ${fault}: profile ${profile.id}${profile.supports.monitoring ? ' with accepts-everything' : ''} has no monitoring behind its answers, so it opens no periodic event streams`);
  }
  // The flood is raised by the monitoring block.
  if (faults.includes('event-flood') && !profile.supports.monitoring) {
    throw new ToolError('ERR_INVALID_OPTION', `--fault event-flood: profile ${profile.id} does not implement monitoring, so it sends no NotifyEvent to flood with`);
  }
  if (faults.includes('event-flood') && faults.includes('accepts-everything')) {
    throw new ToolError('ERR_INVALID_OPTION', '--fault event-flood: a station with accepts-everything has no monitoring behind its answers, so it sends no NotifyEvent to flood with');
  }
  if (faults.includes('operator-monitors') && !profile.supports.monitoring) {
    throw new ToolError('ERR_INVALID_OPTION', `--fault operator-monitors: profile ${profile.id} does not implement monitoring, so it has no monitors to set`);
  }
  if (faults.includes('summary-full-model') && !profile.supports.summaryInventory) {
    throw new ToolError('ERR_INVALID_OPTION', `--fault summary-full-model: profile ${profile.id} answers SummaryInventory with NotSupported, so it sends no summary to fill`);
  }
  if (faults.includes('report-criteria-ignored') && !profile.supports.customReport) {
    throw new ToolError('ERR_INVALID_OPTION', `--fault report-criteria-ignored: profile ${profile.id} does not implement GetReport, so there are no criteria to ignore`);
  }
}
