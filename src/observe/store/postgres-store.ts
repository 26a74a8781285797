import pg from 'pg';
import { addressOfColumns } from '../variable-address.js';
import { ToolError } from '../../errors.js';
import type { JournalRecord } from '../../evidence/journal-record.js';
import { reportOf, storeRows } from './rows.js';
import { foldSamples, readSeriesHours, streamSamples, writeReports } from './postgres-samples.js';
import { optional, optionalNumber, position, Where } from './postgres-sql.js';
import { insertConnections, insertEvents, insertMessages, insertPlanOutcomes, insertStatuses, upsertStations } from './postgres-writes.js';
import type {
  Annotation, AnnotationKind, ConnectionRow, EventFilter, EventRow, IngestResult, MessageRow, NewAnnotation, ObservationStore, PeriodFilter, PlanOutcomeRow, SampleBucket, SampleRow,
  SeriesHour, StationRow, StatusRow,
} from './store.js';
import { NOT_PERIODIC, POSTGRES_SCHEMA, POSTGRES_SCHEMA_VERSION, POSTGRES_SCHEMA_VERSION_TABLE } from './postgres-schema.js';

/**
 * The PostgreSQL engine of the pilot store (issue 16): the same tables and semantics as the
 * SQLite file, for several `observe` processes (behind a load balancer, each with its own
 * stations) writing into one database. Every ingest is one transaction; rows are written with
 * ON CONFLICT DO NOTHING on their journal position, so a journal ingested twice, or by two
 * processes, is indexed once; the rows that two processes can both touch (a station, a journal's
 * highest seq) are upserts taken in a fixed order, so concurrent ingests wait for each other
 * instead of failing or deadlocking.
 */
export async function openPostgresStore(url: string): Promise<ObservationStore> {
  return PostgresStore.open(url);
}

/** host:port/database, without user or password (for messages and logs). */
function safeDescription(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unreadable URL)';
  }
}

/** A lock id of the store's own, so two processes starting at once do not both create the tables. */
const MIGRATION_LOCK = 0x6f637070;

export class PostgresStore implements ObservationStore {
  private constructor(
    private readonly pool: pg.Pool,
    readonly description: string,
  ) {}

  /** Connects once to say at the start, in one line, when the database cannot be reached. */
  static async open(url: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    // An idle connection the server drops (a restart, a failover) must not end the process; the next query reconnects or fails on its own.
    pool.on('error', () => undefined);
    try {
      await pool.query('SELECT 1');
    } catch (error) {
      await pool.end();
      throw new ToolError('ERR_CONNECT', `cannot reach the PostgreSQL store ${safeDescription(url)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return new PostgresStore(pool, `postgres ${safeDescription(url)}`);
  }

  async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(POSTGRES_SCHEMA_VERSION_TABLE);
      const current = await client.query<{ version: number }>('SELECT max(version) AS version FROM schema_version');
      const version = current.rows[0]?.version ?? 0;
      if (version > POSTGRES_SCHEMA_VERSION) throw new Error(`the store's schema is version ${version}, newer than this ocpp-audit knows (${POSTGRES_SCHEMA_VERSION}); upgrade ocpp-audit`);
      for (const [index, statements] of POSTGRES_SCHEMA.entries()) {
        if (index + 1 <= version) continue;
        for (const statement of statements) await client.query(statement);
        if (index + 1 === 3) await deriveReports(client);
        await client.query('INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)', [index + 1, new Date().toISOString()]);
      }
    });
  }

