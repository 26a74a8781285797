import Database from 'better-sqlite3';
import { addressOfColumns } from '../variable-address.js';
import type { JournalRecord } from '../../evidence/journal-record.js';
import { reportOf, storeRows, type StoreRows } from './rows.js';
import { foldSamples, readSeriesHours, streamSamples, writeReports } from './sqlite-samples.js';
import { MIGRATIONS, NOT_PERIODIC, SCHEMA_VERSION_TABLE } from './sqlite-schema.js';
import type {
  Annotation, ConnectionRow, EventFilter, EventRow, IngestResult, MessageRow, NewAnnotation, ObservationStore, PeriodFilter, PlanOutcomeRow, SampleBucket, SampleRow, SeriesHour, StationRow, StatusRow,
} from './store.js';

type Row = Record<string, unknown>;

/**
 * The embedded engine of the pilot store: one SQLite file (`<out>/pilot.sqlite`) in WAL mode, so
 * the report can read while `observe` writes. better-sqlite3 is synchronous; the methods are
 * async only to share the contract with the PostgreSQL engine.
 */
export class SqliteStore implements ObservationStore {
  readonly description: string;
  readonly #file: string;
  readonly #db: Database.Database;

  constructor(file: string) {
    this.description = `sqlite ${file}`;
    this.#file = file;
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    // WAL with NORMAL survives a killed process (only a power cut can lose the last commits,
    // and the journal, the evidence, has them: a rebuild restores the index).
    this.#db.pragma('synchronous = NORMAL');
    // Another process (a report, a second observe) may hold the write lock for a moment.
    this.#db.pragma('busy_timeout = 10000');
  }

  migrate(): Promise<void> {
    this.#db.exec(SCHEMA_VERSION_TABLE);
    // IMMEDIATE: two processes starting on one file do not both apply a migration.
    this.#db
      .transaction(() => {
        const current = (this.#db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as { version: number | null }).version ?? 0;
        for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
          for (const statement of migration.statements) this.#db.exec(statement);
          if (migration.version === 3) this.#deriveReports();
          this.#db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(migration.version, new Date().toISOString());
        }
      })
      .immediate();
    return Promise.resolve();
  }

  /**
   * The upgrade of a version-1 or version-2 store: the periodic reports of the events it already
   * holds, and their hours, by the ingest's own rule (rows.ts reportOf), in pages so a month of
   * events is never in memory at once. Inside the migration's transaction. Nothing to do on a new store.
   */
  #deriveReports(): void {
    const page = this.#db.prepare("SELECT rowid AS row_id, * FROM events WHERE event_trigger = 'Periodic' AND rowid > ? ORDER BY rowid LIMIT 10000");
    for (let after = 0; ;) {
      const rows = page.all(after) as Row[];
      const last = rows.at(-1);
      if (last === undefined) return;
      writeReports(this.#db, rows.map(eventOf).flatMap((event) => reportOf(event) ?? []));
      after = last['row_id'] as number;
    }
  }

