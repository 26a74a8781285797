import type { ConnectionRow, EventRow } from '../store/store.js';

/** An event counts as late when it arrives this long after the station stamped it. */
export const LATE_AFTER_S = 60;
/** A periodic series has a gap where an interval is longer than this many times its usual one. */
const GAP_FACTOR = 1.5;

/** How complete a station's data is over the period: what the evidence report's "data completeness" shows. */
export interface StationCompleteness {
  station: string;
  /** Offline spells (close → next open) and their total. */
  offline: Array<{ from: string; to: string; minutes: number }>;
  offlineMinutes: number;
  /** Events that arrived more than LATE_AFTER_S after their timestamp; `queued`: of those, the ones stamped while offline. */
  late: { events: number; queued: number; worstS: number };
  /** Periodic series (per monitor) with intervals much longer than their usual one. */
  gaps: Array<{ monitorId: number; component: string; variable: string; usualS: number; from: string; to: string; missing: number }>;
  /**
   * The station's clock against ours: the smallest (received − stamped) of each day, in s. It is the
   * clock offset plus the quickest delivery; a trend across days is drift. Undefined without stamps.
   */
  clock: { firstDayS: number; lastDayS: number; days: number } | undefined;
}

const seconds = (ms: number): number => Math.round(ms / 100) / 10;

/** Data completeness per station from the store's rows (connections and flattened events). */
export function completeness(period: { from: string; to: string }, connections: readonly ConnectionRow[], events: readonly EventRow[]): StationCompleteness[] {
  const stations = [...new Set([...connections.map((c) => c.station), ...events.map((e) => e.station)])].sort();
  const end = Date.parse(period.to);
  return stations.map((station) => {
    const offline = offlineSpells(connections.filter((c) => c.station === station), end);
    const mine = events.filter((e) => e.station === station);
    return {
      station,
      offline: offline.map((o) => ({ from: new Date(o.from).toISOString(), to: new Date(o.to).toISOString(), minutes: Math.round((o.to - o.from) / 6000) / 10 })),
      offlineMinutes: Math.round(offline.reduce((sum, o) => sum + (o.to - o.from), 0) / 6000) / 10,
      late: lateEvents(mine, offline),
      gaps: periodicGaps(mine),
      clock: clockOffsets(mine),
    };
  });
}

function offlineSpells(connections: readonly ConnectionRow[], end: number): Array<{ from: number; to: number }> {
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

function lateEvents(events: readonly EventRow[], offline: ReadonlyArray<{ from: number; to: number }>): StationCompleteness['late'] {
  let count = 0;
  let queued = 0;
  let worst = 0;
  for (const event of events) {
    if (event.timestamp === undefined) continue;
    const stamped = Date.parse(event.timestamp);
    const lag = Date.parse(event.receivedAt) - stamped;
    if (lag <= LATE_AFTER_S * 1000) continue;
    count += 1;
    worst = Math.max(worst, lag);
    if (offline.some((o) => stamped >= o.from && stamped < o.to)) queued += 1;
  }
  return { events: count, queued, worstS: seconds(worst) };
}

function periodicGaps(events: readonly EventRow[]): StationCompleteness['gaps'] {
  const series = new Map<number, EventRow[]>();
  for (const event of events) {
    if (event.trigger !== 'Periodic' || event.monitorId === undefined || event.timestamp === undefined) continue;
    // Pushed, not spread into a copy: a month of 5-minute samples is thousands per monitor.
    const list = series.get(event.monitorId);
    if (list) list.push(event);
    else series.set(event.monitorId, [event]);
  }
  const gaps: StationCompleteness['gaps'] = [];
  for (const [monitorId, rows] of series) {
    const times = rows.map((r) => Date.parse(r.timestamp!)).sort((a, b) => a - b);
    const intervals = times.slice(1).map((t, i) => t - times[i]);
    if (intervals.length < 3) continue;
    const usual = [...intervals].sort((a, b) => a - b)[Math.floor(intervals.length / 2)];
    intervals.forEach((interval, i) => {
      if (usual > 0 && interval > GAP_FACTOR * usual) {
        gaps.push({ monitorId, component: rows[0].component, variable: rows[0].variable, usualS: seconds(usual), from: new Date(times[i]).toISOString(), to: new Date(times[i + 1]).toISOString(), missing: Math.round(interval / usual) - 1 });
      }
    });
  }
  return gaps;
}

function clockOffsets(events: readonly EventRow[]): StationCompleteness['clock'] {
  const byDay = new Map<string, number>();
  for (const event of events) {
    if (event.timestamp === undefined) continue;
    const day = event.receivedAt.slice(0, 10);
    const offset = Date.parse(event.receivedAt) - Date.parse(event.timestamp);
    byDay.set(day, Math.min(byDay.get(day) ?? Infinity, offset));
  }
  if (byDay.size === 0) return undefined;
  const days = [...byDay].sort((a, b) => a[0].localeCompare(b[0]));
  return { firstDayS: seconds(days[0][1]), lastDayS: seconds(days.at(-1)![1]), days: days.length };
}
