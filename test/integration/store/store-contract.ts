/**
 * The pilot store's contract (issue 16), for every engine: `storeContract('sqlite', open)` in
 * each engine's test file. `open` gives a fresh, empty store each time. The real journal comes
 * from a real audit of the virtual station (once per process, shared by the engines).
 */
import { expect } from 'chai';
import { auditStation } from '../../../src/audit/audit-station.js';
import { readJournalRecords } from '../../../src/evidence/journal-files.js';
import type { JournalRecord } from '../../../src/evidence/journal-record.js';
import { sampleOf, storeRows } from '../../../src/observe/store/rows.js';
import type { ObservationStore, PeriodFilter, SampleRow } from '../../../src/observe/store/store.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { loadStationProfile } from '../../../src/simulator/station-profile.js';
import { testAuditOptions } from '../../helpers/audit-fixture.js';
import { startCsms, stopCsms } from '../../helpers/csms-fixture.js';
import { startStation } from '../../helpers/virtual-station-fixture.js';
import { MemoryStore } from '../../helpers/memory-store.js';
import { ACCEPTED_MONITOR, at, connection, frame as record, item, notifyEvent, observedJournal, REFUSED_SETTING } from './pilot-records.js';

const REAL_IDENTITY = 'STORE-REAL-1';
const REAL_JOURNAL = `${REAL_IDENTITY}/trace.jsonl`;
let realJournal: Promise<JournalRecord[]> | undefined;

/** The journal of a real audit (inventory and a threshold monitor that fires and clears), made once. */
export function auditedJournal(): Promise<JournalRecord[]> {
  realJournal ??= (async () => {
    const csms = await startCsms();
    try {
      const { station, session } = await startStation(csms, REAL_IDENTITY, { profile: loadStationProfile('ac-wallbox') });
      try {
        const outcome = await auditStation(session, loadTestCases(['inventory-full', 'events-threshold']), testAuditOptions());
        return readJournalRecords(outcome.files.journal);
      } finally {
        await station.stop();
      }
    } finally {
      await stopCsms(csms);
    }
  })();
  return realJournal;
}

const boot = (firmwareVersion: string): Record<string, unknown> => ({ reason: 'PowerUp', chargingStation: { vendorName: 'Vend', model: 'Mod', serialNumber: 'SN-9', firmwareVersion } });
const temperature = (value: string): Record<string, unknown> => ({
  generatedAt: at(0), seqNo: 0,
  eventData: [{ eventId: 1, timestamp: at(0), trigger: 'Periodic', actualValue: value, eventNotificationType: 'CustomMonitor', component: { name: 'ChargingStation' }, variable: { name: 'Temperature' }, variableMonitoringId: 3 }],
});

export async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

/** Everything a store returns, for comparing two states of it. */
export async function dump(store: ObservationStore): Promise<unknown> {
  return {
    stations: await store.stations(), connections: await store.connections(), messages: await store.messages(), events: await store.events(), statuses: await store.statuses(),
    annotations: await store.annotations(), planOutcomes: await store.planOutcomes(), samples: await collect(store.samples()), seriesHours: await store.seriesHours(),
  };
}

/** What an engine's test gives the contract besides a fresh store. */
export interface ContractEngine {
  /** A fresh, empty store (not migrated). */
  open: () => Promise<ObservationStore>;
  /**
   * Puts a migrated store's database back to schema version 1, as the version-1 code would have
   * left it after the same ingests: the version-2 tables (plan_outcomes, sample_series, samples) dropped and
   * their version row deleted (the version-1 tables are written by the same code in both).
   */
  toVersion1: (store: ObservationStore) => Promise<void>;
  /**
   * Puts a migrated store's database back to schema version 2, as the version-2 code would have
   * left it: the samples of numbers only, without their lag, no hourly series, no version-3 indexes.
   */
  toVersion2: (store: ObservationStore) => Promise<void>;
}

/** A sample as the contract returns it, from its journal-positioned row. */
const sampleRow = ({ journal: _j, seq: _s, item: _i, ...sample }: SampleRow & { journal: string; seq: number; item: number }): SampleRow => sample;

