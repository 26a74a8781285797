import type pg from 'pg';
import { addressOfColumns } from '../variable-address.js';
import type { PeriodicReport } from './rows.js';
import { Where } from './postgres-sql.js';
import { boundMs, bucketStart, type BucketSum, checkedBucketMs, distinctSeries, SERIES_ORDER, seriesKey, seriesRows, withParts } from './sample-query.js';
import { figuresOf, foldHours, HOUR_MS, type HourFigures, periodBounds, splitHours } from './series-hours.js';
import type { PeriodFilter, SampleBucket, SampleRow, SeriesHour, SeriesKey } from './store.js';

/**
 * The PostgreSQL engine's periodic reports (postgres-schema.ts versions 2 and 3), as the SQLite
 * engine keeps them: a series table, the reports keyed by series then time (the samples: those
 * with a value), and the hourly series.
 */

/** Rows per page of the samples' stream. */
const PAGE_ROWS = 10_000;

/**
 * Writes periodic reports, their series first, inside the caller's transaction; a report already
 * there is skipped. The series are added in key order, so two writers adding the same ones (a
 * rebuild beside a running observe) wait for each other instead of deadlocking; the ids are read
 * back in the same transaction (not cached: an id is only known to be there once it commits).
 * The reports the insert actually added (RETURNING: not those another writer added first) are
 * added to their hours, in key order too; an hour's figures are sums and extremes, so two writers
 * adding to one hour each add their own.
 */
export async function writeReports(client: pg.PoolClient, reports: readonly PeriodicReport[]): Promise<void> {
  if (reports.length === 0) return;
  const series = [...distinctSeries(reports)];
  const column = <T>(read: (s: SeriesKey) => T): T[] => series.map(([, s]) => read(s));
  await client.query(
    `INSERT INTO sample_series (key, station, component, component_instance, evse_id, connector_id, variable, variable_instance)
     SELECT key, station, component, component_instance, evse_id, connector_id, variable, variable_instance
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::integer[], $6::integer[], $7::text[], $8::text[]) WITH ORDINALITY
       AS s (key, station, component, component_instance, evse_id, connector_id, variable, variable_instance, ordinality)
     ORDER BY ordinality ON CONFLICT (key) DO NOTHING`,
    [
      series.map(([key]) => key), column((s) => s.station), column((s) => s.component), column((s) => s.componentInstance ?? null), column((s) => s.evseId ?? null),
      column((s) => s.connectorId ?? null), column((s) => s.variable), column((s) => s.variableInstance ?? null),
    ],
  );
  const found = await client.query<{ id: number; key: string }>('SELECT id, key FROM sample_series WHERE key = ANY($1::text[])', [series.map(([key]) => key)]);
  const ids = new Map(found.rows.map((row) => [row.key, row.id]));
  const added = await client.query<[number, string, number | null, string | null]>({
    text: `INSERT INTO samples (series_id, at_ms, journal, seq, item, value, lag_ms, monitor_id)
      SELECT * FROM unnest($1::integer[], $2::bigint[], $3::text[], $4::bigint[], $5::integer[], $6::double precision[], $7::bigint[], $8::bigint[])
      ON CONFLICT (series_id, at_ms, journal, seq, item) DO NOTHING RETURNING series_id, at_ms, value, lag_ms`,
    values: [
      reports.map((r) => ids.get(seriesKey(r))), reports.map((r) => r.atMs), reports.map((r) => r.journal), reports.map((r) => r.seq), reports.map((r) => r.item),
      reports.map((r) => r.value ?? null), reports.map((r) => r.lagMs ?? null), reports.map((r) => r.monitorId ?? null),
    ],
    rowMode: 'array',
  });
  const timings = added.rows.map(([seriesId, atMs, value, lagMs]) => ({ seriesId, atMs: Number(atMs), value, lagMs: lagMs === null ? null : Number(lagMs) }));
  const hours = foldHours(timings, (t) => t.seriesId).sort((a, b) => a.key - b.key || a.hourMs - b.hourMs);
  if (hours.length === 0) return;
  const figure = <T>(read: (f: HourFigures) => T): T[] => hours.map((h) => read(h.figures));
  await client.query(
    `INSERT INTO series_hours (series_id, hour_ms, reports, samples, value_sum, value_min, value_max, first_ms, last_ms, stamped, late, min_lag_ms, max_lag_ms)
     SELECT * FROM unnest($1::integer[], $2::bigint[], $3::integer[], $4::integer[], $5::double precision[], $6::double precision[], $7::double precision[],
       $8::bigint[], $9::bigint[], $10::integer[], $11::integer[], $12::bigint[], $13::bigint[])
       AS h (series_id, hour_ms, reports, samples, value_sum, value_min, value_max, first_ms, last_ms, stamped, late, min_lag_ms, max_lag_ms)
     ORDER BY series_id, hour_ms
     ON CONFLICT (series_id, hour_ms) DO UPDATE SET
       reports = series_hours.reports + excluded.reports, samples = series_hours.samples + excluded.samples, value_sum = series_hours.value_sum + excluded.value_sum,
       value_min = LEAST(series_hours.value_min, excluded.value_min), value_max = GREATEST(series_hours.value_max, excluded.value_max),
       first_ms = LEAST(series_hours.first_ms, excluded.first_ms), last_ms = GREATEST(series_hours.last_ms, excluded.last_ms),
       stamped = series_hours.stamped + excluded.stamped, late = series_hours.late + excluded.late,
       min_lag_ms = LEAST(series_hours.min_lag_ms, excluded.min_lag_ms), max_lag_ms = GREATEST(series_hours.max_lag_ms, excluded.max_lag_ms)`,
    [
      hours.map((h) => h.key), hours.map((h) => h.hourMs), figure((f) => f.reports), figure((f) => f.samples), figure((f) => f.sum), figure((f) => f.min), figure((f) => f.max),
      figure((f) => f.firstMs), figure((f) => f.lastMs), figure((f) => f.stamped), figure((f) => f.late), figure((f) => f.minLagMs), figure((f) => f.maxLagMs),
    ],
  );
}

