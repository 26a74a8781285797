import { framePayload, type JournalRecord } from '../../evidence/journal-record.js';
import { asArray, asNumber, asRecord, asString } from '../../evidence/payload-read.js';
import { PLAN_OUTCOMES, type PlanOutcome } from '../plan/plan-outcome.js';
import { addressOf } from '../variable-address.js';
import { type ConnectionRow, type EventRow, type MessageRow, type PlanOutcomeRow, type SampleRow, type SeriesKey, type StatusRow, STORED_ACTIONS } from './store.js';

/** What one journal's records put into the store: the same for every engine. */
export interface StoreRows {
  /** The last BootNotification of each station in these records (identity, vendor, …), and when it was seen first and last. */
  stations: Array<{ identity: string; vendor?: string; model?: string; serialNumber?: string; firmwareVersion?: string; seenAt: string }>;
  connections: ConnectionRow[];
  messages: MessageRow[];
  events: EventRow[];
  statuses: StatusRow[];
  /** The `plan-outcome` connection records whose details name a component, a variable and an outcome (they are connection rows too). */
  planOutcomes: PlanOutcomeRow[];
  /** The periodic reports among the events (see reportOf): the samples, and what the hourly series count. */
  reports: PeriodicReport[];
  /** The highest seq among the records (0 when none). */
  lastSeq: number;
}

/**
 * One periodic report (a NotifyEvent item with trigger Periodic) as the store keeps it, with its
 * journal position (the item it comes from), which makes a second ingest a no-op. Periodic
 * reports get tables of their own (the series; the reports by series then time; the hourly
 * series, store.ts seriesHours) rather than being read out of `events` at query time: the value
 * is stored parsed (a number, or none where the station's text is not one: such a report is
 * counted, not charted), the time as epoch milliseconds (the one thing both engines bucket with
 * exact integer arithmetic, whatever form the station's timestamp had), and a series over a
 * period is one range of an index, so the report's min/max envelopes of a month (about 8.6
 * million samples) are read from the database, not parsed from every event's text in
 * JavaScript. The events stay as they are: the reports are a second index of the same items.
 */
export interface PeriodicReport extends SeriesKey {
  journal: string;
  seq: number;
  item: number;
  /** When the value was measured (epoch ms): the station's timestamp, or the receive time where it gave none that parses. */
  atMs: number;
  /** The value, when it is a number (see sampleValue): a sample. */
  value?: number;
  /** How long after the station stamped it the report came (received − stamped, ms); absent when it has no timestamp of the station's. */
  lagMs?: number;
  monitorId?: number;
}

/** A numeric periodic report with its journal position: what samples() gives, and where it comes from. */
export interface IndexedSample extends SampleRow {
  journal: string;
  seq: number;
  item: number;
}

/**
 * Turns journal records into store rows. Pure: the engines only write what this returns, so
 * SQLite and PostgreSQL hold the same rows for the same journal. Only the station's CALLs of the
 * kinds the store keeps (STORED_ACTIONS) and the connection events are indexed; a payload that
 * cannot be read is kept as a message, not flattened.
 */
