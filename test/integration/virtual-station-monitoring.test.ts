import { expect } from 'chai';
import { loadStationProfile } from '../../src/simulator/station-profile.js';
import { editedProfile, useStationTestbed } from '../helpers/virtual-station-fixture.js';

const HEARTBEAT = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };

describe('virtual station monitoring, end to end over the wire', function () {
  const bed = useStationTestbed();

  it('N04/N07: a Delta monitor set by the CSMS fires on a SetVariables write, with its id and CustomMonitor', async () => {
    const csms = await bed.startCsms();
    const started = await bed.startStation(csms, 'VS-MON-DELTA', { profile: loadStationProfile('ac-wallbox') });
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
    const csms = await bed.startCsms();
    const started = await bed.startStation(csms, 'VS-MON-PERIODIC', { profile: loadStationProfile('ac-wallbox') });
    const station = started.station;
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

  it('N07.FR.02 a hard-wired connector over-temperature monitor fires from the moving sensor, then clears', async () => {
    // The ac-wallbox connector heats 25 → 95 °C; here over a 4 s cycle instead of 40 s.
    const profile = editedProfile('ac-wallbox', (document) => {
      for (const component of document['components'] as Array<{ name: string; variables: Array<{ name: string; sensor?: { periodS?: number } }> }>) {
        if (component.name !== 'Connector') continue;
        for (const variable of component.variables) if (variable.name === 'Temperature' && variable.sensor) variable.sensor.periodS = 4;
      }
    });
    const csms = await bed.startCsms();
    const started = await bed.startStation(csms, 'VS-MON-HOT', { profile, sensorIntervalMs: 200 });
    const events = await started.session.collect(
      (m) => m.action === 'NotifyEvent' && (m.payload['eventData'] as Array<Record<string, unknown>>).some((e) => e['eventNotificationType'] === 'HardWiredMonitor'),
      { timeoutMs: 15_000, count: 2 },
    );
    const data = events.map((m) => (m.payload['eventData'] as Array<Record<string, unknown>>)[0]);
    expect(data[0]).to.deep.include({ trigger: 'Alerting', component: { name: 'Connector', evse: { id: 1, connectorId: 1 } } });
    expect(Number(data[0]?.['actualValue'])).to.be.greaterThan(80);
    expect(data[1]).to.deep.include({ trigger: 'Alerting', cleared: true });
    expect(Number(data[1]?.['actualValue'])).to.be.at.most(80);
  });

  it('N07.FR.13 custom monitors survive a Reset and are reported after the reboot', async () => {
    const csms = await bed.startCsms();
    const started = await bed.startStation(csms, 'VS-MON-RESET', { profile: loadStationProfile('ac-wallbox') });
    const station = started.station;
    const { session } = started;
    const set = await session.call<{ setMonitoringResult: Array<{ id?: number }> }>('SetVariableMonitoring', {
      setMonitoringData: [{ ...HEARTBEAT, type: 'Delta', value: 1, severity: 6 }],
    });
    const id = set.ok ? set.payload.setMonitoringResult[0]?.id : undefined;
    const cursor = session.mark();
    await session.call('Reset', { type: 'Immediate' });
    await session.waitFor((m) => m.action === 'BootNotification', { after: cursor, timeoutMs: 10_000 });
    expect(await station.waitUntilAccepted(10_000)).to.equal(true);
    const reportCursor = session.mark();
    await session.call('GetMonitoringReport', { requestId: 9, componentVariable: [{ component: HEARTBEAT.component, variable: HEARTBEAT.variable }] });
    const [part] = await session.collect((m) => m.action === 'NotifyMonitoringReport', { after: reportCursor, timeoutMs: 5000, count: 1 });
    const ids = ((part?.payload['monitor'] as Array<{ variableMonitoring: Array<{ id: number }> }>) ?? []).flatMap((m) => m.variableMonitoring.map((v) => v.id));
    expect(ids).to.include(id);
  });

  describe('named monitoring faults', () => {
    type Event = Record<string, unknown>;
    const start = async (identity: string, faults: NonNullable<Parameters<typeof bed.startStation>[2]>['faults']) => {
      const csms = await bed.startCsms();
      const started = await bed.startStation(csms, identity, { profile: loadStationProfile('ac-wallbox'), faults });
      return started.session;
    };
    const setMonitor = async (session: Awaited<ReturnType<typeof start>>, monitor: Record<string, unknown>) => {
      const set = await session.call<{ setMonitoringResult: Array<{ status: string; id?: number }> }>('SetVariableMonitoring', {
        setMonitoringData: [{ ...HEARTBEAT, severity: 5, ...monitor }],
      });
      return set.ok ? set.payload.setMonitoringResult[0] : undefined;
    };
    const write = (session: Awaited<ReturnType<typeof start>>, value: string) =>
      session.call('SetVariables', { setVariableData: [{ ...HEARTBEAT, attributeValue: value }] });
    const eventsFor = (session: Awaited<ReturnType<typeof start>>, id: number | undefined, after: number, timeoutMs: number, count = 1) =>
      session.collect(
        (m) => m.action === 'NotifyEvent' && (m.payload['eventData'] as Event[]).some((e) => e['variableMonitoringId'] === id),
        { after, timeoutMs, count },
      );

    it('monitoring-accepted-empty: Accepted without an id, and no monitor behind it', async () => {
      const session = await start('VS-MF-EMPTY', ['monitoring-accepted-empty']);
      const result = await setMonitor(session, { type: 'Delta', value: 1 });
      expect(result?.status).to.equal('Accepted');
      expect(result).not.to.have.property('id');
      const cursor = session.mark();
      await session.call('GetMonitoringReport', { requestId: 5 });
      const parts = await session.collect((m) => m.action === 'NotifyMonitoringReport', { after: cursor, timeoutMs: 5000, until: (got) => got.some((p) => p.payload['tbc'] !== true) });
      const reported = parts.flatMap((p) => (p.payload['monitor'] as Array<{ variableMonitoring: unknown[] }>) ?? []).flatMap((m) => m.variableMonitoring);
      expect(reported).to.have.length(loadStationProfile('ac-wallbox').monitors.length);
    });

    it('monitors-never-fire: a Delta monitor is accepted but a write sends no event', async () => {
      const session = await start('VS-MF-SILENT', ['monitors-never-fire']);
      const result = await setMonitor(session, { type: 'Delta', value: 1 });
      const cursor = session.mark();
      expect((await write(session, '600')).ok).to.equal(true);
      expect(await eventsFor(session, result?.id, cursor, 1500)).to.deep.equal([]);
    });

    it('ignore-monitoring-level: after SetMonitoringLevel 0, a severity 5 monitor still reports', async () => {
      const session = await start('VS-MF-LEVEL', ['ignore-monitoring-level']);
      const level = await session.call('SetMonitoringLevel', { severity: 0 });
      expect(level.ok && level.payload['status']).to.equal('Accepted');
      const result = await setMonitor(session, { type: 'Delta', value: 1 });
      const cursor = session.mark();
      await write(session, '600');
      expect(await eventsFor(session, result?.id, cursor, 5000)).to.have.length(1);
    });

    it('base-keeps-custom: after SetMonitoringBase HardWiredOnly the custom monitor still fires', async () => {
      const session = await start('VS-MF-BASE', ['base-keeps-custom']);
      const result = await setMonitor(session, { type: 'Delta', value: 1 });
      const base = await session.call('SetMonitoringBase', { monitoringBase: 'HardWiredOnly' });
      expect(base.ok && base.payload['status']).to.equal('Accepted');
      const cursor = session.mark();
      await write(session, '600');
      expect(await eventsFor(session, result?.id, cursor, 5000)).to.have.length(1);
    });

    it('threshold-without-cleared: the threshold fires on the way up, nothing comes on the way down', async () => {
      const session = await start('VS-MF-CLEARED', ['threshold-without-cleared']);
      const result = await setMonitor(session, { type: 'UpperThreshold', value: 500, severity: 4 });
      const cursor = session.mark();
      await write(session, '600');
      const [alert] = await eventsFor(session, result?.id, cursor, 5000);
      expect((alert?.payload['eventData'] as Event[])[0]).to.deep.include({ trigger: 'Alerting', actualValue: '600' });
      const back = session.mark();
      await write(session, '300');
      expect(await eventsFor(session, result?.id, back, 1500)).to.deep.equal([]);
    });

    it('silent-after-periodic-set: after a periodic monitor, a SetVariables wedges the station', async () => {
      const session = await start('VS-MF-WEDGE', ['silent-after-periodic-set']);
      expect((await write(session, '400')).ok, 'before any periodic monitor').to.equal(true);
      expect((await setMonitor(session, { type: 'Periodic', value: 30 }))?.status).to.equal('Accepted');
      const wedged = await session.call('SetVariables', { setVariableData: [{ ...HEARTBEAT, attributeValue: '500' }] }, { timeoutMs: 500 });
      expect(!wedged.ok && wedged.failure.kind).to.equal('timeout');
      const after = await session.call('GetVariables', { getVariableData: [HEARTBEAT] }, { timeoutMs: 500 });
      expect(!after.ok && after.failure.kind).to.equal('timeout');
    });
  });
});
