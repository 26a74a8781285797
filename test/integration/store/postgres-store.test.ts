/**
 * Issue 16, the store on PostgreSQL: several observe processes write into one database. Run
 * against a real server (a throwaway cluster of the Debian package, test/helpers/postgres-cluster)
 * with the journals of real audits of the virtual station, never a mock.
 */
import { expect } from 'chai';
import { basename, dirname } from 'node:path';
import pg from 'pg';
import { framePayload, type FrameRecord, type JournalRecord } from '../../../src/evidence/journal-record.js';
import { readJournalRecords } from '../../../src/evidence/journal-files.js';
import { asArray, asRecord } from '../../../src/evidence/payload-read.js';
import { openPostgresStore } from '../../../src/observe/store/postgres-store.js';
import type { ObservationStore } from '../../../src/observe/store/store.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { useAuditBed } from '../../helpers/audit-fixture.js';
import { usePostgresCluster } from '../../helpers/postgres-cluster.js';
import { item, notifyEvent, observedJournal } from './pilot-records.js';
import { collect, storeContract } from './store-contract.js';

interface Journal {
  name: string;
  records: JournalRecord[];
}

/** The station's CALLs of one action in a journal. */
function calls(journal: Journal, action: string): FrameRecord[] {
  return journal.records.filter((r): r is FrameRecord => r.record === 'frame' && r.direction === 'cp-to-csms' && r.messageType === 'CALL' && r.action === action);
}

async function tableCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const table of ['journals', 'stations', 'connections', 'messages', 'events', 'statuses', 'annotations', 'plan_outcomes', 'samples', 'schema_version']) {
      const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      counts[table] = Number(result.rows[0]?.n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

/** The database put back to schema version 1 (see ContractEngine.toVersion1). */
async function toVersion1(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE samples, series_hours, sample_series, plan_outcomes; DROP INDEX messages_action_station_received, events_station_received_not_periodic;
      DELETE FROM schema_version WHERE version >= 2`);
  } finally {
    await client.end();
  }
}

/** The database put back to schema version 2 (see ContractEngine.toVersion2). */
async function toVersion2(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE samples_v2 (series_id integer NOT NULL, at_ms bigint NOT NULL, journal text COLLATE "C" NOT NULL, seq bigint NOT NULL, item integer NOT NULL,
        value double precision NOT NULL, monitor_id bigint, PRIMARY KEY (series_id, at_ms, journal, seq, item) INCLUDE (value, monitor_id));
      INSERT INTO samples_v2 SELECT series_id, at_ms, journal, seq, item, value, monitor_id FROM samples WHERE value IS NOT NULL;
      DROP TABLE samples; ALTER TABLE samples_v2 RENAME TO samples; DELETE FROM sample_series WHERE id NOT IN (SELECT series_id FROM samples);
      DROP TABLE series_hours; DROP INDEX messages_action_station_received, events_station_received_not_periodic; DELETE FROM schema_version WHERE version = 3`);
  } finally {
    await client.end();
  }
}

