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
];
