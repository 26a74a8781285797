import { LATE_AFTER_MS, type ConnectionRow, type EventRow, type SeriesHour } from '../store/store.js';
import { label } from './before-failure.js';

/** An event counts as late when it arrives this long after the station stamped it (the store counts late periodic reports by the same rule). */
export const LATE_AFTER_S = LATE_AFTER_MS / 1000;
/** A periodic series has a gap where an interval is longer than this many times its usual one. */
const GAP_FACTOR = 1.5;

/** How complete a station's data is over the period: what the evidence report's "data completeness" shows. */
export interface StationCompleteness {
  station: string;
  /** Offline spells (close → next open) and their total. */
  offline: Array<{ from: string; to: string; minutes: number }>;
  offlineMinutes: number;
  /** Events and periodic reports that arrived more than LATE_AFTER_S after their timestamp; `queued`: of those, the ones stamped while offline. */
  late: { events: number; queued: number; worstS: number };
  /**
   * Periodic series with intervals much longer than their usual one. Found from the hourly series
   * (a month of a fleet is millions of reports): an interval between two hours is exact, from the
   * last report of one to the first of the next; within an hour (`withinHour`) the gap is known by
   * the count of its reports against its span, and lies somewhere between its first and last.
   */
  gaps: Array<{ component: string; variable: string; usualS: number; from: string; to: string; missing: number; withinHour: boolean }>;
  /**
   * The station's clock against ours: the smallest (received − stamped) of each day (the UTC day
   * of the station's timestamp), in s. It is the clock offset plus the quickest delivery; a trend
   * across days is drift. Undefined without stamps.
   */
  clock: { firstDayS: number; lastDayS: number; days: number } | undefined;
}

/** A station's periodic reports as completeness reads them: the hourly series of the period, and of the period's offline spells (a late report stamped offline was queued). */
export interface PeriodicHours {
  period: readonly SeriesHour[];
  offline: readonly SeriesHour[];
}

const seconds = (ms: number): number => Math.round(ms / 100) / 10;
const NO_REPORTS: PeriodicHours = { period: [], offline: [] };

/**
 * Data completeness per station from the store's rows: connections, the events that are not
 * periodic reports (one by one), and the periodic reports folded into hourly series (a periodic
 * event among `events` is left out: its hour counts it).
 */
export function completeness(period: { from: string; to: string }, connections: readonly ConnectionRow[], events: readonly EventRow[], periodic: PeriodicHours = NO_REPORTS): StationCompleteness[] {
  const others = events.filter((e) => e.trigger !== 'Periodic');
  const stations = [...new Set([...connections.map((c) => c.station), ...others.map((e) => e.station), ...periodic.period.map((h) => h.station)])].sort();
  const end = Date.parse(period.to);
  return stations.map((station) => {
    const offline = offlineSpells(connections.filter((c) => c.station === station), end);
    const mine = others.filter((e) => e.station === station);
    const hours = periodic.period.filter((h) => h.station === station);
    return {
      station,
      offline: offline.map((o) => ({ from: new Date(o.from).toISOString(), to: new Date(o.to).toISOString(), minutes: Math.round((o.to - o.from) / 6000) / 10 })),
      offlineMinutes: Math.round(offline.reduce((sum, o) => sum + (o.to - o.from), 0) / 6000) / 10,
      late: lateEvents(mine, offline, hours, periodic.offline.filter((h) => h.station === station)),
      gaps: periodicGaps(hours),
      clock: clockOffsets(mine, hours),
    };
  });
}

/** A station's offline spells (epoch ms): from a close to the next open, the last one until `end` if it never came back. */
export function offlineSpells(connections: readonly ConnectionRow[], end: number): Array<{ from: number; to: number }> {
  const spells: Array<{ from: number; to: number }> = [];
  let closedAt: number | undefined;
  for (const c of [...connections].filter((c) => c.event === 'open' || c.event === 'close').sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
    const at = Date.parse(c.at);
    if (c.event === 'close') closedAt ??= at;
    else if (closedAt !== undefined) {
      spells.push({ from: closedAt, to: at });
      closedAt = undefined;
    }
  }
  if (closedAt !== undefined && end > closedAt) spells.push({ from: closedAt, to: end });
  return spells;
}