describe('pilot store on PostgreSQL (issue 16)', function () {
  this.timeout(120_000);
  const cluster = usePostgresCluster();
  const audit = useAuditBed();
  const journals: Journal[] = [];
  const stores: ObservationStore[] = [];
  const open = async (url = cluster().url): Promise<ObservationStore> => {
    const store = await openPostgresStore(url);
    stores.push(store);
    return store;
  };

  before(async function () {
    this.timeout(120_000);
    // Two real stations' journals: boots, status notifications, and a threshold monitor that fires (NotifyEvent).
    for (const identity of ['CS-PG-1', 'CS-PG-2']) {
      const outcome = await audit(identity, loadTestCases(['inventory-full', 'monitoring-preflight', 'events-threshold']));
      journals.push({ name: `${basename(dirname(outcome.files.journal))}/trace.jsonl`, records: readJournalRecords(outcome.files.journal) });
    }
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  // The contract every engine keeps, each test on a fresh database of the cluster.
  let databases = 0;
  const urls = new Map<ObservationStore, string>();
  storeContract('postgres', {
    open: async () => {
      const url = await cluster().createDatabase(`contract_${++databases}`);
      const store = await openPostgresStore(url);
      urls.set(store, url);
      return store;
    },
    toVersion1: (store) => {
      const url = urls.get(store);
      if (url === undefined) throw new Error('not a store of this test file');
      return toVersion1(url);
    },
    toVersion2: (store) => {
      const url = urls.get(store);
      if (url === undefined) throw new Error('not a store of this test file');
      return toVersion2(url);
    },
  });

  it('streams more samples than a page holds, derives as many in pages when it upgrades a version-1 store, and a stream stopped early gives its connection back', async () => {
    const url = await cluster().createDatabase('many_samples');
    const store = await open(url);
    await store.migrate();
    // 25,000 samples (two and a half pages): 250 NotifyEvents of 100 items, one a second, alternately EVSE 1 and EVSE 2.
    const start = Date.UTC(2026, 5, 1);
    const time = (ms: number): string => new Date(start + ms).toISOString();
    const records = Array.from({ length: 250 }, (_v, m) =>
      notifyEvent(m + 1, 'CS-MANY', time((m + 1) * 100_000), Array.from({ length: 100 }, (_w, i) => item(String(m * 100 + i), 'Temperature', { evse: { id: 1 + (i % 2) }, timestamp: time((m * 100 + i) * 1000) }))),
    );
    await store.ingest('CS-MANY/trace.jsonl', records);
    const evens = Array.from({ length: 12_500 }, (_v, k) => 2 * k);
    const streamed = async (): Promise<Array<[number | undefined, number]>> => (await collect(store.samples())).map((r) => [r.evseId, r.value]);
    const expected = [...evens.map((n): [number, number] => [1, n]), ...evens.map((n): [number, number] => [2, n + 1])];
    expect(await streamed()).to.deep.equal(expected);
    const buckets = await store.sampleBuckets({ bucketMs: 10_000 });
    expect(buckets).to.have.length(5_000);
    expect(buckets[1]).to.deep.include({ evseId: 1, from: time(10_000), min: 10, max: 18, mean: 14, count: 5 });

    // More early stops than the pool has connections (4): each gave its own back, or the next would wait for ever.
    for (let i = 0; i < 6; i++) {
      for await (const first of store.samples()) {
        expect(first.value).to.equal(0);
        break;
      }
    }
    await toVersion1(url);
    await store.migrate();
    expect(await streamed()).to.deep.equal(expected);
    expect((await tableCounts(url))['samples']).to.equal(25_000);
  });

  it('migrates an empty database, and migrating again changes nothing', async () => {
    const url = await cluster().createDatabase('migrate_twice');
    const store = await open(url);
    expect(store.description).to.match(/^postgres 127\.0\.0\.1:\d+\/migrate_twice$/);
    await store.migrate();
    await store.migrate();
    expect(await tableCounts(url)).to.deep.equal({ journals: 0, stations: 0, connections: 0, messages: 0, events: 0, statuses: 0, annotations: 0, plan_outcomes: 0, samples: 0, schema_version: 3 });
  });

  it('indexes a real journal: stations, connections, messages, every NotifyEvent item and StatusNotification; lastSeq is where a tail resumes', async () => {
    const store = await open(await cluster().createDatabase('ingest'));
    await store.migrate();
    const journal = journals[0];
    const notifyEvents = calls(journal, 'NotifyEvent');
    const eventItems = notifyEvents.reduce((sum, r) => sum + asArray(asRecord(framePayload(r))?.['eventData']).length, 0);
    const statusNotifications = calls(journal, 'StatusNotification');
    const boot = calls(journal, 'BootNotification');
    expect(eventItems, 'the audit made the station send events').to.be.greaterThan(0);
    expect(statusNotifications, 'the station reported its connectors').to.not.be.empty;
    expect(boot).to.have.length(1);

    const connectionEvents = journal.records.filter((r) => r.record === 'connection');
    const stored = journal.records.filter((r) => r.record === 'frame' && r.direction === 'cp-to-csms' && r.messageType === 'CALL' && ['BootNotification', 'NotifyEvent', 'StatusNotification', 'Heartbeat', 'NotifyReport', 'NotifyMonitoringReport', 'MeterValues', 'TransactionEvent'].includes(r.action ?? ''));
    expect(await store.ingest(journal.name, journal.records)).to.deep.equal({ added: connectionEvents.length + stored.length, skipped: 0 });
    expect(await store.lastSeq(journal.name)).to.equal(Math.max(...journal.records.map((r) => r.seq)));
    expect(await store.lastSeq('CS-NONE/trace.jsonl')).to.equal(0);

    const chargingStation = asRecord(asRecord(framePayload(boot[0]))?.['chargingStation'])!;
    const [station, ...others] = await store.stations();
    expect(others).to.be.empty;
    expect(station).to.deep.include({ identity: 'CS-PG-1', vendor: chargingStation['vendorName'], model: chargingStation['model'] });
    expect(station.firstSeen <= station.lastSeen).to.equal(true);
    expect(station.lastSeen).to.equal(stored.map((r) => r.timestamp).sort().at(-1));

    const events = await store.events();
    expect(events).to.have.length(eventItems);
    expect(events.every((e) => e.station === 'CS-PG-1' && e.journal === journal.name && e.component !== '' && e.variable !== '')).to.equal(true);
    expect(new Set(events.map((e) => e.seq))).to.deep.equal(new Set(notifyEvents.map((r) => r.seq)));
    const statuses = await store.statuses();
    expect(statuses.map((s) => s.seq)).to.deep.equal(statusNotifications.map((r) => r.seq));
    expect(statuses.map((s) => s.status)).to.deep.equal(statusNotifications.map((r) => asRecord(framePayload(r))?.['connectorStatus']));
    const messages = await store.messages({ actions: ['BootNotification'] });
    expect(messages.map((m) => JSON.parse(m.payload))).to.deep.equal([framePayload(boot[0])]);
    const connections = await store.connections();
    expect(connections.map((c) => c.event)).to.deep.equal(connectionEvents.map((r) => (r.record === 'connection' ? r.event : '')));
  });

  it('a second ingest of the same journal, or a restarted tail from its start, changes nothing', async () => {
    const url = await cluster().createDatabase('idempotent');
    const store = await open(url);
    await store.migrate();
    const journal = journals[0];
    const half = Math.floor(journal.records.length / 2);
    const first = await store.ingest(journal.name, journal.records.slice(0, half));
    const rest = await store.ingest(journal.name, journal.records);
    expect(rest.skipped).to.equal(first.added);
    const before = { counts: await tableCounts(url), stations: await store.stations(), events: await store.events(), messages: await store.messages(), lastSeq: await store.lastSeq(journal.name) };

    const again = await store.ingest(journal.name, journal.records);
    expect(again).to.deep.equal({ added: 0, skipped: first.added + rest.added });
    // A journal re-read from an older position (a rebuild) does not move the resume point back.
    await store.ingest(journal.name, journal.records.slice(0, 5));
    expect({ counts: await tableCounts(url), stations: await store.stations(), events: await store.events(), messages: await store.messages(), lastSeq: await store.lastSeq(journal.name) }).to.deep.equal(before);
  });

  it('filters by station, by period (from inclusive, to exclusive) and by action', async () => {
    const store = await open(await cluster().createDatabase('filters'));
    await store.migrate();
    for (const journal of journals) await store.ingest(journal.name, journal.records);
    const all = await store.messages();
    expect(new Set(all.map((m) => m.station))).to.deep.equal(new Set(['CS-PG-1', 'CS-PG-2']));
    expect((await store.messages({ stations: ['CS-PG-2'] })).every((m) => m.station === 'CS-PG-2')).to.equal(true);
    expect(await store.events({ stations: ['CS-NOBODY'] })).to.deep.equal([]);

    const times = [...new Set(all.map((m) => m.receivedAt))].sort();
    const middle = times[Math.floor(times.length / 2)];
    const early = await store.messages({ to: middle });
    const late = await store.messages({ from: middle });
    expect(early.every((m) => m.receivedAt < middle)).to.equal(true);
    expect(late.every((m) => m.receivedAt >= middle)).to.equal(true);
    expect(early.length + late.length).to.equal(all.length);
    expect(early).to.not.be.empty;
    expect(late).to.not.be.empty;

    const heartbeatsAndBoots = await store.messages({ actions: ['BootNotification'], stations: ['CS-PG-1'] });
    expect(heartbeatsAndBoots.map((m) => [m.station, m.action])).to.deep.equal([['CS-PG-1', 'BootNotification']]);
    const events = await store.events();
    const firstEvent = events[0].receivedAt;
    expect((await store.events({ from: firstEvent, to: firstEvent })).length).to.equal(0);
  });

  it('two stores (two observe processes) on one database migrate and ingest different journals at the same time', async () => {
    const url = await cluster().createDatabase('concurrent');
    const [one, two] = [await open(url), await open(url)];
    // Both processes start at once: the tables are created once, neither fails.
    await Promise.all([one.migrate(), two.migrate()]);
    const [a, b] = [journals[0], journals[1]];
    // In small slices, so the two processes' transactions interleave.
    const slices = (journal: Journal): JournalRecord[][] => Array.from({ length: Math.ceil(journal.records.length / 10) }, (_v, i) => journal.records.slice(i * 10, i * 10 + 10));
    const ingestAll = async (store: ObservationStore, journal: Journal): Promise<number> => {
      let added = 0;
      for (const slice of slices(journal)) added += (await store.ingest(journal.name, slice)).added;
      return added;
    };
    const [addedA, addedB] = await Promise.all([ingestAll(one, a), ingestAll(two, b)]);

    // What one store indexes alone, sequentially, is what the two wrote together.
    const alone = await open(await cluster().createDatabase('sequential'));
    await alone.migrate();
    const aloneA = await alone.ingest(a.name, a.records);
    const aloneB = await alone.ingest(b.name, b.records);
    expect([addedA, addedB]).to.deep.equal([aloneA.added, aloneB.added]);
    expect(await one.events()).to.deep.equal(await alone.events());
    expect(await two.messages()).to.deep.equal(await alone.messages());
    expect(await one.stations()).to.deep.equal(await alone.stations());
    expect(await two.lastSeq(b.name)).to.equal(await alone.lastSeq(b.name));
    expect((await tableCounts(url))['schema_version']).to.equal(3);
  });

  it('the same journals ingested by two stores at once (a rebuild beside a running observe) are indexed once', async () => {
    const url = await cluster().createDatabase('concurrent_same');
    const [one, two] = [await open(url), await open(url)];
    await one.migrate();
    const [a, b] = [journals[0], journals[1]];
    const both = async (store: ObservationStore, order: Journal[]): Promise<number> => {
      let added = 0;
      for (const journal of order) {
        for (let i = 0; i < journal.records.length; i += 10) added += (await store.ingest(journal.name, journal.records.slice(0, i + 10))).added;
      }
      return added;
    };
    const [addedOne, addedTwo] = await Promise.all([both(one, [a, b]), both(two, [b, a])]);

    const alone = await open(await cluster().createDatabase('sequential_same'));
    await alone.migrate();
    const expected = (await alone.ingest(a.name, a.records)).added + (await alone.ingest(b.name, b.records)).added;
    expect(addedOne + addedTwo, 'each record added by exactly one of the two').to.equal(expected);
    expect(await two.events()).to.deep.equal(await alone.events());
    expect(await one.connections()).to.deep.equal(await alone.connections());
    expect(await one.statuses()).to.deep.equal(await alone.statuses());
    expect(await two.stations()).to.deep.equal(await alone.stations());
    expect(await one.seriesHours()).to.deep.equal(await alone.seriesHours());
    expect([await one.lastSeq(a.name), await one.lastSeq(b.name)]).to.deep.equal([await alone.lastSeq(a.name), await alone.lastSeq(b.name)]);
  });

  it('two stores ingesting samples of the same series at once (a rebuild beside a running observe) add each series and each sample once', async () => {
    const url = await cluster().createDatabase('concurrent_samples');
    const [one, two] = [await open(url), await open(url)];
    await one.migrate();
    // Two journals of one station (two days), every record in its own transaction, in opposite orders.
    const days = ['CS-SAME/day1/trace.jsonl', 'CS-SAME/day2/trace.jsonl'].map((name, day) => ({ name, records: observedJournal('CS-SAME').map((r) => ({ ...r, timestamp: r.timestamp.replace('06-01', `06-0${day + 1}`) })) }));
    const ingestAll = async (store: ObservationStore, order: typeof days): Promise<void> => {
      for (const journal of order) for (const record of journal.records) await store.ingest(journal.name, [record]);
    };
    await Promise.all([ingestAll(one, days), ingestAll(two, [...days].reverse())]);

    const alone = await open(await cluster().createDatabase('concurrent_samples_alone'));
    await alone.migrate();
    for (const journal of days) await alone.ingest(journal.name, journal.records);
    expect(await collect(one.samples())).to.deep.equal(await collect(alone.samples())).and.to.have.length(8);
    // Each report added to its hour once, whichever store inserted it.
    expect(await two.seriesHours()).to.deep.equal(await alone.seriesHours());
    expect((await one.seriesHours()).reduce((sum, h) => sum + h.reports, 0)).to.equal(14);
    expect(await two.planOutcomes()).to.deep.equal(await alone.planOutcomes());
    const series = async (u: string): Promise<number> => {
      const client = new pg.Client({ connectionString: u });
      await client.connect();
      try {
        return Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM sample_series')).rows[0]?.n);
      } finally {
        await client.end();
      }
    };
    // The two numeric series, and those of the periodic reports that are not numbers (a connector's empty value, a fan's `true`).
    expect(await series(url)).to.equal(4);
  });

  it('says which store it cannot reach, without the password', async () => {
    const closed = cluster().url.replace(/:(\d+)\//, ':1/').replace('postgres@', 'postgres:secret@');
    let message = '';
    try {
      await openPostgresStore(closed);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.match(/^cannot reach the PostgreSQL store 127\.0\.0\.1:1\/observe: /);
    expect(message).to.not.include('secret');
  });
});
