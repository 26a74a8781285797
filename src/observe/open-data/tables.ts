import { PLAN_OUTCOMES } from '../plan/plan-outcome.js';
import { ANNOTATION_KINDS, type Annotation, type ConnectionRow, type EventRow, type PlanOutcomeRow, type SampleRow, type StationRow, type StatusRow } from '../store/store.js';
import type { Column, Table } from './table.js';

/** One BootNotification a station sent (read from the store's messages). */
export interface BootRow {
  station: string;
  journal: string;
  seq: number;
  receivedAt: string;
  reason?: string;
  vendor?: string;
  model?: string;
  serialNumber?: string;
  firmwareVersion?: string;
}

// The columns many files share. "Journal" and "seq" point into the evidence: the line of the
// station's journal the row was read from, so anyone holding the journals can check it.
const station = <Row extends { station: string }>(): Column<Row> => ({ name: 'station', type: 'string', required: true, description: 'The station\'s identity (the last part of the URL it connects to), as in stations.csv.', value: (r) => r.station });
const journal = <Row extends { journal: string }>(): Column<Row> => ({ name: 'journal', type: 'string', required: true, description: 'The journal file the row was read from, relative to the output directory of `observe` (the journals are the evidence; this file is an index of them).', value: (r) => r.journal });
const seq = <Row extends { seq: number }>(): Column<Row> => ({ name: 'seq', type: 'integer', required: true, description: 'The record\'s sequence number in that journal (its `seq`).', value: (r) => r.seq });
const receivedAt = <Row extends { receivedAt: string }>(): Column<Row> => ({ name: 'received_at', type: 'datetime', required: true, description: 'When the message arrived, by the observing computer\'s clock (UTC).', value: (r) => r.receivedAt });
const stationTime = (what: string) => <Row extends { timestamp?: string }>(): Column<Row> => ({ name: 'station_time', type: 'datetime', description: `${what}, by the station's clock (UTC). Empty when the station sent none, or a time without a zone or not in ISO 8601.`, value: (r) => r.timestamp });
type Located = { component: string; componentInstance?: string; evseId?: number; connectorId?: number; variable: string; variableInstance?: string };
const located = <Row extends Located>(required: boolean): Array<Column<Row>> => [
  { name: 'component', type: 'string', required, description: 'The OCPP component (e.g. PowerConverter, Connector, ChargingStation).', value: (r) => r.component },
  { name: 'component_instance', type: 'string', description: 'The component\'s instance, when it has one.', value: (r) => r.componentInstance },
  { name: 'evse_id', type: 'integer', description: 'The EVSE the component belongs to, when it belongs to one.', value: (r) => r.evseId },
  { name: 'connector_id', type: 'integer', description: 'The connector of that EVSE, when the component is one connector\'s.', value: (r) => r.connectorId },
  { name: 'variable', type: 'string', required, description: 'The OCPP variable of the component (e.g. Temperature, Problem).', value: (r) => r.variable },
  { name: 'variable_instance', type: 'string', description: 'The variable\'s instance, when it has one.', value: (r) => r.variableInstance },
];

export const STATIONS: Table<StationRow> = {
  name: 'stations',
  title: 'Stations',
  description: 'One row per station in the scope. Vendor, model, serial number and firmware are those of the station\'s latest BootNotification in the store, which may be later than the period; boots.csv has every boot of the period.',
  primaryKey: ['identity'],
  columns: [
    { name: 'identity', type: 'string', description: 'The station\'s identity: the last part of the URL it connects to.', value: (r) => r.identity },
    { name: 'vendor', type: 'string', description: 'chargingStation.vendorName of its latest BootNotification.', value: (r) => r.vendor },
    { name: 'model', type: 'string', description: 'chargingStation.model of its latest BootNotification.', value: (r) => r.model },
    { name: 'serial_number', type: 'string', description: 'chargingStation.serialNumber of its latest BootNotification.', value: (r) => r.serialNumber },
    { name: 'firmware_version', type: 'string', description: 'chargingStation.firmwareVersion of its latest BootNotification.', value: (r) => r.firmwareVersion },
    { name: 'first_seen', type: 'datetime', required: true, description: 'Its first message in the store (UTC), possibly before the period.', value: (r) => r.firstSeen },
    { name: 'last_seen', type: 'datetime', required: true, description: 'Its last message in the store (UTC), possibly after the period.', value: (r) => r.lastSeen },
  ],
};

