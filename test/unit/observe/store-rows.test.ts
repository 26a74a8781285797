import { expect } from 'chai';
import type { JournalRecord } from '../../../src/evidence/journal-record.js';
import { sampleOf, sampleValue, storeRows } from '../../../src/observe/store/rows.js';
import { isoMs } from '../../../src/observe/store/sample-query.js';

const at = (s: number): string => new Date(Date.UTC(2026, 11, 1, 0, 0, s)).toISOString();
const call = (seq: number, action: string, payload: Record<string, unknown>): JournalRecord =>
  ({ schemaVersion: '1.2', record: 'frame', seq, timestamp: at(seq), monotonicMs: seq, chargePointId: 'CS-1', connection: 1, ocppVersion: '2.0.1', transport: 'json', direction: 'cp-to-csms', messageType: 'CALL', messageTypeId: 2, messageId: `m${seq}`, action, raw: JSON.stringify([2, `m${seq}`, action, payload]) }) as unknown as JournalRecord;

describe('store rows: what a journal puts into the pilot store (issue 16)', () => {
  it('flattens NotifyEvent items and StatusNotifications, keeps the boot, skips what the store does not keep', () => {
    const records: JournalRecord[] = [
      { schemaVersion: '1.2', record: 'connection', seq: 1, timestamp: at(1), monotonicMs: 1, chargePointId: 'CS-1', connection: 1, event: 'open', details: {} },
      call(2, 'BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'V', model: 'M', firmwareVersion: '1.0' } }),
      call(3, 'NotifyEvent', { generatedAt: at(3), seqNo: 0, eventData: [
        { eventId: 7, timestamp: at(2), trigger: 'Alerting', actualValue: 'true', techCode: 'CX002', eventNotificationType: 'HardWiredMonitor', component: { name: 'RCD', evse: { id: 1 } }, variable: { name: 'Tripped' }, variableMonitoringId: 4 },
        { eventId: 8, timestamp: at(3), trigger: 'Alerting', actualValue: 'false', cleared: true, eventNotificationType: 'HardWiredMonitor', component: { name: 'RCD', evse: { id: 1 } }, variable: { name: 'Tripped' } },
      ] }),
      call(4, 'StatusNotification', { timestamp: at(4), connectorStatus: 'Faulted', evseId: 1, connectorId: 1 }),
      call(5, 'DataTransfer', { vendorId: 'x' }),
    ];
    const rows = storeRows('CS-1/trace.jsonl', records);
    expect(rows.lastSeq).to.equal(5);
    expect(rows.stations).to.deep.equal([{ identity: 'CS-1', vendor: 'V', model: 'M', firmwareVersion: '1.0', seenAt: at(2) }]);
    expect(rows.connections).to.deep.equal([{ station: 'CS-1', journal: 'CS-1/trace.jsonl', seq: 1, at: at(1), event: 'open', connection: 1 }]);
    expect(rows.messages.map((m) => m.action)).to.deep.equal(['BootNotification', 'NotifyEvent', 'StatusNotification']);
    expect(rows.events).to.have.length(2);
    expect(rows.events[0]).to.deep.include({ seq: 3, item: 0, eventId: 7, component: 'RCD', evseId: 1, variable: 'Tripped', techCode: 'CX002', monitorId: 4, timestamp: at(2), receivedAt: at(3) });
    expect(rows.events[1]).to.deep.include({ item: 1, cleared: true });
    expect(rows.statuses).to.deep.equal([{ station: 'CS-1', journal: 'CS-1/trace.jsonl', seq: 4, receivedAt: at(4), timestamp: at(4), evseId: 1, connectorId: 1, status: 'Faulted' }]);
  });
});

describe('store rows: plan outcomes and samples (issue 16)', () => {
  const connection = (seq: number, event: string, details: Record<string, unknown>): JournalRecord =>
    ({ schemaVersion: '1.2', record: 'connection', seq, timestamp: at(seq), monotonicMs: seq, chargePointId: 'CS-1', connection: 1, event, details }) as unknown as JournalRecord;
  const periodic = (actualValue: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> =>
    ({ eventId: 1, timestamp: at(1), trigger: 'Periodic', actualValue, eventNotificationType: 'CustomMonitor', component: { name: 'PowerConverter', evse: { id: 1 } }, variable: { name: 'Temperature' }, ...extra });

  it('makes a plan-outcome record a plan outcome too, read loosely; one without its component, variable or a known outcome stays a connection row', () => {
    const monitor = { plan: 'guideline:ac-wallbox', item: 'monitor', component: 'PowerConverter', evseId: 1, variable: 'Temperature', monitorType: 'UpperThreshold', value: '80', severity: 2, monitorId: 11, outcome: 'accepted', detail: 'Accepted' };
    const rows = storeRows('CS-1/trace.jsonl', [
      connection(1, 'plan-outcome', monitor),
      // No item: a monitor type says it is a monitor; a numeric value is kept as text; a wrong type is left out.
      connection(2, 'plan-outcome', { plan: 'p', component: 'Connector', variable: 'Temperature', monitorType: 'Delta', value: 5, severity: 'high', outcome: 'lost' }),
      connection(3, 'plan-outcome', { component: 'MonitoringCtrlr', variable: 'ActiveMonitoringLevel', value: '5', outcome: 'refused' }),
      connection(4, 'plan-outcome', { ...monitor, component: undefined }),
      connection(5, 'plan-outcome', { ...monitor, variable: 7 }),
      connection(6, 'plan-outcome', { ...monitor, outcome: 'maybe' }),
      connection(7, 'plan-outcome', {}),
      connection(8, 'close', monitor),
    ]);
    expect(rows.connections.map((c) => c.event)).to.deep.equal([...Array<string>(7).fill('plan-outcome'), 'close']);
    expect(rows.planOutcomes).to.deep.equal([
      { station: 'CS-1', journal: 'CS-1/trace.jsonl', seq: 1, at: at(1), ...monitor },
      { station: 'CS-1', journal: 'CS-1/trace.jsonl', seq: 2, at: at(2), plan: 'p', item: 'monitor', component: 'Connector', variable: 'Temperature', monitorType: 'Delta', value: '5', outcome: 'lost' },
      { station: 'CS-1', journal: 'CS-1/trace.jsonl', seq: 3, at: at(3), plan: '', item: 'setting', component: 'MonitoringCtrlr', variable: 'ActiveMonitoringLevel', value: '5', outcome: 'refused' },
    ]);
  });

  it('makes the periodic events reports, and their numeric values samples, at the station\'s time (else the receive time, and no lag)', () => {
    const rows = storeRows('CS-1/trace.jsonl', [
      call(5, 'NotifyEvent', { generatedAt: at(5), seqNo: 0, eventData: [
        periodic('21.5', { variableMonitoringId: 3 }),
        periodic('-4e1', { timestamp: '2026-12-01T02:00:02+02:00', component: { name: 'Fan', instance: 'Rear', evse: { id: 2, connectorId: 1 } }, variable: { name: 'Speed', instance: 'rpm' } }),
        periodic(' 7 ', { timestamp: undefined }),
        periodic('8', { timestamp: 'yesterday' }),
        periodic('95', { trigger: 'Alerting' }),
        periodic('95', { trigger: 'periodic' }),
        ...['', ' ', 'n/a', 'true', '0x1F', 'Infinity', 'NaN', '1e999', '21,5', '1.2.3'].map((text) => periodic(text)),
        periodic(21.5),
        periodic(undefined),
      ] }),
    ]);
    expect(rows.events).to.have.length(18);
    const series = { station: 'CS-1', journal: 'CS-1/trace.jsonl', seq: 5, component: 'PowerConverter', evseId: 1, variable: 'Temperature' };
    expect(rows.events.flatMap((event) => sampleOf(event) ?? [])).to.deep.equal([
      { ...series, item: 0, at: at(1), value: 21.5, monitorId: 3 },
      { ...series, item: 1, component: 'Fan', componentInstance: 'Rear', evseId: 2, connectorId: 1, variable: 'Speed', variableInstance: 'rpm', at: at(2), value: -40 },
      { ...series, item: 2, at: at(5), value: 7 },
      { ...series, item: 3, at: at(5), value: 8 },
    ]);
    // Every periodic report is kept (counted per hour), the ones whose value is not a number without one; received at 0:05,
    // a report stamped by the station has its lag, one without a usable timestamp has none and the receive time.
    const ms = (s: number): number => Date.parse(at(s));
    expect(rows.reports).to.have.length(16);
    expect(rows.reports.slice(0, 5)).to.deep.equal([
      { ...series, item: 0, atMs: ms(1), value: 21.5, lagMs: 4000, monitorId: 3 },
      { ...series, item: 1, component: 'Fan', componentInstance: 'Rear', evseId: 2, connectorId: 1, variable: 'Speed', variableInstance: 'rpm', atMs: ms(2), value: -40, lagMs: 3000 },
      { ...series, item: 2, atMs: ms(5), value: 7 },
      { ...series, item: 3, atMs: ms(5), value: 8 },
      { ...series, item: 6, atMs: ms(1), lagMs: 4000 },
    ]);
    expect(rows.reports.map((r) => r.item)).to.deep.equal([0, 1, 2, 3, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(rows.reports.filter((r) => r.value !== undefined)).to.have.length(4);
  });

  it('reads a decimal as OCPP writes one, and nothing else', () => {
    expect(['0', '-0.5', '+3', '.5', '5.', '1e3', '2.5E-2', ' 12 '].map(sampleValue)).to.deep.equal([0, -0.5, 3, 0.5, 5, 1000, 0.025, 12]);
    expect([undefined, '', 'e3', '.', '-', '1e', '0b1', '1_000', '١٢'].map(sampleValue)).to.deep.equal(Array(9).fill(undefined));
  });
});

describe('store rows: sample times as the store gives them back (issue 16)', () => {
  it('writes epoch milliseconds as toISOString does, across days, before 1970 and outside four-digit years', () => {
    const times = [0, -1, -30_000, 999, 86_399_999, 86_400_000, Date.UTC(2026, 5, 1, 23, 59, 59, 999), Date.UTC(2026, 5, 2), Date.UTC(2028, 1, 29, 12, 0, 0, 5),
      -62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000, 8.64e15, -8.64e15];
    // A series' samples five minutes apart for two days, then back to an earlier day (the cached date is not kept wrongly).
    for (let i = 0; i < 600; i++) times.push(Date.UTC(2026, 5, 1) + i * 300_007);
    times.push(Date.UTC(2026, 4, 31, 10));
    expect(times.map(isoMs)).to.deep.equal(times.map((ms) => new Date(ms).toISOString()));
  });
});
