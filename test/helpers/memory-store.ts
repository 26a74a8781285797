import type { JournalRecord } from '../../src/evidence/journal-record.js';
import { reportOf, sampleOf, type PeriodicReport } from '../../src/observe/store/rows.js';
import { seriesKey, seriesRows } from '../../src/observe/store/sample-query.js';
import { foldHours } from '../../src/observe/store/series-hours.js';
import type {
  Annotation,
  ConnectionRow,
  EventFilter,
  EventRow,
  IngestResult,
  MessageRow,
  NewAnnotation,
  ObservationStore,
  PeriodFilter,
  PlanOutcomeRow,
  SampleBucket,
  SampleRow,
  SeriesHour,
  SeriesKey,
  StationRow,
  StatusRow,
} from '../../src/observe/store/store.js';

/** What a MemoryStore holds: rows as the store contract returns them. */
export interface MemoryStoreRows {
  stations?: StationRow[];
  connections?: ConnectionRow[];
  messages?: MessageRow[];
  events?: EventRow[];
  statuses?: StatusRow[];
  annotations?: Annotation[];
  planOutcomes?: PlanOutcomeRow[];
  /**
   * The samples, or a source of them (a generator of millions, for streaming tests). Without
   * them, the samples are the numeric periodic reports among `events`, by the ingest's own rule
   * (rows.ts sampleOf), as an engine would have stored them.
   */
  samples?: SampleRow[] | (() => AsyncIterable<SampleRow>);
}

/** Rows for a report's tests: every table given (the samples come from the events). */
export type MemoryRows = Required<Omit<MemoryStoreRows, 'samples'>>;

/**
 * The store contract (src/observe/store/store.ts) answered from rows in memory, for unit and
 * browser tests of what reads a store (the report, the open data): the contract's filters
 * (station, from inclusive, to exclusive) and orders, buckets aligned to the epoch, no database.
 * It does not index journals. The real engines pass the same contract in test/integration/store.
 */
export class MemoryStore implements ObservationStore {
  readonly description = 'memory';
  /** Every filter the store was asked, in order (a test can see what a reader read). */
  readonly asked: Array<{ method: string; filter: unknown }> = [];
  readonly #rows: MemoryStoreRows;

  constructor(rows: MemoryStoreRows) {
    this.#rows = rows;
  }

  migrate(): Promise<void> {
    return Promise.resolve();
  }

  ingest(_journal: string, _records: readonly JournalRecord[]): Promise<IngestResult> {
    return Promise.reject(new Error('MemoryStore holds rows; it does not index journals'));
  }

