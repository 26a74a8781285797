import type { SampleBucket, SampleRow, SeriesKey } from './store.js';

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

/** The start of the bucket a sample falls in, aligned to the Unix epoch; `%` truncates toward zero on both engines, so `+ b) % b` keeps times before 1970 in the right bucket. */
export function bucketStart(bucketParam: string): string {
  return `at_ms - ((at_ms % ${bucketParam}) + ${bucketParam}) % ${bucketParam}`;
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
    bucket: (fromMs, min, max, mean, count) => Object.assign(key(), { from: isoMs(fromMs), min, max, mean, count }),
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
