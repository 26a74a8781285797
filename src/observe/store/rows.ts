import { framePayload, type JournalRecord } from '../../evidence/journal-record.js';
import { asArray, asNumber, asRecord, asString } from '../../evidence/payload-read.js';
import { type ConnectionRow, type EventRow, type MessageRow, type StatusRow, STORED_ACTIONS } from './store.js';

/** What one journal's records put into the store: the same for every engine. */
export interface StoreRows {
  /** The last BootNotification of each station in these records (identity, vendor, …), and when it was seen first and last. */
  stations: Array<{ identity: string; vendor?: string; model?: string; serialNumber?: string; firmwareVersion?: string; seenAt: string }>;
  connections: ConnectionRow[];
  messages: MessageRow[];
  events: EventRow[];
  statuses: StatusRow[];
  /** The highest seq among the records (0 when none). */
  lastSeq: number;
}

/**
 * Turns journal records into store rows. Pure: the engines only write what this returns, so
 * SQLite and PostgreSQL hold the same rows for the same journal. Only the station's CALLs of the
 * kinds the store keeps (STORED_ACTIONS) and the connection events are indexed; a payload that
 * cannot be read is kept as a message, not flattened.
 */
export function storeRows(journal: string, records: readonly JournalRecord[]): StoreRows {
  const rows: StoreRows = { stations: [], connections: [], messages: [], events: [], statuses: [], lastSeq: 0 };
  for (const record of records) {
    rows.lastSeq = Math.max(rows.lastSeq, record.seq);
    const station = record.chargePointId;
    if (record.record === 'connection') {
      const details = record.details;
      rows.connections.push({
        station,
        journal,
        seq: record.seq,
        at: record.timestamp,
        event: record.event,
        ...(record.connection !== undefined ? { connection: record.connection } : {}),
        ...(asNumber(details['code']) !== undefined ? { code: asNumber(details['code']) } : {}),
        ...(asString(details['reason']) !== undefined ? { reason: asString(details['reason']) } : {}),
      });
      continue;
    }
    if (record.direction !== 'cp-to-csms' || record.messageType !== 'CALL' || record.action === undefined || !STORED_ACTIONS.includes(record.action)) continue;
    const payload = asRecord(framePayload(record)) ?? {};
    rows.messages.push({ station, journal, seq: record.seq, receivedAt: record.timestamp, action: record.action, payload: JSON.stringify(payload) });
    if (record.action === 'BootNotification') {
      const cs = asRecord(payload['chargingStation']) ?? {};
      rows.stations.push({
        identity: station,
        ...optional('vendor', asString(cs['vendorName'])),
        ...optional('model', asString(cs['model'])),
        ...optional('serialNumber', asString(cs['serialNumber'])),
        ...optional('firmwareVersion', asString(cs['firmwareVersion'])),
        seenAt: record.timestamp,
      });
    } else if (rows.stations.every((s) => s.identity !== station)) {
      rows.stations.push({ identity: station, seenAt: record.timestamp });
    }
    if (record.action === 'NotifyEvent') rows.events.push(...eventRows(station, journal, record.seq, record.timestamp, payload));
    if (record.action === 'StatusNotification') {
      const status = asString(payload['connectorStatus']);
      if (status !== undefined) {
        rows.statuses.push({
          station,
          journal,
          seq: record.seq,
          receivedAt: record.timestamp,
          ...optional('timestamp', asString(payload['timestamp'])),
          ...optional('evseId', asNumber(payload['evseId'])),
          ...optional('connectorId', asNumber(payload['connectorId'])),
          status,
        });
      }
    }
  }
  return rows;
}

function eventRows(station: string, journal: string, seq: number, receivedAt: string, payload: Record<string, unknown>): EventRow[] {
  return asArray(payload['eventData']).flatMap((value, item) => {
    const data = asRecord(value);
    const component = asRecord(data?.['component']);
    const variable = asRecord(data?.['variable']);
    const evse = asRecord(component?.['evse']);
    const componentName = asString(component?.['name']);
    const variableName = asString(variable?.['name']);
    if (!data || componentName === undefined || variableName === undefined) return [];
    const cleared = data['cleared'];
    return [
      {
        station,
        journal,
        seq,
        item,
        receivedAt,
        ...optional('timestamp', asString(data['timestamp'])),
        ...optional('eventId', asNumber(data['eventId'])),
        ...optional('trigger', asString(data['trigger'])),
        ...optional('notificationType', asString(data['eventNotificationType'])),
        component: componentName,
        ...optional('componentInstance', asString(component?.['instance'])),
        ...optional('evseId', asNumber(evse?.['id'])),
        ...optional('connectorId', asNumber(evse?.['connectorId'])),
        variable: variableName,
        ...optional('variableInstance', asString(variable?.['instance'])),
        ...optional('actualValue', asString(data['actualValue'])),
        ...optional('techCode', asString(data['techCode'])),
        ...optional('techInfo', asString(data['techInfo'])),
        ...(typeof cleared === 'boolean' ? { cleared } : {}),
        ...optional('monitorId', asNumber(data['variableMonitoringId'])),
      },
    ];
  });
}

/** `{ key: value }` when the value is there, `{}` otherwise (exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