export const BOOTS: Table<BootRow> = {
  name: 'boots',
  title: 'Boots',
  description: 'Every BootNotification of the period, and each station\'s last one before it (what it ran when the period began): the firmware changes over the period.',
  primaryKey: ['journal', 'seq'],
  columns: [
    station(), journal(), seq(), receivedAt(),
    { name: 'reason', type: 'string', description: 'Why the station booted, as it said (BootReasonEnumType: PowerUp, FirmwareUpdate, Watchdog, …).', value: (r) => r.reason },
    { name: 'vendor', type: 'string', description: 'chargingStation.vendorName.', value: (r) => r.vendor },
    { name: 'model', type: 'string', description: 'chargingStation.model.', value: (r) => r.model },
    { name: 'serial_number', type: 'string', description: 'chargingStation.serialNumber.', value: (r) => r.serialNumber },
    { name: 'firmware_version', type: 'string', description: 'chargingStation.firmwareVersion.', value: (r) => r.firmwareVersion },
  ],
};

export const CONNECTIONS: Table<ConnectionRow> = {
  name: 'connections',
  title: 'Connection events',
  description: 'The journals\' connection events of the period (open, close, rejected, …; plan outcomes are in plan-outcomes.csv), and each station\'s last open or close before it, which tells whether it was offline when the period began. A station is offline from a close to its next open.',
  primaryKey: ['journal', 'seq'],
  columns: [
    station(), journal(), seq(),
    { name: 'at', type: 'datetime', required: true, description: 'When it happened, by the observing computer\'s clock (UTC).', value: (r) => r.at },
    { name: 'event', type: 'string', required: true, description: 'What happened: open, close, rejected, replaced, pong-missing, journal-open, …', value: (r) => r.event },
    { name: 'connection', type: 'integer', description: 'The number of the WebSocket connection within the journal.', value: (r) => r.connection },
    { name: 'code', type: 'integer', description: 'For a close: the WebSocket close code (RFC 6455, e.g. 1000 normal, 1006 dropped without a close frame).', value: (r) => r.code },
    { name: 'reason', type: 'string', description: 'For a close: the reason text, when there was one.', value: (r) => r.reason },
  ],
};

export const EVENTS: Table<EventRow> = {
  name: 'events',
  title: 'Events',
  description: 'Every eventData item of every NotifyEvent of the period, one row each, periodic samples included (samples.csv has their numeric values as numbers).',
  primaryKey: ['journal', 'seq', 'item'],
  columns: [
    station(), journal(), seq(),
    { name: 'item', type: 'integer', required: true, description: 'The item\'s position in the message\'s eventData (0 first).', value: (r) => r.item },
    receivedAt(),
    stationTime('When the event happened (eventData.timestamp)')(),
    { name: 'event_id', type: 'integer', description: 'eventData.eventId.', value: (r) => r.eventId },
    { name: 'trigger', type: 'string', description: 'What raised it (EventTriggerEnumType): Alerting (a threshold monitor), Delta, Periodic (a sample).', value: (r) => r.trigger },
    { name: 'notification_type', type: 'string', description: 'eventNotificationType: HardWiredNotification, HardWiredMonitor, PreconfiguredMonitor, CustomMonitor.', value: (r) => r.notificationType },
    ...located<EventRow>(false),
    { name: 'actual_value', type: 'string', description: 'The variable\'s value as the station wrote it (text; a number for sensors), in the variable\'s own unit.', value: (r) => r.actualValue },
    { name: 'tech_code', type: 'string', description: 'The station\'s fault code (techCode), e.g. a ChargeX code (CX001 …).', value: (r) => r.techCode },
    { name: 'tech_info', type: 'string', description: 'The station\'s free text about the fault (techInfo).', value: (r) => r.techInfo },
    { name: 'cleared', type: 'boolean', description: 'true when the event says the problem is gone.', value: (r) => r.cleared },
    { name: 'monitor_id', type: 'integer', description: 'The monitor that raised it (variableMonitoringId); plan-outcomes.csv gives its type, value and severity.', value: (r) => r.monitorId },
  ],
};

export const SAMPLES: Table<SampleRow> = {
  name: 'samples',
  title: 'Samples',
  description: 'The numeric values of the periodic monitors (NotifyEvent items with trigger Periodic whose actual_value is a number), ordered by station, component, variable and time. No primary key: the same series can carry two samples stamped at the same time (a station that sends a queued message twice), and this file keeps what the station sent; events.csv identifies each one by journal, seq and item.',
  columns: [
    station(),
    ...located<SampleRow>(false),
    { name: 'at', type: 'datetime', required: true, description: 'When the value was measured: the station\'s timestamp, or the receive time when it gave none (UTC). A sample whose time is not ISO 8601 with a zone is left out of this file (events.csv keeps it).', value: (r) => r.at },
    { name: 'value', type: 'number', required: true, description: 'The value, in the variable\'s own unit (the station\'s VariableCharacteristics.unit; e.g. Celsius for Temperature).', value: (r) => r.value },
    { name: 'monitor_id', type: 'integer', description: 'The periodic monitor that sent it; plan-outcomes.csv gives its interval (value, in seconds).', value: (r) => r.monitorId },
  ],
};

