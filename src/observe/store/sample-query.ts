import type { HourFigures } from './series-hours.js';
import type { SampleBucket, SampleRow, SeriesHour, SeriesKey } from './store.js';

/**
 * What both engines' sample queries share (samples(), sampleBuckets()): the same SQL text for a
 * series and its order, and the same reading of a period and a bucket width, so SQLite and
 * PostgreSQL give the same rows in the same order.
 */

/**
 * The series order: absent instances and EVSEs first. SQLite puts NULLs first anyway, PostgreSQL
 * last unless told; both take `NULLS FIRST`. Text compares bytewise on both (the PostgreSQL
 * columns are COLLATE "C", as SQLite's BINARY).
 */
export const SERIES_ORDER = 'station, component, component_instance NULLS FIRST, evse_id NULLS FIRST, connector_id NULLS FIRST, variable, variable_instance NULLS FIRST';

/** The start of the bucket a time (a sample's, an hour's) falls in, aligned to the Unix epoch; `%` truncates toward zero on both engines, so `+ b) % b` keeps times before 1970 in the right bucket. */
export function bucketStart(bucketParam: string, column = 'at_ms'): string {
  return `${column} - ((${column} % ${bucketParam}) + ${bucketParam}) % ${bucketParam}`;
}

/** The start of the bucket a time falls in (epoch ms), as bucketStart computes it in SQL. */
export function bucketOf(ms: number, bucketMs: number): number {
  return ms - (((ms % bucketMs) + bucketMs) % bucketMs);
}

/** A bucket's figures before its mean: parts of one bucket (the whole hours of the hourly table, the samples of an hour the period cuts) add up. */
export interface BucketSum {
  fromMs: number;
  min: number;
  max: number;
  sum: number;
  count: number;
}

/**
 * One series' bucket sums in time order (`sums`, changed) with more in time order added: the
 * buckets of the samples of the hours a period cuts, before and after the whole hours' (or all
 * of them, when the width is not whole hours). A bucket both have is added up.
 */
export function withParts(sums: BucketSum[], parts: Iterable<BucketSum>): BucketSum[] {
  const add = (known: BucketSum, part: BucketSum): void => {
    Object.assign(known, { min: Math.min(known.min, part.min), max: Math.max(known.max, part.max), sum: known.sum + part.sum, count: known.count + part.count });
  };
  for (const part of parts) {
    const [first, last] = [sums[0], sums.at(-1)];
    if (last === undefined || part.fromMs > last.fromMs) sums.push({ ...part });
    else if (part.fromMs === last.fromMs) add(last, part);
    else if (part.fromMs === first.fromMs) add(first, part);
    else if (part.fromMs < first.fromMs) sums.unshift({ ...part });
    else {
      const known = sums.find((b) => b.fromMs === part.fromMs);
      if (known !== undefined) add(known, part);
      else sums.splice(sums.findIndex((b) => b.fromMs > part.fromMs), 0, { ...part });
    }
  }
  return sums;
}

/** A bucket width is a whole number of milliseconds, at least one. */
export function checkedBucketMs(bucketMs: number): number {
  if (!Number.isSafeInteger(bucketMs) || bucketMs < 1) throw new RangeError(`a bucket is a positive whole number of milliseconds, not ${bucketMs}`);
  return bucketMs;
}

/** A period bound as epoch milliseconds (samples keep their time so); one that is not a time is the caller's mistake, said at once rather than matching nothing. */
export function boundMs(value: string): number {
  const time = Date.parse(value);
  if (!Number.isFinite(time)) throw new RangeError(`not a time: ${value}`);
  return time;
}

/** A series as one text (its columns, absent ones as null): the unique key of `sample_series`, NULLs and all, on both engines. */
export function seriesKey(series: SeriesKey): string {
  return JSON.stringify([series.station, series.component, series.componentInstance ?? null, series.evseId ?? null, series.connectorId ?? null, series.variable, series.variableInstance ?? null]);
}

