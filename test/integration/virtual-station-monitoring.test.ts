import { expect } from 'chai';
import type { Csms } from '../../src/session/csms.js';
import { loadStationProfile } from '../../src/simulator/station-profile.js';
import type { VirtualStation } from '../../src/simulator/station/virtual-station.js';
import { startCsms, stopCsms } from '../helpers/csms-fixture.js';
import { startStation } from '../helpers/virtual-station-fixture.js';

const HEARTBEAT = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };

describe('virtual station monitoring, end to end over the wire', function () {
  let csms: Csms | undefined;
  let station: VirtualStation | undefined;
  afterEach(async () => {
    await station?.stop();
    station = undefined;
    await stopCsms(csms);
    csms = undefined;
  });

  it('N04/N07: a Delta monitor set by the CSMS fires on a SetVariables write, with its id and CustomMonitor', async () => {
    csms = await startCsms();
    const started = await startStation(csms, 'VS-MON-DELTA', { profile: loadStationProfile('ac-wallbox') });
    station = started.station;
    const { session } = started;
    const set = await session.call<{ setMonitoringResult: Array<{ status: string; id?: number }> }>('SetVariableMonitoring', {
      setMonitoringData: [{ ...HEARTBEAT, type: 'Delta', value: 1, severity: 5 }],
    });
    expect(set.ok && set.payload.setMonitoringResult[0]?.status).to.equal('Accepted');
    const id = set.ok ? set.payload.setMonitoringResult[0]?.id : undefined;
    expect(id).to.be.a('number');
    const cursor = session.mark();
    await session.call('SetVariables', { setVariableData: [{ ...HEARTBEAT, attributeValue: '600' }] });
    const event = await session.waitFor(
      (m) => m.action === 'NotifyEvent' && (m.payload['eventData'] as Array<{ variableMonitoringId?: number }>).some((e) => e.variableMonitoringId === id),
      { after: cursor, timeoutMs: 5000 },
    );
    expect(event?.valid).to.equal(true);
    const data = (event?.payload['eventData'] as Array<Record<string, unknown>>).find((e) => e['variableMonitoringId'] === id);
    expect(data).to.deep.include({ trigger: 'Delta', actualValue: '600', eventNotificationType: 'CustomMonitor' });
  });

  it('N08.FR.06 a Periodic monitor reports every interval; N03 HardWiredOnly removes it, GetMonitoringReport (N02) shows what is left', async () => {
    csms = await startCsms();
    const started = await startStation(csms, 'VS-MON-PERIODIC', { profile: loadStationProfile('ac-wallbox') });
    station = started.station;
    const { session } = started;
    const set = await session.call<{ setMonitoringResult: Array<{ status: string; id?: number }> }>('SetVariableMonitoring', {
      setMonitoringData: [{ ...HEARTBEAT, type: 'Periodic', value: 1, severity: 8 }],
    });
    const id = set.ok ? set.payload.setMonitoringResult[0]?.id : undefined;
    const periodic = await session.collect(
      (m) => m.action === 'NotifyEvent' && (m.payload['eventData'] as Array<Record<string, unknown>>).some((e) => e['variableMonitoringId'] === id && e['trigger'] === 'Periodic'),
      { timeoutMs: 10_000, count: 2 },
    );
    expect(periodic).to.have.length(2);
    const base = await session.call('SetMonitoringBase', { monitoringBase: 'HardWiredOnly' });
    expect(base.ok && base.payload['status']).to.equal('Accepted');
    const cursor = session.mark();
    const report = await session.call('GetMonitoringReport', { requestId: 77 });
    expect(report.ok && report.payload['status']).to.equal('Accepted');
    const parts = await session.collect((m) => m.action === 'NotifyMonitoringReport' && m.payload['requestId'] === 77, {
      after: cursor,
      timeoutMs: 5000,
      until: (got) => got.some((p) => p.payload['tbc'] !== true),
    });
    const ids = parts.flatMap((p) => (p.payload['monitor'] as Array<{ variableMonitoring: Array<{ id: number }> }> | undefined) ?? []).flatMap((m) => m.variableMonitoring.map((v) => v.id));
    const hardWired = station.profile.monitors.filter((m) => m.origin === 'HardWiredMonitor').length;
    expect(ids).to.have.length(hardWired);
    expect(ids).not.to.include(id);
  });
});
