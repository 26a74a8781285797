import { expect } from 'chai';
import type { StationMessage } from '../../src/session/station-inbox.js';
import type { StationSession } from '../../src/session/station-session.js';
import { loadStationProfile } from '../../src/simulator/station-profile.js';
import { useStationTestbed } from '../helpers/virtual-station-fixture.js';

const CURRENT = { component: { name: 'OverCurrentProtection', evse: { id: 1 } }, variable: { name: 'ACCurrent' } };
const TOKEN = { idToken: 'AUDIT-0001', type: 'Central' };

type EventItem = Record<string, unknown>;
const eventsOf = (message: StationMessage): EventItem[] => message.payload['eventData'] as EventItem[];

describe('virtual station transactions (F01, F03) and transaction-only monitors', function () {
  const bed = useStationTestbed();

  const start = async (identity: string) => {
    const csms = await bed.startCsms();
    return bed.startStation(csms, identity, { profile: loadStationProfile('ac-wallbox') });
  };

  /** Sends RequestStartTransaction and waits for the TransactionEvent Started that follows. */
  const remoteStart = async (session: StationSession, remoteStartId: number, evseId?: number): Promise<{ status: unknown; started?: StationMessage }> => {
    const cursor = session.mark();
    const answer = await session.call('RequestStartTransaction', { remoteStartId, idToken: TOKEN, ...(evseId !== undefined ? { evseId } : {}) });
    const status = answer.ok ? answer.payload['status'] : 'call failed';
    if (status !== 'Accepted') return { status };
    const started = await session.waitFor((m) => m.action === 'TransactionEvent' && m.payload['eventType'] === 'Started', { after: cursor, timeoutMs: 5000 });
    return { status, ...(started ? { started } : {}) };
  };
  const transactionIdOf = (message: StationMessage | undefined): string => (message?.payload['transactionInfo'] as { transactionId: string }).transactionId;

  it('F01 remote start: Authorize first (AuthorizeRemoteStart), then the connector Occupied and TransactionEvent Started from seqNo 0', async () => {
    const { session, station } = await start('VS-TX-START');
    const cursor = session.mark();
    const { status, started } = await remoteStart(session, 41, 1);
    expect(status).to.equal('Accepted');
    expect(started?.valid).to.equal(true);
    expect(started?.payload).to.deep.include({ eventType: 'Started', triggerReason: 'RemoteStart', seqNo: 0, evse: { id: 1, connectorId: 1 }, idToken: TOKEN });
    expect(started?.payload['transactionInfo']).to.deep.include({ chargingState: 'Charging', remoteStartId: 41 });
    const actions = session.messages().filter((m) => m.seq > cursor).map((m) => m.action);
    expect(actions.indexOf('Authorize')).to.be.within(0, actions.indexOf('TransactionEvent'));
    const occupied = session.messages().find((m) => m.seq > cursor && m.action === 'StatusNotification' && m.payload['connectorStatus'] === 'Occupied');
    expect(occupied?.payload).to.deep.include({ evseId: 1, connectorId: 1 });
    expect(station.sessions.isActive(1)).to.equal(true);
    // The EVSE draws power while charging.
    expect(Number(station.model.actual({ name: 'EVSE', evse: { id: 1 } }, { name: 'Power' }))).to.be.greaterThan(0);
  });

  it('F01: a second start on a busy EVSE is Rejected with the running transactionId; an unknown EVSE is Rejected', async () => {
    const { session } = await start('VS-TX-BUSY');
    const { started } = await remoteStart(session, 1, 1);
    const busy = await session.call('RequestStartTransaction', { remoteStartId: 2, evseId: 1, idToken: TOKEN });
    expect(busy.ok && busy.payload).to.deep.include({ status: 'Rejected', transactionId: transactionIdOf(started) });
    const unknown = await session.call('RequestStartTransaction', { remoteStartId: 3, evseId: 9, idToken: TOKEN });
    expect(unknown.ok && unknown.payload['status']).to.equal('Rejected');
  });

  it('F03 remote stop: TransactionEvent Ended (RemoteStop, Remote, next seqNo), the connector Available again; an unknown id is Rejected', async () => {
    const { session, station } = await start('VS-TX-STOP');
    const { started } = await remoteStart(session, 5, 1);
    const transactionId = transactionIdOf(started);
    const unknown = await session.call('RequestStopTransaction', { transactionId: 'no-such-transaction' });
    expect(unknown.ok && unknown.payload['status']).to.equal('Rejected');
    const cursor = session.mark();
    const stop = await session.call('RequestStopTransaction', { transactionId });
    expect(stop.ok && stop.payload['status']).to.equal('Accepted');
    const ended = await session.waitFor((m) => m.action === 'TransactionEvent' && m.payload['eventType'] === 'Ended', { after: cursor, timeoutMs: 5000 });
    expect(ended?.valid).to.equal(true);
    expect(ended?.payload).to.deep.include({ triggerReason: 'RemoteStop', seqNo: 1 });
    expect(ended?.payload['transactionInfo']).to.deep.include({ transactionId, stoppedReason: 'Remote' });
    const available = await session.waitFor((m) => m.action === 'StatusNotification' && m.payload['connectorStatus'] === 'Available', { after: cursor, timeoutMs: 5000 });
    expect(available).to.not.equal(undefined);
    expect(station.sessions.isActive()).to.equal(false);
  });

  it('N04 transaction monitor: a Delta monitor with transaction=true is silent while idle and reports with the transactionId while charging', async () => {
    const { session, station } = await start('VS-TX-MONITOR');
    const set = await session.call<{ setMonitoringResult: Array<{ status: string; id?: number }> }>('SetVariableMonitoring', {
      setMonitoringData: [{ ...CURRENT, type: 'Delta', value: 1, severity: 3, transaction: true }],
    });
    const id = set.ok ? set.payload.setMonitoringResult[0]?.id : undefined;
    expect(id).to.be.a('number');
    const forMonitor = (m: StationMessage): boolean => m.action === 'NotifyEvent' && eventsOf(m).some((e) => e['variableMonitoringId'] === id);

    const idle = session.mark();
    station.model.setByStation(CURRENT.component, CURRENT.variable, '12');
    // The station sends one CALL at a time, in order: an event for the idle write would come before TransactionEvent Started.
    const { started } = await remoteStart(session, 7, 1);
    expect(session.messages().filter((m) => m.seq > idle).some(forMonitor)).to.equal(false);

    const charging = session.mark();
    station.model.setByStation(CURRENT.component, CURRENT.variable, '16');
    const event = await session.waitFor(forMonitor, { after: charging, timeoutMs: 5000 });
    const item = event ? eventsOf(event).find((e) => e['variableMonitoringId'] === id) : undefined;
    expect(item).to.deep.include({ trigger: 'Delta', actualValue: '16', transactionId: transactionIdOf(started) });
  });

  it('B11 Reset OnIdle during a transaction is Scheduled and happens when it ends; Immediate ends it with ImmediateReset first', async () => {
    const { session } = await start('VS-TX-RESET');
    const { started } = await remoteStart(session, 8, 1);
    const scheduled = await session.call('Reset', { type: 'OnIdle' });
    expect(scheduled.ok && scheduled.payload['status']).to.equal('Scheduled');
    const beforeStop = session.mark();
    await session.call('RequestStopTransaction', { transactionId: transactionIdOf(started) });
    const reboot = await session.waitFor((m) => m.action === 'BootNotification' && m.payload['reason'] === 'RemoteReset', { after: beforeStop, timeoutMs: 10_000 });
    expect(reboot).to.not.equal(undefined);
    const ended = session.messages().find((m) => m.seq > beforeStop && m.action === 'TransactionEvent');
    expect(ended && ended.seq < (reboot?.seq ?? 0)).to.equal(true);

    const second = await remoteStart(session, 9, 1);
    const beforeImmediate = session.mark();
    const immediate = await session.call('Reset', { type: 'Immediate' });
    expect(immediate.ok && immediate.payload['status']).to.equal('Accepted');
    const cut = await session.waitFor((m) => m.action === 'TransactionEvent' && m.payload['eventType'] === 'Ended', { after: beforeImmediate, timeoutMs: 5000 });
    expect(cut?.payload['transactionInfo']).to.deep.include({ transactionId: transactionIdOf(second.started), stoppedReason: 'ImmediateReset' });
    expect(cut?.payload['triggerReason']).to.equal('ResetCommand');
    const rebooted = await session.waitFor((m) => m.action === 'BootNotification', { after: beforeImmediate, timeoutMs: 10_000 });
    expect(rebooted?.payload['reason']).to.equal('RemoteReset');
  });
});
