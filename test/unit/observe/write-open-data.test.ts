import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ToolError } from '../../../src/errors.js';
import { writeOpenData } from '../../../src/observe/open-data/write-open-data.js';
import { availability } from '../../../src/observe/report/availability.js';
import type { Annotation, ConnectionRow, EventRow, MessageRow, PlanOutcomeRow, SampleRow, StatusRow } from '../../../src/observe/store/store.js';
import { describeErrors, readCsvTable, validateDataPackage } from '../../helpers/datapackage-validator.js';
import { MemoryStore, type MemoryStoreRows } from '../../helpers/memory-store.js';

/** Minutes after the period's start, 2026-12-01T12:00Z (the period spans two UTC days). */
const t = (minutes: number): string => new Date(Date.UTC(2026, 11, 1, 12) + minutes * 60_000).toISOString();
const PERIOD = { from: t(0), to: t(24 * 60) };
const J1 = 'CS-1~a/trace.jsonl';
const J2 = 'CS-2~b/trace.jsonl';
const J3 = 'CS-3~c/trace.jsonl';

const connection = (seq: number, minutes: number, event: string, journal = J1): ConnectionRow => ({ station: journal.slice(0, 4), journal, seq, at: t(minutes), event, connection: 1 });
const status = (seq: number, minutes: number, value: string, journal = J1): StatusRow => ({ station: journal.slice(0, 4), journal, seq, receivedAt: t(minutes), timestamp: t(minutes), evseId: 1, connectorId: 1, status: value });
const event = (seq: number, item: number, minutes: number, fields: Partial<EventRow>, journal = J1): EventRow => ({ station: journal.slice(0, 4), journal, seq, item, receivedAt: t(minutes), timestamp: t(minutes), component: 'PowerConverter', evseId: 1, variable: 'Temperature', ...fields });
const sample = (minutes: number, value: number, at = t(minutes)): SampleRow => ({ station: 'CS-1', component: 'PowerConverter', evseId: 1, variable: 'Temperature', at, value, monitorId: 7 });
const boot = (seq: number, minutes: number, payload: string, journal = J1): MessageRow => ({ station: journal.slice(0, 4), journal, seq, receivedAt: t(minutes), action: 'BootNotification', payload });
const note = (id: number, kind: Annotation['kind'], from: number, until: number | undefined, text: string, station = 'CS-1'): Annotation => ({ id, station, kind, at: t(from), ...(until !== undefined ? { until: t(until) } : {}), text, recordedAt: t(from) });
const EVIL = '=HYPERLINK("http://evil.example","fan, ok")';

function rows(): MemoryStoreRows {
  const outcome = (seq: number, journal: string, result: PlanOutcomeRow['outcome'], detail?: string): PlanOutcomeRow => ({ station: journal.slice(0, 4), journal, seq, at: t(31), plan: 'guideline:dc-fast', item: 'monitor', component: 'PowerConverter', evseId: 1, variable: 'Temperature', monitorType: 'UpperThreshold', value: '-5.5', severity: 2, outcome: result, ...(result === 'accepted' ? { monitorId: 7 } : {}), ...(detail !== undefined ? { detail } : {}) });
  return {
    stations: [
      { identity: 'CS-1', vendor: 'V', model: 'M', firmwareVersion: '1.1', firstSeen: t(-600), lastSeen: t(2000) },
      { identity: 'CS-2', firstSeen: t(0), lastSeen: t(100) },
      { identity: 'CS-3', vendor: 'Other', firstSeen: t(0), lastSeen: t(100) },
      { identity: 'CS-4', firstSeen: t(3000), lastSeen: t(3100) },
    ],
    // CS-1 is offline when the period begins (its last event before it is a close), comes back
    // after 30 minutes, and is offline again from minute 900 to 960.
    connections: [connection(1, -600, 'open'), connection(2, -300, 'close'), connection(10, 30, 'open'), connection(11, 31, 'plan-outcome'), connection(12, 900, 'close'), connection(13, 960, 'open'), connection(1, 0, 'open', J3)],
    // CS-1: Faulted since before the period, Available at 60, Unavailable from 600 to 700. CS-2: first heard of 20 minutes in.
    statuses: [status(3, -500, 'Available'), status(4, -400, 'Faulted'), status(20, 60, 'Available'), status(21, 600, 'Unavailable'), status(22, 700, 'Available'), status(1, 20, 'Available', J2), status(2, 0, 'Faulted', J3)],
    annotations: [note(1, 'excluded', 600, 650, 'grid works'), note(2, 'excluded', 620, 640, 'grid works, second notice'), note(3, 'failure', 890, undefined, EVIL), note(4, 'note', -100, undefined, 'before the period'), note(5, 'note', 10, undefined, 'out of scope', 'CS-3')],
    events: [
      event(5, 0, -10, { trigger: 'Periodic', actualValue: '39', monitorId: 7 }),
      event(30, 0, 100, { trigger: 'Periodic', actualValue: '41.5', monitorId: 7 }),
      // After midnight UTC: read with the second day's events.
      event(40, 0, 750, { trigger: 'Periodic', actualValue: '43', monitorId: 7 }),
      event(50, 0, 880, { trigger: 'Alerting', actualValue: '95', techCode: 'CX001', techInfo: EVIL, timestamp: '2026-12-02T02:40:00', monitorId: 7, notificationType: 'CustomMonitor' }),
      event(50, 1, 880, { component: 'Connector', connectorId: 1, variable: 'Problem', actualValue: 'true', cleared: false }),
      event(3, 0, 20, { trigger: 'Alerting', actualValue: '1' }, J3),
    ],
    samples: [sample(-10, 39), sample(100, 41.5), sample(750, 43), sample(760, 44, '2026-12-01T25:00:00Z')],
    planOutcomes: [outcome(11, J1, 'accepted'), outcome(5, J2, 'refused', 'Rejected, "no such variable"')],
    messages: [boot(0, -550, JSON.stringify({ reason: 'PowerUp', chargingStation: { vendorName: 'V', model: 'M', firmwareVersion: '1.0' } })), boot(14, 35, JSON.stringify({ reason: 'FirmwareUpdate', chargingStation: { vendorName: 'V', model: 'M', firmwareVersion: '1.1' } })), boot(3, 1, '{', J2)],
  };
}

