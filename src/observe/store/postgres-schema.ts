/**
 * The pilot store's tables on PostgreSQL, as migrations: entry n brings a store from schema
 * version n - 1 to n (the `schema_version` table holds the versions applied). The same tables,
 * columns and keys as the SQLite engine (sqlite-schema.ts), with PostgreSQL's types: times are
 * ISO 8601 UTC text with milliseconds, as the journal writes them, so they compare and sort as
 * text on both engines; seq is bigint (weeks of thousands of messages a second pass 2^31). A
 * row's journal position (journal, seq and, for the flattened NotifyEvent items, item) is its
 * primary key: that is what makes ingest idempotent.
 */
/** The events that are not periodic reports (an item without a trigger is not one): the condition of a partial index, and of the queries it serves. */
export const NOT_PERIODIC = "event_trigger IS DISTINCT FROM 'Periodic'";

export const POSTGRES_SCHEMA_VERSION_TABLE = 'CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL PRIMARY KEY, applied_at text NOT NULL)';

export const POSTGRES_SCHEMA: readonly (readonly string[])[] = [
  [
    // The highest seq indexed per journal file: where a restarted tail resumes.
    'CREATE TABLE journals (journal text NOT NULL PRIMARY KEY, last_seq bigint NOT NULL)',
    // boot_at: when the boot fields were sent, so an older journal ingested later never overwrites a newer boot.
    `CREATE TABLE stations (identity text NOT NULL PRIMARY KEY, vendor text, model text, serial_number text, firmware_version text,
      boot_at text, first_seen text NOT NULL, last_seen text NOT NULL)`,
    `CREATE TABLE connections (journal text NOT NULL, seq bigint NOT NULL, station text NOT NULL, at text NOT NULL, event text NOT NULL,
      connection integer, code integer, reason text, PRIMARY KEY (journal, seq))`,
    `CREATE TABLE messages (journal text NOT NULL, seq bigint NOT NULL, station text NOT NULL, received_at text NOT NULL, action text NOT NULL,
      payload text NOT NULL, PRIMARY KEY (journal, seq))`,
    `CREATE TABLE events (journal text NOT NULL, seq bigint NOT NULL, item integer NOT NULL, station text NOT NULL, received_at text NOT NULL,
      station_time text, event_id bigint, event_trigger text, notification_type text, component text NOT NULL, component_instance text,
      evse_id integer, connector_id integer, variable text NOT NULL, variable_instance text, actual_value text, tech_code text, tech_info text,
      cleared boolean, monitor_id bigint, PRIMARY KEY (journal, seq, item))`,
    `CREATE TABLE statuses (journal text NOT NULL, seq bigint NOT NULL, station text NOT NULL, received_at text NOT NULL, station_time text,
      evse_id integer, connector_id integer, status text NOT NULL, PRIMARY KEY (journal, seq))`,
    // The site notes are the store's own (no journal holds them): an id of their own.
    `CREATE TABLE annotations (id serial PRIMARY KEY, station text NOT NULL, at text NOT NULL, until_at text, kind text NOT NULL,
      text text NOT NULL, author text, recorded_at text NOT NULL)`,
    // The report reads by station and period.
    'CREATE INDEX connections_station_at ON connections (station, at)',
    'CREATE INDEX messages_station_received ON messages (station, received_at)',
    'CREATE INDEX events_station_received ON events (station, received_at)',
    'CREATE INDEX statuses_station_received ON statuses (station, received_at)',
    'CREATE INDEX annotations_station_at ON annotations (station, at)',
  ],
  // Version 2: plan outcomes and samples (issue 16, second part), as in sqlite-schema.ts, which
  // says how a version-1 store is upgraded (samples derived from its events by version 3;
  // plan outcomes need `store rebuild`).
  [
    `CREATE TABLE plan_outcomes (journal text NOT NULL, seq bigint NOT NULL, station text NOT NULL, at text NOT NULL, plan text NOT NULL,
      item text NOT NULL, component text NOT NULL, component_instance text, evse_id integer, connector_id integer, variable text NOT NULL,
      variable_instance text, monitor_type text, value text NOT NULL, severity integer, monitor_id bigint, outcome text NOT NULL, detail text,
      PRIMARY KEY (journal, seq))`,
    'CREATE INDEX plan_outcomes_station_at ON plan_outcomes (station, at)',
    // The series and their samples as in sqlite-schema.ts. The series' text columns compare bytewise (COLLATE "C", as SQLite's
    // BINARY) whatever the database's locale, so both engines give the series in the same order.
    `CREATE TABLE sample_series (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, key text NOT NULL UNIQUE, station text COLLATE "C" NOT NULL,
      component text COLLATE "C" NOT NULL, component_instance text COLLATE "C", evse_id integer, connector_id integer, variable text COLLATE "C" NOT NULL,
      variable_instance text COLLATE "C")`,
    `CREATE INDEX sample_series_order ON sample_series (station, component, component_instance NULLS FIRST, evse_id NULLS FIRST, connector_id NULLS FIRST,
      variable, variable_instance NULLS FIRST)`,
    // The primary key carries the value: a series' samples over a period are read by an index-only scan (the table itself is
    // in the order they came, every station's series interleaved). journal compares bytewise, as on SQLite.
    `CREATE TABLE samples (series_id integer NOT NULL, at_ms bigint NOT NULL, journal text COLLATE "C" NOT NULL, seq bigint NOT NULL, item integer NOT NULL,
      value double precision NOT NULL, monitor_id bigint, PRIMARY KEY (series_id, at_ms, journal, seq, item) INCLUDE (value, monitor_id))`,
  ],
  // Version 3: what the evidence report of a month reads, as in sqlite-schema.ts.
  [
    'CREATE INDEX messages_action_station_received ON messages (action, station, received_at)',
    // The planner uses a partial index for a query whose WHERE holds the same condition.
    `CREATE INDEX events_station_received_not_periodic ON events (station, received_at) WHERE ${NOT_PERIODIC}`,
    // Every periodic report (value NULL where it is not a number) with its lag, made again from the events (PostgresStore.migrate).
    'DROP TABLE samples',
    `CREATE TABLE samples (series_id integer NOT NULL, at_ms bigint NOT NULL, journal text COLLATE "C" NOT NULL, seq bigint NOT NULL, item integer NOT NULL,
      value double precision, lag_ms bigint, monitor_id bigint, PRIMARY KEY (series_id, at_ms, journal, seq, item) INCLUDE (value, lag_ms, monitor_id))`,
    `CREATE TABLE series_hours (series_id integer NOT NULL, hour_ms bigint NOT NULL, reports integer NOT NULL, samples integer NOT NULL,
      value_sum double precision NOT NULL, value_min double precision, value_max double precision, first_ms bigint NOT NULL, last_ms bigint NOT NULL,
      stamped integer NOT NULL, late integer NOT NULL, min_lag_ms bigint, max_lag_ms bigint, PRIMARY KEY (series_id, hour_ms))`,
  ],
];

export const POSTGRES_SCHEMA_VERSION = POSTGRES_SCHEMA.length;
