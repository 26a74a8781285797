import { expect } from 'chai';
import { readJournal } from '../helpers/csms-fixture.js';
import type { StationMessage } from '../../src/session/station-inbox.js';
import type { StationSession } from '../../src/session/station-session.js';
import { loadStationProfile } from '../../src/simulator/station-profile.js';
import type { FaultName } from '../../src/simulator/station/faults.js';
import { useStationTestbed } from '../helpers/virtual-station-fixture.js';

const HEARTBEAT = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };

type SetResult = { setMonitoringResult: Array<{ status: string; id?: number }> };

/** Sets Periodic monitors (one per severity) on HeartbeatInterval, each asking for a stream with `params`; returns their ids. */
async function setStreamMonitors(session: StationSession, params: Record<string, number> | undefined, severities = [5], periodS = 1): Promise<number[]> {
  const set = await session.call<SetResult>('SetVariableMonitoring', {
    setMonitoringData: severities.map((severity) => ({ ...HEARTBEAT, type: 'Periodic', value: periodS, severity, ...(params ? { periodicEventStream: params } : {}) })),
  });
  if (!set.ok) throw new Error(`SetVariableMonitoring failed: ${JSON.stringify(set)}`);
  return set.payload.setMonitoringResult.map((r) => r.id ?? -1);
}

const streamOf = (id: number) => (m: StationMessage): boolean => m.action === 'NotifyPeriodicEventStream' && m.payload['id'] === id;
const eventOf = (monitorId: number) => (m: StationMessage): boolean =>
  m.action === 'NotifyEvent' && (m.payload['eventData'] as Array<Record<string, unknown>>).some((e) => e['variableMonitoringId'] === monitorId);