describe('open data: writeOpenData writes the CSVs and their datapackage (issue 16)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'open-data-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const read = (name: string): Promise<Array<Record<string, string>>> => readCsvTable(join(dir, 'data', `${name}.csv`));

  it('writes every file of the scope, with the rows of the period and the state at its start, and they validate', async () => {
    const result = await writeOpenData(new MemoryStore(rows()), { ...PERIOD, stations: ['CS-1', 'CS-2'] }, dir);
    expect(result.datapackage).to.equal(join(dir, 'datapackage.json'));
    expect(result.files.map((f) => [f.name, f.path, f.rows])).to.deep.equal([
      ['stations', 'data/stations.csv', 2],
      ['boots', 'data/boots.csv', 3],
      ['connections', 'data/connections.csv', 4],
      ['events', 'data/events.csv', 4],
      ['samples', 'data/samples.csv', 2],
      ['statuses', 'data/statuses.csv', 5],
      ['annotations', 'data/annotations.csv', 3],
      ['plan-outcomes', 'data/plan-outcomes.csv', 2],
      ['availability', 'data/availability.csv', 2 * 96],
    ]);
    for (const file of result.files) expect(file.bytes).to.equal((await readFile(join(dir, file.path))).length);
    const report = await validateDataPackage(result.datapackage);
    expect(report.errors, describeErrors(report)).to.deep.equal([]);
  });

  it('writes the values as the store holds them: times in UTC, empty where the station sent nothing usable, formula text escaped', async () => {
    await writeOpenData(new MemoryStore(rows()), { ...PERIOD, stations: ['CS-1', 'CS-2'] }, dir);
    expect(await read('stations')).to.deep.equal([
      { identity: 'CS-1', vendor: 'V', model: 'M', serial_number: '', firmware_version: '1.1', first_seen: t(-600), last_seen: t(2000) },
      { identity: 'CS-2', vendor: '', model: '', serial_number: '', firmware_version: '', first_seen: t(0), last_seen: t(100) },
    ]);
    expect((await read('boots')).map((b) => [b.station, b.firmware_version, b.reason])).to.deep.equal([['CS-1', '1.0', 'PowerUp'], ['CS-2', '', ''], ['CS-1', '1.1', 'FirmwareUpdate']]);
    expect((await read('connections')).map((c) => [c.seq, c.event])).to.deep.equal([['2', 'close'], ['10', 'open'], ['12', 'close'], ['13', 'open']]);
    const events = await read('events');
    expect(events.map((e) => [e.seq, e.item])).to.deep.equal([['30', '0'], ['40', '0'], ['50', '0'], ['50', '1']]);
    expect(events[2]).to.deep.include({ station_time: '', received_at: t(880), tech_code: 'CX001', tech_info: `'${EVIL}`, actual_value: '95', monitor_id: '7', notification_type: 'CustomMonitor' });
    expect(events[3]).to.deep.include({ component: 'Connector', connector_id: '1', variable: 'Problem', cleared: 'false', trigger: '' });
    expect(await read('samples')).to.deep.equal([
      { station: 'CS-1', component: 'PowerConverter', component_instance: '', evse_id: '1', connector_id: '', variable: 'Temperature', variable_instance: '', at: t(100), value: '41.5', monitor_id: '7' },
      { station: 'CS-1', component: 'PowerConverter', component_instance: '', evse_id: '1', connector_id: '', variable: 'Temperature', variable_instance: '', at: t(750), value: '43', monitor_id: '7' },
    ]);
    expect((await read('statuses')).map((s) => [s.station, s.seq, s.status])).to.deep.equal([['CS-1', '4', 'Faulted'], ['CS-2', '1', 'Available'], ['CS-1', '20', 'Available'], ['CS-1', '21', 'Unavailable'], ['CS-1', '22', 'Available']]);
    expect((await read('annotations')).map((a) => [a.id, a.kind, a.text, a.until])).to.deep.equal([['1', 'excluded', 'grid works', t(650)], ['2', 'excluded', 'grid works, second notice', t(640)], ['3', 'failure', `'${EVIL}`, '']]);
    expect((await read('plan-outcomes')).map((p) => [p.station, p.outcome, p.value, p.monitor_id, p.detail])).to.deep.equal([['CS-1', 'accepted', '-5.5', '7', ''], ['CS-2', 'refused', '-5.5', '', 'Rejected, "no such variable"']]);
    // The raw text: the escaped formula is quoted (it holds a comma and quotes), records end in CRLF.
    expect(await readFile(join(dir, 'data/annotations.csv'), 'utf8')).to.contain(`,"'=HYPERLINK(""http://evil.example"",""fan, ok"")",,${t(890)}\r\n`);
  });

  it('the availability file agrees with availability() run on the statuses, connections and notes it wrote', async () => {
    await writeOpenData(new MemoryStore(rows()), { ...PERIOD, stations: ['CS-1', 'CS-2'] }, dir);
    // availability() again, from the files alone: what another party would do.
    const statuses: StatusRow[] = (await read('statuses')).map((s) => ({ station: s.station, journal: s.journal, seq: Number(s.seq), receivedAt: s.received_at, evseId: Number(s.evse_id), connectorId: Number(s.connector_id), status: s.status }));
    const connections: ConnectionRow[] = (await read('connections')).map((c) => ({ station: c.station, journal: c.journal, seq: Number(c.seq), at: c.at, event: c.event }));
    const notes: Annotation[] = (await read('annotations')).map((a) => ({ id: Number(a.id), station: a.station, kind: a.kind as Annotation['kind'], at: a.at, ...(a.until !== '' ? { until: a.until } : {}), text: a.text, recordedAt: a.recorded_at }));
    const ports = availability(PERIOD, statuses, connections, notes);
    const slots = await read('availability');
    const sum = (port: { station: string }, column: string): number => slots.filter((s) => s.station === port.station).reduce((total, s) => total + Number(s[column]), 0) / 60;
    for (const port of ports) {
      const mine = slots.filter((s) => s.station === port.station);
      expect(mine.map((s) => s.state), port.station).to.deep.equal(port.slots);
      expect(Math.round(sum(port, 'known_s') * 10) / 10, port.station).to.equal(port.knownMinutes);
      expect(Math.round(sum(port, 'outage_s') * 10) / 10, port.station).to.equal(port.outageMinutes);
      expect(Math.round(sum(port, 'excluded_s') * 10) / 10, port.station).to.equal(port.excludedMinutes);
    }
    // And the numbers themselves: out 0–60 (Faulted, offline), 600–700 (Unavailable; 600–650 excluded, the two notes counted once), 900–960 (offline).
    expect(ports.map((p) => [p.station, p.knownMinutes, p.outageMinutes, p.excludedMinutes, p.uptimePercent])).to.deep.equal([['CS-1', 1440, 220, 50, 88.2], ['CS-2', 1420, 0, 0, 100]]);
    const cs1 = slots.filter((s) => s.station === 'CS-1');
    expect(cs1[0]).to.deep.include({ slot_start: t(0), slot_end: t(15), state: 'down', known_s: '900', outage_s: '900', excluded_s: '0', causes: 'Faulted (StatusNotification); station offline' });
    expect(cs1[43]).to.deep.include({ slot_start: t(645), state: 'down', outage_s: '900', excluded_s: '300', causes: 'Unavailable (StatusNotification)' });
    expect(cs1.filter((s) => s.state === 'excluded').map((s) => s.slot_start)).to.deep.equal([t(600), t(615), t(630)]);
    const cs2 = slots.filter((s) => s.station === 'CS-2');
    expect(cs2.slice(0, 2).map((s) => [s.state, s.known_s])).to.deep.equal([['unknown', '0'], ['up', '600']]);
  });

  it('without stations in the scope: every station first seen before the period ends', async () => {
    const result = await writeOpenData(new MemoryStore(rows()), PERIOD, dir);
    expect((await read('stations')).map((s) => s.identity)).to.deep.equal(['CS-1', 'CS-2', 'CS-3']);
    expect(result.files.find((f) => f.name === 'events')?.rows).to.equal(5);
    expect((await read('annotations')).map((a) => a.id)).to.deep.equal(['5', '1', '2', '3']);
    const report = await validateDataPackage(result.datapackage);
    expect(report.errors, describeErrors(report)).to.deep.equal([]);
  });

  it('the datapackage: a tabular data package with a schema per file, the journals as sources, no licence chosen for the pilot, a recipe per figure', async () => {
    const result = await writeOpenData(new MemoryStore(rows()), { ...PERIOD, stations: ['CS-1', 'CS-2'] }, dir);
    const descriptor = JSON.parse(await readFile(result.datapackage, 'utf8'));
    expect(descriptor).to.deep.include({ profile: 'tabular-data-package', period: PERIOD, stations: ['CS-1', 'CS-2'] });
    expect(Number.isNaN(Date.parse(descriptor.created))).to.equal(false);
    expect(descriptor.licenses).to.have.length(1);
    expect(descriptor.licenses[0].name).to.equal('notspecified');
    expect(descriptor.sources.map((s: { title: string }) => s.title)).to.deep.equal([`Journal ${J1} (every OCPP-J frame and connection event, JSON Lines)`, `Journal ${J2} (every OCPP-J frame and connection event, JSON Lines)`]);
    const events = descriptor.resources.find((r: { name: string }) => r.name === 'events');
    expect(events).to.deep.include({ path: 'data/events.csv', encoding: 'utf-8', format: 'csv', mediatype: 'text/csv' });
    expect(events.dialect).to.deep.include({ delimiter: ',', lineTerminator: '\r\n', doubleQuote: true, header: true });
    expect(events.schema.primaryKey).to.deep.equal(['journal', 'seq', 'item']);
    expect(events.schema.missingValues).to.deep.equal(['']);
    expect(events.schema.fields.find((f: { name: string }) => f.name === 'received_at')).to.deep.include({ type: 'datetime', constraints: { required: true } });
    expect(descriptor.resources.find((r: { name: string }) => r.name === 'samples').schema.primaryKey).to.equal(undefined);
    for (const resource of descriptor.resources) for (const field of resource.schema.fields) expect(field.description, `${resource.name}.${field.name}`).to.be.a('string').and.not.equal('');
    const names = descriptor.resources.map((r: { name: string }) => r.name);
    for (const figure of descriptor.figures) for (const name of figure.resources) expect(names, figure.figure).to.include(name);
    expect(descriptor.description).to.contain('remove the first apostrophe');
  });

  it('streams a large samples file from the store\'s iterator and it still validates', async () => {
    const count = 30_000;
    const store = new MemoryStore({
      ...rows(),
      samples: async function* () {
        for (let i = 0; i < count; i++) yield await Promise.resolve(sample(i / 30, 20 + (i % 100) / 10));
      },
    });
    const result = await writeOpenData(store, { ...PERIOD, stations: ['CS-1'] }, dir);
    expect(result.files.find((f) => f.name === 'samples')?.rows).to.equal(count);
    const report = await validateDataPackage(result.datapackage);
    expect(report.errors, describeErrors(report)).to.deep.equal([]);
  });

  it('refuses a period that is not two ISO times in order', async () => {
    for (const scope of [{ from: 'yesterday', to: PERIOD.to }, { from: PERIOD.to, to: PERIOD.from }]) {
      let error: unknown;
      try {
        await writeOpenData(new MemoryStore({}), scope, dir);
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(ToolError);
    }
  });
});
