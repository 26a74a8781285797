import { expect } from 'chai';
import type { StationMessage } from '../../src/session/station-inbox.js';
import type { StationSession } from '../../src/session/station-session.js';
import { loadStationProfile } from '../../src/simulator/station-profile.js';
import type { FaultName } from '../../src/simulator/station/faults.js';
import { collectReport, useStationTestbed } from '../helpers/virtual-station-fixture.js';

/** ac-wallbox's 2.1 setpoint: Heater.Temperature, Actual 11.5 (read-only), Target 12.0 (writable). */
const HEATER = { component: { name: 'Heater' }, variable: { name: 'Temperature' } };

type EventItem = Record<string, unknown>;

function itemsOf(message: StationMessage | undefined): EventItem[] {
  return (message?.payload['eventData'] as EventItem[] | undefined) ?? [];
}

async function setMonitor(session: StationSession, data: Record<string, unknown>): Promise<{ status?: string; id?: number; statusInfo?: { reasonCode?: string } }> {
  const set = await session.call<{ setMonitoringResult: Array<{ status: string; id?: number; statusInfo?: { reasonCode?: string } }> }>('SetVariableMonitoring', { setMonitoringData: [data] });
  return set.ok ? (set.payload.setMonitoringResult[0] ?? {}) : {};
}

async function writeTarget(session: StationSession, value: string): Promise<void> {
  const write = await session.call<{ setVariableResult: Array<{ attributeStatus: string }> }>('SetVariables', { setVariableData: [{ ...HEATER, attributeType: 'Target', attributeValue: value }] });
  expect(write.ok && write.payload.setVariableResult[0]?.attributeStatus).to.equal('Accepted');
}

/** The events of monitor `id` that arrive within `ms` after `after` (or the first `count` of them). */
async function eventsOf(session: StationSession, id: number | undefined, after: number, ms: number, count?: number): Promise<EventItem[]> {
  const messages = await session.collect((m) => m.action === 'NotifyEvent' && itemsOf(m).some((e) => e['variableMonitoringId'] === id), { after, timeoutMs: ms, ...(count !== undefined ? { count } : {}) });
  return messages.flatMap(itemsOf).filter((e) => e['variableMonitoringId'] === id);
}