describe('virtual station speaking OCPP 2.1: periodic event streams over the wire (N11–N15)', function () {
  this.timeout(30_000);
  const bed = useStationTestbed();

  async function start(identity: string, faults: FaultName[] = []): Promise<{ session: StationSession; journal: string }> {
    const csms = await bed.startCsms();
    const { session } = await bed.startStation(csms, identity, { profile: loadStationProfile('ac-wallbox'), ocppVersion: '2.1', faults });
    return { session, journal: session.journal.path };
  }

  it('opens a stream after the monitor is accepted and sends its values as SEND every interval, basetime the first value (N11.FR.02, N15.FR.01/.06/.09)', async () => {
    const { session, journal } = await start('VS21-STREAM');
    const cursor = session.mark();
    const [monitorId] = await setStreamMonitors(session, { interval: 2 });
    const open = await session.waitFor((m) => m.action === 'OpenPeriodicEventStream', { after: cursor, timeoutMs: 5000 });
    const data = open?.payload['constantStreamData'] as { id: number; variableMonitoringId: number; params: unknown };
    expect(data).to.deep.include({ variableMonitoringId: monitorId, params: { interval: 2 } });
    const sends = await session.collect(streamOf(data.id), { after: cursor, timeoutMs: 9000, count: 3 });
    expect(sends).to.have.length(3);
    for (const send of sends) {
      expect(send.valid).to.equal(true);
      const values = send.payload['data'] as Array<{ t: number; v: string }>;
      expect(values[0]?.t).to.equal(0);
      expect(values.length).to.be.within(1, 3);
      expect(send.payload['pending']).to.equal(0);
    }
    // No NotifyEvent for a monitor whose stream is open.
    expect(session.messages(eventOf(monitorId ?? -1), cursor)).to.deep.equal([]);
    const frames = readJournal(journal).filter((r) => r.record === 'frame' && r.action === 'NotifyPeriodicEventStream');
    expect(frames).to.have.length.of.at.least(3);
    expect(frames.every((f) => f.record === 'frame' && f.messageType === 'SEND' && (f.findings ?? []).length === 0)).to.equal(true);
  });

  it('lists what it opened (N12.FR.01), adjusts the rate (N14.FR.03), and on ClearVariableMonitoring flushes then closes (N13.FR.03/.05)', async () => {
    const { session } = await start('VS21-GET-ADJUST-CLOSE');
    const cursor = session.mark();
    const [monitorId] = await setStreamMonitors(session, { interval: 4 });
    const open = await session.waitFor((m) => m.action === 'OpenPeriodicEventStream', { after: cursor, timeoutMs: 5000 });
    const streamId = (open?.payload['constantStreamData'] as { id: number }).id;
    const get = await session.call('GetPeriodicEventStream', {});
    expect(get.ok && get.payload).to.deep.equal({ constantStreamData: [{ id: streamId, variableMonitoringId: monitorId, params: { interval: 4 } }] });
    const adjust = await session.call('AdjustPeriodicEventStream', { id: streamId, params: { interval: 1, values: 2 } });
    expect(adjust.ok && adjust.payload).to.deep.equal({ status: 'Accepted' });
    const adjusted = session.mark();
    const sends = await session.collect(streamOf(streamId), { after: adjusted, timeoutMs: 6000, count: 2 });
    expect(sends).to.have.length(2);
    const unknown = await session.call('AdjustPeriodicEventStream', { id: streamId + 100, params: { interval: 1 } });
    expect(unknown.ok && unknown.payload['status']).to.equal('Rejected');

    await new Promise((resolve) => setTimeout(resolve, 1200));
    const cleared = session.mark();
    const clear = await session.call('ClearVariableMonitoring', { id: [monitorId] });
    expect(clear.ok).to.equal(true);
    const close = await session.waitFor((m) => m.action === 'ClosePeriodicEventStream', { after: cleared, timeoutMs: 5000 });
    expect(close?.payload).to.deep.equal({ id: streamId });
    const empty = await session.call('GetPeriodicEventStream', {});
    expect(empty.ok && empty.payload).to.deep.equal({});
    // Whatever came for the stream after the clear came before its Close.
    const late = session.messages(streamOf(streamId), cleared).filter((m) => m.seq > (close?.seq ?? 0));
    expect(late).to.deep.equal([]);
  });

  it('after the CSMS rejects the stream the monitor reports with NotifyEvent (N11.FR.07)', async () => {
    const { session } = await start('VS21-REJECTED');
    session.answerNext('OpenPeriodicEventStream', { status: 'Rejected' });
    const cursor = session.mark();
    const [monitorId] = await setStreamMonitors(session, { interval: 2 });
    expect(await session.waitFor((m) => m.action === 'OpenPeriodicEventStream', { after: cursor, timeoutMs: 5000 }), 'the stream was asked for').to.not.equal(undefined);
    const events = await session.collect(eventOf(monitorId ?? -1), { after: cursor, timeoutMs: 5000, count: 2 });
    expect(events).to.have.length(2);
    expect(session.messages((m) => m.action === 'NotifyPeriodicEventStream', cursor)).to.deep.equal([]);
  });

  it('reports MonitoringCtrlr.MaxPeriodicEventStreams and opens no more streams than that; the rest report with NotifyEvent', async () => {
    const { session } = await start('VS21-MAX');
    const max = await session.call<{ getVariableResult: Array<{ attributeValue?: string }> }>('GetVariables', { getVariableData: [{ component: { name: 'MonitoringCtrlr' }, variable: { name: 'MaxPeriodicEventStreams' } }] });
    const limit = Number(max.ok ? max.payload.getVariableResult[0]?.attributeValue : NaN);
    expect(limit).to.equal(4);
    const cursor = session.mark();
    const ids = await setStreamMonitors(session, { interval: 3 }, [1, 2, 3, 4, 5]);
    const opens = await session.collect((m) => m.action === 'OpenPeriodicEventStream', { after: cursor, timeoutMs: 2500, count: 5 });
    expect(opens.map((o) => (o.payload['constantStreamData'] as { variableMonitoringId: number }).variableMonitoringId)).to.deep.equal(ids.slice(0, 4));
    expect(await session.waitFor(eventOf(ids[4] ?? -1), { after: cursor, timeoutMs: 3000 })).to.not.equal(undefined);
  });

  it('a monitor set again with its id and no stream has the stream closed and reports with NotifyEvent again (N13.FR.06, N13.FR.04)', async () => {
    const { session } = await start('VS21-RESET-MONITOR');
    const cursor = session.mark();
    const [monitorId] = await setStreamMonitors(session, { interval: 2 });
    const open = await session.waitFor((m) => m.action === 'OpenPeriodicEventStream', { after: cursor, timeoutMs: 5000 });
    const streamId = (open?.payload['constantStreamData'] as { id: number }).id;
    const again = session.mark();
    const set = await session.call<SetResult>('SetVariableMonitoring', { setMonitoringData: [{ ...HEARTBEAT, id: monitorId, type: 'Periodic', value: 1, severity: 5 }] });
    expect(set.ok && set.payload.setMonitoringResult[0]).to.deep.include({ status: 'Accepted', id: monitorId });
    const close = await session.waitFor((m) => m.action === 'ClosePeriodicEventStream', { after: again, timeoutMs: 5000 });
    expect(close?.payload).to.deep.equal({ id: streamId });
    expect(await session.waitFor(eventOf(monitorId ?? -1), { after: again, timeoutMs: 3000 })).to.not.equal(undefined);
  });
});