  async ingest(journal: string, records: readonly JournalRecord[]): Promise<IngestResult> {
    const rows = storeRows(journal, records);
    const indexed = rows.connections.length + rows.messages.length;
    if (indexed === 0 && rows.lastSeq === 0) return { added: 0, skipped: 0 };
    const added = await this.transaction(async (client) => {
      await upsertStations(client, rows);
      const connections = await insertConnections(client, rows.connections);
      const messages = await insertMessages(client, rows.messages);
      await insertEvents(client, rows.events);
      await insertStatuses(client, rows.statuses);
      await insertPlanOutcomes(client, rows.planOutcomes);
      await writeReports(client, rows.reports);
      await client.query(
        `INSERT INTO journals (journal, last_seq) VALUES ($1, $2)
         ON CONFLICT (journal) DO UPDATE SET last_seq = GREATEST(journals.last_seq, excluded.last_seq)`,
        [journal, rows.lastSeq],
      );
      return connections + messages;
    });
    return { added, skipped: indexed - added };
  }

  async lastSeq(journal: string): Promise<number> {
    const result = await this.pool.query<{ last_seq: string }>('SELECT last_seq FROM journals WHERE journal = $1', [journal]);
    return Number(result.rows[0]?.last_seq ?? 0);
  }

  async annotate(annotation: NewAnnotation): Promise<number> {
    const result = await this.pool.query<{ id: number }>(
      'INSERT INTO annotations (station, at, until_at, kind, text, author, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [annotation.station, isoTime(annotation.at), annotation.until === undefined ? null : isoTime(annotation.until), annotation.kind, annotation.text, annotation.author ?? null, new Date().toISOString()],
    );
    return Number(result.rows[0]?.id);
  }

  async annotations(filter: PeriodFilter = {}): Promise<Annotation[]> {
    const result = await this.select('annotations', 'at', filter, 'at, id');
    return result.map((row) => ({
      id: Number(row['id']),
      station: String(row['station']),
      at: String(row['at']),
      ...optional('until', row['until_at']),
      kind: String(row['kind']) as AnnotationKind,
      text: String(row['text']),
      ...optional('author', row['author']),
      recordedAt: String(row['recorded_at']),
    }));
  }

  async stations(): Promise<StationRow[]> {
    const result = await this.pool.query<Record<string, unknown>>('SELECT * FROM stations ORDER BY identity');
    return result.rows.map((row) => ({
      identity: String(row['identity']),
      ...optional('vendor', row['vendor']),
      ...optional('model', row['model']),
      ...optional('serialNumber', row['serial_number']),
      ...optional('firmwareVersion', row['firmware_version']),
      firstSeen: String(row['first_seen']),
      lastSeen: String(row['last_seen']),
    }));
  }

  async connections(filter: PeriodFilter = {}): Promise<ConnectionRow[]> {
    const result = await this.select('connections', 'at', filter, 'at, journal, seq');
    return result.map((row) => ({
      ...position(row),
      at: String(row['at']),
      event: String(row['event']),
      ...optionalNumber('connection', row['connection']),
      ...optionalNumber('code', row['code']),
      ...optional('reason', row['reason']),
    }));
  }

  async events(filter: EventFilter = {}): Promise<EventRow[]> {
    const periodic = filter.periodic === undefined ? [] : [filter.periodic ? "event_trigger = 'Periodic'" : NOT_PERIODIC];
    const result = await this.select('events', 'received_at', filter, 'received_at, journal, seq, item', undefined, periodic);
    return result.map(eventOf);
  }

  async statuses(filter: PeriodFilter = {}): Promise<StatusRow[]> {
    const result = await this.select('statuses', 'received_at', filter, 'received_at, journal, seq');
    return result.map((row) => ({
      ...position(row),
      receivedAt: String(row['received_at']),
      ...optional('timestamp', row['station_time']),
      ...optionalNumber('evseId', row['evse_id']),
      ...optionalNumber('connectorId', row['connector_id']),
      status: String(row['status']),
    }));
  }

  async messages(filter: PeriodFilter & { actions?: string[] } = {}): Promise<MessageRow[]> {
    const result = await this.select('messages', 'received_at', filter, 'received_at, journal, seq', filter.actions);
    return result.map((row) => ({ ...position(row), receivedAt: String(row['received_at']), action: String(row['action']), payload: String(row['payload']) }));
  }

