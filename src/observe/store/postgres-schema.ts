/**
 * The pilot store's tables on PostgreSQL, as migrations: entry n brings a store from schema
 * version n to n + 1 (the `schema_version` table holds the versions applied). The same tables
 * and columns as the SQLite engine. Times are ISO 8601 UTC text with milliseconds, as the journal
 * writes them, so they compare and sort as text on both engines; seq is bigint (weeks of
 * thousands of messages a second pass 2^31). A row's journal position (journal, seq and, for the
 * flattened NotifyEvent items, item) is unique: that is what makes ingest idempotent.
 */
export const POSTGRES_SCHEMA: readonly (readonly string[])[] = [
  [
    `CREATE TABLE journals (
      journal text PRIMARY KEY,
      last_seq bigint NOT NULL
    )`,
    `CREATE TABLE stations (
      identity text PRIMARY KEY,
      vendor text,
      model text,
      serial_number text,
      firmware_version text,
      booted_at text,
      first_seen text NOT NULL,
      last_seen text NOT NULL
    )`,
    `CREATE TABLE connections (
      station text NOT NULL,
      journal text NOT NULL,
      seq bigint NOT NULL,
      at text NOT NULL,
      event text NOT NULL,
      connection integer,
      code integer,
      reason text,
      UNIQUE (journal, seq)
    )`,
    `CREATE TABLE messages (
      station text NOT NULL,
      journal text NOT NULL,
      seq bigint NOT NULL,
      received_at text NOT NULL,
      action text NOT NULL,
      payload text NOT NULL,
      UNIQUE (journal, seq)
    )`,
    `CREATE TABLE events (
      station text NOT NULL,
      journal text NOT NULL,
      seq bigint NOT NULL,
      item integer NOT NULL,
      received_at text NOT NULL,
      timestamp text,
      event_id bigint,
      trigger text,
      notification_type text,
      component text NOT NULL,
      component_instance text,
      evse_id integer,
      connector_id integer,
      variable text NOT NULL,
      variable_instance text,
      actual_value text,
      tech_code text,
      tech_info text,
      cleared boolean,
      monitor_id bigint,
      UNIQUE (journal, seq, item)
    )`,
    `CREATE TABLE statuses (
      station text NOT NULL,
      journal text NOT NULL,
      seq bigint NOT NULL,
      received_at text NOT NULL,
      timestamp text,
      evse_id integer,
      connector_id integer,
      status text NOT NULL,
      UNIQUE (journal, seq)
    )`,
    `CREATE TABLE annotations (
      id serial PRIMARY KEY,
      station text NOT NULL,
      at text NOT NULL,
      until text,
      kind text NOT NULL CHECK (kind IN ('site-visit', 'failure', 'repair', 'excluded', 'note')),
      text text NOT NULL,
      author text,
      recorded_at text NOT NULL
    )`,
    // The report reads a period for some stations: by station and time.
    'CREATE INDEX connections_station_at ON connections (station, at)',
    'CREATE INDEX messages_station_received ON messages (station, received_at)',
    'CREATE INDEX events_station_received ON events (station, received_at)',
    'CREATE INDEX statuses_station_received ON statuses (station, received_at)',
    'CREATE INDEX annotations_station_at ON annotations (station, at)',
  ],
];

export const POSTGRES_SCHEMA_VERSION = POSTGRES_SCHEMA.length;
