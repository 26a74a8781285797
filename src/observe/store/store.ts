import type { JournalRecord } from '../../evidence/journal-record.js';
import type { PlanOutcomeDetails } from '../plan/plan-outcome.js';
import type { VariableAddress } from '../variable-address.js';

/**
 * The pilot's store (issue 16): an index of the journals, never the evidence itself. Everything
 * in it can be rebuilt from the journals (`ingest` the same records again and nothing changes),
 * so it holds only what the observation and the evidence report query: stations, connections,
 * the diagnostic messages (flattened where a report counts them), and the site notes, which
 * have no journal and are the store's own.
 *
 * One contract, two engines: SQLite (one file, `<out>/pilot.sqlite`, WAL) for one machine, and
 * PostgreSQL (`postgres://…`) for several observe processes writing into one database. Both pass
 * the same contract tests (test/integration/store/*). Times are ISO 8601 UTC strings with
 * milliseconds, as the journal writes them, so they sort as text on both engines.
 */
export interface ObservationStore {
  /** Which engine, for messages ("sqlite /path/pilot.sqlite", "postgres host/db"). */
  readonly description: string;
  /** Creates or upgrades the tables; safe to call on every start. */
  migrate(): Promise<void>;
  /**
   * Indexes journal records of one station's journal file (`journal` names it, relative to the
   * output directory, e.g. `CS-1~0a1b…/trace.jsonl`). Idempotent: a record already indexed
   * (same journal and seq) is skipped, so a journal can be ingested twice, or after a restart
   * from its start, without changing anything.
   */
  ingest(journal: string, records: readonly JournalRecord[]): Promise<IngestResult>;
  /** The highest seq indexed from a journal file (0 when none): where a restarted tail resumes. */
  lastSeq(journal: string): Promise<number>;
  /** A site observation (the `annotate` command); returns its id. */
  annotate(annotation: NewAnnotation): Promise<number>;
  annotations(filter?: PeriodFilter): Promise<Annotation[]>;
  stations(): Promise<StationRow[]>;
  connections(filter?: PeriodFilter): Promise<ConnectionRow[]>;
  /**
   * The flattened NotifyEvent items, in receive order. `periodic: false` leaves out the periodic
   * reports (trigger Periodic: a month of a fleet's sampled values, which samples(), sampleBuckets()
   * and the hourly series read far quicker) and keeps the alerts, deltas and hard-wired
   * notifications, an item without a trigger too; `periodic: true` keeps only the periodic ones.
   */
  events(filter?: EventFilter): Promise<EventRow[]>;
  statuses(filter?: PeriodFilter): Promise<StatusRow[]>;
  /** Every indexed station CALL of the kinds the store keeps (NotifyEvent, StatusNotification, …), payload as JSON text. */
  messages(filter?: PeriodFilter & { actions?: string[] }): Promise<MessageRow[]>;
  /** The plan outcomes `observe` journalled (`plan-outcome` records), in time order; filtered by `at`. */
  planOutcomes(filter?: PeriodFilter): Promise<PlanOutcomeRow[]>;
  /**
   * Every numeric sample of the periodic monitors (NotifyEvent items with trigger Periodic whose
   * actualValue is a number), ordered by series (station, component, its instance, EVSE and
   * connector, variable, its instance; absent ones first), then time: one series' samples come
   * together. Streamed: a pilot's month is millions of them (the open data's samples.csv); the
   * stream reads one snapshot, and the store can ingest and answer while it is open. Filtered by `at`.
   */
  samples(filter?: PeriodFilter): AsyncIterable<SampleRow>;
  /**
   * The same samples folded per series into buckets of `bucketMs` (aligned to the Unix epoch):
   * min, max, mean and count, computed by the database (the report's charts: min/max envelopes
   * of a month without reading every sample into memory). Filtered by `at`.
   */
  sampleBuckets(filter: PeriodFilter & { bucketMs: number }): Promise<SampleBucket[]>;
  /**
   * Every periodic report (a number or not) folded per series and hour of its time (aligned to
   * the epoch), in the samples' series order, then hour: how many, the numbers' sum and extremes,
   * the first and last time, how late they came. What the report's completeness reads of a month
   * instead of its millions of samples: the engines keep these hours up to date as they ingest.
   * Filtered by the reports' time like samples(): an hour the period cuts holds only the reports
   * within the period, so the hours of a period are exactly the fold of its reports.
   */
  seriesHours(filter?: PeriodFilter): Promise<SeriesHour[]>;
  close(): Promise<void>;
}

