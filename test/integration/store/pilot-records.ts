/**
 * Journal records of an observed station, built by hand where the contract needs exact values:
 * plan-outcome records (one that does not name its component), and periodic samples with the
 * forms a station's values and timestamps take (a decimal, text, an empty value, a timestamp
 * with an offset, none at all). Also the journal behind the version-1 store fixture
 * (fixtures/pilot-store-v1.sql), so this file imports types only and must keep producing the
 * same records.
 */
import type { JournalRecord } from '../../../src/evidence/journal-record.js';

/** 2026-06-01, minute:second.ms, as the journal writes times. */
export const at = (minute: number, second = 0, ms = 0): string => new Date(Date.UTC(2026, 5, 1, 0, minute, second, ms)).toISOString();

/** A station's CALL as the journal records it. */
export function frame(seq: number, identity: string, time: string, action: string, payload: Record<string, unknown>): JournalRecord {
  const messageId = `${identity}-${seq}`;
  return {
    schemaVersion: '1.2', record: 'frame', seq, timestamp: time, monotonicMs: seq, chargePointId: identity, connection: 1, ocppVersion: '2.0.1', transport: 'json',
    direction: 'cp-to-csms', messageType: 'CALL', messageTypeId: 2, messageId, action, raw: JSON.stringify([2, messageId, action, payload]),
  } as unknown as JournalRecord;
}

/** A connection record (open, plan-outcome, …). */
export function connection(seq: number, identity: string, time: string, event: string, details: Record<string, unknown> = {}): JournalRecord {
  return { schemaVersion: '1.2', record: 'connection', seq, timestamp: time, monotonicMs: seq, chargePointId: identity, connection: 1, event, details } as unknown as JournalRecord;
}

export interface ItemOptions {
  component?: string;
  componentInstance?: string;
  evse?: { id: number; connectorId?: number };
  variableInstance?: string;
  /** The station's timestamp of the event; none when null. */
  timestamp?: string | null;
  trigger?: string;
  monitorId?: number;
}

/** One eventData item (by default a periodic report of PowerConverter's Temperature on EVSE 1). */
export function item(actualValue: string, variable = 'Temperature', options: ItemOptions = {}): Record<string, unknown> {
  const component: Record<string, unknown> = { name: options.component ?? 'PowerConverter' };
  if (options.componentInstance !== undefined) component['instance'] = options.componentInstance;
  if (options.evse !== undefined) component['evse'] = options.evse;
  else if (options.component === undefined) component['evse'] = { id: 1 };
  return {
    eventId: 1,
    ...(options.timestamp === null ? {} : { timestamp: options.timestamp ?? at(0) }),
    trigger: options.trigger ?? 'Periodic',
    actualValue,
    eventNotificationType: 'CustomMonitor',
    component,
    variable: { name: variable, ...(options.variableInstance === undefined ? {} : { instance: options.variableInstance }) },
    ...(options.monitorId === undefined ? {} : { variableMonitoringId: options.monitorId }),
  };
}

export function notifyEvent(seq: number, identity: string, time: string, items: Array<Record<string, unknown>>): JournalRecord {
  return frame(seq, identity, time, 'NotifyEvent', { generatedAt: time, seqNo: 0, eventData: items.map((data, index) => ({ ...data, eventId: seq * 100 + index })) });
}

export const ACCEPTED_MONITOR = {
  plan: 'guideline:ac-wallbox', item: 'monitor', component: 'PowerConverter', evseId: 1, variable: 'Temperature', monitorType: 'UpperThreshold',
  value: '80', severity: 2, monitorId: 11, outcome: 'accepted',
} as const;

export const REFUSED_SETTING = {
  plan: 'plans.json#/plans/0', item: 'setting', component: 'MonitoringCtrlr', variable: 'ActiveMonitoringLevel', value: '5', outcome: 'refused',
  detail: 'Rejected (NotSupported)',
} as const;

/**
 * An observed station's journal: boot, two plan outcomes and one plan-outcome record without its
 * component, then periodic samples. Its samples, in series then time order: PowerConverter EVSE 1
 * 21.5 at 1:00, 22.5 at 2:00 (sent as 02:02:00+02:00), 23 at 3:07 (no timestamp: the receive
 * time), then EVSE 2 30 at 2:00. Not samples: `n/a`, an Alerting 95, an empty value, `true`.
 */
export function observedJournal(identity: string): JournalRecord[] {
  return [
    connection(1, identity, at(0), 'open'),
    frame(2, identity, at(0, 1), 'BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'Vend', model: 'Mod', firmwareVersion: '1.0' } }),
    connection(3, identity, at(0, 10), 'plan-outcome', { ...ACCEPTED_MONITOR }),
    connection(4, identity, at(0, 11), 'plan-outcome', { ...REFUSED_SETTING }),
    connection(5, identity, at(0, 12), 'plan-outcome', { plan: 'guideline:ac-wallbox', item: 'monitor', variable: 'Temperature', value: '80', outcome: 'accepted' }),
    notifyEvent(6, identity, at(1, 5), [
      item('21.5', 'Temperature', { timestamp: at(1), monitorId: 12 }),
      item('n/a', 'Temperature', { timestamp: at(1) }),
      item('95', 'Temperature', { timestamp: at(1), trigger: 'Alerting' }),
    ]),
    notifyEvent(7, identity, at(2, 5), [
      item('22.5', 'Temperature', { timestamp: '2026-06-01T02:02:00+02:00', monitorId: 12 }),
      item('30', 'Temperature', { evse: { id: 2 }, timestamp: at(2) }),
      item('', 'Temperature', { component: 'Connector', evse: { id: 1, connectorId: 1 }, timestamp: at(2) }),
    ]),
    notifyEvent(8, identity, at(3, 7), [item('23', 'Temperature', { timestamp: null, monitorId: 12 }), item('true', 'Active', { component: 'Fan' })]),
  ];
}