function lateEvents(events: readonly EventRow[], offline: ReadonlyArray<{ from: number; to: number }>, hours: readonly SeriesHour[], offlineHours: readonly SeriesHour[]): StationCompleteness['late'] {
  let count = 0;
  let queued = 0;
  let worst = 0;
  for (const event of events) {
    const stamped = event.timestamp === undefined ? Number.NaN : Date.parse(event.timestamp);
    const lag = Date.parse(event.receivedAt) - stamped;
    if (!(lag > LATE_AFTER_MS)) continue;
    count += 1;
    worst = Math.max(worst, lag);
    if (offline.some((o) => stamped >= o.from && stamped < o.to)) queued += 1;
  }
  for (const hour of hours) {
    count += hour.late;
    // An hour with a late report: its largest lag is a late one's.
    if (hour.late > 0) worst = Math.max(worst, hour.maxLagMs ?? 0);
  }
  for (const hour of offlineHours) queued += hour.late;
  return { events: count, queued, worstS: seconds(worst) };
}

/**
 * Gaps per series, from its hours in time order. The usual interval is the median of its
 * intervals: each interval between two hours as it is, and an hour's own intervals as their mean
 * (its span over its reports less one; for a series sampled at a steady rate, each of them).
 */
function periodicGaps(hours: readonly SeriesHour[]): StationCompleteness['gaps'] {
  // The store gives a series' hours together, in time order.
  const series: SeriesHour[][] = [];
  for (const hour of hours) {
    const last = series.at(-1);
    if (last !== undefined && sameSeries(last[0], hour)) last.push(hour);
    else series.push([hour]);
  }
  const gaps: StationCompleteness['gaps'] = [];
  for (const rows of series) {
    const spans = rows.map((h) => ({ first: h.firstMs, last: h.lastMs, reports: h.reports }));
    const intervals: Array<{ ms: number; weight: number }> = [];
    spans.forEach((h, i) => {
      if (h.reports > 1) intervals.push({ ms: (h.last - h.first) / (h.reports - 1), weight: h.reports - 1 });
      if (i > 0) intervals.push({ ms: h.first - spans[i - 1].last, weight: 1 });
    });
    const usual = weightedMedian(intervals);
    if (usual === undefined || usual <= 0) continue;
    const where = { component: label(rows[0]), variable: rows[0].variable + (rows[0].variableInstance !== undefined ? `[${rows[0].variableInstance}]` : ''), usualS: seconds(usual) };
    const gap = (from: number, to: number, missing: number, withinHour: boolean): void => {
      gaps.push({ ...where, from: new Date(from).toISOString(), to: new Date(to).toISOString(), missing, withinHour });
    };
    spans.forEach((h, i) => {
      const before = spans[i - 1];
      if (before !== undefined && h.first - before.last > GAP_FACTOR * usual) gap(before.last, h.first, Math.round((h.first - before.last) / usual) - 1, false);
      // Its reports cover less of the hour's span than they would at the usual rate, by more than half an interval.
      if (h.reports > 1 && h.last - h.first > (h.reports - 2 + GAP_FACTOR) * usual) gap(h.first, h.last, Math.max(1, Math.round((h.last - h.first) / usual) - (h.reports - 1)), true);
    });
  }
  return gaps;
}

function sameSeries(a: SeriesHour, b: SeriesHour): boolean {
  return a.variable === b.variable && a.component === b.component && a.componentInstance === b.componentInstance && a.evseId === b.evseId && a.connectorId === b.connectorId && a.variableInstance === b.variableInstance && a.station === b.station;
}

/** The median of weighted values, the upper one of an even count (as a sorted list's element at half its length). Undefined for fewer than three intervals. */
function weightedMedian(values: ReadonlyArray<{ ms: number; weight: number }>): number | undefined {
  const total = values.reduce((sum, v) => sum + v.weight, 0);
  if (total < 3) return undefined;
  let seen = 0;
  for (const value of [...values].sort((a, b) => a.ms - b.ms)) {
    seen += value.weight;
    if (seen > Math.floor(total / 2)) return value.ms;
  }
  return undefined;
}

function clockOffsets(events: readonly EventRow[], hours: readonly SeriesHour[]): StationCompleteness['clock'] {
  const DAY_MS = 86_400_000;
  const byDay = new Map<number, number>();
  const note = (ms: number, offset: number): void => {
    const day = Math.floor(ms / DAY_MS);
    const known = byDay.get(day);
    if (known === undefined || offset < known) byDay.set(day, offset);
  };
  for (const event of events) {
    const stamped = event.timestamp === undefined ? Number.NaN : Date.parse(event.timestamp);
    if (Number.isFinite(stamped)) note(stamped, Date.parse(event.receivedAt) - stamped);
  }
  // A stamped report's hour is on the station's clock, so its day is the day of its timestamp.
  for (const hour of hours) if (hour.minLagMs !== undefined) note(hour.fromMs, hour.minLagMs);
  if (byDay.size === 0) return undefined;
  const days = [...byDay].sort((a, b) => a[0] - b[0]);
  return { firstDayS: seconds(days[0][1]), lastDayS: seconds(days.at(-1)![1]), days: days.length };
}