export const STATUSES: Table<StatusRow> = {
  name: 'statuses',
  title: 'Connector statuses',
  description: 'Every StatusNotification of the period, and each port\'s last one before it (the state it was in when the period began).',
  primaryKey: ['journal', 'seq'],
  columns: [
    station(), journal(), seq(), receivedAt(),
    stationTime('When the status began (its timestamp)')(),
    { name: 'evse_id', type: 'integer', description: 'The EVSE.', value: (r) => r.evseId },
    { name: 'connector_id', type: 'integer', description: 'The connector of the EVSE: with evse_id, the port that NEVI counts.', value: (r) => r.connectorId },
    { name: 'status', type: 'string', description: 'connectorStatus: Available, Occupied, Reserved, Unavailable or Faulted (the last two count as an outage).', value: (r) => r.status },
  ],
};

export const ANNOTATIONS: Table<Annotation> = {
  name: 'annotations',
  title: 'Site notes',
  description: 'What technicians and operators wrote down (`annotate`) about the stations in scope, for the notes that touch the period. They have no journal: the store is their only record.',
  primaryKey: ['id'],
  columns: [
    { name: 'id', type: 'integer', description: 'The note\'s number in the store.', value: (r) => r.id },
    station(),
    { name: 'kind', type: 'string', required: true, enum: ANNOTATION_KINDS, description: 'site-visit, failure, repair, excluded (time that must not count against uptime: NEVI T_excluded), or note.', value: (r) => r.kind },
    { name: 'at', type: 'datetime', required: true, description: 'When it happened (UTC).', value: (r) => r.at },
    { name: 'until', type: 'datetime', description: 'When it ended (UTC), for notes that last (excluded time, an outage).', value: (r) => r.until },
    { name: 'text', type: 'string', description: 'What was written.', value: (r) => r.text },
    { name: 'author', type: 'string', description: 'Who wrote it, when given.', value: (r) => r.author },
    { name: 'recorded_at', type: 'datetime', required: true, description: 'When it was entered into the store (UTC).', value: (r) => r.recordedAt },
  ],
};

export const PLAN_OUTCOME_TABLE: Table<PlanOutcomeRow> = {
  name: 'plan-outcomes',
  title: 'Monitoring plan outcomes',
  description: 'What each station did with each item of the monitoring plan, every time `observe` applied and verified it (on every boot and reconnect): accepted, refused, lost, reapplied, drifted, ….',
  primaryKey: ['journal', 'seq'],
  columns: [
    station(), journal(), seq(),
    { name: 'at', type: 'datetime', required: true, description: 'When observe recorded the outcome (UTC).', value: (r) => r.at },
    { name: 'plan', type: 'string', required: true, description: 'The plan\'s source (guideline:<id>, or the plan file and the plan in it).', value: (r) => r.plan },
    { name: 'item', type: 'string', required: true, enum: ['monitor', 'setting'], description: 'monitor: a custom monitor of the plan; setting: a monitoring setting (ActiveMonitoringLevel, OfflineQueuingSeverity, QueueAllMessages).', value: (r) => r.item },
    ...located<PlanOutcomeRow>(true),
    { name: 'monitor_type', type: 'string', description: 'For monitors: UpperThreshold, LowerThreshold, Delta, Periodic or PeriodicClockAligned.', value: (r) => r.monitorType },
    { name: 'value', type: 'string', description: 'The monitor\'s value (a threshold or a delta in the variable\'s unit; for Periodic monitors the interval in seconds) or the setting\'s value.', value: (r) => r.value },
    { name: 'severity', type: 'integer', description: 'For monitors: the severity, 0 (Danger) to 9 (Debug).', value: (r) => r.severity },
    { name: 'monitor_id', type: 'integer', description: 'The id the station gave the monitor (events.csv and samples.csv name it).', value: (r) => r.monitorId },
    { name: 'outcome', type: 'string', required: true, enum: PLAN_OUTCOMES, description: 'accepted (set and found in the station\'s monitoring report), refused, error (no usable answer), missing (said Accepted, not in its report), unverified (no report to check), lost (gone after a reboot or reconnect), reapplied, drifted (changed by someone else).', value: (r) => r.outcome },
    { name: 'detail', type: 'string', description: 'In words: the station\'s status and reason, the error, what changed.', value: (r) => r.detail },
  ],
};
