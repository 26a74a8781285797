import Database from 'better-sqlite3';
import type { IndexedSample } from './rows.js';
import { boundMs, bucketStart, checkedBucketMs, distinctSeries, SERIES_ORDER, seriesKey, seriesRows } from './sample-query.js';
import type { PeriodFilter, SampleBucket, SampleRow, SeriesKey } from './store.js';

type Row = Record<string, unknown>;

/**
 * The SQLite engine's samples (sqlite-schema.ts version 2): a series table and the samples by
 * series then time. Written inside the caller's transaction; read in series order without a sort.
 */

/** Writes samples (their series first); a sample already there is skipped. */
export function writeSamples(db: Database.Database, samples: readonly IndexedSample[]): void {
  if (samples.length === 0) return;
  const addSeries = db.prepare(`INSERT OR IGNORE INTO sample_series (key, station, component, component_instance, evse_id, connector_id, variable, variable_instance)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const seriesId = db.prepare('SELECT id FROM sample_series WHERE key = ?').pluck();
  // Looked up per write, not cached: an id is only known to be there once its transaction commits.
  const ids = new Map<string, number>();
  for (const [key, s] of distinctSeries(samples)) {
    addSeries.run(key, s.station, s.component, s.componentInstance ?? null, s.evseId ?? null, s.connectorId ?? null, s.variable, s.variableInstance ?? null);
    ids.set(key, seriesId.get(key) as number);
  }
  const insert = db.prepare('INSERT OR IGNORE INTO samples (series_id, at_ms, journal, seq, item, value, monitor_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const s of samples) insert.run(ids.get(seriesKey(s)), Date.parse(s.at), s.journal, s.seq, s.item, s.value, s.monitorId ?? null);
}

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
      .prepare(`SELECT at_ms, value, monitor_id FROM samples x WHERE ${['x.series_id = ?', ...period.conditions].join(' AND ')} ORDER BY x.at_ms, x.journal, x.seq, x.item`)
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
 * The samples of a period folded into buckets, one GROUP BY per series over its range of the
 * table: SQLite groups a whole table through a temporary B-tree of every row, a series' few
 * thousand at a time in memory. One read transaction, so every series is of the same moment.
 */
export function foldSamples(db: Database.Database, filter: PeriodFilter & { bucketMs: number }): SampleBucket[] {
  const bucketMs = checkedBucketMs(filter.bucketMs);
  const { stations, period } = sampleConditions(filter);
  const series = db.prepare(`SELECT s.* FROM sample_series s ${stations.conditions.length > 0 ? `WHERE ${stations.conditions.join(' AND ')}` : ''} ORDER BY ${SERIES_ORDER}, s.id`);
  const buckets = db
    .prepare(`SELECT ${bucketStart('?')} AS bucket, min(value), max(value), avg(value), count(*)
      FROM samples x WHERE ${['x.series_id = ?', ...period.conditions].join(' AND ')} GROUP BY bucket ORDER BY bucket`)
    .raw();
  return db.transaction(() =>
    (series.all(...stations.values) as Row[]).flatMap((s) => {
      const { bucket } = seriesRows(seriesOf(s));
      const rows = buckets.all(bucketMs, bucketMs, bucketMs, s['id'], ...period.values) as Array<[number, number, number, number, number]>;
      return rows.map(([from, min, max, mean, count]) => bucket(from, min, max, mean, count));
    }),
  )();
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
    station: r['station'] as string, component: r['component'] as string, ...present('componentInstance', r['component_instance']),
    ...present('evseId', r['evse_id']), ...present('connectorId', r['connector_id']), variable: r['variable'] as string, ...present('variableInstance', r['variable_instance']),
  };
}

/** `{ key: value }` for a column that is not NULL, `{}` for NULL. */
function present<K extends string>(key: K, value: unknown): { [P in K]?: never } {
  return (value === null || value === undefined ? {} : { [key]: value }) as unknown as { [P in K]?: never };
}
