import { expect } from 'chai';
import type { StationMessage } from '../../src/session/station-inbox.js';
import { loadStationProfile } from '../../src/simulator/station-profile.js';
import { useStationTestbed } from '../helpers/virtual-station-fixture.js';

type EventItem = Record<string, unknown>;
const eventsOf = (message: StationMessage): EventItem[] => (message.action === 'NotifyEvent' ? (message.payload['eventData'] as EventItem[]) : []);

describe('virtual station event delivery over the wire (hard-wired notifications, offline queuing)', function () {
  const bed = useStationTestbed();

  it('Part 1 §4.6: a Problem raised and lowered by the station is sent as HardWiredNotification, then cleared', async () => {
    const csms = await bed.startCsms();
    const { station, session } = await bed.startStation(csms, 'VS-HW-PROBLEM', { profile: loadStationProfile('ac-wallbox') });
    const problem = (m: StationMessage): EventItem | undefined =>
      eventsOf(m).find((e) => (e['component'] as { name: string }).name === 'ChargingStation' && (e['variable'] as { name: string }).name === 'Problem');
    const cursor = session.mark();
    station.model.setByStation({ name: 'ChargingStation' }, { name: 'Problem' }, 'true');
    const raised = await session.waitFor((m) => problem(m) !== undefined, { after: cursor, timeoutMs: 5000 });
    expect(raised?.valid).to.equal(true);
    const item = raised ? problem(raised) : undefined;
    expect(item).to.deep.include({ eventNotificationType: 'HardWiredNotification', trigger: 'Alerting', actualValue: 'true' });
    expect(item).not.to.have.property('variableMonitoringId');
    expect(item).not.to.have.property('cleared');
    station.model.setByStation({ name: 'ChargingStation' }, { name: 'Problem' }, 'false');
    const lowered = await session.waitFor((m) => problem(m)?.['cleared'] === true, { after: raised?.seq ?? cursor, timeoutMs: 5000 });
    expect(lowered && problem(lowered)).to.deep.include({ actualValue: 'false', eventNotificationType: 'HardWiredNotification' });
  });

  it('a Tripped flag with a hard-wired Delta monitor reports through that monitor (HardWiredMonitor, its id), not a bare notification', async () => {
    const csms = await bed.startCsms();
    const { station, session } = await bed.startStation(csms, 'VS-HW-TRIPPED', { profile: loadStationProfile('ac-wallbox') });
    const rcd = { name: 'RCD', evse: { id: 1 } };
    const cursor = session.mark();
    station.model.setByStation(rcd, { name: 'Tripped' }, 'true');
    const tripped = await session.waitFor((m) => eventsOf(m).some((e) => (e['component'] as { name: string }).name === 'RCD'), { after: cursor, timeoutMs: 5000 });
    const items = tripped ? eventsOf(tripped).filter((e) => (e['component'] as { name: string }).name === 'RCD') : [];
    expect(items).to.have.length(1);
    expect(items[0]).to.deep.include({ eventNotificationType: 'HardWiredMonitor', trigger: 'Delta', actualValue: 'true' });
    expect(items[0]?.['variableMonitoringId']).to.be.a('number');
  });

  it('N07.FR.04 offline: events with severity ≤ OfflineQueuingSeverity wait for the connection, the others are dropped', async () => {
    const csms = await bed.startCsms();
    const { station, session } = await bed.startStation(csms, 'VS-OFFLINE-QUEUE', { profile: loadStationProfile('ac-wallbox') });
    const current = { component: { name: 'OverCurrentProtection', evse: { id: 1 } }, variable: { name: 'ACCurrent' } };
    expect(station.model.actual({ name: 'MonitoringCtrlr' }, { name: 'OfflineQueuingSeverity' })).to.equal('5');
    const set = await session.call<{ setMonitoringResult: Array<{ status: string; id?: number; severity: number }> }>('SetVariableMonitoring', {
      setMonitoringData: [
        { ...current, type: 'Delta', value: 1, severity: 2 },
        { ...current, type: 'Delta', value: 1, severity: 8 },
      ],
    });
    const results = set.ok ? set.payload.setMonitoringResult : [];
    expect(results.map((r) => r.status)).to.deep.equal(['Accepted', 'Accepted']);
    const [kept, dropped] = results.map((r) => r.id);

    const offline = new Promise<void>((resolve) => station.once('disconnected', () => resolve()));
    const cursor = session.mark();
    session.disconnect();
    await offline;
    station.model.setByStation(current.component, current.variable, '14');
    const delivered = await session.waitFor((m) => eventsOf(m).some((e) => e['variableMonitoringId'] === kept), { after: cursor, timeoutMs: 15_000 });
    expect(delivered, 'the queued severity-2 event after reconnecting').to.not.equal(undefined);
    expect(delivered?.connection).to.be.greaterThan(1);
    // The station sends one CALL at a time in order; a heartbeat asked for now comes after anything still queued.
    const trigger = await session.call('TriggerMessage', { requestedMessage: 'Heartbeat' });
    expect(trigger.ok && trigger.payload['status']).to.equal('Accepted');
    await session.waitFor((m) => m.action === 'Heartbeat', { after: delivered?.seq ?? cursor, timeoutMs: 5000 });
    const all = session.messages().filter((m) => m.seq > cursor).flatMap(eventsOf);
    expect(all.filter((e) => e['variableMonitoringId'] === kept)).to.have.length(1);
    expect(all.filter((e) => e['variableMonitoringId'] === dropped)).to.have.length(0);
  });
});
