import { ToolError } from '../errors.js';
import { inAttachmentOrder, SCENARIOS, type ScenarioName } from './scenarios/index.js';
import type { AttachedMonitoring } from './scenarios/scenario.js';
import { acceptsEverythingHandlers } from './station/accepts-everything.js';
import { attachMonitoring } from './station/monitoring-handlers.js';
import { noBaseReportHandlers } from './station/no-base-report.js';
import { answerNotImplementedForKnownActions } from './station/not-implemented-known.js';
import type { StationProfile } from './station-profile.js';
import { OCPP21_FAULTS, type FaultName } from './station/faults.js';
import { attachPeriodicEventStreams } from './station/periodic-event-streams.js';
import type { OcppVersion } from '../ocpp/protocol.js';
import { VirtualStation, type VirtualStationOptions } from './station/virtual-station.js';

/**
 * Builds a virtual station from its options, plugs in the blocks its profile implements, and
 * starts it. The station keeps reconnecting on its own until `stop()`.
 */
export async function startVirtualStation(options: VirtualStationOptions): Promise<VirtualStation> {
  checkFaultsFit(options.profile, options.faults ?? [], options.ocppVersion);
  checkScenariosFit(options.profile, options.scenarios ?? []);
  const station = new VirtualStation(options);
  const faults = options.faults ?? [];
  let monitoring: AttachedMonitoring | undefined;
  // A station that accepts everything has no monitoring engine behind its answers: no events.
  if (options.profile.supports.monitoring && !faults.includes('accepts-everything')) monitoring = attachMonitoring(station);
  // What the station's version adds to its monitoring block, attached here once (the handlers know no versions).
  if (monitoring) for (const attach of MONITORING_BY_VERSION[options.ocppVersion ?? '2.0.1'] ?? []) attach(station, monitoring);
  const startedAt = station.clock.now();
  for (const name of inAttachmentOrder(options.scenarios ?? [])) SCENARIOS[name].attach({ station, monitoring, seed: options.seed ?? 1, startedAt });
  if (faults.includes('accepts-everything')) station.addHandlers(acceptsEverythingHandlers());
  if (faults.includes('no-base-report')) station.addHandlers(noBaseReportHandlers());
  if (station.faults.has('not-implemented-known')) answerNotImplementedForKnownActions(station);
  await station.start();
  return station;
}

/** Behaviours a version adds to the monitoring block: 2.1's periodic event streams (N11–N15). */
const MONITORING_BY_VERSION: Partial<Record<OcppVersion, ReadonlyArray<(station: VirtualStation, monitoring: AttachedMonitoring) => unknown>>> = {
  '2.1': [attachPeriodicEventStreams],
};

/** Refuses a scenario the profile cannot play (a component it lacks), which would otherwise silently do nothing. */
export function checkScenariosFit(profile: StationProfile, scenarios: readonly ScenarioName[]): void {
  for (const name of scenarios) {
    const unfit = SCENARIOS[name].unfit(profile);
    if (unfit !== undefined) throw new ToolError('ERR_INVALID_OPTION', `--scenario ${name}: ${unfit}`);
  }
}

/** Refuses a fault the profile cannot show, which would otherwise silently do nothing. */
export function checkFaultsFit(profile: StationProfile, faults: readonly FaultName[], ocppVersion: OcppVersion = '2.0.1'): void {
  // A 2.1 behaviour gone wrong needs a station that speaks 2.1, with monitoring behind it.
  for (const fault of faults.filter((name) => OCPP21_FAULTS.has(name))) {
    if (ocppVersion !== '2.1') throw new ToolError('ERR_INVALID_OPTION', `--fault ${fault}: it is an OCPP 2.1 behaviour, and the station speaks OCPP ${ocppVersion} (add --ocpp-version 2.1)`);
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
