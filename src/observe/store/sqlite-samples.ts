import Database from 'better-sqlite3';
import { addressOfColumns } from '../variable-address.js';
import type { PeriodicReport } from './rows.js';
import { boundMs, bucketOf, bucketStart, type BucketSum, checkedBucketMs, distinctSeries, SERIES_ORDER, seriesKey, seriesRows, withParts } from './sample-query.js';
import { figuresOf, foldHours, HOUR_MS, periodBounds, type ReportTiming, splitHours } from './series-hours.js';
import type { PeriodFilter, SampleBucket, SampleRow, SeriesHour, SeriesKey } from './store.js';

type Row = Record<string, unknown>;

/**
 * The SQLite engine's periodic reports (sqlite-schema.ts versions 2 and 3): a series table, the
 * reports by series then time (the samples: those with a value), and the hourly series.
 * Written inside the caller's transaction; read in series order without a sort.
 */

/**
 * Writes periodic reports (their series first); a report already there is skipped. The hours of
 * the reports actually inserted are added to the hourly series, so a second ingest adds nothing.
 */
export function writeReports(db: Database.Database, reports: readonly PeriodicReport[]): void {
  if (reports.length === 0) return;
  const addSeries = db.prepare(`INSERT OR IGNORE INTO sample_series (key, station, component, component_instance, evse_id, connector_id, variable, variable_instance)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const seriesId = db.prepare('SELECT id FROM sample_series WHERE key = ?').pluck();
  // Looked up per write, not cached: an id is only known to be there once its transaction commits.
  const ids = new Map<string, number>();
  for (const [key, s] of distinctSeries(reports)) {
    addSeries.run(key, s.station, s.component, s.componentInstance ?? null, s.evseId ?? null, s.connectorId ?? null, s.variable, s.variableInstance ?? null);
    ids.set(key, seriesId.get(key) as number);
  }
  const insert = db.prepare('INSERT OR IGNORE INTO samples (series_id, at_ms, journal, seq, item, value, lag_ms, monitor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const inserted: Array<ReportTiming & { seriesId: number }> = [];
  for (const r of reports) {
    const id = ids.get(seriesKey(r))!;
    if (insert.run(id, r.atMs, r.journal, r.seq, r.item, r.value ?? null, r.lagMs ?? null, r.monitorId ?? null).changes > 0) inserted.push({ seriesId: id, atMs: r.atMs, value: r.value ?? null, lagMs: r.lagMs ?? null });
  }
  const addHour = db.prepare(HOUR_UPSERT);
  for (const { key, hourMs, figures: f } of foldHours(inserted, (r) => r.seriesId)) {
    addHour.run(key, hourMs, f.reports, f.samples, f.sum, f.min, f.max, f.firstMs, f.lastMs, f.stamped, f.late, f.minLagMs, f.maxLagMs);
  }
}

/** Adds an hour's part to the hourly series, as series-hours.ts addFigures does (SQLite's two-argument min/max give NULL when one is NULL: the coalesce keeps the other). */
const HOUR_UPSERT = `INSERT INTO series_hours (series_id, hour_ms, reports, samples, value_sum, value_min, value_max, first_ms, last_ms, stamped, late, min_lag_ms, max_lag_ms)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (series_id, hour_ms) DO UPDATE SET
    reports = reports + excluded.reports, samples = samples + excluded.samples, value_sum = value_sum + excluded.value_sum,
    value_min = coalesce(min(value_min, excluded.value_min), value_min, excluded.value_min),
    value_max = coalesce(max(value_max, excluded.value_max), value_max, excluded.value_max),
    first_ms = min(first_ms, excluded.first_ms), last_ms = max(last_ms, excluded.last_ms), stamped = stamped + excluded.stamped, late = late + excluded.late,
    min_lag_ms = coalesce(min(min_lag_ms, excluded.min_lag_ms), min_lag_ms, excluded.min_lag_ms),
    max_lag_ms = coalesce(max(max_lag_ms, excluded.max_lag_ms), max_lag_ms, excluded.max_lag_ms)`;

/**
 * The samples of a period, streamed from a read-only connection of its own, series by series,
 * each one's range of the table one row at a time (.iterate()). A connection of its own: the
 * store's stays free for ingests and other queries while a consumer awaits between rows (a CSV
 * written with backpressure), which better-sqlite3 refuses on a connection in the middle of an
 * iteration; and one read transaction, so the stream reads one snapshot (WAL) from first to last.
 */
export function streamSamples(file: string, filter: PeriodFilter): AsyncIterable<SampleRow> {
  return { [Symbol.asyncIterator]: () => asAsync(readSamples(file, filter)) };
}

function* readSamples(file: string, filter: PeriodFilter): Generator<SampleRow, void, undefined> {
  const { stations, period } = sampleConditions(filter);
  const reader = new Database(file, { readonly: true, fileMustExist: true });
  try {
    reader.pragma('busy_timeout = 10000');
    reader.exec('BEGIN');
    const series = reader.prepare(`SELECT s.* FROM sample_series s ${stations.conditions.length > 0 ? `WHERE ${stations.conditions.join(' AND ')}` : ''} ORDER BY ${SERIES_ORDER}, s.id`);
    const samples = reader
      .prepare(`SELECT at_ms, value, monitor_id FROM samples x WHERE ${['x.series_id = ?', 'x.value IS NOT NULL', ...period.conditions].join(' AND ')} ORDER BY x.at_ms, x.journal, x.seq, x.item`)
      .raw();
    for (const s of series.all(...stations.values) as Row[]) {
      const { sample } = seriesRows(seriesOf(s));
      for (const [atMs, value, monitorId] of samples.iterate(s['id'], ...period.values) as IterableIterator<[number, number, number | null]>) yield sample(atMs, value, monitorId);
    }
  } finally {
    // Ends the read transaction too.
    reader.close();
  }
}

/**
 * A synchronous iterator as an asynchronous one, one settled promise a row: what an async
 * generator costs on top (its queue of requests) is more than reading the row.
 */
function asAsync<T>(rows: Generator<T, void, undefined>): AsyncIterator<T> {
  const step = (next: () => IteratorResult<T, void>): Promise<IteratorResult<T, void>> => {
    try {
      return Promise.resolve(next());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return { next: () => step(() => rows.next()), return: () => step(() => rows.return()) };
}

/**
 * The samples of a period folded into buckets, series by series in one read transaction (every
 * series of the same moment). Buckets of whole hours add up the hourly series (a month of a
 * series is 720 rows of it, not 8,640 samples), and the samples of the hours the period cuts;
 * other widths group the series' samples (SQLite groups a whole table through a temporary B-tree
 * of every row: one series at a time keeps it to a few thousand).
 */
export function foldSamples(db: Database.Database, filter: PeriodFilter & { bucketMs: number }): SampleBucket[] {
  const bucketMs = checkedBucketMs(filter.bucketMs);
  const { stations } = sampleConditions(filter);
  const series = db.prepare(`SELECT s.* FROM sample_series s ${stations.conditions.length > 0 ? `WHERE ${stations.conditions.join(' AND ')}` : ''} ORDER BY ${SERIES_ORDER}, s.id`);
  // The samples grouped per bucket: of the hours the period cuts, or all of them when the width is not whole hours.
  const samples = db
    .prepare(`SELECT ${bucketStart('?')} AS bucket, min(value), max(value), total(value), count(value) FROM samples x WHERE ${['x.series_id = ?', 'x.value IS NOT NULL', 'x.at_ms >= ?', 'x.at_ms < ?'].join(' AND ')} GROUP BY bucket ORDER BY bucket`)
    .raw();
  // The hours in time order, folded here as they come: a GROUP BY would sort them all again (a temporary B-tree).
  const hours = db.prepare('SELECT hour_ms, value_min, value_max, value_sum, samples FROM series_hours WHERE series_id = ? AND samples > 0 AND hour_ms >= ? AND hour_ms < ? ORDER BY hour_ms').raw();
  const split = bucketMs % HOUR_MS === 0 ? splitHours(filter) : { whole: undefined, parts: [periodBounds(filter)] };
  return db.transaction(() =>
    (series.all(...stations.values) as Row[]).flatMap((s) => {
      const { bucket } = seriesRows(seriesOf(s));
      const sums: BucketSum[] = [];
      if (split.whole !== undefined) {
        let last: BucketSum | undefined;
        for (const [hourMs, min, max, sum, count] of hours.all(s['id'], split.whole.from, split.whole.to) as Array<[number, number, number, number, number]>) {
          const fromMs = bucketOf(hourMs, bucketMs);
          if (last?.fromMs === fromMs) Object.assign(last, { min: Math.min(last.min, min), max: Math.max(last.max, max), sum: last.sum + sum, count: last.count + count });
          else sums.push((last = { fromMs, min, max, sum, count }));
        }
      }
      for (const part of split.parts) {
        const rows = samples.all(bucketMs, bucketMs, bucketMs, s['id'], part.from, part.to) as Array<[number, number, number, number, number]>;
        withParts(sums, rows.map(([fromMs, min, max, sum, count]) => ({ fromMs, min, max, sum, count })));
      }
      return sums.map((b) => bucket(b.fromMs, b.min, b.max, b.sum / b.count, b.count));
    }),
  )();
}

/**
 * The hourly series of a period (store.ts seriesHours), series by series in one read
 * transaction: the whole hours from the table, the parts of the hours the period cuts folded
 * from their reports.
 */
export function readSeriesHours(db: Database.Database, filter: PeriodFilter): SeriesHour[] {
  const { stations } = sampleConditions(filter);
  const split = splitHours(filter);
  const series = db.prepare(`SELECT s.* FROM sample_series s ${stations.conditions.length > 0 ? `WHERE ${stations.conditions.join(' AND ')}` : ''} ORDER BY ${SERIES_ORDER}, s.id`);
  const whole = db
    .prepare(`SELECT hour_ms, reports, samples, value_sum, value_min, value_max, first_ms, last_ms, stamped, late, min_lag_ms, max_lag_ms
      FROM series_hours WHERE series_id = ? AND hour_ms >= ? AND hour_ms < ? ORDER BY hour_ms`)
    .raw();
  const reports = db.prepare('SELECT at_ms, value, lag_ms FROM samples WHERE series_id = ? AND at_ms >= ? AND at_ms < ?').raw();
  return db.transaction(() => {
    const hours: SeriesHour[] = [];
    for (const s of series.all(...stations.values) as Row[]) {
      const { hour } = seriesRows(seriesOf(s));
      // The parts (at most two hours, one each side of the whole ones) folded from their reports.
      const parts = split.parts.flatMap((part) =>
        foldHours((reports.all(s['id'], part.from, part.to) as Array<[number, number | null, number | null]>).map(([atMs, value, lagMs]) => ({ atMs, value, lagMs })), () => 0),
      );
      for (const part of parts) if (part.hourMs < split.whole.from) hours.push(hour(part.hourMs, part.figures));
      for (const row of whole.all(s['id'], split.whole.from, split.whole.to) as Array<Array<number | null>>) hours.push(hour(row[0]!, figuresOf(row, 1)));
      for (const part of parts) if (part.hourMs >= split.whole.from) hours.push(hour(part.hourMs, part.figures));
    }
    return hours;
  })();
}

interface Conditions {
  conditions: string[];
  values: unknown[];
}

/** The filter as conditions on the series (stations) and on the samples (the period on their time: from inclusive, to exclusive, as epoch milliseconds). */
function sampleConditions(filter: PeriodFilter): { stations: Conditions; period: Conditions } {
  const stations: Conditions = { conditions: [], values: [] };
  const period: Conditions = { conditions: [], values: [] };
  if (filter.stations !== undefined) {
    stations.conditions.push(filter.stations.length === 0 ? '1 = 0' : `s.station IN (${filter.stations.map(() => '?').join(', ')})`);
    stations.values.push(...filter.stations);
  }
  if (filter.from !== undefined) {
    period.conditions.push('x.at_ms >= ?');
    period.values.push(boundMs(filter.from));
  }
  if (filter.to !== undefined) {
    period.conditions.push('x.at_ms < ?');
    period.values.push(boundMs(filter.to));
  }
  return { stations, period };
}

function seriesOf(r: Row): SeriesKey {
  return {
    station: r['station'] as string,
    ...addressOfColumns(r),
  };
}