export function storeRows(journal: string, records: readonly JournalRecord[]): StoreRows {
  const rows: StoreRows = { stations: [], connections: [], messages: [], events: [], statuses: [], planOutcomes: [], reports: [], lastSeq: 0 };
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
      const outcome = record.event === 'plan-outcome' ? planOutcomeRow(station, journal, record.seq, record.timestamp, details) : undefined;
      if (outcome) rows.planOutcomes.push(outcome);
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
    if (record.action === 'NotifyEvent') {
      const events = eventRows(station, journal, record.seq, record.timestamp, payload);
      rows.events.push(...events);
      for (const event of events) {
        const report = reportOf(event);
        if (report) rows.reports.push(report);
      }
    }
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

/**
 * The periodic report an event item is, if it is one: trigger Periodic. Its time is the
 * station's timestamp of the event (when the value was measured), or the receive time where the
 * station gave none or one that does not parse (then it has no lag: nothing to compare). A
 * station's `+02:00` or second-only timestamps become epoch milliseconds like every other.
 * Exported for the engines' upgrade of an older store, which derives the reports of the events
 * it already holds the same way.
 */
export function reportOf(event: EventRow): PeriodicReport | undefined {
  if (event.trigger !== 'Periodic') return undefined;
  const received = Date.parse(event.receivedAt);
  const stamped = event.timestamp === undefined ? Number.NaN : Date.parse(event.timestamp);
  const atMs = Number.isFinite(stamped) ? stamped : received;
  if (!Number.isFinite(atMs)) return undefined;
  const report: PeriodicReport = { journal: event.journal, seq: event.seq, item: event.item, ...seriesOf(event), atMs };
  const value = sampleValue(event.actualValue);
  if (value !== undefined) report.value = value;
  if (Number.isFinite(stamped) && Number.isFinite(received)) report.lagMs = received - stamped;
  if (event.monitorId !== undefined) report.monitorId = event.monitorId;
  return report;
}

/**
 * The sample an event item is, if it is one: a periodic report (see reportOf) whose actualValue
 * is a number, its time written back as ISO UTC with milliseconds, so it sorts and filters like
 * every other time in the store. What samples() gives, with the item's journal position.
 */
export function sampleOf(event: EventRow): IndexedSample | undefined {
  const report = reportOf(event);
  if (report?.value === undefined) return undefined;
  const { atMs, value, lagMs: _lagMs, monitorId, ...position } = report;
  return { ...position, at: new Date(atMs).toISOString(), value, ...optional('monitorId', monitorId) };
}

/** The series an event item belongs to. */
function seriesOf(event: EventRow): SeriesKey {
  return {
    station: event.station,
    component: event.component,
    ...optional('componentInstance', event.componentInstance),
    ...optional('evseId', event.evseId),
    ...optional('connectorId', event.connectorId),
    variable: event.variable,
    ...optional('variableInstance', event.variableInstance),
  };
}

/** A decimal number written as OCPP's decimal type is (`21.5`, `-3`, `1e3`); not `''`, `true`, `0x1F`, `Infinity`, `21,5`. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function sampleValue(actualValue: string | undefined): number | undefined {
  const text = actualValue?.trim();
  if (text === undefined || !DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * A `plan-outcome` record's details as a row, read loosely (the journal is ours, but a record
 * written by another release must not stop an ingest): a component, a variable and a known
 * outcome are needed, the rest is taken where it has the right type. A record without them stays
 * a connection row only. `item` is the record's, else `monitor` when it names a monitor type.
 */
function planOutcomeRow(station: string, journal: string, seq: number, at: string, details: Record<string, unknown>): PlanOutcomeRow | undefined {
  const component = asString(details['component']);
  const variable = asString(details['variable']);
  const outcome = asString(details['outcome']);
  if (component === undefined || variable === undefined || !PLAN_OUTCOMES.includes(outcome as PlanOutcome)) return undefined;
  const monitorType = asString(details['monitorType']);
  const item = details['item'] === 'monitor' || details['item'] === 'setting' ? details['item'] : monitorType !== undefined ? 'monitor' : 'setting';
  return {
    station,
    journal,
    seq,
    at,
    plan: asString(details['plan']) ?? '',
    item,
    component,
    ...optional('componentInstance', asString(details['componentInstance'])),
    ...optional('evseId', asNumber(details['evseId'])),
    ...optional('connectorId', asNumber(details['connectorId'])),
    variable,
    ...optional('variableInstance', asString(details['variableInstance'])),
    ...optional('monitorType', monitorType),
    value: asString(details['value']) ?? (asNumber(details['value']) === undefined ? '' : String(details['value'])),
    ...optional('severity', asNumber(details['severity'])),
    ...optional('monitorId', asNumber(details['monitorId'])),
    outcome: outcome as PlanOutcome,
    ...optional('detail', asString(details['detail'])),
  };
}

function eventRows(station: string, journal: string, seq: number, receivedAt: string, payload: Record<string, unknown>): EventRow[] {
  return asArray(payload['eventData']).flatMap((value, item) => {
    const data = asRecord(value);
    const address = addressOf(data?.['component'], data?.['variable']);
    if (!data || address === undefined) return [];
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
        ...address,
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
