import type pg from 'pg';
import type { StoreRows } from './rows.js';
import { insertMany } from './postgres-sql.js';
import type { ConnectionRow, EventRow, MessageRow, PlanOutcomeRow, StatusRow } from './store.js';

/** How the PostgreSQL engine writes a journal's rows (inside the ingest's transaction): one statement per table. */

/**
 * One row per station: the newest BootNotification's identity fields win (a firmware update
 * shows), first and last seen widen. Stations are upserted in identity order, so two
 * transactions touching the same stations lock them in the same order and cannot deadlock.
 */
export async function upsertStations(client: pg.PoolClient, rows: StoreRows): Promise<void> {
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

export function insertConnections(client: pg.PoolClient, rows: ConnectionRow[]): Promise<number> {
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

export function insertMessages(client: pg.PoolClient, rows: MessageRow[]): Promise<number> {
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

export function insertEvents(client: pg.PoolClient, rows: EventRow[]): Promise<number> {
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

export function insertStatuses(client: pg.PoolClient, rows: StatusRow[]): Promise<number> {
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

export function insertPlanOutcomes(client: pg.PoolClient, rows: PlanOutcomeRow[]): Promise<number> {
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

function maxText(a: string, b: string): string {
  return a >= b ? a : b;
}

function minText(a: string, b: string): string {
  return a <= b ? a : b;
}