describe('virtual station speaking OCPP 2.1: target monitors, severities, origins, availability, device model', function () {
  this.timeout(30_000);
  const bed = useStationTestbed();

  async function start(identity: string, faults: FaultName[] = [], profile = 'ac-wallbox') {
    const csms = await bed.startCsms({ ocppVersions: ['2.1'] });
    return bed.startStation(csms, identity, { profile: loadStationProfile(profile), ocppVersion: '2.1', faults });
  }

  it('N07.FR.22/N07.FR.02: a TargetDelta monitor stays quiet inside the band, alerts outside it, and clears on return; every frame is valid 2.1', async () => {
    const { session } = await start('VS21-TD');
    const set = await setMonitor(session, { ...HEATER, type: 'TargetDelta', value: 3, severity: 4 });
    expect(set.status).to.equal('Accepted');
    let cursor = session.mark();
    await writeTarget(session, '13.5'); // |11.5 − 13.5| = 2 ≤ 3
    await writeTarget(session, '9.5'); // 2 the other way: a move of 4, larger than the value, still inside
    expect(await eventsOf(session, set.id, cursor, 1500)).to.deep.equal([]);
    cursor = session.mark();
    await writeTarget(session, '16.5'); // 5 > 3
    const alert = await eventsOf(session, set.id, cursor, 5000, 1);
    expect(alert).to.have.length(1);
    expect(alert[0]).to.deep.include({ trigger: 'Alerting', actualValue: '11.5', eventNotificationType: 'CustomMonitor', severity: 4 });
    expect(alert[0]).not.to.have.property('cleared');
    cursor = session.mark();
    await writeTarget(session, '12.0');
    const back = await eventsOf(session, set.id, cursor, 5000, 1);
    expect(back).to.have.length(1);
    expect(back[0]).to.deep.include({ trigger: 'Alerting', cleared: true, severity: 4 });
    expect(session.messages((m) => m.action === 'NotifyEvent').every((m) => m.valid)).to.equal(true);
  });

  it('N07.FR.23: a TargetDeltaRelative monitor alerts when the deviation exceeds value × Target', async () => {
    const { session } = await start('VS21-TDR');
    const set = await setMonitor(session, { ...HEATER, type: 'TargetDeltaRelative', value: 0.2, severity: 6 });
    expect(set.status).to.equal('Accepted');
    let cursor = session.mark();
    await writeTarget(session, '13.5'); // 2 ≤ 0.2 × 13.5 = 2.7
    expect(await eventsOf(session, set.id, cursor, 1500)).to.deep.equal([]);
    cursor = session.mark();
    await writeTarget(session, '15.5'); // 4 > 3.1
    const alert = await eventsOf(session, set.id, cursor, 5000, 1);
    expect(alert.map((e) => [e['trigger'], e['cleared'] ?? false])).to.deep.equal([['Alerting', false]]);
  });

  it('N07.FR.22: a TargetDelta monitor on a variable without a Target attribute is Rejected with the reason', async () => {
    const { session } = await start('VS21-TD-NO-TARGET');
    const set = await setMonitor(session, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, type: 'TargetDelta', value: 3, severity: 4 });
    expect(set.status).to.equal('Rejected');
    expect(set.statusInfo?.reasonCode).to.equal('UnsupportedParam');
  });

  it('N02.FR.13 (errata 2025-06): GetMonitoringReport DeltaMonitoring lists the target monitors; N02.FR.22: each with its eventNotificationType', async () => {
    const { session } = await start('VS21-REPORT');
    const set = await setMonitor(session, { ...HEATER, type: 'TargetDelta', value: 3, severity: 4 });
    const cursor = session.mark();
    const report = await session.call('GetMonitoringReport', { requestId: 4711, monitoringCriteria: ['DeltaMonitoring'] });
    expect(report.ok && report.payload['status']).to.equal('Accepted');
    const parts = await session.collect((m) => m.action === 'NotifyMonitoringReport' && m.payload['requestId'] === 4711, { after: cursor, timeoutMs: 5000, until: (got) => got.some((p) => p.payload['tbc'] !== true) });
    expect(parts.every((p) => p.valid)).to.equal(true);
    const monitors = parts.flatMap((p) => (p.payload['monitor'] as Array<{ variableMonitoring: Array<Record<string, unknown>> }>).flatMap((m) => m.variableMonitoring));
    expect(monitors.find((m) => m['id'] === set.id)).to.deep.include({ type: 'TargetDelta', eventNotificationType: 'CustomMonitor' });
    expect(monitors.every((m) => ['HardWiredMonitor', 'PreconfiguredMonitor', 'CustomMonitor'].includes(String(m['eventNotificationType'])))).to.equal(true);
  });

  it('B01.FR.05: after the Accepted boot, a NotifyEvent on Connector.AvailabilityState for each connector; the 2.1 additions are in the FullInventory', async () => {
    const { session } = await start('VS21-AVAIL', [], 'dc-fast');
    const availability = await session.collect((m) => m.action === 'NotifyEvent' && itemsOf(m).some((e) => (e['variable'] as { name?: string }).name === 'AvailabilityState'), { timeoutMs: 5000, count: 4 });
    const connectors = availability.flatMap(itemsOf).map((e) => {
      const evse = (e['component'] as { evse?: { id: number; connectorId?: number } }).evse;
      return `${evse?.id}/${evse?.connectorId} ${String(e['actualValue'])} ${String(e['trigger'])} ${String(e['severity'])}`;
    });
    expect(connectors.sort()).to.deep.equal(['1/1 Available Delta 8', '1/2 Available Delta 8', '2/1 Available Delta 8', '2/2 Available Delta 8']);
    const cursor = session.mark();
    await session.call('GetBaseReport', { requestId: 12, reportBase: 'FullInventory' });
    const parts = await collectReport(session, 12, cursor);
    const names = new Set(parts.flatMap((p) => (p.payload['reportData'] as Array<{ component: { name: string }; variable: { name: string } }>).map((d) => `${d.component.name}.${d.variable.name}`)));
    for (const name of ['EVSE.PhysicalParent', 'Connector.Label', 'DataCollector.SamplingInterval', 'OCPPCommCtrlr.ExternalConfigChangeDate', 'MonitoringCtrlr.MaxPeriodicEventStreams', 'Heater.Temperature']) expect(names).to.include(name);
  });

  it('the faults: no severity, an inverted one, no eventNotificationType (schema-invalid), StatusNotification only, no 2.1 device model', async () => {
    const { session } = await start('VS21-FAULTS', ['event-severity-mismatch', 'no-event-notification-type', 'status-notification-only', 'no-2-1-device-model']);
    // No setpoint without the 2.1 additions: the target monitor has nothing to watch.
    expect((await setMonitor(session, { ...HEATER, type: 'TargetDelta', value: 3, severity: 4 })).status).to.equal('UnknownComponent');
    const heartbeat = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };
    const set = await setMonitor(session, { ...heartbeat, type: 'Delta', value: 1, severity: 2 });
    let cursor = session.mark();
    await session.call('SetVariables', { setVariableData: [{ ...heartbeat, attributeValue: '600' }] });
    expect((await eventsOf(session, set.id, cursor, 5000, 1))[0]?.['severity']).to.equal(7);
    cursor = session.mark();
    await session.call('GetMonitoringReport', { requestId: 13 });
    const part = await session.waitFor((m) => m.action === 'NotifyMonitoringReport', { after: cursor, timeoutMs: 5000 });
    expect(part?.valid).to.equal(false);
    expect(session.messages((m) => m.action === 'NotifyEvent' && itemsOf(m).some((e) => (e['variable'] as { name?: string }).name === 'AvailabilityState'))).to.deep.equal([]);
    expect(session.messages((m) => m.action === 'StatusNotification')).to.have.length(1);
  });

  it('no-event-severity and target-delta-as-delta: moving Target never alerts or clears; a change of Actual fires Delta, without severity', async () => {
    const { station, session } = await start('VS21-ASDELTA', ['no-event-severity', 'target-delta-as-delta']);
    const set = await setMonitor(session, { ...HEATER, type: 'TargetDelta', value: 3, severity: 4 });
    let cursor = session.mark();
    await writeTarget(session, '16.5');
    await writeTarget(session, '12.0');
    expect(await eventsOf(session, set.id, cursor, 1500)).to.deep.equal([]);
    cursor = session.mark();
    // The heater's own reading moves (its Actual is read-only to the CSMS): 4 from where it was, inside the band again at the end.
    station.model.setByStation(HEATER.component, HEATER.variable, '15.5');
    const moved = await eventsOf(session, set.id, cursor, 5000, 1);
    expect(moved.map((e) => e['trigger'])).to.deep.equal(['Delta']);
    expect(moved[0]).not.to.have.property('severity');
  });

  it('target-delta-refused: TargetDelta is UnsupportedMonitorType, as a 2.0.1 engine answers', async () => {
    const { session } = await start('VS21-REFUSED', ['target-delta-refused']);
    expect((await setMonitor(session, { ...HEATER, type: 'TargetDelta', value: 3, severity: 4 })).status).to.equal('UnsupportedMonitorType');
  });
});