/**
 * The samples of a period, series by series, each one's samples in keyset pages of PAGE_ROWS on
 * the primary key (series, time, journal position: no NULLs, so `(…) > (…)` steps through it),
 * an index-only range scan each. All in one REPEATABLE READ transaction, so the stream reads one
 * snapshot from its first page to its last; it holds a connection of the pool until the last row
 * or until the consumer stops.
 */
export function streamSamples(pool: pg.Pool, filter: PeriodFilter): AsyncIterable<SampleRow> {
  return { [Symbol.asyncIterator]: () => rowsOf(samplePages(pool, filter)) };
}

async function* samplePages(pool: pg.Pool, filter: PeriodFilter): AsyncGenerator<SampleRow[], void, undefined> {
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const stations = new Where();
    stations.stations('s.station', filter.stations);
    const series = await client.query<Record<string, unknown>>(`SELECT s.* FROM sample_series s ${stations.sql()} ORDER BY ${SERIES_ORDER}, s.id`, stations.params);
    for (const s of series.rows) {
      const { sample } = seriesRows(seriesOf(s));
      let after: unknown[] | undefined;
      for (;;) {
        const page = samplePage(s['id'], filter, after);
        const rows = (await client.query<unknown[]>({ text: page.text, values: page.params, rowMode: 'array' })).rows;
        yield rows.map(([atMs, value, monitorId]) => sample(Number(atMs), Number(value), monitorId === null ? null : Number(monitorId)));
        const last = rows.at(-1);
        if (last === undefined || rows.length < PAGE_ROWS) break;
        after = [last[0], last[3], last[4], last[5]];
      }
    }
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    // Ends the transaction, also when the consumer stopped early; a connection that failed is not given back to the pool.
    if (failure === undefined) await client.query('ROLLBACK').catch((error: unknown) => (failure = error instanceof Error ? error : new Error(String(error))));
    client.release(failure);
  }
}

/**
 * Pages handed out a row at a time, one settled promise a row: an async generator's own queue
 * of requests costs more per row than reading it.
 */