  ingest(journal: string, records: readonly JournalRecord[]): Promise<IngestResult> {
    const rows = storeRows(journal, records);
    return Promise.resolve(this.#db.transaction(() => this.#write(journal, rows)).immediate());
  }

  /** One journal's rows, inside the caller's transaction. Counts the records the store keeps: messages and connection events. */
  #write(journal: string, rows: StoreRows): IngestResult {
    const db = this.#db;
    let added = 0;
    const message = db.prepare('INSERT OR IGNORE INTO messages (journal, seq, station, received_at, action, payload) VALUES (?, ?, ?, ?, ?, ?)');
    for (const m of rows.messages) added += message.run(m.journal, m.seq, m.station, m.receivedAt, m.action, m.payload).changes;
    const connection = db.prepare('INSERT OR IGNORE INTO connections (journal, seq, station, at, event, connection, code, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const c of rows.connections) added += connection.run(c.journal, c.seq, c.station, c.at, c.event, c.connection ?? null, c.code ?? null, c.reason ?? null).changes;
    const event = db.prepare(`INSERT OR IGNORE INTO events (journal, seq, item, station, received_at, station_time, event_id, event_trigger, notification_type,
      component, component_instance, evse_id, connector_id, variable, variable_instance, actual_value, tech_code, tech_info, cleared, monitor_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const e of rows.events) {
      event.run(e.journal, e.seq, e.item, e.station, e.receivedAt, e.timestamp ?? null, e.eventId ?? null, e.trigger ?? null, e.notificationType ?? null,
        e.component, e.componentInstance ?? null, e.evseId ?? null, e.connectorId ?? null, e.variable, e.variableInstance ?? null, e.actualValue ?? null,
        e.techCode ?? null, e.techInfo ?? null, e.cleared === undefined ? null : e.cleared ? 1 : 0, e.monitorId ?? null);
    }
    const status = db.prepare('INSERT OR IGNORE INTO statuses (journal, seq, station, received_at, station_time, evse_id, connector_id, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const s of rows.statuses) status.run(s.journal, s.seq, s.station, s.receivedAt, s.timestamp ?? null, s.evseId ?? null, s.connectorId ?? null, s.status);
    const outcome = db.prepare(`INSERT OR IGNORE INTO plan_outcomes (journal, seq, station, at, plan, item, component, component_instance, evse_id, connector_id,
      variable, variable_instance, monitor_type, value, severity, monitor_id, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const o of rows.planOutcomes) {
      outcome.run(o.journal, o.seq, o.station, o.at, o.plan, o.item, o.component, o.componentInstance ?? null, o.evseId ?? null, o.connectorId ?? null,
        o.variable, o.variableInstance ?? null, o.monitorType ?? null, o.value, o.severity ?? null, o.monitorId ?? null, o.outcome, o.detail ?? null);
    }
    writeReports(db, rows.reports);
    const station = db.prepare(STATION_UPSERT);
    for (const s of stationUpserts(rows)) station.run(s);
    db.prepare(`INSERT INTO journals (journal, last_seq) VALUES (?, ?)
      ON CONFLICT (journal) DO UPDATE SET last_seq = CASE WHEN excluded.last_seq > journals.last_seq THEN excluded.last_seq ELSE journals.last_seq END`).run(journal, rows.lastSeq);
    return { added, skipped: rows.messages.length + rows.connections.length - added };
  }

  lastSeq(journal: string): Promise<number> {
    const row = this.#db.prepare('SELECT last_seq FROM journals WHERE journal = ?').get(journal) as { last_seq: number } | undefined;
    return Promise.resolve(row?.last_seq ?? 0);
  }

  annotate(annotation: NewAnnotation): Promise<number> {
    const result = this.#db
      .prepare('INSERT INTO annotations (station, at, until_at, kind, text, author, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(annotation.station, isoTime(annotation.at), annotation.until === undefined ? null : isoTime(annotation.until), annotation.kind, annotation.text, annotation.author ?? null, new Date().toISOString());
    return Promise.resolve(Number(result.lastInsertRowid));
  }

  annotations(filter: PeriodFilter = {}): Promise<Annotation[]> {
    return Promise.resolve(this.#select('annotations', 'at', filter, 'id').map(annotationOf));
  }

  stations(): Promise<StationRow[]> {
    return Promise.resolve((this.#db.prepare('SELECT * FROM stations ORDER BY identity').all() as Row[]).map(stationOf));
  }

  connections(filter: PeriodFilter = {}): Promise<ConnectionRow[]> {
    return Promise.resolve(this.#select('connections', 'at', filter, 'journal, seq').map(connectionOf));
  }

  events(filter: EventFilter = {}): Promise<EventRow[]> {
    const periodic = filter.periodic === undefined ? [] : [filter.periodic ? "event_trigger = 'Periodic'" : NOT_PERIODIC];
    return Promise.resolve(this.#select('events', 'received_at', filter, 'journal, seq, item', periodic).map(eventOf));
  }

  statuses(filter: PeriodFilter = {}): Promise<StatusRow[]> {
    return Promise.resolve(this.#select('statuses', 'received_at', filter, 'journal, seq').map(statusOf));
  }

  messages(filter: PeriodFilter & { actions?: string[] } = {}): Promise<MessageRow[]> {
    return Promise.resolve(this.#select('messages', 'received_at', filter, 'journal, seq').map(messageOf));
  }

  planOutcomes(filter: PeriodFilter = {}): Promise<PlanOutcomeRow[]> {
    return Promise.resolve(this.#select('plan_outcomes', 'at', filter, 'journal, seq').map(planOutcomeOf));
  }

  samples(filter: PeriodFilter = {}): AsyncIterable<SampleRow> {
    return streamSamples(this.#file, filter);
  }

  sampleBuckets(filter: PeriodFilter & { bucketMs: number }): Promise<SampleBucket[]> {
    return Promise.resolve(foldSamples(this.#db, filter));
  }

  seriesHours(filter: PeriodFilter = {}): Promise<SeriesHour[]> {
    return Promise.resolve(readSeriesHours(this.#db, filter));
  }

  close(): Promise<void> {
    this.#db.close();
    return Promise.resolve();
  }

  /** Rows of a table in time order, filtered by station and period (from inclusive, to exclusive), for messages by action, and by `conditions` of the caller's. */
  #select(table: string, timeColumn: string, filter: PeriodFilter & { actions?: string[] }, tieBreak: string, conditions: readonly string[] = []): Row[] {
    const where: string[] = [...conditions];
    const values: unknown[] = [];
    const within = (column: string, list: readonly string[] | undefined): void => {
      if (list === undefined) return;
      where.push(list.length === 0 ? '1 = 0' : `${column} IN (${list.map(() => '?').join(', ')})`);
      values.push(...list);
    };
    within('station', filter.stations);
    if (filter.from !== undefined) {
      where.push(`${timeColumn} >= ?`);
      values.push(isoTime(filter.from));
    }
    if (filter.to !== undefined) {
      where.push(`${timeColumn} < ?`);
      values.push(isoTime(filter.to));
    }
    within('action', filter.actions);
    const sql = `SELECT * FROM ${table}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${timeColumn}, ${tieBreak}`;
    return this.#db.prepare(sql).all(...values) as Row[];
  }
}

/**
 * First and last seen are the first and last of the station's stored CALLs; the boot fields are
 * those of its latest BootNotification, and only replace the stored ones when they are newer
 * (journals can be ingested in any order).
 */
const STATION_UPSERT = `INSERT INTO stations (identity, vendor, model, serial_number, firmware_version, boot_at, first_seen, last_seen)
  VALUES (@identity, @vendor, @model, @serialNumber, @firmwareVersion, @bootAt, @firstSeen, @lastSeen)
  ON CONFLICT (identity) DO UPDATE SET
    first_seen = CASE WHEN excluded.first_seen < stations.first_seen THEN excluded.first_seen ELSE stations.first_seen END,
    last_seen = CASE WHEN excluded.last_seen > stations.last_seen THEN excluded.last_seen ELSE stations.last_seen END,
    vendor = CASE WHEN ${newerBoot()} THEN excluded.vendor ELSE stations.vendor END,
    model = CASE WHEN ${newerBoot()} THEN excluded.model ELSE stations.model END,
    serial_number = CASE WHEN ${newerBoot()} THEN excluded.serial_number ELSE stations.serial_number END,
    firmware_version = CASE WHEN ${newerBoot()} THEN excluded.firmware_version ELSE stations.firmware_version END,
    boot_at = CASE WHEN ${newerBoot()} THEN excluded.boot_at ELSE stations.boot_at END`;

function newerBoot(): string {
  return '(excluded.boot_at IS NOT NULL AND (stations.boot_at IS NULL OR excluded.boot_at >= stations.boot_at))';
}

interface StationUpsert {
  identity: string;
  vendor: string | null;
  model: string | null;
  serialNumber: string | null;
  firmwareVersion: string | null;
  bootAt: string | null;
  firstSeen: string;
  lastSeen: string;
}

/** One upsert per station of a journal: its seen span over the stored CALLs, and its latest boot. */
function stationUpserts(rows: StoreRows): StationUpsert[] {
  const boots = new Set(rows.messages.filter((m) => m.action === 'BootNotification').map((m) => `${m.station}\u0000${m.receivedAt}`));
  const byStation = new Map<string, StationUpsert>();
  for (const entry of rows.stations) {
    const seen = rows.messages.filter((m) => m.station === entry.identity).map((m) => m.receivedAt);
    const current = byStation.get(entry.identity) ?? {
      identity: entry.identity, vendor: null, model: null, serialNumber: null, firmwareVersion: null, bootAt: null,
      firstSeen: seen.reduce((a, b) => (b < a ? b : a), entry.seenAt),
      lastSeen: seen.reduce((a, b) => (b > a ? b : a), entry.seenAt),
    };
    if (boots.has(`${entry.identity}\u0000${entry.seenAt}`) && (current.bootAt === null || entry.seenAt >= current.bootAt)) {
      Object.assign(current, { vendor: entry.vendor ?? null, model: entry.model ?? null, serialNumber: entry.serialNumber ?? null, firmwareVersion: entry.firmwareVersion ?? null, bootAt: entry.seenAt });
    }
    byStation.set(entry.identity, current);
  }
  return [...byStation.values()];
}

/** A bound in the stored form (ISO with milliseconds), so `…T00:00:00Z` compares as the same instant as `…T00:00:00.000Z`. */
function isoTime(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

/** `{ key: value }` for a column that is not NULL, `{}` for NULL (a row leaves out what the station did not send). */
function present<K extends string>(key: K, value: unknown): { [P in K]?: never } {
  // Typed `never` so it spreads into any row type: the column's SQL type is the field's.
  return (value === null || value === undefined ? {} : { [key]: value }) as unknown as { [P in K]?: never };
}

function stationOf(r: Row): StationRow {
  return {
    identity: r['identity'] as string,
    ...present('vendor', r['vendor']),
    ...present('model', r['model']),
    ...present('serialNumber', r['serial_number']),
    ...present('firmwareVersion', r['firmware_version']),
    firstSeen: r['first_seen'] as string,
    lastSeen: r['last_seen'] as string,
  };
}

function connectionOf(r: Row): ConnectionRow {
  return {
    station: r['station'] as string, journal: r['journal'] as string, seq: r['seq'] as number, at: r['at'] as string, event: r['event'] as string,
    ...present('connection', r['connection']), ...present('code', r['code']), ...present('reason', r['reason']),
  };
}

function messageOf(r: Row): MessageRow {
  return { station: r['station'] as string, journal: r['journal'] as string, seq: r['seq'] as number, receivedAt: r['received_at'] as string, action: r['action'] as string, payload: r['payload'] as string };
}

function eventOf(r: Row): EventRow {
  return {
    station: r['station'] as string, journal: r['journal'] as string, seq: r['seq'] as number, item: r['item'] as number, receivedAt: r['received_at'] as string,
    ...present('timestamp', r['station_time']), ...present('eventId', r['event_id']), ...present('trigger', r['event_trigger']),
    ...present('notificationType', r['notification_type']), ...addressOfColumns(r), ...present('actualValue', r['actual_value']), ...present('techCode', r['tech_code']),
    ...present('techInfo', r['tech_info']), ...(r['cleared'] === null ? {} : { cleared: r['cleared'] === 1 }), ...present('monitorId', r['monitor_id']),
  };
}

function statusOf(r: Row): StatusRow {
  return {
    station: r['station'] as string, journal: r['journal'] as string, seq: r['seq'] as number, receivedAt: r['received_at'] as string,
    ...present('timestamp', r['station_time']), ...present('evseId', r['evse_id']), ...present('connectorId', r['connector_id']), status: r['status'] as string,
  };
}

function planOutcomeOf(r: Row): PlanOutcomeRow {
  return {
    station: r['station'] as string, journal: r['journal'] as string, seq: r['seq'] as number, at: r['at'] as string, plan: r['plan'] as string,
    item: r['item'] as PlanOutcomeRow['item'], ...addressOfColumns(r), ...present('monitorType', r['monitor_type']), value: r['value'] as string,
    ...present('severity', r['severity']), ...present('monitorId', r['monitor_id']), outcome: r['outcome'] as PlanOutcomeRow['outcome'], ...present('detail', r['detail']),
  };
}

function annotationOf(r: Row): Annotation {
  return {
    id: r['id'] as number, station: r['station'] as string, at: r['at'] as string, ...present('until', r['until_at']),
    kind: r['kind'] as Annotation['kind'], text: r['text'] as string, ...present('author', r['author']), recordedAt: r['recorded_at'] as string,
  };
}
