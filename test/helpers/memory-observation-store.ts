import type { Annotation, ConnectionRow, EventRow, IngestResult, MessageRow, NewAnnotation, ObservationStore, PeriodFilter, PlanOutcomeRow, SampleBucket, SampleRow, StationRow, StatusRow } from '../../src/observe/store/store.js';

/** The rows an in-memory store answers from. */
export interface MemoryRows {
  stations: StationRow[];
  connections: ConnectionRow[];
  events: EventRow[];
  statuses: StatusRow[];
  messages: MessageRow[];
  annotations: Annotation[];
  planOutcomes: PlanOutcomeRow[];
}

/**
 * The store contract (src/observe/store/store.ts) answered from rows in memory, for the report's
 * unit and browser tests: filters and orders as the contract says (station, from inclusive, to
 * exclusive), samples are the Periodic numeric events, buckets fold them by the epoch. The real
 * engines pass the same contract in test/integration/store.
 */
export class MemoryObservationStore implements ObservationStore {
  readonly description = 'memory';
  /** Every filter the store was asked, in order (a test can see what the report read). */
  readonly asked: Array<{ method: string; filter: unknown }> = [];

  constructor(private readonly rows: MemoryRows) {}

  migrate(): Promise<void> {
    return Promise.resolve();
  }
  ingest(): Promise<IngestResult> {
    return Promise.reject(new Error('the memory store is read-only'));
  }
  lastSeq(): Promise<number> {
    return Promise.resolve(0);
  }
  annotate(annotation: NewAnnotation): Promise<number> {
    const id = this.rows.annotations.length + 1;
    this.rows.annotations.push({ ...annotation, id, recordedAt: new Date().toISOString() });
    return Promise.resolve(id);
  }
  annotations(filter: PeriodFilter = {}): Promise<Annotation[]> {
    return this.#answer('annotations', filter, this.rows.annotations, (a) => a.at);
  }
  stations(): Promise<StationRow[]> {
    return Promise.resolve([...this.rows.stations].sort((a, b) => a.identity.localeCompare(b.identity)));
  }
  connections(filter: PeriodFilter = {}): Promise<ConnectionRow[]> {
    return this.#answer('connections', filter, this.rows.connections, (c) => c.at);
  }
  events(filter: PeriodFilter = {}): Promise<EventRow[]> {
    return this.#answer('events', filter, this.rows.events, (e) => e.receivedAt);
  }
  statuses(filter: PeriodFilter = {}): Promise<StatusRow[]> {
    return this.#answer('statuses', filter, this.rows.statuses, (s) => s.receivedAt);
  }
  messages(filter: PeriodFilter & { actions?: string[] } = {}): Promise<MessageRow[]> {
    return this.#answer('messages', filter, this.rows.messages.filter((m) => filter.actions === undefined || filter.actions.includes(m.action)), (m) => m.receivedAt);
  }
  planOutcomes(filter: PeriodFilter = {}): Promise<PlanOutcomeRow[]> {
    return this.#answer('planOutcomes', filter, this.rows.planOutcomes, (o) => o.at);
  }
  async *samples(filter: PeriodFilter = {}): AsyncIterable<SampleRow> {
    for (const sample of this.#samples(filter)) yield await Promise.resolve(sample);
  }
  sampleBuckets(filter: PeriodFilter & { bucketMs: number }): Promise<SampleBucket[]> {
    this.asked.push({ method: 'sampleBuckets', filter });
    const buckets = new Map<string, SampleBucket & { sum: number }>();
    for (const sample of this.#samples(filter)) {
      const at = Date.parse(sample.at);
      const start = at - (((at % filter.bucketMs) + filter.bucketMs) % filter.bucketMs);
      const { at: _at, value, monitorId: _monitorId, ...key } = sample;
      const id = `${JSON.stringify(key)}${start}`;
      const bucket = buckets.get(id) ?? { ...key, from: new Date(start).toISOString(), min: value, max: value, mean: 0, count: 0, sum: 0 };
      bucket.min = Math.min(bucket.min, value);
      bucket.max = Math.max(bucket.max, value);
      bucket.count += 1;
      bucket.sum += value;
      bucket.mean = bucket.sum / bucket.count;
      buckets.set(id, bucket);
    }
    return Promise.resolve([...buckets.values()].map(({ sum: _sum, ...bucket }) => bucket));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }

  #samples(filter: PeriodFilter): SampleRow[] {
    const samples: SampleRow[] = [];
    for (const e of this.rows.events) {
      if (e.trigger !== 'Periodic' || e.actualValue === undefined || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(e.actualValue.trim())) continue;
      const at = new Date(Date.parse(e.timestamp ?? e.receivedAt)).toISOString();
      if (!matches(filter, e.station, at)) continue;
      samples.push({
        station: e.station,
        component: e.component,
        ...(e.componentInstance !== undefined ? { componentInstance: e.componentInstance } : {}),
        ...(e.evseId !== undefined ? { evseId: e.evseId } : {}),
        ...(e.connectorId !== undefined ? { connectorId: e.connectorId } : {}),
        variable: e.variable,
        ...(e.variableInstance !== undefined ? { variableInstance: e.variableInstance } : {}),
        at,
        value: Number(e.actualValue),
        ...(e.monitorId !== undefined ? { monitorId: e.monitorId } : {}),
      });
    }
    return samples.sort((a, b) => `${a.station}${a.component}${a.variable}`.localeCompare(`${b.station}${b.component}${b.variable}`) || a.at.localeCompare(b.at));
  }

  #answer<T extends { station: string }>(method: string, filter: PeriodFilter, rows: readonly T[], time: (row: T) => string): Promise<T[]> {
    this.asked.push({ method, filter });
    return Promise.resolve(rows.filter((row) => matches(filter, row.station, time(row))).sort((a, b) => time(a).localeCompare(time(b))));
  }
}

function matches(filter: PeriodFilter, station: string, at: string): boolean {
  if (filter.stations !== undefined && !filter.stations.includes(station)) return false;
  if (filter.from !== undefined && at < new Date(filter.from).toISOString()) return false;
  if (filter.to !== undefined && at >= new Date(filter.to).toISOString()) return false;
  return true;
}