function rowsOf<T>(pages: AsyncGenerator<T[], void, undefined>): AsyncIterator<T, undefined> {
  let page: T[] = [];
  let index = 0;
  const refill = async (): Promise<IteratorResult<T, undefined>> => {
    for (;;) {
      const next = await pages.next();
      if (next.done === true) return { done: true, value: undefined };
      [page, index] = [next.value, 0];
      if (page.length > 0) return { done: false, value: page[index++] };
    }
  };
  return {
    next: () => (index < page.length ? Promise.resolve({ done: false, value: page[index++] }) : refill()),
    return: async () => {
      page = [];
      await pages.return(undefined);
      return { done: true, value: undefined };
    },
  };
}

/** One page of a series' samples in the period, after the last row of the page before (its time and journal position). */
function samplePage(seriesId: unknown, filter: PeriodFilter, after: unknown[] | undefined): { text: string; params: unknown[] } {
  const where = new Where();
  where.add(`x.series_id = ${where.param(seriesId)}`);
  period(where, filter);
  if (after !== undefined) where.add(`(x.at_ms, x.journal, x.seq, x.item) > (${after.map((value) => where.param(value)).join(', ')})`);
  where.add('x.value IS NOT NULL');
  return { text: `SELECT x.at_ms, x.value, x.monitor_id, x.journal, x.seq, x.item FROM samples x ${where.sql()} ORDER BY x.at_ms, x.journal, x.seq, x.item LIMIT ${PAGE_ROWS}`, params: where.params };
}

/**
 * The samples of a period folded into buckets, in one REPEATABLE READ snapshot. Buckets of whole
 * hours add up the hourly series (a month of a series is 720 rows of it, not 8,640 samples) and
 * the samples of the hours the period cuts; other widths group the samples. Each a GROUP BY of
 * every series at once (PostgreSQL aggregates millions of rows in one pass, by hash).
 */
export function foldSamples(pool: pg.Pool, filter: PeriodFilter & { bucketMs: number }): Promise<SampleBucket[]> {
  const bucketMs = checkedBucketMs(filter.bucketMs);
  const split = bucketMs % HOUR_MS === 0 ? splitHours(filter) : { whole: undefined, parts: [periodBounds(filter)] };
  return snapshot(pool, async (client) => {
    // Per series, in time order: the whole hours' buckets, and the buckets of the samples (of the hours the period cuts, or of all).
    const [whole, parts] = [new Map<number, BucketSum[]>(), new Map<number, BucketSum[]>()];
    const add = (to: Map<number, BucketSum[]>, rows: unknown[][]): void => {
      for (const [id, fromMs, min, max, sum, count] of rows) {
        const list = to.get(Number(id)) ?? [];
        list.push({ fromMs: Number(fromMs), min: Number(min), max: Number(max), sum: Number(sum), count: Number(count) });
        to.set(Number(id), list);
      }
    };
    if (split.whole !== undefined) {
      const where = rangeWhere(filter, 'h.hour_ms', split.whole);
      where.add('h.samples > 0');
      const bucket = `${where.param(bucketMs)}::bigint`;
      add(whole, await arrays(client, `SELECT h.series_id, ${bucketStart(bucket, 'h.hour_ms')} AS bucket, min(h.value_min), max(h.value_max), sum(h.value_sum), sum(h.samples)
        FROM sample_series s JOIN series_hours h ON h.series_id = s.id ${where.sql()} GROUP BY h.series_id, bucket ORDER BY h.series_id, bucket`, where.params));
    }
    for (const part of split.parts) {
      const where = rangeWhere(filter, 'x.at_ms', part);
      where.add('x.value IS NOT NULL');
      const bucket = `${where.param(bucketMs)}::bigint`;
      add(parts, await arrays(client, `SELECT x.series_id, ${bucketStart(bucket, 'x.at_ms')} AS bucket, min(x.value), max(x.value), sum(x.value), count(x.value)
        FROM sample_series s JOIN samples x ON x.series_id = s.id ${where.sql()} GROUP BY x.series_id, bucket ORDER BY x.series_id, bucket`, where.params));
    }
    return (await seriesList(client, filter)).flatMap(({ id, key }) => {
      const { bucket } = seriesRows(key);
      return withParts(whole.get(id) ?? [], parts.get(id) ?? []).map((b) => bucket(b.fromMs, b.min, b.max, b.sum / b.count, b.count));
    });
  });
}

