import { expect } from 'chai';
import { loadStationProfile } from '../../src/simulator/station-profile.js';
import { useStationTestbed } from '../helpers/virtual-station-fixture.js';

type EventItem = Record<string, unknown> & { component: { name: string; instance?: string }; variable: { name: string } };

describe('virtual station scenarios over the wire, on a fast station clock', function () {
  this.timeout(40_000);
  const bed = useStationTestbed();

  it('fan-degradation at an hour a second: a Periodic monitor shows the converter heating, the 65 °C threshold fires, then the trip with CX003', async () => {
    const csms = await bed.startCsms();
    const { session } = await bed.startStation(csms, 'VS-SCN-FAN', {
      profile: loadStationProfile('dc-fast'),
      scenarios: ['fan-degradation'],
      timeScale: 3600,
      seed: 5,
      sensorIntervalMs: 60_000,
    });
    // Every 10 minutes of station time: a sample each 1/6 s of real time.
    const set = await session.call<{ setMonitoringResult: Array<{ status: string; id?: number }> }>('SetVariableMonitoring', {
      setMonitoringData: [{ component: { name: 'AcDcConverter', instance: '1' }, variable: { name: 'Temperature' }, type: 'Periodic', value: 600, severity: 7 }],
    });
    const periodicId = set.ok ? set.payload.setMonitoringResult[0]?.id : undefined;
    expect(periodicId).to.be.a('number');
    const isTrip = (e: EventItem): boolean => e.component.name === 'AcDcConverter' && e.component.instance === '1' && e.variable.name === 'Tripped' && e['actualValue'] === 'true';
    const messages = await session.collect((m) => m.action === 'NotifyEvent', {
      timeoutMs: 30_000,
      until: (got) => got.some((m) => (m.payload['eventData'] as EventItem[]).some(isTrip)),
    });
    const events = messages.flatMap((m) => m.payload['eventData'] as EventItem[]);
    const trip = events.find(isTrip);
    expect(trip, 'the trip event').to.deep.include({ eventNotificationType: 'HardWiredNotification', techCode: 'CX003' });
    const samples = events.filter((e) => e['variableMonitoringId'] === periodicId && e['trigger'] === 'Periodic');
    expect(samples.length).to.be.greaterThan(6);
    const first = Number(samples[0]?.['actualValue']);
    const last = Number(samples.at(-1)?.['actualValue']);
    expect(first).to.be.below(65);
    expect(last).to.be.greaterThan(first + 20);
    const threshold = events.find((e) => e.variable.name === 'Temperature' && e.component.instance === '1' && e['eventNotificationType'] === 'PreconfiguredMonitor' && e['cleared'] !== true);
    expect(threshold, 'the preconfigured 65 °C threshold').to.not.equal(undefined);
    expect(Number(threshold?.['actualValue'])).to.be.greaterThan(65);
    // The station's timestamps follow its own clock: hours of station time between the first sample and the trip.
    const hours = (Date.parse(String(trip?.['timestamp'])) - Date.parse(String(samples[0]?.['timestamp']))) / 3_600_000;
    expect(hours).to.be.greaterThan(1);
    expect(Date.parse(String(threshold?.['timestamp']))).to.be.below(Date.parse(String(trip?.['timestamp'])));
  });

  it('comm-outage at an hour a second: the link drops and comes back without a reboot; the events of the outage arrive late, in a burst, with their own timestamps', async () => {
    const csms = await bed.startCsms();
    const { session } = await bed.startStation(csms, 'VS-SCN-OUT', { profile: loadStationProfile('dc-fast'), scenarios: ['comm-outage'], timeScale: 3600, seed: 5, sensorIntervalMs: 60_000 });
    // A sample every 30 minutes of station time (half a real second: a loaded machine's stalls stay
    // well inside it), at severity 0: queued whatever OfflineQueuingSeverity is.
    const set = await session.call<{ setMonitoringResult: Array<{ status: string; id?: number }> }>('SetVariableMonitoring', {
      setMonitoringData: [{ component: { name: 'AcDcConverter', instance: '1' }, variable: { name: 'Temperature' }, type: 'Periodic', value: 1800, severity: 0 }],
    });
    const id = set.ok ? set.payload.setMonitoringResult[0]?.id : undefined;
    expect(id).to.be.a('number');
    const isSample = (m: { action: string; payload: Record<string, unknown> }): boolean => m.action === 'NotifyEvent' && (m.payload['eventData'] as EventItem[]).some((e) => e['variableMonitoringId'] === id);
    const stampOf = (m: { payload: Record<string, unknown> }): number => Date.parse(String((m.payload['eventData'] as EventItem[])[0]?.['timestamp']));
    const lastBefore = await new Promise<number>((resolve) => {
      session.once('disconnected', () => {
        const last = session.messages(isSample).at(-1);
        session.once('connected', () => resolve(last ? stampOf(last) : Number.NaN));
      });
    });
    const after = session.mark();
    const [first] = await session.collect(isSample, { after, timeoutMs: 5_000, count: 1 });
    expect(first, 'a sample after the reconnect').to.not.equal(undefined);
    // The outage lasted 30–90 min of station time (seed 5: about 80). Queued, the samples go on 30
    // minutes after the last one before it; lost, the first one after it is stamped an hour or more later.
    const gapMinutes = (stampOf(first) - lastBefore) / 60_000;
    expect(gapMinutes, 'station minutes between the last sample before the outage and the first after it').to.be.within(29, 31);
    // A mere reconnect: no second BootNotification (Part 4).
    expect(session.messages((m) => m.action === 'BootNotification')).to.have.length(1);
  });

  it('reboot-loses-monitors at an hour a second: a Watchdog boot, after which the custom monitor set before it is gone from the monitoring report', async () => {
    const csms = await bed.startCsms();
    const { session } = await bed.startStation(csms, 'VS-SCN-RBT', { profile: loadStationProfile('ac-wallbox'), scenarios: ['reboot-loses-monitors'], timeScale: 3600, seed: 5, rebootDelayMs: 100 });
    const set = await session.call<{ setMonitoringResult: Array<{ status: string; id?: number }> }>('SetVariableMonitoring', {
      setMonitoringData: [{ component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' }, type: 'UpperThreshold', value: 10_000, severity: 4 }],
    });
    const id = set.ok ? set.payload.setMonitoringResult[0]?.id : undefined;
    expect(id).to.be.a('number');
    const [watchdog] = await session.collect((m) => m.action === 'BootNotification' && m.payload['reason'] === 'Watchdog', { timeoutMs: 15_000, count: 1 });
    expect(watchdog, 'the watchdog reboot (3–5 h of station time)').to.not.equal(undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = session.mark();
    const report = await session.call<{ status: string }>('GetMonitoringReport', { requestId: 77 });
    expect(report.ok && report.payload.status).to.equal('Accepted');
    const parts = await session.collect((m) => m.action === 'NotifyMonitoringReport' && m.payload['requestId'] === 77, { after, timeoutMs: 10_000, until: (got) => got.some((m) => m.payload['tbc'] !== true) });
    const ids = parts.flatMap((m) => ((m.payload['monitor'] as Array<{ variableMonitoring: Array<{ id: number }> }> | undefined) ?? []).flatMap((entry) => entry.variableMonitoring.map((v) => v.id)));
    expect(ids.length, 'the hard-wired and preconfigured monitors stay').to.be.greaterThan(0);
    expect(ids, 'the custom monitor set before the reboot').not.to.include(id);
  });

  it('failing-connector at an hour a second: three Problem glitches with ChargeX CX023, each cleared, then Problem stays and the connector reports Faulted', async () => {
    const csms = await bed.startCsms();
    const { session } = await bed.startStation(csms, 'VS-SCN-CON', { profile: loadStationProfile('ac-wallbox'), scenarios: ['failing-connector'], timeScale: 3600, seed: 5 });
    const [faulted] = await session.collect((m) => m.action === 'StatusNotification' && m.payload['connectorStatus'] === 'Faulted', { timeoutMs: 20_000, count: 1 });
    expect(faulted, 'the Faulted StatusNotification').to.deep.include({ action: 'StatusNotification' });
    expect(faulted?.payload).to.deep.include({ evseId: 1, connectorId: 1 });
    // The failure's own event may come just after its StatusNotification: one CALL at a time.
    const isProblem = (e: EventItem): boolean => e.component.name === 'Connector' && e.variable.name === 'Problem';
    const raisedIn = (got: ReadonlyArray<{ payload: Record<string, unknown> }>): number => got.flatMap((m) => m.payload['eventData'] as EventItem[]).filter((e) => isProblem(e) && e['actualValue'] === 'true').length;
    const events = await session.collect((m) => m.action === 'NotifyEvent', { timeoutMs: 5_000, until: (got) => raisedIn(got) >= 4 });
    const problems = events.flatMap((m) => m.payload['eventData'] as EventItem[]).filter(isProblem);
    const raised = problems.filter((e) => e['actualValue'] === 'true');
    expect(raised.length, 'three glitches and the failure').to.equal(4);
    expect(raised.every((e) => e['techCode'] === 'CX023')).to.equal(true);
    expect(problems.filter((e) => e['actualValue'] === 'false'), 'each glitch cleared').to.have.length(3);
  });
});

