import type pg from 'pg';
import type { IndexedSample } from './rows.js';
import { insertMany, optional, optionalNumber, Where } from './postgres-sql.js';
import { boundMs, bucketStart, checkedBucketMs, distinctSeries, SERIES_ORDER, seriesKey, seriesRows } from './sample-query.js';
import type { PeriodFilter, SampleBucket, SampleRow, SeriesKey } from './store.js';

/**
 * The PostgreSQL engine's samples (postgres-schema.ts version 2), as the SQLite engine keeps
 * them: a series table, and the samples keyed by series then time.
 */

/** Rows per page of the samples' stream. */
const PAGE_ROWS = 10_000;

/**
 * Writes samples, their series first, inside the caller's transaction; a sample already there is
 * skipped. The series are added in key order, so two writers adding the same ones (a rebuild
 * beside a running observe) wait for each other instead of deadlocking; the ids are read back in
 * the same transaction (not cached: an id is only known to be there once it commits).
 */
export async function writeSamples(client: pg.PoolClient, samples: readonly IndexedSample[]): Promise<void> {
  if (samples.length === 0) return;
  const series = [...distinctSeries(samples)];
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
  await insertMany(
    client,
    'samples',
    [
      ['series_id', 'integer', samples.map((s) => ids.get(seriesKey(s)))],
      ['at_ms', 'bigint', samples.map((s) => Date.parse(s.at))],
      ['journal', 'text', samples.map((s) => s.journal)],
      ['seq', 'bigint', samples.map((s) => s.seq)],
      ['item', 'integer', samples.map((s) => s.item)],
      ['value', 'double precision', samples.map((s) => s.value)],
      ['monitor_id', 'bigint', samples.map((s) => s.monitorId ?? null)],
    ],
    'series_id, at_ms, journal, seq, item',
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
  return { text: `SELECT x.at_ms, x.value, x.monitor_id, x.journal, x.seq, x.item FROM samples x ${where.sql()} ORDER BY x.at_ms, x.journal, x.seq, x.item LIMIT ${PAGE_ROWS}`, params: where.params };
}

/** The samples of a period folded into buckets: one GROUP BY (PostgreSQL aggregates a table of millions in one pass, by hash). */
export async function foldSamples(pool: pg.Pool, filter: PeriodFilter & { bucketMs: number }): Promise<SampleBucket[]> {
  const where = sampleWhere(filter);
  const bucket = where.param(checkedBucketMs(filter.bucketMs));
  // Grouped by the series id: the series' columns depend on it (its primary key), so they can be selected and ordered by.
  const result = await pool.query<Record<string, unknown>>(
    `SELECT s.*, ${bucketStart(`${bucket}::bigint`)} AS bucket, min(x.value) AS min, max(x.value) AS max, avg(x.value) AS mean, count(*) AS count
     FROM sample_series s JOIN samples x ON x.series_id = s.id ${where.sql()} GROUP BY s.id, bucket ORDER BY ${SERIES_ORDER}, s.id, bucket`,
    where.params,
  );
  let series: { id: unknown; bucket: ReturnType<typeof seriesRows>['bucket'] } | undefined;
  return result.rows.map((row) => {
    if (series === undefined || series.id !== row['id']) series = { id: row['id'], bucket: seriesRows(seriesOf(row)).bucket };
    return series.bucket(Number(row['bucket']), Number(row['min']), Number(row['max']), Number(row['mean']), Number(row['count']));
  });
}

/** The filter on the series (stations) and on the samples (the period on their time: from inclusive, to exclusive, as epoch milliseconds). */
function sampleWhere(filter: PeriodFilter): Where {
  const where = new Where();
  where.stations('s.station', filter.stations);
  period(where, filter);
  return where;
}

function period(where: Where, filter: PeriodFilter): void {
  if (filter.from !== undefined) where.add(`x.at_ms >= ${where.param(boundMs(filter.from))}::bigint`);
  if (filter.to !== undefined) where.add(`x.at_ms < ${where.param(boundMs(filter.to))}::bigint`);
}

function seriesOf(row: Record<string, unknown>): SeriesKey {
  return {
    station: String(row['station']),
    component: String(row['component']),
    ...optional('componentInstance', row['component_instance']),
    ...optionalNumber('evseId', row['evse_id']),
    ...optionalNumber('connectorId', row['connector_id']),
    variable: String(row['variable']),
    ...optional('variableInstance', row['variable_instance']),
  };
}