  async planOutcomes(filter: PeriodFilter = {}): Promise<PlanOutcomeRow[]> {
    const result = await this.select('plan_outcomes', 'at', filter, 'at, journal, seq');
    return result.map((row) => ({
      ...position(row),
      at: String(row['at']),
      plan: String(row['plan']),
      item: String(row['item']) as PlanOutcomeRow['item'],
      ...addressOfColumns(row),
      ...optional('monitorType', row['monitor_type']),
      value: String(row['value']),
      ...optionalNumber('severity', row['severity']),
      ...optionalNumber('monitorId', row['monitor_id']),
      outcome: String(row['outcome']) as PlanOutcomeRow['outcome'],
      ...optional('detail', row['detail']),
    }));
  }

  samples(filter: PeriodFilter = {}): AsyncIterable<SampleRow> {
    return streamSamples(this.pool, filter);
  }

  sampleBuckets(filter: PeriodFilter & { bucketMs: number }): Promise<SampleBucket[]> {
    return foldSamples(this.pool, filter);
  }

  seriesHours(filter: PeriodFilter = {}): Promise<SeriesHour[]> {
    return readSeriesHours(this.pool, filter);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Rows of one table in a period (from inclusive, to exclusive, on its time column), for some stations and actions. */
  private async select(table: string, timeColumn: string, filter: PeriodFilter, orderBy: string, actions?: string[], conditions: readonly string[] = []): Promise<Array<Record<string, unknown>>> {
    const where = new Where();
    for (const condition of conditions) where.add(condition);
    where.stations('station', filter.stations);
    if (filter.from !== undefined) where.add(`${timeColumn} >= ${where.param(isoTime(filter.from))}`);
    if (filter.to !== undefined) where.add(`${timeColumn} < ${where.param(isoTime(filter.to))}`);
    if (actions !== undefined) where.add(`action = ANY(${where.param(actions)}::text[])`);
    const result = await this.pool.query<Record<string, unknown>>(`SELECT * FROM ${table} ${where.sql()} ORDER BY ${orderBy}`, where.params);
    return result.rows;
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

/**
 * The upgrade of a version-1 or version-2 store: the periodic reports of the events it already
 * holds, and their hours, by the ingest's own rule (rows.ts reportOf), in keyset pages on the
 * events' key. Inside the migration's transaction; nothing to do on a new store.
 */
async function deriveReports(client: pg.PoolClient): Promise<void> {
  let after: unknown[] = ['', -1, -1];
  for (;;) {
    const page = await client.query<Record<string, unknown>>(
      `SELECT * FROM events WHERE event_trigger = 'Periodic' AND (journal, seq, item) > ($1, $2, $3) ORDER BY journal, seq, item LIMIT 10000`,
      after,
    );
    const last = page.rows.at(-1);
    if (last === undefined) return;
    await writeReports(client, page.rows.map(eventOf).flatMap((event) => reportOf(event) ?? []));
    after = [last['journal'], last['seq'], last['item']];
  }
}

/** An events row as rows.ts has it (the upgrade derives samples from it). */
function eventOf(row: Record<string, unknown>): EventRow {
  return {
    ...position(row),
    item: Number(row['item']),
    receivedAt: String(row['received_at']),
    ...optional('timestamp', row['station_time']),
    ...optionalNumber('eventId', row['event_id']),
    ...optional('trigger', row['event_trigger']),
    ...optional('notificationType', row['notification_type']),
    ...addressOfColumns(row),
    ...optional('actualValue', row['actual_value']),
    ...optional('techCode', row['tech_code']),
    ...optional('techInfo', row['tech_info']),
    ...(typeof row['cleared'] === 'boolean' ? { cleared: row['cleared'] } : {}),
    ...optionalNumber('monitorId', row['monitor_id']),
  };
}

/** A bound in the stored form (ISO with milliseconds), so `…T00:00:00Z` is the same instant as `…T00:00:00.000Z`. */
function isoTime(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}
