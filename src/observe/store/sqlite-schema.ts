/**
 * The pilot store's tables, as numbered migrations: `migrate()` applies those above the version
 * recorded in `schema_version`, so a store written by an older release is upgraded in place and
 * one written by this release is left alone. The SQL is plain on purpose (TEXT times in ISO
 * 8601 UTC with milliseconds, INTEGER numbers, primary keys that make a second ingest a no-op):
 * the PostgreSQL engine keeps the same tables and columns. Column names avoid SQL keywords
 * (`trigger`, `timestamp`, `until`) so both engines take them unquoted.
 */
export interface Migration {
  version: number;
  statements: readonly string[];
}

/** The events that are not periodic reports (an item without a trigger is not one): the condition of a partial index, and of the queries it serves. */
export const NOT_PERIODIC = "event_trigger IS NOT 'Periodic'";

export const SCHEMA_VERSION_TABLE = 'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: [
      // The highest seq indexed per journal file: where a restarted tail resumes.
      'CREATE TABLE journals (journal TEXT NOT NULL PRIMARY KEY, last_seq INTEGER NOT NULL)',
      // boot_at: when the boot fields were sent, so an older journal ingested later never overwrites a newer boot.
      `CREATE TABLE stations (identity TEXT NOT NULL PRIMARY KEY, vendor TEXT, model TEXT, serial_number TEXT, firmware_version TEXT,
        boot_at TEXT, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL)`,
      `CREATE TABLE connections (journal TEXT NOT NULL, seq INTEGER NOT NULL, station TEXT NOT NULL, at TEXT NOT NULL, event TEXT NOT NULL,
        connection INTEGER, code INTEGER, reason TEXT, PRIMARY KEY (journal, seq))`,
      `CREATE TABLE messages (journal TEXT NOT NULL, seq INTEGER NOT NULL, station TEXT NOT NULL, received_at TEXT NOT NULL, action TEXT NOT NULL,
        payload TEXT NOT NULL, PRIMARY KEY (journal, seq))`,
      `CREATE TABLE events (journal TEXT NOT NULL, seq INTEGER NOT NULL, item INTEGER NOT NULL, station TEXT NOT NULL, received_at TEXT NOT NULL,
        station_time TEXT, event_id INTEGER, event_trigger TEXT, notification_type TEXT, component TEXT NOT NULL, component_instance TEXT,
        evse_id INTEGER, connector_id INTEGER, variable TEXT NOT NULL, variable_instance TEXT, actual_value TEXT, tech_code TEXT, tech_info TEXT,
        cleared INTEGER, monitor_id INTEGER, PRIMARY KEY (journal, seq, item))`,
      `CREATE TABLE statuses (journal TEXT NOT NULL, seq INTEGER NOT NULL, station TEXT NOT NULL, received_at TEXT NOT NULL, station_time TEXT,
        evse_id INTEGER, connector_id INTEGER, status TEXT NOT NULL, PRIMARY KEY (journal, seq))`,
      // The site notes are the store's own (no journal holds them): an id of their own.
      `CREATE TABLE annotations (id INTEGER PRIMARY KEY AUTOINCREMENT, station TEXT NOT NULL, at TEXT NOT NULL, until_at TEXT, kind TEXT NOT NULL,
        text TEXT NOT NULL, author TEXT, recorded_at TEXT NOT NULL)`,
      // The report reads by station and period.
      'CREATE INDEX connections_station_at ON connections (station, at)',
      'CREATE INDEX messages_station_received ON messages (station, received_at)',
      'CREATE INDEX events_station_received ON events (station, received_at)',
      'CREATE INDEX statuses_station_received ON statuses (station, received_at)',
      'CREATE INDEX annotations_station_at ON annotations (station, at)',
    ],
  },
  {
    // Plan outcomes and samples (issue 16, second part). A version-1 store is upgraded in place:
    // its samples are derived from the events it holds (by version 3, which makes them again with
    // the periodic reports that are not numbers). Its plan outcomes cannot be: version 1 kept a plan-outcome
    // record as a connection row without its details, which only the journal has; `store
    // rebuild` (an ingest adds the rows a table is missing and changes nothing else) fills them in.
    version: 2,
    statements: [
      // The `plan-outcome` connection records' details (plan/plan-outcome.ts); `at` is when observe recorded it.
      `CREATE TABLE plan_outcomes (journal TEXT NOT NULL, seq INTEGER NOT NULL, station TEXT NOT NULL, at TEXT NOT NULL, plan TEXT NOT NULL,
        item TEXT NOT NULL, component TEXT NOT NULL, component_instance TEXT, evse_id INTEGER, connector_id INTEGER, variable TEXT NOT NULL,
        variable_instance TEXT, monitor_type TEXT, value TEXT NOT NULL, severity INTEGER, monitor_id INTEGER, outcome TEXT NOT NULL, detail TEXT,
        PRIMARY KEY (journal, seq))`,
      'CREATE INDEX plan_outcomes_station_at ON plan_outcomes (station, at)',
      // The periodic monitors' series, one row each (a fleet has thousands, against millions of samples): the samples carry its id,
      // not its names. key: the columns as one text (sample-query.ts seriesKey), unique where a UNIQUE on NULLable columns is not.
      `CREATE TABLE sample_series (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, station TEXT NOT NULL, component TEXT NOT NULL,
        component_instance TEXT, evse_id INTEGER, connector_id INTEGER, variable TEXT NOT NULL, variable_instance TEXT)`,
      'CREATE INDEX sample_series_order ON sample_series (station, component, component_instance, evse_id, connector_id, variable, variable_instance)',
      // The numeric samples (rows.ts IndexedSample says why a table of their own). Stored in the order they are read: a series,
      // then time (WITHOUT ROWID: the primary key is the table), so a series over a period is one range of it. The journal
      // position in the key makes a second ingest a no-op. at_ms: epoch milliseconds, the one time column that is not ISO
      // text, because the database does arithmetic on it (buckets aligned to the epoch).
      `CREATE TABLE samples (series_id INTEGER NOT NULL, at_ms INTEGER NOT NULL, journal TEXT NOT NULL, seq INTEGER NOT NULL, item INTEGER NOT NULL,
        value REAL NOT NULL, monitor_id INTEGER, PRIMARY KEY (series_id, at_ms, journal, seq, item)) WITHOUT ROWID`,
    ],
  },
  {
    // What the evidence report of a month reads (issue 16: 30 days × 50 stations × 20 series in under 20 s).
    version: 3,
    statements: [
      // The firmware and monitors of a station (BootNotification, NotifyMonitoringReport) among its month of NotifyEvents.
      'CREATE INDEX messages_action_station_received ON messages (action, station, received_at)',
      // The alerts, deltas and hard-wired notifications among a month of periodic reports: events({ periodic: false }). The
      // query repeats this condition word for word, as SQLite needs to use a partial index.
      `CREATE INDEX events_station_received_not_periodic ON events (station, received_at) WHERE ${NOT_PERIODIC}`,
      // Every periodic report, its value NULL where it is not a number (counted, not charted: samples() leaves it out), with
      // its lag (received − stamped, NULL without a station timestamp): what completeness needs of a report. The version-2
      // table (numbers only, no lag) is made again from the events (SqliteStore.migrate, with the ingest's rule, rows.ts reportOf).
      'DROP TABLE samples',
      `CREATE TABLE samples (series_id INTEGER NOT NULL, at_ms INTEGER NOT NULL, journal TEXT NOT NULL, seq INTEGER NOT NULL, item INTEGER NOT NULL,
        value REAL, lag_ms INTEGER, monitor_id INTEGER, PRIMARY KEY (series_id, at_ms, journal, seq, item)) WITHOUT ROWID`,
      // The hourly series (store.ts seriesHours, series-hours.ts): per series and hour of the reports' time (epoch ms), what
      // its reports add up to. Each ingest adds the reports it inserted; a month of a fleet is 720 rows a series.
      `CREATE TABLE series_hours (series_id INTEGER NOT NULL, hour_ms INTEGER NOT NULL, reports INTEGER NOT NULL, samples INTEGER NOT NULL,
        value_sum REAL NOT NULL, value_min REAL, value_max REAL, first_ms INTEGER NOT NULL, last_ms INTEGER NOT NULL, stamped INTEGER NOT NULL,
        late INTEGER NOT NULL, min_lag_ms INTEGER, max_lag_ms INTEGER, PRIMARY KEY (series_id, hour_ms)) WITHOUT ROWID`,
    ],
  },
];