/** The distinct series of some samples, by key, in key order (PostgreSQL inserts them so, and two writers cannot deadlock on them). */
export function distinctSeries(samples: readonly SeriesKey[]): Map<string, SeriesKey> {
  const byKey = new Map<string, SeriesKey>();
  for (const sample of samples) {
    const key = seriesKey(sample);
    if (!byKey.has(key)) byKey.set(key, sample);
  }
  return new Map([...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The rows of one series (its samples, its buckets), each a new object with the series' fields
 * written out: a spread of the series into each costs more than the database's read of the row,
 * and millions of samples stream through these.
 */
export function seriesRows(series: SeriesKey): {
  sample: (atMs: number, value: number, monitorId: number | null) => SampleRow;
  bucket: (fromMs: number, min: number, max: number, mean: number, count: number) => SampleBucket;
  hour: (hourMs: number, figures: HourFigures) => SeriesHour;
} {
  const { station, component, componentInstance, evseId, connectorId, variable, variableInstance } = series;
  const key = (): SeriesKey => {
    const row: SeriesKey = { station, component, variable };
    if (componentInstance !== undefined) row.componentInstance = componentInstance;
    if (evseId !== undefined) row.evseId = evseId;
    if (connectorId !== undefined) row.connectorId = connectorId;
    if (variableInstance !== undefined) row.variableInstance = variableInstance;
    return row;
  };
  return {
    sample: (atMs, value, monitorId) => {
      const row = key() as SampleRow;
      row.at = isoMs(atMs);
      row.value = value;
      if (monitorId !== null) row.monitorId = monitorId;
      return row;
    },
    bucket: (fromMs, min, max, mean, count) => {
      const row = key() as SampleBucket;
      row.from = isoMs(fromMs);
      row.min = min;
      row.max = max;
      row.mean = mean;
      row.count = count;
      return row;
    },
    hour: (hourMs, f) => {
      const row = key() as SeriesHour;
      row.fromMs = hourMs;
      row.reports = f.reports;
      row.samples = f.samples;
      row.sum = f.sum;
      if (f.min !== null) row.min = f.min;
      if (f.max !== null) row.max = f.max;
      row.firstMs = f.firstMs;
      row.lastMs = f.lastMs;
      row.stamped = f.stamped;
      row.late = f.late;
      if (f.minLagMs !== null) row.minLagMs = f.minLagMs;
      if (f.maxLagMs !== null) row.maxLagMs = f.maxLagMs;
      return row;
    },
  };
}

const DAY_MS = 86_400_000;
/** 0000-01-01 and 10000-01-01: between them a year has four digits and no sign. */
const FOUR_DIGIT_YEARS = [-62_167_219_200_000, 253_402_300_800_000] as const;
let cachedDay = Number.NaN;
let cachedDate = '';

/**
 * `new Date(ms).toISOString()`, five times faster: the date part is kept from the last call
 * (a series' samples come day after day), the time of day written out. Outside years 0000–9999
 * (a sign and six digits) it is toISOString's own.
 */
export function isoMs(ms: number): string {
  if (!(ms >= FOUR_DIGIT_YEARS[0] && ms < FOUR_DIGIT_YEARS[1]) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(day).toISOString().slice(0, 11);
  }
  const inDay = ms - day;
  const hours = Math.floor(inDay / 3_600_000);
  const minutes = Math.floor((inDay % 3_600_000) / 60_000);
  const seconds = Math.floor((inDay % 60_000) / 1000);
  const millis = inDay % 1000;
  return `${cachedDate}${hours < 10 ? '0' : ''}${hours}:${minutes < 10 ? '0' : ''}${minutes}:${seconds < 10 ? '0' : ''}${seconds}.${millis < 100 ? (millis < 10 ? '00' : '0') : ''}${millis}Z`;
}
