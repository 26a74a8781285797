/**
 * The pilot store's contract (issue 16), for every engine: `storeContract('sqlite', open)` in
 * each engine's test file. `open` gives a fresh, empty store each time. The real journal comes
 * from a real audit of the virtual station (once per process, shared by the engines).
 */
import { expect } from 'chai';
import { auditStation } from '../../../src/audit/audit-station.js';
import { readJournalRecords } from '../../../src/evidence/journal-files.js';
import type { JournalRecord } from '../../../src/evidence/journal-record.js';
import { storeRows } from '../../../src/observe/store/rows.js';
import type { ObservationStore } from '../../../src/observe/store/store.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { loadStationProfile } from '../../../src/simulator/station-profile.js';
import { testAuditOptions } from '../../helpers/audit-fixture.js';
import { startCsms, stopCsms } from '../../helpers/csms-fixture.js';
import { startStation } from '../../helpers/virtual-station-fixture.js';

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

const at = (minute: number, second = 0): string => new Date(Date.UTC(2026, 5, 1, 0, minute, second)).toISOString();

function record(seq: number, identity: string, time: string, action: string, payload: Record<string, unknown>): JournalRecord {
  const messageId = `${identity}-${seq}`;
  return {
    schemaVersion: '1.2', record: 'frame', seq, timestamp: time, monotonicMs: seq, chargePointId: identity, connection: 1, ocppVersion: '2.0.1', transport: 'json',
    direction: 'cp-to-csms', messageType: 'CALL', messageTypeId: 2, messageId, action, raw: JSON.stringify([2, messageId, action, payload]),
  } as unknown as JournalRecord;
}

const boot = (firmwareVersion: string): Record<string, unknown> => ({ reason: 'PowerUp', chargingStation: { vendorName: 'Vend', model: 'Mod', serialNumber: 'SN-9', firmwareVersion } });
const temperature = (value: string): Record<string, unknown> => ({
  generatedAt: at(0), seqNo: 0,
  eventData: [{ eventId: 1, timestamp: at(0), trigger: 'Periodic', actualValue: value, eventNotificationType: 'CustomMonitor', component: { name: 'ChargingStation' }, variable: { name: 'Temperature' }, variableMonitoringId: 3 }],
});

/** Everything a store returns, for comparing two states of it. */
export async function dump(store: ObservationStore): Promise<unknown> {
  return { stations: await store.stations(), connections: await store.connections(), messages: await store.messages(), events: await store.events(), statuses: await store.statuses(), annotations: await store.annotations() };
}

export function storeContract(name: string, open: () => Promise<ObservationStore>): void {
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
      expect(await dump(s)).to.deep.equal({ stations: [], connections: [], messages: [], events: [], statuses: [], annotations: [] });
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
  });
}