/**
 * The hourly series of a period (store.ts seriesHours), in one REPEATABLE READ snapshot: the
 * whole hours from the table, the parts of the hours the period cuts folded from their reports.
 */
export function readSeriesHours(pool: pg.Pool, filter: PeriodFilter): Promise<SeriesHour[]> {
  const split = splitHours(filter);
  return snapshot(pool, async (client) => {
    const hours = new Map<number, Array<{ hourMs: number; figures: HourFigures }>>();
    const add = (id: number, hourMs: number, figures: HourFigures): void => {
      const list = hours.get(id) ?? [];
      list.push({ hourMs, figures });
      hours.set(id, list);
    };
    const where = rangeWhere(filter, 'h.hour_ms', split.whole);
    const whole = await arrays(client, `SELECT h.series_id, h.hour_ms, h.reports, h.samples, h.value_sum, h.value_min, h.value_max, h.first_ms, h.last_ms, h.stamped, h.late,
      h.min_lag_ms, h.max_lag_ms FROM sample_series s JOIN series_hours h ON h.series_id = s.id ${where.sql()}`, where.params);
    for (const row of whole) add(Number(row[0]), Number(row[1]), figuresOf(row.map((c) => (c === null ? null : Number(c))), 2));
    for (const part of split.parts) {
      const partWhere = rangeWhere(filter, 'x.at_ms', part);
      const reports = await arrays(client, `SELECT x.series_id, x.at_ms, x.value, x.lag_ms FROM sample_series s JOIN samples x ON x.series_id = s.id ${partWhere.sql()}`, partWhere.params);
      const timings = reports.map(([id, atMs, value, lagMs]) => ({ id: Number(id), atMs: Number(atMs), value: value === null ? null : Number(value), lagMs: lagMs === null ? null : Number(lagMs) }));
      for (const { key, hourMs, figures } of foldHours(timings, (t) => t.id)) add(key, hourMs, figures);
    }
    return (await seriesList(client, filter)).flatMap(({ id, key }) => {
      const { hour } = seriesRows(key);
      return (hours.get(id) ?? []).sort((a, b) => a.hourMs - b.hourMs).map((h) => hour(h.hourMs, h.figures));
    });
  });
}

/** The series of the filter's stations, in the samples' order. */
async function seriesList(client: pg.PoolClient, filter: PeriodFilter): Promise<Array<{ id: number; key: SeriesKey }>> {
  const stations = new Where();
  stations.stations('s.station', filter.stations);
  const series = await client.query<Record<string, unknown>>(`SELECT s.* FROM sample_series s ${stations.sql()} ORDER BY ${SERIES_ORDER}, s.id`, stations.params);
  return series.rows.map((row) => ({ id: Number(row['id']), key: seriesOf(row) }));
}

/** The filter's stations (on `s`) and a range of a time column (from inclusive, to exclusive, epoch ms). */
function rangeWhere(filter: PeriodFilter, column: string, range: { from: number; to: number }): Where {
  const where = new Where();
  where.stations('s.station', filter.stations);
  where.add(`${column} >= ${where.param(range.from)}::bigint`);
  where.add(`${column} < ${where.param(range.to)}::bigint`);
  return where;
}

async function arrays(client: pg.PoolClient, text: string, values: unknown[]): Promise<unknown[][]> {
  return (await client.query<unknown[]>({ text, values, rowMode: 'array' })).rows;
}

/** Work on one connection in a read-only REPEATABLE READ transaction: its queries see one moment of the store. */
async function snapshot<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return await work(client);
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    if (failure === undefined) await client.query('ROLLBACK').catch((error: unknown) => (failure = error instanceof Error ? error : new Error(String(error))));
    client.release(failure);
  }
}

/** The period on the samples' time: from inclusive, to exclusive, as epoch milliseconds. */
function period(where: Where, filter: PeriodFilter): void {
  if (filter.from !== undefined) where.add(`x.at_ms >= ${where.param(boundMs(filter.from))}::bigint`);
  if (filter.to !== undefined) where.add(`x.at_ms < ${where.param(boundMs(filter.to))}::bigint`);
}

function seriesOf(row: Record<string, unknown>): SeriesKey {
  return {
    station: String(row['station']),
    ...addressOfColumns(row),
  };
}
