import { expect } from 'chai';
import type { JournalRecord } from '../../../src/evidence/journal-record.js';
import { storeRows } from '../../../src/observe/store/rows.js';

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
