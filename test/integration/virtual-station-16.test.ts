import { expect } from 'chai';
import type { CallOutcome } from '../../src/ocpp/call-outcome.js';
import type { StationSession } from '../../src/session/station-session.js';
import { loadStationProfile } from '../../src/simulator/station-profile.js';
import { eventually } from '../helpers/csms-fixture.js';
import { useStationTestbed } from '../helpers/virtual-station-fixture.js';

type Key = { key: string; readonly: boolean; value?: string };
type ConfigurationConf = { configurationKey?: Key[]; unknownKey?: string[] };

/** OCPP 1.6 §9.1: the required Core keys and whether they are read-only (AuthorizeRemoteTxRequests may be either). */
const REQUIRED_CORE: Record<string, boolean | 'either'> = {
  AuthorizeRemoteTxRequests: 'either',
  ClockAlignedDataInterval: false,
  ConnectionTimeOut: false,
  ConnectorPhaseRotation: false,
  GetConfigurationMaxKeys: true,
  HeartbeatInterval: false,
  LocalAuthorizeOffline: false,
  LocalPreAuthorize: false,
  MeterValuesAlignedData: false,
  MeterValuesSampledData: false,
  MeterValueSampleInterval: false,
  NumberOfConnectors: true,
  ResetRetries: false,
  StopTransactionOnEVSideDisconnect: false,
  StopTransactionOnInvalidId: false,
  StopTxnAlignedData: false,
  StopTxnSampledData: false,
  SupportedFeatureProfiles: true,
  TransactionMessageAttempts: false,
  TransactionMessageRetryInterval: false,
  UnlockConnectorOnEVSideDisconnect: false,
};

function payloadOf<T = Record<string, unknown>>(outcome: CallOutcome): T {
  if (!outcome.ok) throw new Error(`call failed: ${JSON.stringify(outcome.failure)}`);
  return outcome.payload as T;
}

/** The journal seq of the station's answer to a CSMS call: what came after it came after the answer. */
function answerSeq(session: StationSession, outcome: CallOutcome): number {
  const seqs = outcome.messageId ? session.framesOf(outcome.messageId) : [];
  const answer = seqs[1];
  if (answer === undefined) throw new Error('no answer recorded');
  return answer;
}

async function configuration(session: StationSession, key?: string[]): Promise<ConfigurationConf> {
  return payloadOf<ConfigurationConf>(await session.call('GetConfiguration', key ? { key } : {}));
}

