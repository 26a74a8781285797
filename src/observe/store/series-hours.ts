import { boundMs } from './sample-query.js';
import { LATE_AFTER_MS, type PeriodFilter } from './store.js';

/**
 * The hourly series (store.ts seriesHours): the periodic reports of each series folded per hour.
 * The engines keep a table of them (`series_hours`) that every ingest adds to, with the figures
 * of the reports it actually inserted, so a second ingest of the same journal adds nothing; all
 * the figures are sums, extremes or counts, so the parts of an hour add up in any order (two
 * PostgreSQL writers adding to one hour at once each add their own). This file is their one
 * definition: the engines fold the reports they insert with it, and the parts of the hours a
 * period cuts, and the in-memory store of the tests folds every report with it.
 */

export const HOUR_MS = 3_600_000;

/** An hour's figures without its series and start (null where there is nothing to give). */
export interface HourFigures {
  reports: number;
  samples: number;
  sum: number;
  min: number | null;
  max: number | null;
  firstMs: number;
  lastMs: number;
  stamped: number;
  late: number;
  minLagMs: number | null;
  maxLagMs: number | null;
}

/** What a report is to its hour: its time, its value when a number, its lag when the station stamped it. */
export interface ReportTiming {
  atMs: number;
  value?: number | null;
  lagMs?: number | null;
}

/** The start of the hour a time falls in (epoch ms, before 1970 too). */
export function hourStart(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

/** What one report adds to its hour. */
export function reportFigures(report: ReportTiming): HourFigures {
  const value = report.value ?? null;
  const lag = report.lagMs ?? null;
  return {
    reports: 1,
    samples: value === null ? 0 : 1,
    sum: value ?? 0,
    min: value,
    max: value,
    firstMs: report.atMs,
    lastMs: report.atMs,
    stamped: lag === null ? 0 : 1,
    late: lag !== null && lag > LATE_AFTER_MS ? 1 : 0,
    minLagMs: lag,
    maxLagMs: lag,
  };
}

/** Two parts of one hour as one (the engines' upserts add them up the same way in SQL). */
export function addFigures(a: HourFigures, b: HourFigures): HourFigures {
  const least = (x: number | null, y: number | null): number | null => (x === null ? y : y === null ? x : Math.min(x, y));
  const most = (x: number | null, y: number | null): number | null => (x === null ? y : y === null ? x : Math.max(x, y));
  return {
    reports: a.reports + b.reports,
    samples: a.samples + b.samples,
    sum: a.sum + b.sum,
    min: least(a.min, b.min),
    max: most(a.max, b.max),
    firstMs: Math.min(a.firstMs, b.firstMs),
    lastMs: Math.max(a.lastMs, b.lastMs),
    stamped: a.stamped + b.stamped,
    late: a.late + b.late,
    minLagMs: least(a.minLagMs, b.minLagMs),
    maxLagMs: most(a.maxLagMs, b.maxLagMs),
  };
}

/** Reports folded per key (a series) and hour, in the order each key and hour first came. */
export function foldHours<R extends ReportTiming, K>(reports: Iterable<R>, keyOf: (report: R) => K): Array<{ key: K; hourMs: number; figures: HourFigures }> {
  const hours = new Map<K, Map<number, HourFigures>>();
  for (const report of reports) {
    const key = keyOf(report);
    const hourMs = hourStart(report.atMs);
    const byHour = hours.get(key) ?? new Map<number, HourFigures>();
    const known = byHour.get(hourMs);
    byHour.set(hourMs, known === undefined ? reportFigures(report) : addFigures(known, reportFigures(report)));
    hours.set(key, byHour);
  }
  return [...hours].flatMap(([key, byHour]) => [...byHour].map(([hourMs, figures]) => ({ key, hourMs, figures })));
}

/** The hourly table's columns from `reports` on (reports, samples, value_sum, value_min, value_max, first_ms, last_ms, stamped, late, min_lag_ms, max_lag_ms), from `start` in a row, as figures. */
export function figuresOf(row: ArrayLike<number | null>, start: number): HourFigures {
  const at = (i: number): number | null => row[start + i] ?? null;
  return {
    reports: at(0)!, samples: at(1)!, sum: at(2)!, min: at(3), max: at(4), firstMs: at(5)!, lastMs: at(6)!, stamped: at(7)!, late: at(8)!, minLagMs: at(9), maxLagMs: at(10),
  };
}

/**
 * A period as the hourly table reads it: the whole hours within it (from the table; a bound
 * absent when the period has none), and the parts of the hours it cuts at its ends (folded from
 * the reports themselves). Together exactly the period, from inclusive, to exclusive.
 */
export interface HourSplit {
  whole: { from: number; to: number };
  parts: Array<{ from: number; to: number }>;
}

/** The lowest and highest times the hourly table is asked for where the period is unbounded (any report's time is within them). */
const UNBOUNDED = [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] as const;

/** A period's bounds in epoch ms, an absent one as far as any report's time can be. */
export function periodBounds(filter: PeriodFilter): { from: number; to: number } {
  return { from: filter.from === undefined ? UNBOUNDED[0] : boundMs(filter.from), to: filter.to === undefined ? UNBOUNDED[1] : boundMs(filter.to) };
}

export function splitHours(filter: PeriodFilter): HourSplit {
  const from = filter.from === undefined ? undefined : boundMs(filter.from);
  const to = filter.to === undefined ? undefined : boundMs(filter.to);
  const wholeFrom = from === undefined ? UNBOUNDED[0] : Math.ceil(from / HOUR_MS) * HOUR_MS;
  const wholeTo = to === undefined ? UNBOUNDED[1] : Math.max(hourStart(to), wholeFrom);
  const parts = [
    ...(from !== undefined ? [{ from, to: Math.min(wholeFrom, to ?? UNBOUNDED[1]) }] : []),
    ...(to !== undefined ? [{ from: Math.max(wholeTo, from ?? UNBOUNDED[0]), to }] : []),
  ];
  return { whole: { from: wholeFrom, to: wholeTo }, parts: parts.filter((p) => p.from < p.to) };
}