  lastSeq(journal: string): Promise<number> {
    const seqs = [...(this.#rows.connections ?? []), ...(this.#rows.messages ?? [])].filter((r) => r.journal === journal).map((r) => r.seq);
    return Promise.resolve(Math.max(0, ...seqs));
  }

  annotate(annotation: NewAnnotation): Promise<number> {
    const list = (this.#rows.annotations ??= []);
    const id = Math.max(0, ...list.map((a) => a.id)) + 1;
    list.push({ ...annotation, id, recordedAt: new Date().toISOString() });
    return Promise.resolve(id);
  }

  annotations(filter: PeriodFilter = {}): Promise<Annotation[]> {
    this.#ask('annotations', filter);
    return Promise.resolve(select(this.#rows.annotations, (a) => a.at, filter).sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id));
  }

  stations(): Promise<StationRow[]> {
    return Promise.resolve([...(this.#rows.stations ?? [])].sort((a, b) => a.identity.localeCompare(b.identity)));
  }

  connections(filter: PeriodFilter = {}): Promise<ConnectionRow[]> {
    this.#ask('connections', filter);
    return Promise.resolve(inOrder(select(this.#rows.connections, (c) => c.at, filter), (c) => c.at));
  }

  events(filter: EventFilter = {}): Promise<EventRow[]> {
    this.#ask('events', filter);
    const rows = select(this.#rows.events, (e) => e.receivedAt, filter).filter((e) => filter.periodic === undefined || (e.trigger === 'Periodic') === filter.periodic);
    return Promise.resolve(inOrder(rows, (e) => e.receivedAt));
  }

  statuses(filter: PeriodFilter = {}): Promise<StatusRow[]> {
    this.#ask('statuses', filter);
    return Promise.resolve(inOrder(select(this.#rows.statuses, (s) => s.receivedAt, filter), (s) => s.receivedAt));
  }

  messages(filter: PeriodFilter & { actions?: string[] } = {}): Promise<MessageRow[]> {
    this.#ask('messages', filter);
    const rows = select(this.#rows.messages, (m) => m.receivedAt, filter).filter((m) => filter.actions === undefined || filter.actions.includes(m.action));
    return Promise.resolve(inOrder(rows, (m) => m.receivedAt));
  }

  planOutcomes(filter: PeriodFilter = {}): Promise<PlanOutcomeRow[]> {
    this.#ask('planOutcomes', filter);
    return Promise.resolve(inOrder(select(this.#rows.planOutcomes, (p) => p.at, filter), (p) => p.at));
  }

  async *samples(filter: PeriodFilter = {}): AsyncIterable<SampleRow> {
    const source = this.#rows.samples;
    if (typeof source === 'function') {
      for await (const sample of source()) if (matches(sample.station, sample.at, filter)) yield sample;
      return;
    }
    const sorted = select(source ?? this.#eventSamples(), (s) => s.at, filter).sort((a, b) => seriesOrder(a, b) || a.at.localeCompare(b.at));
    for (const sample of sorted) yield await Promise.resolve(sample);
  }

  async sampleBuckets(filter: PeriodFilter & { bucketMs: number }): Promise<SampleBucket[]> {
    this.#ask('sampleBuckets', filter);
    const buckets = new Map<string, SampleBucket & { sum: number }>();
    for await (const sample of this.samples(filter)) {
      const at = Date.parse(sample.at);
      const from = new Date(at - (((at % filter.bucketMs) + filter.bucketMs) % filter.bucketMs)).toISOString();
      const { at: _at, value, monitorId: _monitorId, ...series } = sample;
      const key = JSON.stringify([series, from]);
      const bucket = buckets.get(key) ?? { ...series, from, min: value, max: value, mean: 0, count: 0, sum: 0 };
      bucket.min = Math.min(bucket.min, value);
      bucket.max = Math.max(bucket.max, value);
      bucket.count += 1;
      bucket.sum += value;
      bucket.mean = bucket.sum / bucket.count;
      buckets.set(key, bucket);
    }
    return [...buckets.values()].map(({ sum: _sum, ...bucket }) => bucket);
  }

  /** The hourly series folded from every report of the period, as the contract defines them (the engines read most of them from their table). */
  async seriesHours(filter: PeriodFilter = {}): Promise<SeriesHour[]> {
    this.#ask('seriesHours', filter);
    const reports: Array<Omit<PeriodicReport, 'journal' | 'seq' | 'item'>> = [];
    if (this.#rows.samples === undefined) {
      for (const event of this.#rows.events ?? []) {
        const report = reportOf(event);
        if (report !== undefined && matches(report.station, new Date(report.atMs).toISOString(), filter)) reports.push(report);
      }
    } else {
      // Samples given as they are: reports of numbers without a lag (no receive time to compare).
      for await (const { at, ...sample } of this.samples(filter)) reports.push({ ...sample, atMs: Date.parse(at) });
    }
    const series = new Map(reports.map((r) => [seriesKey(r), r]));
    return foldHours(reports, seriesKey)
      .map(({ key, hourMs, figures }) => ({ series: series.get(key)!, hourMs, figures }))
      .sort((a, b) => seriesOrder(a.series, b.series) || a.hourMs - b.hourMs)
      .map(({ series: { station, component, componentInstance, evseId, connectorId, variable, variableInstance }, hourMs, figures }) =>
        seriesRows({ station, component, variable, ...defined({ componentInstance, evseId, connectorId, variableInstance }) }).hour(hourMs, figures),
      );
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** The numeric periodic reports among the events, as an ingest stores them (without their journal position). */
  #eventSamples(): SampleRow[] {
    return (this.#rows.events ?? []).flatMap((event) => {
      const sample = sampleOf(event);
      if (sample === undefined) return [];
      const { journal: _journal, seq: _seq, item: _item, ...row } = sample;
      return [row];
    });
  }

  #ask(method: string, filter: unknown): void {
    this.asked.push({ method, filter });
  }
}

/** As the engines filter: times compared as text against the bounds in the stored form (ISO with milliseconds). */
function matches(station: string, time: string, filter: PeriodFilter): boolean {
  const bound = (value: string): string => new Date(value).toISOString();
  return (filter.stations === undefined || filter.stations.includes(station)) && (filter.from === undefined || time >= bound(filter.from)) && (filter.to === undefined || time < bound(filter.to));
}

function select<Row extends { station: string }>(rows: readonly Row[] | undefined, time: (row: Row) => string, filter: PeriodFilter): Row[] {
  return (rows ?? []).filter((row) => matches(row.station, time(row), filter));
}

/** Time order, then journal and seq (and item), as the engines order. */
function inOrder<Row extends { journal: string; seq: number }>(rows: Row[], time: (row: Row) => string): Row[] {
  const item = (row: Row): number => ('item' in row && typeof row.item === 'number' ? row.item : 0);
  return rows.sort((a, b) => compareText(time(a), time(b)) || compareText(a.journal, b.journal) || a.seq - b.seq || item(a) - item(b));
}

/** The engines' series order (sample-query.ts SERIES_ORDER): text bytewise, an absent instance, EVSE or connector first. */
function seriesOrder(a: SeriesKey, b: SeriesKey): number {
  const absentFirst = <T extends string | number>(x: T | undefined, y: T | undefined): number =>
    x === y ? 0 : x === undefined ? -1 : y === undefined ? 1 : typeof x === 'number' ? x - (y as number) : compareText(x, y as string);
  return (
    compareText(a.station, b.station) ||
    compareText(a.component, b.component) ||
    absentFirst(a.componentInstance, b.componentInstance) ||
    absentFirst(a.evseId, b.evseId) ||
    absentFirst(a.connectorId, b.connectorId) ||
    compareText(a.variable, b.variable) ||
    absentFirst(a.variableInstance, b.variableInstance)
  );
}

/** Bytewise for the ASCII the tests use, as the engines compare text (BINARY, COLLATE "C"). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The fields that are there (a series key without undefined ones). */
function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