/** The station CALLs the store indexes (everything else stays in the journal only). */
export const STORED_ACTIONS: readonly string[] = ['BootNotification', 'NotifyEvent', 'StatusNotification', 'TransactionEvent', 'MeterValues', 'Heartbeat', 'NotifyMonitoringReport', 'NotifyReport'];

export interface IngestResult {
  /** Records newly indexed. */
  added: number;
  /** Records already there (a second ingest of the same journal). */
  skipped: number;
}

/** Which stations and which time span (inclusive from, exclusive to; ISO strings). */
export interface PeriodFilter {
  stations?: string[];
  from?: string;
  to?: string;
}

/** Events of a period, with or without the periodic reports (absent: all of them). */
export interface EventFilter extends PeriodFilter {
  periodic?: boolean;
}

export type AnnotationKind = 'site-visit' | 'failure' | 'repair' | 'excluded' | 'note';
export const ANNOTATION_KINDS: readonly AnnotationKind[] = ['site-visit', 'failure', 'repair', 'excluded', 'note'];

export interface NewAnnotation {
  station: string;
  /** When it happened (ISO). */
  at: string;
  /** For `excluded` (time that must not count against uptime, NEVI T_excluded) and outages: when it ended. */
  until?: string;
  kind: AnnotationKind;
  text: string;
  /** Who wrote it (a technician's log line, the operator). */
  author?: string;
}

export interface Annotation extends NewAnnotation {
  id: number;
  /** When it was written into the store (ISO). */
  recordedAt: string;
}

export interface StationRow {
  identity: string;
  vendor?: string;
  model?: string;
  serialNumber?: string;
  firmwareVersion?: string;
  firstSeen: string;
  lastSeen: string;
}

export interface ConnectionRow {
  station: string;
  journal: string;
  seq: number;
  at: string;
  /** The journal's connection event (open, close, rejected, …). */
  event: string;
  connection?: number;
  code?: number;
  reason?: string;
}

/** One eventData item of a NotifyEvent, flattened. */
export interface EventRow extends VariableAddress {
  station: string;
  journal: string;
  seq: number;
  /** Position of the item in the message's eventData. */
  item: number;
  /** When it came (our clock). */
  receivedAt: string;
  /** The station's timestamp of the event. */
  timestamp?: string;
  eventId?: number;
  trigger?: string;
  notificationType?: string;
  actualValue?: string;
  techCode?: string;
  techInfo?: string;
  cleared?: boolean;
  monitorId?: number;
}

export interface StatusRow {
  station: string;
  journal: string;
  seq: number;
  receivedAt: string;
  timestamp?: string;
  evseId?: number;
  connectorId?: number;
  status: string;
}

export interface MessageRow {
  station: string;
  journal: string;
  seq: number;
  receivedAt: string;
  action: string;
  /** The CALL's payload, as JSON text. */
  payload: string;
}

/** One plan outcome (a `plan-outcome` journal record, see plan/plan-outcome.ts). */
export interface PlanOutcomeRow extends PlanOutcomeDetails {
  station: string;
  journal: string;
  seq: number;
  /** When observe recorded it (our clock). */
  at: string;
}

/** One identified series: a variable of a component (its instance and EVSE/connector). */
export interface SeriesKey extends VariableAddress {
  station: string;
}

/** One sample of a periodic monitor. */
export interface SampleRow extends SeriesKey {
  /** The station's timestamp of the sample (its receive time when it gave none): when the value was measured. */
  at: string;
  value: number;
  monitorId?: number;
}

/** Samples of one series within one bucket. */
export interface SampleBucket extends SeriesKey {
  /** The bucket's start (ISO). */
  from: string;
  min: number;
  max: number;
  mean: number;
  count: number;
}

/** A periodic report counts as late when it arrives more than this after the station stamped it (ms). */
export const LATE_AFTER_MS = 60_000;

/**
 * The periodic reports of one series within one hour of their time (or the part of it in a
 * period). Its times are epoch milliseconds, not ISO text: a month of a fleet is 720,000 of these,
 * and what reads them does arithmetic on the times.
 */
export interface SeriesHour extends SeriesKey {
  /** The hour's start. */
  fromMs: number;
  /** Periodic reports in it, whatever their value. */
  reports: number;
  /** Of them, the samples (a number for a value), their sum, lowest and highest (absent without samples). */
  samples: number;
  sum: number;
  min?: number;
  max?: number;
  /** The time of its first and last report. */
  firstMs: number;
  lastMs: number;
  /** Reports the station stamped; of them, those that came more than LATE_AFTER_MS late; the smallest and largest received − stamped (ms; absent when none is stamped). */
  stamped: number;
  late: number;
  minLagMs?: number;
  maxLagMs?: number;
}
