import type { JournalRecord } from '../../src/evidence/journal-record.js';
import type {
  Annotation,
  ConnectionRow,
  EventRow,
  IngestResult,
  MessageRow,
  NewAnnotation,
  ObservationStore,
  PeriodFilter,
  PlanOutcomeRow,
  SampleBucket,
  SampleRow,
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
  /** The samples, or a source of them (a generator of millions, for streaming tests). */
  samples?: SampleRow[] | (() => AsyncIterable<SampleRow>);
}

/**
 * An ObservationStore over rows in memory, for unit tests of what reads a store (the open data,
 * the report): the contract's filters and orders, no database. It does not index journals.
 */
export class MemoryStore implements ObservationStore {
  readonly description = 'memory';
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
    return Promise.resolve(select(this.#rows.annotations, (a) => a.at, filter).sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id));
  }

  stations(): Promise<StationRow[]> {
    return Promise.resolve([...(this.#rows.stations ?? [])].sort((a, b) => a.identity.localeCompare(b.identity)));
  }

  connections(filter: PeriodFilter = {}): Promise<ConnectionRow[]> {
    return Promise.resolve(inOrder(select(this.#rows.connections, (c) => c.at, filter), (c) => c.at));
  }

  events(filter: PeriodFilter = {}): Promise<EventRow[]> {
    return Promise.resolve(inOrder(select(this.#rows.events, (e) => e.receivedAt, filter), (e) => e.receivedAt));
  }

  statuses(filter: PeriodFilter = {}): Promise<StatusRow[]> {
    return Promise.resolve(inOrder(select(this.#rows.statuses, (s) => s.receivedAt, filter), (s) => s.receivedAt));
  }

  messages(filter: PeriodFilter & { actions?: string[] } = {}): Promise<MessageRow[]> {
    const rows = select(this.#rows.messages, (m) => m.receivedAt, filter).filter((m) => filter.actions === undefined || filter.actions.includes(m.action));
    return Promise.resolve(inOrder(rows, (m) => m.receivedAt));
  }

  planOutcomes(filter: PeriodFilter = {}): Promise<PlanOutcomeRow[]> {
    return Promise.resolve(inOrder(select(this.#rows.planOutcomes, (p) => p.at, filter), (p) => p.at));
  }

  async *samples(filter: PeriodFilter = {}): AsyncIterable<SampleRow> {
    const source = this.#rows.samples ?? [];
    if (typeof source === 'function') {
      for await (const sample of source()) if (matches(sample.station, sample.at, filter)) yield sample;
      return;
    }
    const sorted = select(source, (s) => s.at, filter).sort((a, b) => seriesOrder(a, b) || a.at.localeCompare(b.at));
    for (const sample of sorted) yield await Promise.resolve(sample);
  }

  async sampleBuckets(filter: PeriodFilter & { bucketMs: number }): Promise<SampleBucket[]> {
    const buckets = new Map<string, SampleBucket & { sum: number }>();
    for await (const sample of this.samples(filter)) {
      const from = new Date(Math.floor(Date.parse(sample.at) / filter.bucketMs) * filter.bucketMs).toISOString();
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

  close(): Promise<void> {
    return Promise.resolve();
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
  return rows.sort((a, b) => time(a).localeCompare(time(b)) || a.journal.localeCompare(b.journal) || a.seq - b.seq || item(a) - item(b));
}

function seriesOrder(a: SeriesKey, b: SeriesKey): number {
  return a.station.localeCompare(b.station) || a.component.localeCompare(b.component) || a.variable.localeCompare(b.variable);
}
