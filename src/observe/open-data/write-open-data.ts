import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { asRecord, asString } from '../../evidence/payload-read.js';
import { ToolError } from '../../errors.js';
import { availability } from '../report/availability.js';
import type { EventRow, MessageRow, ObservationStore, PeriodFilter, SampleRow } from '../store/store.js';
import { AVAILABILITY, availabilitySlots } from './availability-slots.js';
import { utcTime, writeCsv } from './csv.js';
import { dataPackage } from './datapackage.js';
import { cellsOf, type Table } from './table.js';
import { ANNOTATIONS, BOOTS, type BootRow, CONNECTIONS, EVENTS, PLAN_OUTCOME_TABLE, SAMPLES, STATIONS, STATUSES } from './tables.js';

/** The report's scope: a period (ISO times, from inclusive, to exclusive) and, optionally, the stations. */
export interface OpenDataScope {
  from: string;
  to: string;
  stations?: string[];
}

/** One written file. */
export interface OpenDataFile {
  /** The resource name in datapackage.json (`events`). */
  name: string;
  title: string;
  /** Relative to the open-data directory, as datapackage.json gives it (`data/events.csv`). */
  path: string;
  /** Rows after the header. */
  rows: number;
  bytes: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Writes the open data behind the evidence report into `dir`: a CSV per table under `data/` and
 * `datapackage.json` (a Frictionless Tabular Data Package describing every field and how each
 * figure is made from the files). The big tables are never in memory whole: samples stream from
 * the store with backpressure, events are read one station-day at a time. Returns the files and
 * the full path of datapackage.json.
 */
export async function writeOpenData(store: ObservationStore, scope: OpenDataScope, dir: string): Promise<{ files: OpenDataFile[]; datapackage: string }> {
  const period = checkedPeriod(scope);
  const within: PeriodFilter = scope.stations !== undefined ? { stations: scope.stations } : {};
  const inPeriod: PeriodFilter = { ...within, ...period };
  const before: PeriodFilter = { ...within, to: period.from };
  await mkdir(join(dir, 'data'), { recursive: true });

  const stations = (await store.stations()).filter((s) => (scope.stations === undefined || scope.stations.includes(s.identity)) && Date.parse(s.firstSeen) < Date.parse(period.to));
  const bootMessages = { actions: ['BootNotification'] };
  const boots = [...lastPer(await store.messages({ ...before, ...bootMessages }), (m) => m.station), ...(await store.messages({ ...inPeriod, ...bootMessages }))].map(bootRow);
  // The last open or close, and each port's last status, before the period: the state at its start.
  const connections = [
    ...lastPer((await store.connections(before)).filter((c) => c.event === 'open' || c.event === 'close'), (c) => c.station),
    ...(await store.connections(inPeriod)).filter((c) => c.event !== 'plan-outcome'),
  ];
  const statuses = [...lastPer(await store.statuses(before), (s) => `${s.station}\u0000${s.evseId}\u0000${s.connectorId}`), ...(await store.statuses(inPeriod))];
  const annotations = (await store.annotations({ ...within, to: period.to })).filter((a) => Date.parse(a.until ?? a.at) >= Date.parse(period.from));
  const planOutcomes = await store.planOutcomes(inPeriod);
  const ports = availability(period, statuses, connections, annotations);

  const journals = new Set<string>();
  const noted = <Row extends { journal: string }>(rows: Iterable<Row>): Iterable<Row> => {
    for (const row of rows) journals.add(row.journal);
    return rows;
  };
  const written: Array<{ table: Table<never>; path: string; rows: number; bytes: number; sha256: string }> = [];
  const write = async <Row>(table: Table<Row>, rows: Iterable<Row> | AsyncIterable<Row>): Promise<void> => {
    const path = `data/${table.name}.csv`;
    const result = await writeCsv(join(dir, path), table.columns.map((c) => c.name), mapRows(rows, (row) => cellsOf(table, row)));
    written.push({ table, path, ...result });
  };
  await write(STATIONS, stations);
  await write(BOOTS, noted(boots));
  await write(CONNECTIONS, noted(connections));
  await write(EVENTS, eventsByStationDay(store, stations.map((s) => s.identity), period, (row) => journals.add(row.journal)));
  await write(SAMPLES, timedSamples(store.samples(inPeriod)));
  await write(STATUSES, noted(statuses));
  await write(ANNOTATIONS, annotations);
  await write(PLAN_OUTCOME_TABLE, noted(planOutcomes));
  await write(AVAILABILITY, availabilitySlots(period, ports, statuses, annotations));

  const descriptor = dataPackage({
    period,
    ...(scope.stations !== undefined ? { stations: scope.stations } : {}),
    journals: [...journals].sort(),
    resources: written,
    created: new Date().toISOString(),
  });
  const datapackage = join(dir, 'datapackage.json');
  await writeFile(datapackage, `${JSON.stringify(descriptor, null, 2)}\n`);
  return { files: written.map(({ table, path, rows, bytes }) => ({ name: table.name, title: table.title, path, rows, bytes })), datapackage };
}

function checkedPeriod(scope: OpenDataScope): { from: string; to: string } {
  const from = utcTime(scope.from);
  const to = utcTime(scope.to);
  if (from === undefined || to === undefined) throw new ToolError('ERR_INVALID_OPTION', `the period ${scope.from} to ${scope.to} needs ISO 8601 times with a zone (e.g. 2026-12-01T00:00:00Z)`);
  if (from >= to) throw new ToolError('ERR_INVALID_OPTION', `the period's end ${scope.to} is not after its start ${scope.from}`);
  return { from, to };
}

/** Each key's last row (rows come in time order). */
function lastPer<Row>(rows: readonly Row[], key: (row: Row) => string): Row[] {
  const last = new Map<string, Row>();
  for (const row of rows) last.set(key(row), row);
  return [...last.values()];
}

function bootRow(message: MessageRow): BootRow {
  let payload: Record<string, unknown> = {};
  try {
    payload = asRecord(JSON.parse(message.payload)) ?? {};
  } catch {
    // The store keeps what the station sent; a payload it could not read gives an empty boot row.
  }
  const cs = asRecord(payload['chargingStation']) ?? {};
  return {
    station: message.station,
    journal: message.journal,
    seq: message.seq,
    receivedAt: message.receivedAt,
    reason: asString(payload['reason']),
    vendor: asString(cs['vendorName']),
    model: asString(cs['model']),
    serialNumber: asString(cs['serialNumber']),
    firmwareVersion: asString(cs['firmwareVersion']),
  };
}

/** The events of the period, one station and one UTC day at a time (a day of one station is what is in memory). */
async function* eventsByStationDay(store: ObservationStore, stations: readonly string[], period: { from: string; to: string }, seen: (row: EventRow) => void): AsyncGenerator<EventRow> {
  const end = Date.parse(period.to);
  for (const station of stations) {
    for (let from = Date.parse(period.from); from < end; ) {
      const to = Math.min(end, (Math.floor(from / DAY_MS) + 1) * DAY_MS);
      for (const row of await store.events({ stations: [station], from: new Date(from).toISOString(), to: new Date(to).toISOString() })) {
        seen(row);
        yield row;
      }
      from = to;
    }
  }
}

/** Samples with a time that can be placed on a time axis (the others stay in events.csv). */
async function* timedSamples(samples: AsyncIterable<SampleRow>): AsyncGenerator<SampleRow> {
  for await (const sample of samples) if (utcTime(sample.at) !== undefined) yield sample;
}

async function* mapRows<Row, Out>(rows: Iterable<Row> | AsyncIterable<Row>, map: (row: Row) => Out): AsyncGenerator<Out> {
  for await (const row of rows) yield map(row);
}
