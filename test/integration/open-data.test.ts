import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JournalRecord } from '../../src/evidence/journal-record.js';
import { writeOpenData } from '../../src/observe/open-data/write-open-data.js';
import { SqliteStore } from '../../src/observe/store/sqlite-store.js';
import { describeErrors, readCsvTable, validateDataPackage } from '../helpers/datapackage-validator.js';
import { auditedJournal } from './store/store-contract.js';

/** A station that sends what a schema-valid firmware would not: the open data keeps it as data and stays valid. */
function badStationJournal(start: number): JournalRecord[] {
  const at = (s: number): string => new Date(start + s * 1000).toISOString();
  const frame = (seq: number, action: string, payload: Record<string, unknown>): JournalRecord =>
    ({ schemaVersion: '1.2', record: 'frame', seq, timestamp: at(seq), monotonicMs: seq, chargePointId: 'BAD-1', connection: 1, ocppVersion: '2.0.1', transport: 'json', direction: 'cp-to-csms', messageType: 'CALL', messageTypeId: 2, messageId: `b${seq}`, action, raw: JSON.stringify([2, `b${seq}`, action, payload]) }) as unknown as JournalRecord;
  return [
    { schemaVersion: '1.2', record: 'connection', seq: 1, timestamp: at(1), monotonicMs: 1, chargePointId: 'BAD-1', connection: 1, event: 'open', details: {} },
    frame(2, 'BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: '=cmd|\' /C calc\'!A0', model: 'M,1', firmwareVersion: '@1' } }),
    frame(3, 'StatusNotification', { timestamp: '2026-12-01T10:00:00', connectorStatus: 'Faulted', evseId: 1, connectorId: 1 }),
    frame(4, 'NotifyEvent', { generatedAt: at(4), seqNo: 0, eventData: [
      { eventId: 1.5, timestamp: 'yesterday', trigger: 'Alerting', actualValue: '-3', techInfo: '+SUM(A1)\r\nline two', component: { name: '', evse: { id: 1.5 } }, variable: { name: 'Problem' }, variableMonitoringId: 1e30 },
    ] }),
  ];
}

describe('open data from a real store: a real audit\'s journal and a misbehaving station, indexed by SQLite (issue 16)', function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'open-data-sqlite-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes files that validate against the datapackage, with the bad station\'s odd values kept as data', async () => {
    const records = await auditedJournal();
    const first = Date.parse(records[0].timestamp);
    const store = new SqliteStore(join(dir, 'pilot.sqlite'));
    try {
      await store.migrate();
      await store.ingest('STORE-REAL-1/trace.jsonl', records);
      await store.ingest('BAD-1/trace.jsonl', badStationJournal(first));
      await store.annotate({ station: 'BAD-1', at: new Date(first + 5000).toISOString(), kind: 'failure', text: '-fan "dead", replaced' });
      const period = { from: new Date(first - 60_000).toISOString(), to: new Date(Date.parse(records.at(-1)!.timestamp) + 3_600_000).toISOString() };

      const result = await writeOpenData(store, period, join(dir, 'open-data'));
      const report = await validateDataPackage(result.datapackage);
      expect(report.errors, describeErrors(report)).to.deep.equal([]);

      const count = (name: string): number | undefined => result.files.find((f) => f.name === name)?.rows;
      expect(count('events')).to.equal((await store.events(period)).length).and.be.greaterThan(1);
      expect(count('statuses')).to.equal((await store.statuses(period)).length);
      expect(count('stations')).to.equal(2);
      const read = (name: string): Promise<Array<Record<string, string>>> => readCsvTable(join(dir, 'open-data', 'data', `${name}.csv`));
      const bad = (await read('events')).filter((e) => e.station === 'BAD-1');
      expect(bad).to.have.length(1);
      expect(bad[0]).to.deep.include({ component: '', evse_id: '', event_id: '', station_time: '', actual_value: '-3', tech_info: '\'+SUM(A1)\r\nline two', monitor_id: '1000000000000000019884624838656' });
      expect((await read('boots')).find((b) => b.station === 'BAD-1')).to.deep.include({ vendor: '\'=cmd|\' /C calc\'!A0', model: 'M,1', firmware_version: '\'@1' });
      expect((await read('annotations'))[0]).to.deep.include({ kind: 'failure', text: '\'-fan "dead", replaced' });
      expect((await read('availability')).some((s) => s.station === 'BAD-1' && s.state === 'down' && s.causes === 'Faulted (StatusNotification)')).to.equal(true);
    } finally {
      await store.close();
    }
  });
});