describe('virtual station, OCPP 1.6 (issue 17)', function () {
  const bed = useStationTestbed();

  describe('boot (1.6 §4.2)', () => {
    it('boots with the 1.6 fields of its profile, then reports connector 0 and each connector, and heartbeats at the accepted interval', async () => {
      const csms = await bed.startCsms({ heartbeatIntervalS: 1 });
      const { station, session } = await bed.startStation(csms, 'CP16-BOOT', { ocppVersion: '1.6', profile: loadStationProfile('ac-wallbox') });
      expect(session.protocol?.version).to.equal('1.6');
      expect(session.bootNotification).to.deep.equal({
        chargePointVendor: 'ocpp-audit',
        chargePointModel: 'VS-Wallbox-11',
        chargePointSerialNumber: 'VSW-0001',
        firmwareVersion: '1.4.2',
        iccid: '8949000000000000011',
        imsi: '262010000000011',
        meterType: 'VS-Meter-3P',
      });
      const statuses = await session.collect((m) => m.action === 'StatusNotification', { timeoutMs: 5000, count: 2 });
      expect(statuses.map((m) => [m.payload['connectorId'], m.payload['status'], m.payload['errorCode']])).to.deep.equal([
        [0, 'Available', 'NoError'],
        [1, 'Available', 'NoError'],
      ]);
      expect(station.configuration.get('HeartbeatInterval')).to.equal('1');
      const beats = await session.collect((m) => m.action === 'Heartbeat', { timeoutMs: 10_000, count: 2 });
      expect(beats).to.have.length(2);
      expect(session.messages((m) => !m.valid)).to.deep.equal([]);
    });

    it('numbers the connectors of all EVSEs 1..N (dc-fast: 2 EVSEs of 2 connectors)', async () => {
      const csms = await bed.startCsms();
      const { session } = await bed.startStation(csms, 'CP16-DC', { ocppVersion: '1.6', profile: loadStationProfile('dc-fast') });
      const statuses = await session.collect((m) => m.action === 'StatusNotification', { timeoutMs: 5000, count: 5 });
      expect(statuses.map((m) => m.payload['connectorId'])).to.deep.equal([0, 1, 2, 3, 4]);
      const { configurationKey } = await configuration(session, ['NumberOfConnectors', 'ConnectorPhaseRotation']);
      expect(configurationKey?.map((k) => k.value)).to.deep.equal(['4', '0.NotApplicable,1.NotApplicable,2.NotApplicable,3.NotApplicable,4.NotApplicable']);
    });

    it('while Pending it answers the Central System, sends nothing unasked but what a TriggerMessage asks for, and boots again after the interval', async () => {
      const csms = await bed.startCsms({ bootStatus: 'Pending', bootRetryIntervalS: 1 });
      const { station, session } = await bed.startStation(csms, 'CP16-PENDING', { ocppVersion: '1.6', expectAccepted: false });
      await eventually(() => session.bootState === 'Pending', 5000, 'a Pending boot');
      expect(Object.keys(payloadOf<ConfigurationConf>(await session.call('GetConfiguration', {})))).to.include('configurationKey');
      const trigger = await session.call('TriggerMessage', { requestedMessage: 'StatusNotification', connectorId: 1 });
      expect(payloadOf(trigger)).to.deep.equal({ status: 'Accepted' });
      await session.waitFor((m) => m.action === 'StatusNotification', { timeoutMs: 5000 });
      const boots = await session.collect((m) => m.action === 'BootNotification', { timeoutMs: 10_000, count: 2 });
      expect(boots).to.have.length(2);
      expect(station.isAccepted).to.equal(false);
      expect(session.messages((m) => m.action !== 'BootNotification').map((m) => m.action)).to.deep.equal(['StatusNotification']);
      session.setBootStatus('Accepted');
      expect(await station.waitUntilAccepted(10_000)).to.equal(true);
      await session.collect((m) => m.action === 'StatusNotification', { timeoutMs: 5000, count: 3 });
    });

    it('after Rejected it neither sends nor answers until the interval has passed, then boots again', async () => {
      const csms = await bed.startCsms({ bootStatus: 'Rejected', bootRetryIntervalS: 2 });
      const { session } = await bed.startStation(csms, 'CP16-REJECTED', { ocppVersion: '1.6', expectAccepted: false });
      await eventually(() => session.bootState === 'Rejected', 5000, 'a Rejected boot');
      const unanswered = await session.call('GetConfiguration', {}, { timeoutMs: 1000 });
      expect(!unanswered.ok && unanswered.failure.kind).to.equal('timeout');
      const boots = await session.collect((m) => m.action === 'BootNotification', { timeoutMs: 10_000, count: 2 });
      expect(boots).to.have.length(2);
      expect(session.messages((m) => m.action !== 'BootNotification')).to.deep.equal([]);
    });
  });

  describe('configuration (1.6 §9)', () => {
    it('GetConfiguration without keys lists every required Core key with its access, the feature profiles and the security keys', async () => {
      const csms = await bed.startCsms();
      const { session } = await bed.startStation(csms, 'CP16-CONF', { ocppVersion: '1.6' });
      const keys = new Map((await configuration(session)).configurationKey?.map((k) => [k.key, k]));
      for (const [key, readonly] of Object.entries(REQUIRED_CORE)) {
        expect(keys.has(key), key).to.equal(true);
        if (readonly !== 'either') expect(keys.get(key)?.readonly, key).to.equal(readonly);
        expect(keys.get(key)?.value, key).to.be.a('string');
      }
      expect(keys.get('SupportedFeatureProfiles')?.value).to.equal('Core,FirmwareManagement,RemoteTrigger');
      expect(keys.get('GetConfigurationMaxKeys')?.value).to.equal('20');
      expect(keys.get('NumberOfConnectors')?.value).to.equal('1');
      for (const key of ['SecurityProfile', 'CpoName', 'AdditionalRootCertificateCheck', 'CertificateStoreMaxLength', 'CertificateSignedMaxChainSize']) expect(keys.has(key), key).to.equal(true);
      expect(keys.get('SecurityProfile')).to.deep.equal({ key: 'SecurityProfile', readonly: false, value: '0' });
      // Write-only (security WP §7): listed, never read back.
      expect(keys.get('AuthorizationKey')).to.deep.equal({ key: 'AuthorizationKey', readonly: false });
    });

    it('GetConfiguration with keys answers those and lists the unknown ones; more than GetConfigurationMaxKeys is a CALLERROR', async () => {
      const csms = await bed.startCsms();
      const { session } = await bed.startStation(csms, 'CP16-CONF-KEYS', { ocppVersion: '1.6' });
      const answer = await configuration(session, ['HeartbeatInterval', 'NoSuchKey', 'NumberOfConnectors']);
      expect(answer.configurationKey?.map((k) => k.key)).to.deep.equal(['HeartbeatInterval', 'NumberOfConnectors']);
      expect(answer.unknownKey).to.deep.equal(['NoSuchKey']);
      const tooMany = await session.call('GetConfiguration', { key: Array.from({ length: 21 }, (_, i) => `Key${i}`) });
      expect(!tooMany.ok && tooMany.failure.kind === 'call-error' && tooMany.failure.errorCode).to.equal('OccurenceConstraintViolation');
    });

    it('ChangeConfiguration: read-only Rejected, unknown NotSupported, a bad value Rejected, a good one Accepted and applied (HeartbeatInterval drives the heartbeat)', async () => {
      const csms = await bed.startCsms();
      const { station, session } = await bed.startStation(csms, 'CP16-CHANGE', { ocppVersion: '1.6' });
      const change = async (key: string, value: string): Promise<unknown> => payloadOf(await session.call('ChangeConfiguration', { key, value }))['status'];
      expect(await change('NumberOfConnectors', '3')).to.equal('Rejected');
      expect(await change('SupportedFeatureProfiles', 'Core')).to.equal('Rejected');
      expect(await change('NoSuchKey', '1')).to.equal('NotSupported');
      expect(await change('HeartbeatInterval', 'soon')).to.equal('Rejected');
      expect(await change('LocalPreAuthorize', 'maybe')).to.equal('Rejected');
      expect(await change('MeterValuesSampledData', 'Energy.Active.Import.Register,Bogus')).to.equal('Rejected');
      expect(await change('SecurityProfile', '2')).to.equal('Rejected');
      expect(await change('LocalPreAuthorize', 'TRUE')).to.equal('Accepted');
      expect(await change('MeterValuesSampledData', 'Voltage,Current.Import')).to.equal('Accepted');
      const { configurationKey } = await configuration(session, ['NumberOfConnectors', 'LocalPreAuthorize', 'MeterValuesSampledData']);
      expect(configurationKey?.map((k) => k.value)).to.deep.equal(['1', 'true', 'Voltage,Current.Import']);
      const before = session.mark();
      expect(await change('HeartbeatInterval', '1')).to.equal('Accepted');
      expect(station.configuration.get('HeartbeatInterval')).to.equal('1');
      const beats = await session.collect((m) => m.action === 'Heartbeat', { after: before, timeoutMs: 10_000, count: 2 });
      expect(beats).to.have.length(2);
    });
  });

  describe('TriggerMessage (RemoteTrigger, 1.6 §5.17)', () => {
    it('answers first, then sends each message it was asked for; BootNotification is Rejected once Accepted (errata §3.35)', async () => {
      const csms = await bed.startCsms();
      const { session } = await bed.startStation(csms, 'CP16-TRIGGER', { ocppVersion: '1.6' });
      await session.collect((m) => m.action === 'StatusNotification', { timeoutMs: 5000, count: 2 });
      const expected: Array<[Record<string, unknown>, string, Record<string, unknown>]> = [
        [{ requestedMessage: 'Heartbeat' }, 'Heartbeat', {}],
        [{ requestedMessage: 'DiagnosticsStatusNotification' }, 'DiagnosticsStatusNotification', { status: 'Idle' }],
        [{ requestedMessage: 'FirmwareStatusNotification' }, 'FirmwareStatusNotification', { status: 'Idle' }],
        [{ requestedMessage: 'StatusNotification', connectorId: 1 }, 'StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' }],
        [{ requestedMessage: 'MeterValues', connectorId: 1 }, 'MeterValues', { connectorId: 1 }],
      ];
      for (const [request, action, includes] of expected) {
        const outcome = await session.call('TriggerMessage', request);
        expect(payloadOf(outcome), action).to.deep.equal({ status: 'Accepted' });
        const sent = await session.waitFor((m) => m.action === action, { after: answerSeq(session, outcome), timeoutMs: 5000 });
        expect(sent?.payload, action).to.deep.include(includes);
      }
      const meter = session.messages((m) => m.action === 'MeterValues')[0]?.payload['meterValue'] as Array<{ sampledValue: Array<Record<string, unknown>> }>;
      expect(meter[0]?.sampledValue.map((v) => [v['measurand'], v['context']])).to.deep.equal([
        ['Energy.Active.Import.Register', 'Trigger'],
        ['Power.Active.Import', 'Trigger'],
      ]);
      const all = await session.call('TriggerMessage', { requestedMessage: 'StatusNotification' });
      const reported = await session.collect((m) => m.action === 'StatusNotification', { after: answerSeq(session, all), timeoutMs: 5000, count: 2 });
      expect(reported.map((m) => m.payload['connectorId'])).to.deep.equal([0, 1]);
      expect(payloadOf(await session.call('TriggerMessage', { requestedMessage: 'BootNotification' }))).to.deep.equal({ status: 'Rejected' });
      expect(payloadOf(await session.call('TriggerMessage', { requestedMessage: 'StatusNotification', connectorId: 7 }))).to.deep.equal({ status: 'Rejected' });
      expect(session.messages((m) => m.action === 'BootNotification')).to.have.length(1);
      expect(session.messages((m) => !m.valid)).to.deep.equal([]);
    });
  });

  describe('rest of Core (1.6 §5)', () => {
    it('ChangeAvailability Inoperative and Operative switch the connector and report it; Reset reboots and boots again', async () => {
      const csms = await bed.startCsms();
      const { station, session } = await bed.startStation(csms, 'CP16-AVAILABILITY', { ocppVersion: '1.6' });
      await session.collect((m) => m.action === 'StatusNotification', { timeoutMs: 5000, count: 2 });
      let before = session.mark();
      expect(payloadOf(await session.call('ChangeAvailability', { connectorId: 1, type: 'Inoperative' }))).to.deep.equal({ status: 'Accepted' });
      expect((await session.waitFor((m) => m.action === 'StatusNotification', { after: before, timeoutMs: 5000 }))?.payload).to.deep.include({ connectorId: 1, status: 'Unavailable' });
      before = session.mark();
      expect(payloadOf(await session.call('ChangeAvailability', { connectorId: 0, type: 'Operative' }))).to.deep.equal({ status: 'Accepted' });
      const both = await session.collect((m) => m.action === 'StatusNotification', { after: before, timeoutMs: 5000, count: 2 });
      expect(both.map((m) => [m.payload['connectorId'], m.payload['status']])).to.deep.equal([[0, 'Available'], [1, 'Available']]);
      expect(payloadOf(await session.call('ChangeAvailability', { connectorId: 5, type: 'Operative' }))).to.deep.equal({ status: 'Rejected' });
      before = session.mark();
      expect(payloadOf(await session.call('Reset', { type: 'Hard' }))).to.deep.equal({ status: 'Accepted' });
      await session.waitFor((m) => m.action === 'BootNotification', { after: before, timeoutMs: 10_000 });
      expect(await station.waitUntilAccepted(10_000)).to.equal(true);
      expect(session.connectionCount).to.equal(2);
    });
  });
});