export function storeContract(name: string, engine: ContractEngine): void {
  const open = engine.open;
  describe(`observation store contract: ${name}`, function () {
    this.timeout(120_000);
    let store: ObservationStore | undefined;
    const opened = async (): Promise<ObservationStore> => {
      store = await open();
      await store.migrate();
      return store;
    };
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });

    it('migrates twice without harm, and starts empty', async () => {
      const s = await opened();
      await s.migrate();
      expect(await s.lastSeq(REAL_JOURNAL)).to.equal(0);
      expect(await dump(s)).to.deep.equal({ stations: [], connections: [], messages: [], events: [], statuses: [], annotations: [], planOutcomes: [], samples: [], seriesHours: [] });
      expect(await s.sampleBuckets({ bucketMs: 60_000 })).to.deep.equal([]);
    });

    it('indexes the journal of a real audit: what storeRows makes of it, and a second ingest changes nothing', async () => {
      const records = await auditedJournal();
      const expected = storeRows(REAL_JOURNAL, records);
      expect(expected.events.length, 'the audit provoked NotifyEvents').to.be.greaterThan(0);
      expect(expected.statuses.length, 'the station reported its connectors').to.be.greaterThan(0);
      const s = await opened();

      const first = await s.ingest(REAL_JOURNAL, records);
      expect(first.added).to.be.greaterThan(0);
      expect(first.skipped).to.equal(0);
      expect(await s.messages()).to.deep.equal(expected.messages);
      expect(await s.connections()).to.deep.equal(expected.connections);
      expect(await s.events()).to.deep.equal(expected.events);
      expect(await s.statuses()).to.deep.equal(expected.statuses);
      expect(await s.planOutcomes()).to.deep.equal(expected.planOutcomes);
      expect(await collect(s.samples())).to.deep.equal(expected.events.flatMap((e) => sampleOf(e) ?? []).map(sampleRow));
      expect(await s.lastSeq(REAL_JOURNAL)).to.equal(records.at(-1)?.seq);
      const [station, ...others] = await s.stations();
      expect(others).to.deep.equal([]);
      expect(station).to.deep.include({ identity: REAL_IDENTITY, firstSeen: expected.messages[0]?.receivedAt, lastSeen: expected.messages.at(-1)?.receivedAt });
      expect(station?.vendor).to.be.a('string');
      expect(station?.model).to.be.a('string');

      const before = await dump(s);
      const second = await s.ingest(REAL_JOURNAL, records);
      expect(second).to.deep.equal({ added: 0, skipped: first.added });
      expect(await dump(s)).to.deep.equal(before);
      expect(await s.lastSeq(REAL_JOURNAL)).to.equal(records.at(-1)?.seq);
    });

    it('resumes a journal: an ingest of its first part, then of all of it, indexes each record once', async () => {
      const records = await auditedJournal();
      const s = await opened();
      const half = records.slice(0, Math.floor(records.length / 2));
      const firstPart = await s.ingest(REAL_JOURNAL, half);
      expect(await s.lastSeq(REAL_JOURNAL)).to.equal(half.at(-1)?.seq);
      const rest = await s.ingest(REAL_JOURNAL, records);
      expect(rest.skipped).to.equal(firstPart.added);
      expect(await s.messages()).to.deep.equal(storeRows(REAL_JOURNAL, records).messages);
      // An older part ingested again never lowers where the journal resumes.
      await s.ingest(REAL_JOURNAL, half);
      expect(await s.lastSeq(REAL_JOURNAL)).to.equal(records.at(-1)?.seq);
      expect(await s.lastSeq('OTHER/trace.jsonl')).to.equal(0);
    });

    it('keeps each station\'s newest boot and its seen span, whatever order the journals come in', async () => {
      const s = await opened();
      const later = [record(1, 'CS-A', at(10), 'BootNotification', boot('2.0')), record(2, 'CS-A', at(20), 'Heartbeat', {})];
      const earlier = [record(1, 'CS-A', at(1), 'BootNotification', boot('1.0')), record(2, 'CS-A', at(2), 'StatusNotification', { timestamp: at(2), connectorStatus: 'Available', evseId: 1, connectorId: 1 })];
      await s.ingest('CS-A/day2/trace.jsonl', later);
      await s.ingest('CS-A/day1/trace.jsonl', earlier);
      await s.ingest('CS-B/trace.jsonl', [record(1, 'CS-B', at(5), 'Heartbeat', {})]);
      expect(await s.stations()).to.deep.equal([
        { identity: 'CS-A', vendor: 'Vend', model: 'Mod', serialNumber: 'SN-9', firmwareVersion: '2.0', firstSeen: at(1), lastSeen: at(20) },
        { identity: 'CS-B', firstSeen: at(5), lastSeen: at(5) },
      ]);
      // A newer boot with another firmware replaces the fields.
      await s.ingest('CS-A/day3/trace.jsonl', [record(1, 'CS-A', at(30), 'BootNotification', boot('3.0'))]);
      expect((await s.stations())[0]).to.deep.include({ firmwareVersion: '3.0', firstSeen: at(1), lastSeen: at(30) });
    });

    it('filters by station and period: from inclusive, to exclusive, in time order', async () => {
      const s = await opened();
      await s.ingest('CS-A/trace.jsonl', [1, 2, 3].map((minute) => record(minute, 'CS-A', at(minute), 'NotifyEvent', temperature(`${minute}0`))));
      await s.ingest('CS-B/trace.jsonl', [
        record(1, 'CS-B', at(2), 'NotifyEvent', temperature('99')),
        record(2, 'CS-B', at(2, 30), 'StatusNotification', { timestamp: at(2, 30), connectorStatus: 'Faulted', evseId: 1, connectorId: 1 }),
      ]);
      const values = (rows: Array<{ actualValue?: string }>): Array<string | undefined> => rows.map((r) => r.actualValue);
      expect(values(await s.events())).to.deep.equal(['10', '20', '99', '30']);
      expect(values(await s.events({ from: at(2), to: at(3) }))).to.deep.equal(['20', '99']);
      expect(values(await s.events({ stations: ['CS-A'], from: at(2) }))).to.deep.equal(['20', '30']);
      // A bound written without milliseconds is the same instant.
      expect(values(await s.events({ to: '2026-06-01T00:02:00Z' }))).to.deep.equal(['10']);
      expect(await s.events({ stations: [] })).to.deep.equal([]);
      // Without the periodic reports: the alerts, deltas and items without a trigger; or only them.
      await s.ingest('CS-C/trace.jsonl', [
        notifyEvent(1, 'CS-C', at(4), [item('1', 'Temperature'), item('2', 'Temperature', { trigger: 'Alerting' }), item('3', 'Temperature', { trigger: 'Delta' }), { ...item('4', 'Temperature'), trigger: undefined }]),
        notifyEvent(2, 'CS-C', at(5), [item('5', 'Temperature', { trigger: 'periodic' }), item('6', 'Temperature')]),
      ]);
      expect(values(await s.events({ stations: ['CS-C'], periodic: false }))).to.deep.equal(['2', '3', '4', '5']);
      expect(values(await s.events({ from: at(2), to: at(5), periodic: false }))).to.deep.equal(['2', '3', '4']);
      expect(values(await s.events({ stations: ['CS-A', 'CS-C'], from: at(3), periodic: true }))).to.deep.equal(['30', '1', '6']);
      expect(values(await s.events({ stations: ['CS-C'] }))).to.deep.equal(['1', '2', '3', '4', '5', '6']);
      expect((await s.statuses({ stations: ['CS-B'], from: at(2, 30), to: at(2, 31) })).map((r) => r.status)).to.deep.equal(['Faulted']);
      expect(await s.statuses({ to: at(2, 30) })).to.deep.equal([]);
      expect((await s.messages({ actions: ['StatusNotification'] })).map((m) => `${m.station} ${m.seq}`)).to.deep.equal(['CS-B 2']);
      expect((await s.messages({ stations: ['CS-A'], actions: ['NotifyEvent', 'Heartbeat'], to: at(3) })).map((m) => m.seq)).to.deep.equal([1, 2]);
      expect(JSON.parse((await s.messages({ stations: ['CS-B'], to: at(2, 1) }))[0]?.payload ?? 'null')).to.deep.equal(temperature('99'));
    });

    it('keeps annotations with an id of their own and when they were written, filtered like the rest', async () => {
      const s = await opened();
      const writtenFrom = new Date().toISOString();
      const failure = await s.annotate({ station: 'CS-A', at: at(40), kind: 'failure', text: 'converter tripped, fan seized', author: 'tech 7' });
      const excluded = await s.annotate({ station: 'CS-A', at: at(10), until: at(50), kind: 'excluded', text: 'grid works' });
      const note = await s.annotate({ station: 'CS-B', at: at(45), kind: 'note', text: 'ok' });
      expect(new Set([failure, excluded, note]).size).to.equal(3);
      const all = await s.annotations();
      expect(all.map((a) => a.id)).to.deep.equal([excluded, failure, note]);
      const { recordedAt, ...rest } = all[1] ?? { recordedAt: '' };
      expect(rest).to.deep.equal({ id: failure, station: 'CS-A', at: at(40), kind: 'failure', text: 'converter tripped, fan seized', author: 'tech 7' });
      expect(recordedAt >= writtenFrom && recordedAt <= new Date().toISOString(), recordedAt).to.equal(true);
      expect(all[0]).to.deep.include({ until: at(50) }).and.not.have.property('author');
      expect((await s.annotations({ stations: ['CS-A'], from: at(40) })).map((a) => a.id)).to.deep.equal([failure]);
      expect((await s.annotations({ from: at(10), to: at(45) })).map((a) => a.id)).to.deep.equal([excluded, failure]);
      // Annotations are the store's own: an ingest leaves them as they are.
      await s.ingest('CS-A/trace.jsonl', [record(1, 'CS-A', at(1), 'Heartbeat', {})]);
      expect(await s.annotations()).to.deep.equal(all);
    });

    it('indexes the plan outcomes observe journalled: in time order, filtered by station and time; a record that does not name its variable stays a connection row only', async () => {
      const s = await opened();
      await s.ingest('CS-A/trace.jsonl', observedJournal('CS-A'));
      await s.ingest('CS-B/trace.jsonl', [
        connection(1, 'CS-B', at(0, 5), 'plan-outcome', { ...REFUSED_SETTING, componentInstance: 'main', evseId: 2, connectorId: 1, variableInstance: 'x', monitorId: 7 }),
        // A Delta monitor the station dropped; its value a number, not text (read loosely).
        connection(2, 'CS-B', at(0, 20), 'plan-outcome', { plan: 'plans.json#/plans/0', component: 'Connector', variable: 'Temperature', monitorType: 'Delta', value: 5, outcome: 'lost' }),
        connection(3, 'CS-B', at(0, 21), 'plan-outcome', { ...ACCEPTED_MONITOR, outcome: 'fine' }),
      ]);
      const outcomes = await s.planOutcomes();
      expect(outcomes).to.deep.equal([
        { station: 'CS-B', journal: 'CS-B/trace.jsonl', seq: 1, at: at(0, 5), ...REFUSED_SETTING, componentInstance: 'main', evseId: 2, connectorId: 1, variableInstance: 'x', monitorId: 7 },
        { station: 'CS-A', journal: 'CS-A/trace.jsonl', seq: 3, at: at(0, 10), ...ACCEPTED_MONITOR },
        { station: 'CS-A', journal: 'CS-A/trace.jsonl', seq: 4, at: at(0, 11), ...REFUSED_SETTING },
        { station: 'CS-B', journal: 'CS-B/trace.jsonl', seq: 2, at: at(0, 20), plan: 'plans.json#/plans/0', item: 'monitor', component: 'Connector', variable: 'Temperature', monitorType: 'Delta', value: '5', outcome: 'lost' },
      ]);
      // Every plan-outcome record is a connection row, the ones without a component or a known outcome too.
      expect((await s.connections()).filter((c) => c.event === 'plan-outcome').map((c) => `${c.station} ${c.seq}`)).to.deep.equal(['CS-B 1', 'CS-A 3', 'CS-A 4', 'CS-A 5', 'CS-B 2', 'CS-B 3']);
      expect((await s.planOutcomes({ stations: ['CS-A'] })).map((o) => o.seq)).to.deep.equal([3, 4]);
      expect((await s.planOutcomes({ from: at(0, 10), to: at(0, 20) })).map((o) => `${o.station} ${o.seq}`)).to.deep.equal(['CS-A 3', 'CS-A 4']);
      expect(await s.planOutcomes({ stations: [] })).to.deep.equal([]);

      const before = await dump(s);
      expect(await s.ingest('CS-A/trace.jsonl', observedJournal('CS-A'))).to.deep.equal({ added: 0, skipped: 8 });
      expect(await dump(s)).to.deep.equal(before);
    });

    it('streams the numeric periodic samples in series then time order: station time (else receive time), text and non-periodic values left out, filtered on that time', async () => {
      const s = await opened();
      await s.ingest('CS-A/trace.jsonl', observedJournal('CS-A'));
      await s.ingest('CS-B/trace.jsonl', [
        notifyEvent(1, 'CS-B', at(1, 1), [
          item('1200', 'Speed', { component: 'Fan', componentInstance: 'Rear', timestamp: at(1) }),
          item('-4.25e1', 'Temperature', { component: 'ChargingStation', variableInstance: 'Outside', timestamp: at(1), monitorId: 3 }),
          // The same variable without an instance: a series of its own, before the one with an instance (absent first, on both engines).
          item('39', 'Temperature', { component: 'ChargingStation', timestamp: at(1) }),
          item('Infinity', 'Temperature', { component: 'ChargingStation', timestamp: at(1) }),
          item('0x10', 'Temperature', { component: 'ChargingStation', timestamp: at(1) }),
        ]),
        notifyEvent(2, 'CS-B', at(0, 30), [item('41', 'Temperature', { component: 'ChargingStation', variableInstance: 'Outside', timestamp: 'not a time' })]),
      ]);
      const converter = { component: 'PowerConverter', evseId: 1, variable: 'Temperature' };
      const all = await collect(s.samples());
      expect(all).to.deep.equal([
        { station: 'CS-A', ...converter, at: at(1), value: 21.5, monitorId: 12 },
        { station: 'CS-A', ...converter, at: at(2), value: 22.5, monitorId: 12 },
        { station: 'CS-A', ...converter, at: at(3, 7), value: 23, monitorId: 12 },
        { station: 'CS-A', ...converter, evseId: 2, at: at(2), value: 30 },
        { station: 'CS-B', component: 'ChargingStation', variable: 'Temperature', at: at(1), value: 39 },
        { station: 'CS-B', component: 'ChargingStation', variable: 'Temperature', variableInstance: 'Outside', at: at(0, 30), value: 41 },
        { station: 'CS-B', component: 'ChargingStation', variable: 'Temperature', variableInstance: 'Outside', at: at(1), value: -42.5, monitorId: 3 },
        { station: 'CS-B', component: 'Fan', componentInstance: 'Rear', variable: 'Speed', at: at(1), value: 1200 },
      ]);
      const values = async (filter: Parameters<ObservationStore['samples']>[0]): Promise<number[]> => (await collect(s.samples(filter))).map((r) => r.value);
      // On the sample's time: 22.5 was received at 2:05 but measured at 2:00; 23 has only its receive time, 3:07.
      expect(await values({ from: at(2), to: at(3, 7) })).to.deep.equal([22.5, 30]);
      expect(await values({ from: '2026-06-01T00:03:07Z' })).to.deep.equal([23]);
      expect(await values({ stations: ['CS-B'], to: at(1) })).to.deep.equal([41]);
      expect(await values({ stations: ['CS-B'], from: at(1) })).to.deep.equal([39, -42.5, 1200]);
      expect(await values({ stations: [] })).to.deep.equal([]);
      // Stopping early ends the stream (and frees what it held): the store goes on answering.
      for await (const first of s.samples()) {
        expect(first.value).to.equal(21.5);
        break;
      }
      expect(await values({ stations: ['CS-A'] })).to.deep.equal([21.5, 22.5, 23, 30]);
      // A stream open while the store ingests and answers (a CSV written with backpressure beside a running observe): it reads one snapshot.
      const stream = s.samples({ stations: ['CS-A'] })[Symbol.asyncIterator]();
      expect((await stream.next()).value).to.deep.include({ value: 21.5 });
      // A sample of a series the stream has not reached yet.
      await s.ingest('CS-A/trace-2.jsonl', [notifyEvent(1, 'CS-A', at(9), [item('99', 'Temperature', { evse: { id: 2 }, timestamp: at(5) })])]);
      expect(await s.sampleBuckets({ bucketMs: 3_600_000, stations: ['CS-A'] })).to.deep.include({ station: 'CS-A', ...converter, evseId: 2, from: at(0), min: 30, max: 99, mean: 64.5, count: 2 });
      const rest: number[] = [];
      for (let next = await stream.next(); next.done !== true; next = await stream.next()) rest.push(next.value.value);
      expect(rest).to.deep.equal([22.5, 23, 30]);
      expect(await values({ stations: ['CS-A'] })).to.deep.equal([21.5, 22.5, 23, 30, 99]);
    });

    it('folds the samples into buckets aligned to the Unix epoch: min, max, mean and count per series, a sample on a boundary in the bucket it starts', async () => {
      const s = await opened();
      const t = (iso: string): string => new Date(iso).toISOString();
      await s.ingest('CS-A/trace.jsonl', [
        notifyEvent(1, 'CS-A', t('2026-06-01T00:10:00Z'), [
          item('10', 'Temperature', { timestamp: '2026-06-01T00:00:00Z' }),
          item('20', 'Temperature', { timestamp: '2026-06-01T00:00:30Z' }),
          item('33', 'Temperature', { timestamp: '2026-06-01T00:00:59.999Z' }),
          item('40', 'Temperature', { timestamp: '2026-06-01T00:01:00.000Z' }),
          item('5', 'Temperature', { timestamp: '2026-06-01T00:02:30Z' }),
          item('7', 'Temperature', { evse: { id: 2 }, timestamp: '2026-06-01T00:00:10Z' }),
          // A station whose clock was never set: before 1970, in the minute that starts at 23:59 (not the one after).
          item('1', 'Temperature', { evse: { id: 3 }, timestamp: '1969-12-31T23:59:30Z' }),
        ]),
      ]);
      await s.ingest('CS-B/trace.jsonl', [notifyEvent(1, 'CS-B', t('2026-06-01T00:10:00Z'), [item('100', 'Temperature', { timestamp: '2026-06-01T00:00:00Z' })])]);
      const series = { component: 'PowerConverter', variable: 'Temperature' };
      expect(await s.sampleBuckets({ bucketMs: 60_000 })).to.deep.equal([
        { station: 'CS-A', ...series, evseId: 1, from: t('2026-06-01T00:00:00Z'), min: 10, max: 33, mean: 21, count: 3 },
        { station: 'CS-A', ...series, evseId: 1, from: t('2026-06-01T00:01:00Z'), min: 40, max: 40, mean: 40, count: 1 },
        { station: 'CS-A', ...series, evseId: 1, from: t('2026-06-01T00:02:00Z'), min: 5, max: 5, mean: 5, count: 1 },
        { station: 'CS-A', ...series, evseId: 2, from: t('2026-06-01T00:00:00Z'), min: 7, max: 7, mean: 7, count: 1 },
        { station: 'CS-A', ...series, evseId: 3, from: t('1969-12-31T23:59:00Z'), min: 1, max: 1, mean: 1, count: 1 },
        { station: 'CS-B', ...series, evseId: 1, from: t('2026-06-01T00:00:00Z'), min: 100, max: 100, mean: 100, count: 1 },
      ]);
      // A week: the epoch was a Thursday, so the week of Monday 1 June 2026 starts on Thursday 28 May.
      expect(await s.sampleBuckets({ bucketMs: 7 * 86_400_000, stations: ['CS-A'], from: '2026-01-01T00:00:00Z' })).to.deep.equal([
        { station: 'CS-A', ...series, evseId: 1, from: t('2026-05-28T00:00:00Z'), min: 5, max: 40, mean: 21.6, count: 5 },
        { station: 'CS-A', ...series, evseId: 2, from: t('2026-05-28T00:00:00Z'), min: 7, max: 7, mean: 7, count: 1 },
      ]);
      // The period cuts samples, not buckets: from inclusive, to exclusive, on the sample's time.
      expect(await s.sampleBuckets({ bucketMs: 60_000, stations: ['CS-A'], from: '2026-06-01T00:00:30Z', to: '2026-06-01T00:01:00Z' })).to.deep.equal([
        { station: 'CS-A', ...series, evseId: 1, from: t('2026-06-01T00:00:00Z'), min: 20, max: 33, mean: 26.5, count: 2 },
      ]);
      expect(await s.sampleBuckets({ bucketMs: 60_000, stations: [] })).to.deep.equal([]);
      for (const bucketMs of [0, -60_000, 1.5, Number.NaN]) {
        let error: unknown;
        try {
          await s.sampleBuckets({ bucketMs });
        } catch (caught) {
          error = caught;
        }
        expect(error, String(bucketMs)).to.be.instanceOf(RangeError);
      }
    });

    it('keeps the hourly series of the periodic reports: per series and hour, the reports (text ones too), the samples\' sum and extremes, first and last time, how late; a period cuts hours exactly', async () => {
      const s = await opened();
      const journal = [
        notifyEvent(1, 'CS-H', at(0, 5), [item('10', 'Temperature', { timestamp: at(0) }), item('n/a', 'Temperature', { timestamp: at(0) })]),
        notifyEvent(2, 'CS-H', at(30, 5), [item('20', 'Temperature', { timestamp: at(30) })]),
        // 25 minutes late (queued); and a sample without a timestamp: at its receive time, in the next hour, without a lag.
        notifyEvent(3, 'CS-H', at(75), [item('30', 'Temperature', { timestamp: at(50) }), item('5', 'Temperature', { timestamp: null })]),
        notifyEvent(4, 'CS-H', at(90, 1), [item('40', 'Temperature', { timestamp: at(90) }), item('7', 'Speed', { component: 'Fan', timestamp: at(90) })]),
      ];
      // In two overlapping parts: what is already there is not counted again.
      await s.ingest('CS-H/trace.jsonl', journal.slice(0, 3));
      await s.ingest('CS-H/trace.jsonl', journal);
      const converter = { station: 'CS-H', component: 'PowerConverter', evseId: 1, variable: 'Temperature' };
      const ms = (minute: number, second = 0): number => Date.parse(at(minute, second));
      const fan = { station: 'CS-H', component: 'Fan', variable: 'Speed', fromMs: ms(60), reports: 1, samples: 1, sum: 7, min: 7, max: 7, firstMs: ms(90), lastMs: ms(90), stamped: 1, late: 0, minLagMs: 1000, maxLagMs: 1000 };
      const hour0 = { ...converter, fromMs: ms(0), reports: 4, samples: 3, sum: 60, min: 10, max: 30, firstMs: ms(0), lastMs: ms(50), stamped: 4, late: 1, minLagMs: 5000, maxLagMs: 1_500_000 };
      const hour1 = { ...converter, fromMs: ms(60), reports: 2, samples: 2, sum: 45, min: 5, max: 40, firstMs: ms(75), lastMs: ms(90), stamped: 1, late: 0, minLagMs: 1000, maxLagMs: 1000 };
      expect(await s.seriesHours()).to.deep.equal([fan, hour0, hour1]);
      expect(await s.seriesHours({ from: at(60) })).to.deep.equal([fan, hour1]);
      // Cut at 0:20 and 1:20: the parts of the two hours within the period.
      expect(await s.seriesHours({ from: at(20), to: at(80) })).to.deep.equal([
        { ...converter, fromMs: ms(0), reports: 2, samples: 2, sum: 50, min: 20, max: 30, firstMs: ms(30), lastMs: ms(50), stamped: 2, late: 1, minLagMs: 5000, maxLagMs: 1_500_000 },
        { ...converter, fromMs: ms(60), reports: 1, samples: 1, sum: 5, min: 5, max: 5, firstMs: ms(75), lastMs: ms(75), stamped: 0, late: 0 },
      ]);
      expect(await s.seriesHours({ stations: ['CS-X'] })).to.deep.equal([]);
      // An hour of text reports only: counted, no sum or extremes; and no bucket of samples.
      await s.ingest('CS-H/trace-2.jsonl', [notifyEvent(1, 'CS-H', at(130), [item('off', 'Temperature', { timestamp: at(125) })])]);
      expect(await s.seriesHours({ from: at(120) })).to.deep.equal([{ ...converter, fromMs: ms(120), reports: 1, samples: 0, sum: 0, firstMs: ms(125), lastMs: ms(125), stamped: 1, late: 1, minLagMs: 300_000, maxLagMs: 300_000 }]);

      // Whatever the period, the hours are the fold of its reports, and buckets of whole hours those of its samples (the in-memory reference folds every report).
      const reference = new MemoryStore({ events: await s.events() });
      const periods: PeriodFilter[] = [{}, { to: at(20) }, { from: at(20), to: at(80) }, { from: at(60), to: at(61) }, { from: at(59, 59) }, { from: at(0), to: at(120) }, { stations: ['CS-H'], from: at(1), to: at(1) }];
      for (const period of periods) {
        expect(await s.seriesHours(period), JSON.stringify(period)).to.deep.equal(await reference.seriesHours(period));
        for (const bucketMs of [3_600_000, 7_200_000, 1_800_000]) {
          expect(await s.sampleBuckets({ ...period, bucketMs }), `${JSON.stringify(period)} ${bucketMs}`).to.deep.equal(await reference.sampleBuckets({ ...period, bucketMs }));
        }
      }
      expect(await s.sampleBuckets({ from: at(20), to: at(80), bucketMs: 7_200_000 })).to.deep.equal([{ ...converter, from: at(0), min: 5, max: 30, mean: 55 / 3, count: 3 }]);
    });

    it('upgrades a version-2 store in place: the periodic reports (text ones too) made again from the events, with their lag and their hours', async () => {
      const fresh = await opened();
      await fresh.ingest('CS-A/trace.jsonl', observedJournal('CS-A'));
      await fresh.annotate({ station: 'CS-A', at: at(3, 30), kind: 'failure', text: 'converter tripped' });
      const expected = await dump(fresh);
      expect((expected as { seriesHours: Array<{ reports: number }> }).seriesHours.map((h) => h.reports)).to.deep.equal([1, 1, 4, 1]);
      await engine.toVersion2(fresh);

      await fresh.migrate();
      expect(await dump(fresh)).to.deep.equal(expected);
      expect(await fresh.ingest('CS-A/trace.jsonl', observedJournal('CS-A'))).to.deep.equal({ added: 0, skipped: 8 });
      expect(await dump(fresh)).to.deep.equal(expected);
    });

    it('upgrades a version-1 store in place: the samples derived from the events it holds; the plan outcomes, whose details version 1 did not keep, come back with a rebuild', async () => {
      const fresh = await opened();
      await fresh.ingest('CS-A/trace.jsonl', observedJournal('CS-A'));
      await fresh.annotate({ station: 'CS-A', at: at(3, 30), kind: 'failure', text: 'converter tripped' });
      const expected = await dump(fresh);
      expect((expected as { samples: unknown[] }).samples).to.have.length(4);
      await engine.toVersion1(fresh);

      await fresh.migrate();
      const upgraded = await dump(fresh);
      expect(upgraded).to.deep.equal({ ...(expected as object), planOutcomes: [] });
      expect(await fresh.sampleBuckets({ bucketMs: 60_000 })).to.have.length(4);
      // `store rebuild`: the journal ingested again adds the rows the new tables lack, and nothing else.
      expect(await fresh.ingest('CS-A/trace.jsonl', observedJournal('CS-A'))).to.deep.equal({ added: 0, skipped: 8 });
      expect(await dump(fresh)).to.deep.equal(expected);
    });
  });
}
