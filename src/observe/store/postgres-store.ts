import pg from 'pg';
import { ToolError } from '../../errors.js';
import type { JournalRecord } from '../../evidence/journal-record.js';
import { type IndexedSample, sampleOf, storeRows, type StoreRows } from './rows.js';
import { boundMs, bucketStart, checkedBucketMs, SERIES_COLUMNS, SERIES_ORDER } from './sample-query.js';
import type {
  Annotation, AnnotationKind, ConnectionRow, EventRow, IngestResult, MessageRow, NewAnnotation, ObservationStore, PeriodFilter, PlanOutcomeRow, SampleBucket, SampleRow, SeriesKey,
  StationRow, StatusRow,
} from './store.js';
import { POSTGRES_SCHEMA, POSTGRES_SCHEMA_VERSION, POSTGRES_SCHEMA_VERSION_TABLE } from './postgres-schema.js';

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

/** Rows per page where a query is read in pages (samples(), the upgrade to version 2). */
const PAGE_ROWS = 10_000;

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
        if (index + 1 === 2) await deriveSamples(client);
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
      await insertSamples(client, rows.samples);
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

  async events(filter: PeriodFilter = {}): Promise<EventRow[]> {
    const result = await this.select('events', 'received_at', filter, 'received_at, journal, seq, item');
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
      component: String(row['component']),
      ...optional('componentInstance', row['component_instance']),
      ...optionalNumber('evseId', row['evse_id']),
      ...optionalNumber('connectorId', row['connector_id']),
      variable: String(row['variable']),
      ...optional('variableInstance', row['variable_instance']),
      ...optional('monitorType', row['monitor_type']),
      value: String(row['value']),
      ...optionalNumber('severity', row['severity']),
      ...optionalNumber('monitorId', row['monitor_id']),
      outcome: String(row['outcome']) as PlanOutcomeRow['outcome'],
      ...optional('detail', row['detail']),
    }));
  }

  /**
   * Streamed in pages of PAGE_ROWS through a cursor, on a connection of the pool held until the
   * last row (or the consumer stops). A cursor rather than keyset pages: the order has NULLable
   * columns (an absent instance or EVSE), which a row comparison `(…) > (…)` cannot step over, and
   * the cursor reads one snapshot from the first page to the last.
   */
  async *samples(filter: PeriodFilter = {}): AsyncIterable<SampleRow> {
    const where = sampleWhere(filter);
    const client = await this.pool.connect();
    let failure: Error | undefined;
    try {
      await client.query('BEGIN READ ONLY');
      await client.query(`DECLARE samples_cursor NO SCROLL CURSOR FOR SELECT * FROM samples ${where.sql()} ORDER BY ${SERIES_ORDER}, at_ms, journal, seq, item`, where.params);
      for (;;) {
        const page = await client.query<Record<string, unknown>>(`FETCH ${PAGE_ROWS} FROM samples_cursor`);
        for (const row of page.rows) yield { ...seriesOf(row), at: new Date(Number(row['at_ms'])).toISOString(), value: Number(row['value']), ...optionalNumber('monitorId', row['monitor_id']) };
        if (page.rows.length < PAGE_ROWS) break;
      }
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      // Ends the transaction and its cursor, also when the consumer stopped early; a connection that failed is not given back to the pool.
      if (failure === undefined) await client.query('ROLLBACK').catch((error: unknown) => (failure = error instanceof Error ? error : new Error(String(error))));
      client.release(failure);
    }
  }

  async sampleBuckets(filter: PeriodFilter & { bucketMs: number }): Promise<SampleBucket[]> {
    const where = sampleWhere(filter);
    const bucket = where.param(checkedBucketMs(filter.bucketMs));
    const result = await this.pool.query<Record<string, unknown>>(
      `SELECT ${SERIES_COLUMNS}, ${bucketStart(`${bucket}::bigint`)} AS bucket, min(value) AS min, max(value) AS max, avg(value) AS mean, count(*) AS count
       FROM samples ${where.sql()} GROUP BY ${SERIES_COLUMNS}, bucket ORDER BY ${SERIES_ORDER}, bucket`,
      where.params,
    );
    return result.rows.map((row) => ({
      ...seriesOf(row),
      from: new Date(Number(row['bucket'])).toISOString(),
      min: Number(row['min']),
      max: Number(row['max']),
      mean: Number(row['mean']),
      count: Number(row['count']),
    }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Rows of one table in a period (from inclusive, to exclusive, on its time column), for some stations and actions. */
  private async select(table: string, timeColumn: string, filter: PeriodFilter, orderBy: string, actions?: string[]): Promise<Array<Record<string, unknown>>> {
    const where = new Where();
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
 * One row per station: the newest BootNotification's identity fields win (a firmware update
 * shows), first and last seen widen. Stations are upserted in identity order, so two
 * transactions touching the same stations lock them in the same order and cannot deadlock.
 */
async function upsertStations(client: pg.PoolClient, rows: StoreRows): Promise<void> {
  type Sighting = { firstSeen: string; lastSeen: string; boot?: StoreRows['stations'][number] };
  const sightings = new Map<string, Sighting>();
  const see = (identity: string, at: string): Sighting => {
    const known = sightings.get(identity);
    const sighting: Sighting = known ? { ...known, firstSeen: minText(known.firstSeen, at), lastSeen: maxText(known.lastSeen, at) } : { firstSeen: at, lastSeen: at };
    sightings.set(identity, sighting);
    return sighting;
  };
  for (const station of rows.stations) {
    const sighting = see(station.identity, station.seenAt);
    const booted = station.vendor !== undefined || station.model !== undefined || station.serialNumber !== undefined || station.firmwareVersion !== undefined;
    if (booted && (sighting.boot === undefined || station.seenAt >= sighting.boot.seenAt)) sighting.boot = station;
  }
  for (const message of rows.messages) see(message.station, message.receivedAt);
  for (const identity of [...sightings.keys()].sort()) {
    const { firstSeen, lastSeen, boot } = sightings.get(identity)!;
    // The identity fields come from the newest BootNotification (a firmware update shows), whichever journal is ingested first.
    const newer = 'excluded.boot_at >= COALESCE(stations.boot_at, excluded.boot_at)';
    await client.query(
      `INSERT INTO stations (identity, vendor, model, serial_number, firmware_version, boot_at, first_seen, last_seen)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (identity) DO UPDATE SET
         vendor = CASE WHEN ${newer} THEN excluded.vendor ELSE stations.vendor END,
         model = CASE WHEN ${newer} THEN excluded.model ELSE stations.model END,
         serial_number = CASE WHEN ${newer} THEN excluded.serial_number ELSE stations.serial_number END,
         firmware_version = CASE WHEN ${newer} THEN excluded.firmware_version ELSE stations.firmware_version END,
         boot_at = GREATEST(stations.boot_at, excluded.boot_at),
         first_seen = LEAST(stations.first_seen, excluded.first_seen),
         last_seen = GREATEST(stations.last_seen, excluded.last_seen)`,
      [identity, boot?.vendor ?? null, boot?.model ?? null, boot?.serialNumber ?? null, boot?.firmwareVersion ?? null, boot?.seenAt ?? null, firstSeen, lastSeen],
    );
  }
}

/** Inserts rows column-wise with unnest (one statement per table, however many rows); returns how many were new. */
async function insertMany(client: pg.PoolClient, table: string, columns: Array<[name: string, type: string, values: unknown[]]>, conflict: string): Promise<number> {
  if (columns[0][2].length === 0) return 0;
  const names = columns.map(([name]) => name).join(', ');
  const unnest = columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ');
  const result = await client.query(`INSERT INTO ${table} (${names}) SELECT * FROM unnest(${unnest}) ON CONFLICT (${conflict}) DO NOTHING`, columns.map(([, , values]) => values));
  return result.rowCount ?? 0;
}

function insertConnections(client: pg.PoolClient, rows: ConnectionRow[]): Promise<number> {
  return insertMany(
    client,
    'connections',
    [
      ['station', 'text', rows.map((r) => r.station)],
      ['journal', 'text', rows.map((r) => r.journal)],
      ['seq', 'bigint', rows.map((r) => r.seq)],
      ['at', 'text', rows.map((r) => r.at)],
      ['event', 'text', rows.map((r) => r.event)],
      ['connection', 'integer', rows.map((r) => r.connection ?? null)],
      ['code', 'integer', rows.map((r) => r.code ?? null)],
      ['reason', 'text', rows.map((r) => r.reason ?? null)],
    ],
    'journal, seq',
  );
}

function insertMessages(client: pg.PoolClient, rows: MessageRow[]): Promise<number> {
  return insertMany(
    client,
    'messages',
    [
      ['station', 'text', rows.map((r) => r.station)],
      ['journal', 'text', rows.map((r) => r.journal)],
      ['seq', 'bigint', rows.map((r) => r.seq)],
      ['received_at', 'text', rows.map((r) => r.receivedAt)],
      ['action', 'text', rows.map((r) => r.action)],
      ['payload', 'text', rows.map((r) => r.payload)],
    ],
    'journal, seq',
  );
}

function insertEvents(client: pg.PoolClient, rows: EventRow[]): Promise<number> {
  return insertMany(
    client,
    'events',
    [
      ['station', 'text', rows.map((r) => r.station)],
      ['journal', 'text', rows.map((r) => r.journal)],
      ['seq', 'bigint', rows.map((r) => r.seq)],
      ['item', 'integer', rows.map((r) => r.item)],
      ['received_at', 'text', rows.map((r) => r.receivedAt)],
      ['station_time', 'text', rows.map((r) => r.timestamp ?? null)],
      ['event_id', 'bigint', rows.map((r) => r.eventId ?? null)],
      ['event_trigger', 'text', rows.map((r) => r.trigger ?? null)],
      ['notification_type', 'text', rows.map((r) => r.notificationType ?? null)],
      ['component', 'text', rows.map((r) => r.component)],
      ['component_instance', 'text', rows.map((r) => r.componentInstance ?? null)],
      ['evse_id', 'integer', rows.map((r) => r.evseId ?? null)],
      ['connector_id', 'integer', rows.map((r) => r.connectorId ?? null)],
      ['variable', 'text', rows.map((r) => r.variable)],
      ['variable_instance', 'text', rows.map((r) => r.variableInstance ?? null)],
      ['actual_value', 'text', rows.map((r) => r.actualValue ?? null)],
      ['tech_code', 'text', rows.map((r) => r.techCode ?? null)],
      ['tech_info', 'text', rows.map((r) => r.techInfo ?? null)],
      ['cleared', 'boolean', rows.map((r) => r.cleared ?? null)],
      ['monitor_id', 'bigint', rows.map((r) => r.monitorId ?? null)],
    ],
    'journal, seq, item',
  );
}

function insertStatuses(client: pg.PoolClient, rows: StatusRow[]): Promise<number> {
  return insertMany(
    client,
    'statuses',
    [
      ['station', 'text', rows.map((r) => r.station)],
      ['journal', 'text', rows.map((r) => r.journal)],
      ['seq', 'bigint', rows.map((r) => r.seq)],
      ['received_at', 'text', rows.map((r) => r.receivedAt)],
      ['station_time', 'text', rows.map((r) => r.timestamp ?? null)],
      ['evse_id', 'integer', rows.map((r) => r.evseId ?? null)],
      ['connector_id', 'integer', rows.map((r) => r.connectorId ?? null)],
      ['status', 'text', rows.map((r) => r.status)],
    ],
    'journal, seq',
  );
}

/**
 * The upgrade of a version-1 store: the samples of the events it already holds, by the ingest's
 * own rule (rows.ts sampleOf), in keyset pages on the events' key. Inside the migration's
 * transaction; nothing to do on a new store.
 */
async function deriveSamples(client: pg.PoolClient): Promise<void> {
  let after: unknown[] = ['', -1, -1];
  for (;;) {
    const page = await client.query<Record<string, unknown>>(
      `SELECT * FROM events WHERE event_trigger = 'Periodic' AND (journal, seq, item) > ($1, $2, $3) ORDER BY journal, seq, item LIMIT ${PAGE_ROWS}`,
      after,
    );
    const last = page.rows.at(-1);
    if (last === undefined) return;
    await insertSamples(client, page.rows.map(eventOf).flatMap((event) => sampleOf(event) ?? []));
    after = [last['journal'], last['seq'], last['item']];
  }
}

function insertPlanOutcomes(client: pg.PoolClient, rows: PlanOutcomeRow[]): Promise<number> {
  return insertMany(
    client,
    'plan_outcomes',
    [
      ['station', 'text', rows.map((r) => r.station)],
      ['journal', 'text', rows.map((r) => r.journal)],
      ['seq', 'bigint', rows.map((r) => r.seq)],
      ['at', 'text', rows.map((r) => r.at)],
      ['plan', 'text', rows.map((r) => r.plan)],
      ['item', 'text', rows.map((r) => r.item)],
      ['component', 'text', rows.map((r) => r.component)],
      ['component_instance', 'text', rows.map((r) => r.componentInstance ?? null)],
      ['evse_id', 'integer', rows.map((r) => r.evseId ?? null)],
      ['connector_id', 'integer', rows.map((r) => r.connectorId ?? null)],
      ['variable', 'text', rows.map((r) => r.variable)],
      ['variable_instance', 'text', rows.map((r) => r.variableInstance ?? null)],
      ['monitor_type', 'text', rows.map((r) => r.monitorType ?? null)],
      ['value', 'text', rows.map((r) => r.value)],
      ['severity', 'integer', rows.map((r) => r.severity ?? null)],
      ['monitor_id', 'bigint', rows.map((r) => r.monitorId ?? null)],
      ['outcome', 'text', rows.map((r) => r.outcome)],
      ['detail', 'text', rows.map((r) => r.detail ?? null)],
    ],
    'journal, seq',
  );
}

function insertSamples(client: pg.PoolClient, rows: IndexedSample[]): Promise<number> {
  return insertMany(
    client,
    'samples',
    [
      ['journal', 'text', rows.map((r) => r.journal)],
      ['seq', 'bigint', rows.map((r) => r.seq)],
      ['item', 'integer', rows.map((r) => r.item)],
      ['station', 'text', rows.map((r) => r.station)],
      ['component', 'text', rows.map((r) => r.component)],
      ['component_instance', 'text', rows.map((r) => r.componentInstance ?? null)],
      ['evse_id', 'integer', rows.map((r) => r.evseId ?? null)],
      ['connector_id', 'integer', rows.map((r) => r.connectorId ?? null)],
      ['variable', 'text', rows.map((r) => r.variable)],
      ['variable_instance', 'text', rows.map((r) => r.variableInstance ?? null)],
      ['at_ms', 'bigint', rows.map((r) => Date.parse(r.at))],
      ['value', 'double precision', rows.map((r) => r.value)],
      ['monitor_id', 'bigint', rows.map((r) => r.monitorId ?? null)],
    ],
    'journal, seq, item',
  );
}

/** The samples' WHERE clause: stations, and the period on the sample's time (from inclusive, to exclusive) as epoch milliseconds. */
function sampleWhere(filter: PeriodFilter): Where {
  const where = new Where();
  where.stations('station', filter.stations);
  if (filter.from !== undefined) where.add(`at_ms >= ${where.param(boundMs(filter.from))}::bigint`);
  if (filter.to !== undefined) where.add(`at_ms < ${where.param(boundMs(filter.to))}::bigint`);
  return where;
}

/** A WHERE clause built with numbered parameters. */
class Where {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(condition: string): void {
    this.conditions.push(condition);
  }

  stations(column: string, stations: string[] | undefined): void {
    if (stations !== undefined) this.add(`${column} = ANY(${this.param(stations)}::text[])`);
  }

  sql(): string {
    return this.conditions.length === 0 ? '' : `WHERE ${this.conditions.join(' AND ')}`;
  }
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
    component: String(row['component']),
    ...optional('componentInstance', row['component_instance']),
    ...optionalNumber('evseId', row['evse_id']),
    ...optionalNumber('connectorId', row['connector_id']),
    variable: String(row['variable']),
    ...optional('variableInstance', row['variable_instance']),
    ...optional('actualValue', row['actual_value']),
    ...optional('techCode', row['tech_code']),
    ...optional('techInfo', row['tech_info']),
    ...(typeof row['cleared'] === 'boolean' ? { cleared: row['cleared'] } : {}),
    ...optionalNumber('monitorId', row['monitor_id']),
  };
}

function position(row: Record<string, unknown>): { station: string; journal: string; seq: number } {
  return { station: String(row['station']), journal: String(row['journal']), seq: Number(row['seq']) };
}

/** `{ key: text }` when the text column is not NULL, `{}` otherwise (no undefined keys). */
function optional<K extends string>(key: K, value: unknown): { [P in K]?: string } {
  return (typeof value === 'string' ? { [key]: value } : {}) as { [P in K]?: string };
}

/** `{ key: number }` when the column is not NULL (bigint columns come back as text), `{}` otherwise. */
function optionalNumber<K extends string>(key: K, value: unknown): { [P in K]?: number } {
  return (value === null || value === undefined ? {} : { [key]: Number(value) }) as { [P in K]?: number };
}

function maxText(a: string, b: string): string {
  return a >= b ? a : b;
}

function minText(a: string, b: string): string {
  return a <= b ? a : b;
}

/** A bound in the stored form (ISO with milliseconds), so `…T00:00:00Z` is the same instant as `…T00:00:00.000Z`. */
function isoTime(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}
