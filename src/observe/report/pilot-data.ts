import type { Annotation, ConnectionRow, EventRow, MessageRow, ObservationStore, PlanOutcomeRow, SampleBucket, SeriesHour, StationRow, StatusRow } from '../store/store.js';
import { BEFORE_HOURS } from './before-failure.js';
import { completeness, offlineSpells, type StationCompleteness } from './completeness.js';
import { bucketWidthMs } from './sensor-charts.js';
import { knownMonitors, type KnownMonitor, severityResolver } from './station-monitors.js';
import { lookBackMoments, type LookBack } from './look-back.js';

/** What the report covers: a period (inclusive from, exclusive to; ISO) and stations (all when absent). */
export interface PilotScope {
  from?: string;
  to?: string;
  stations?: string[];
}

/**
 * Everything the evidence report is drawn from, read from the store for one scope. The periodic
 * reports themselves are not in it (a month is millions): the sensor charts get the samples
 * folded into buckets, completeness the reports folded into hourly series (both kept by the
 * store as it ingests), and only the hours before each failure keep their samples.
 */
export interface PilotData {
  period: { from: string; to: string };
  stations: StationRow[];
  /** BootNotification messages up to the period's end (the firmware at its start, and its changes). */
  boots: MessageRow[];
  /** NotifyMonitoringReport messages up to the period's end (the monitors, their thresholds and severities). */
  monitoringReports: MessageRow[];
  planOutcomes: PlanOutcomeRow[];
  /** Connections and statuses up to the period's end (the state at its start comes from before it). */
  connections: ConnectionRow[];
  statuses: StatusRow[];
  annotations: Annotation[];
  /** The period's events that are not periodic samples: thresholds, deltas, hard-wired notifications. */
  events: EventRow[];
  /** Periodic reports per station over the period, by the time they were taken (counted from the hourly series, not kept). */
  periodicReports: Array<{ station: string; count: number }>;
  completeness: StationCompleteness[];
  /** Every event (samples too) of the hours before each look-back moment. */
  windowEvents: EventRow[];
  /** The samples folded per series into buckets of `bucketMs`. */
  buckets: SampleBucket[];
  bucketMs: number;
}

/** Reads what the report needs. Stations are read one at a time, so a month of 50 stations never sits in memory whole. */
export async function loadPilotData(store: ObservationStore, scope: PilotScope): Promise<PilotData> {
  const allStations = await store.stations();
  const wanted = scope.stations !== undefined ? new Set(scope.stations) : undefined;
  const stations = allStations.filter((s) => wanted === undefined || wanted.has(s.identity));
  const period = periodOf(scope, stations);
  const ids = stations.map((s) => s.identity);
  const upToEnd = { stations: ids, to: period.to };
  const inPeriod = { stations: ids, from: period.from, to: period.to };
  const [boots, monitoringReports, planOutcomes, connections, statuses, annotations] = await Promise.all([
    store.messages({ ...upToEnd, actions: ['BootNotification'] }),
    store.messages({ ...upToEnd, actions: ['NotifyMonitoringReport'] }),
    store.planOutcomes(upToEnd),
    store.connections(upToEnd),
    store.statuses(upToEnd),
    store.annotations({ stations: ids }),
  ]);
  const events: EventRow[] = [];
  const periodicReports: PilotData['periodicReports'] = [];
  const completenessRows: StationCompleteness[] = [];
  for (const station of ids) {
    const rows = await store.events({ ...inPeriod, stations: [station], periodic: false });
    const mine = connections.filter((c) => c.station === station);
    const hours = await store.seriesHours({ ...inPeriod, stations: [station] });
    // The hours of the offline spells within the period: a late report in them was queued.
    const offline: SeriesHour[] = [];
    for (const spell of offlineSpells(mine, Date.parse(period.to))) {
      const from = Math.max(spell.from, Date.parse(period.from));
      if (from < spell.to) offline.push(...(await store.seriesHours({ stations: [station], from: new Date(from).toISOString(), to: new Date(spell.to).toISOString() })));
    }
    completenessRows.push(...completeness(period, mine, rows, { period: hours, offline }));
    events.push(...rows);
    periodicReports.push({ station, count: hours.reduce((sum, h) => sum + h.reports, 0) });
  }
  const monitors = knownMonitors(monitoringReports, planOutcomes);
  const moments = lookBackMoments(annotations, events, severityResolver(monitors), period);
  const windowEvents = await eventsBefore(store, moments);
  const bucketMs = bucketWidthMs(Date.parse(period.to) - Date.parse(period.from), fastestInterval(monitors));
  const buckets = ids.length === 0 ? [] : await store.sampleBuckets({ ...inPeriod, bucketMs });
  return { period, stations, boots, monitoringReports, planOutcomes, connections, statuses, annotations, events, periodicReports, completeness: completenessRows, windowEvents, buckets, bucketMs };
}

/**
 * The scope's period, or the span of the stations' data by our clock (first to last message
 * received, inclusive). Not the stations' own timestamps: a station whose clock is off by years
 * would stretch the period over them.
 */
export function periodOf(scope: PilotScope, stations: readonly StationRow[]): { from: string; to: string } {
  const firsts = stations.map((s) => s.firstSeen).sort();
  const lasts = stations.map((s) => s.lastSeen).sort();
  const now = new Date().toISOString();
  const from = scope.from ?? firsts[0] ?? scope.to ?? now;
  // The last message is in the span: the end is exclusive, so one millisecond after it.
  const to = scope.to ?? (lasts.length > 0 ? new Date(Date.parse(lasts.at(-1)!) + 1).toISOString() : now);
  return { from, to: to > from ? to : from };
}

/**
 * The events of the hours before each moment, one query per station and merged window. Events
 * stamped before the moment may arrive after it (queued while offline): the query reaches as far
 * after the moment as before it, and the look-back keeps what was stamped before.
 */
async function eventsBefore(store: ObservationStore, moments: readonly LookBack[]): Promise<EventRow[]> {
  const hour = 3_600_000;
  const windows = new Map<string, Array<{ from: number; to: number }>>();
  for (const moment of moments) {
    const at = Date.parse(moment.at);
    const list = windows.get(moment.station) ?? [];
    list.push({ from: at - BEFORE_HOURS * hour, to: at + BEFORE_HOURS * hour });
    windows.set(moment.station, list);
  }
  const events: EventRow[] = [];
  for (const [station, list] of windows) {
    list.sort((a, b) => a.from - b.from);
    const merged: Array<{ from: number; to: number }> = [];
    for (const window of list) {
      const last = merged.at(-1);
      if (last && window.from <= last.to) last.to = Math.max(last.to, window.to);
      else merged.push({ ...window });
    }
    for (const window of merged) events.push(...(await store.events({ stations: [station], from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() })));
  }
  return events;
}

/** The fastest sampling interval the monitors ask for (s), so chart buckets are never narrower; a minute when none is known. */
function fastestInterval(monitors: readonly KnownMonitor[]): number {
  const intervals = monitors.filter((m) => (m.type === 'Periodic' || m.type === 'PeriodicClockAligned') && m.value >= 1).map((m) => m.value);
  return intervals.length > 0 ? Math.min(...intervals) : 60;
}
