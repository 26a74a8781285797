import { expect } from 'chai';
import type { CallOutcome } from '../../src/ocpp/call-outcome.js';
import type { StationSession } from '../../src/session/station-session.js';
import type { StationMessage } from '../../src/session/station-inbox.js';
import { CLEAR_AFTER_MS } from '../../src/simulator/ocpp16/chargex-faults.js';
import { startVirtualStation } from '../../src/simulator/start-virtual-station.js';
import type { FaultName } from '../../src/simulator/station/faults.js';
import { loadStationProfile } from '../../src/simulator/station-profile.js';
import { UploadReceiver } from '../helpers/upload-receiver.js';
import { useStationTestbed } from '../helpers/virtual-station-fixture.js';

const CHARGEX = 'https://chargex.inl.gov';

function payloadOf(outcome: CallOutcome): Record<string, unknown> {
  if (!outcome.ok) throw new Error(`call failed: ${JSON.stringify(outcome.failure)}`);
  return outcome.payload;
}

/** Connector 1's StatusNotifications after the boot report, as [status, errorCode, vendorErrorCode]. */
function connector1(messages: StationMessage[]): unknown[][] {
  return messages.map((m) => [m.payload['status'], m.payload['errorCode'], m.payload['vendorErrorCode']]);
}

/** Waits until the station has answered a triggered Heartbeat: what its earlier work sent is in by then. */
async function roundTrip(session: StationSession): Promise<void> {
  const after = session.mark();
  payloadOf(await session.call('TriggerMessage', { requestedMessage: 'Heartbeat' }));
  await session.waitFor((m) => m.action === 'Heartbeat', { after, timeoutMs: 5000 });
}

describe('virtual station, OCPP 1.6: named behaviours (issue 17)', function () {
  const bed = useStationTestbed();
  let receiver: UploadReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  async function started(identity: string, faults: FaultName[]) {
    const csms = await bed.startCsms();
    return bed.startStation(csms, identity, { ocppVersion: '1.6', faults, profile: loadStationProfile('ac-wallbox') });
  }

  describe('status error codes', () => {
    it('chargex-fault-codes: connector 1 goes Faulted with GroundFailure/CX002, then OtherError/CX014, each under the ChargeX vendorId with info, each cleared with NoError', async () => {
      const { session } = await started('CP16-CHARGEX', ['chargex-fault-codes']);
      const boot = await session.collect((m) => m.action === 'StatusNotification', { timeoutMs: 5000, count: 2 });
      const story = await session.collect((m) => m.action === 'StatusNotification' && m.payload['connectorId'] === 1, { after: boot.at(-1)?.seq ?? 0, timeoutMs: 15_000, count: 4 });
      expect(connector1(story)).to.deep.equal([
        ['Faulted', 'GroundFailure', 'CX002'],
        ['Available', 'NoError', undefined],
        ['Faulted', 'OtherError', 'CX014'],
        ['Available', 'NoError', undefined],
      ]);
      for (const faulted of [story[0], story[2]]) {
        expect(faulted?.payload['vendorId']).to.equal(CHARGEX);
        expect(faulted?.payload['info']).to.be.a('string').and.not.equal('');
      }
      expect(story[1]?.payload).to.not.have.any.keys('vendorId', 'vendorErrorCode', 'info');
      expect(session.messages((m) => !m.valid)).to.deep.equal([]);
    });

    it('error-never-cleared: connector 1 goes Faulted (GroundFailure, CX002) and stays so: no NoError follows, and a triggered status still says Faulted', async () => {
      const { session } = await started('CP16-NEVER-CLEARED', ['error-never-cleared']);
      const faulted = await session.waitFor((m) => m.action === 'StatusNotification' && m.payload['status'] === 'Faulted', { timeoutMs: 10_000 });
      expect(faulted?.payload).to.deep.include({ connectorId: 1, errorCode: 'GroundFailure', vendorErrorCode: 'CX002', vendorId: CHARGEX });
      // Well past the time a correct station clears it.
      await new Promise((resolve) => setTimeout(resolve, CLEAR_AFTER_MS + 1500));
      const after = session.mark();
      payloadOf(await session.call('TriggerMessage', { requestedMessage: 'StatusNotification', connectorId: 1 }));
      const now = await session.waitFor((m) => m.action === 'StatusNotification', { after, timeoutMs: 5000 });
      expect(now?.payload).to.deep.include({ status: 'Faulted', errorCode: 'GroundFailure' });
      expect(session.messages((m) => m.action === 'StatusNotification' && m.seq > (faulted?.seq ?? 0) && m.payload['errorCode'] === 'NoError' && m.payload['connectorId'] === 1)).to.deep.equal([]);
    });

    it('unknown-vendor-error-code: Faulted with OtherError and E-4711 under the ChargeX vendorId, then cleared with NoError', async () => {
      const { session } = await started('CP16-UNKNOWN-CODE', ['unknown-vendor-error-code']);
      const boot = await session.collect((m) => m.action === 'StatusNotification', { timeoutMs: 5000, count: 2 });
      const story = await session.collect((m) => m.action === 'StatusNotification' && m.payload['connectorId'] === 1, { after: boot.at(-1)?.seq ?? 0, timeoutMs: 15_000, count: 2 });
      expect(connector1(story)).to.deep.equal([
        ['Faulted', 'OtherError', 'E-4711'],
        ['Available', 'NoError', undefined],
      ]);
      expect(story[0]?.payload['vendorId']).to.equal(CHARGEX);
    });
  });

  describe('configuration and triggers', () => {
    it('readonly-change-accepted: ChangeConfiguration of a read-only key says Accepted and the value changes', async () => {
      const { session } = await started('CP16-RO-ACCEPTED', ['readonly-change-accepted']);
      expect(payloadOf(await session.call('ChangeConfiguration', { key: 'NumberOfConnectors', value: '3' }))).to.deep.equal({ status: 'Accepted' });
      const read = payloadOf(await session.call('GetConfiguration', { key: ['NumberOfConnectors'] }));
      expect(read['configurationKey']).to.deep.equal([{ key: 'NumberOfConnectors', readonly: true, value: '3' }]);
      // Writable keys keep their rules.
      expect(payloadOf(await session.call('ChangeConfiguration', { key: 'HeartbeatInterval', value: 'soon' }))).to.deep.equal({ status: 'Rejected' });
    });

    it('missing-required-keys: ConnectorPhaseRotation, MeterValuesAlignedData and ResetRetries are not listed, are unknown when asked for, and cannot be changed', async () => {
      const { session } = await started('CP16-MISSING-KEYS', ['missing-required-keys']);
      const all = payloadOf(await session.call('GetConfiguration', {}))['configurationKey'] as Array<{ key: string }>;
      const listed = all.map((k) => k.key);
      for (const key of ['ConnectorPhaseRotation', 'MeterValuesAlignedData', 'ResetRetries']) expect(listed, key).to.not.include(key);
      expect(listed).to.include('HeartbeatInterval');
      const asked = payloadOf(await session.call('GetConfiguration', { key: ['ResetRetries', 'HeartbeatInterval'] }));
      expect(asked['unknownKey']).to.deep.equal(['ResetRetries']);
      expect(payloadOf(await session.call('ChangeConfiguration', { key: 'ResetRetries', value: '2' }))).to.deep.equal({ status: 'NotSupported' });
    });

    it('feature-profiles-lie: SupportedFeatureProfiles says RemoteTrigger, TriggerMessage answers NotImplemented and sends nothing', async () => {
      const { session } = await started('CP16-PROFILES-LIE', ['feature-profiles-lie']);
      const profiles = payloadOf(await session.call('GetConfiguration', { key: ['SupportedFeatureProfiles'] }))['configurationKey'] as Array<{ value: string }>;
      expect(profiles[0]?.value.split(',')).to.include('RemoteTrigger');
      const after = session.mark();
      expect(payloadOf(await session.call('TriggerMessage', { requestedMessage: 'Heartbeat' }))).to.deep.equal({ status: 'NotImplemented' });
      expect(payloadOf(await session.call('TriggerMessage', { requestedMessage: 'StatusNotification' }))).to.deep.equal({ status: 'NotImplemented' });
      // ExtendedTriggerMessage still works: what comes after its answer shows nothing else was sent.
      const extended = await session.call('ExtendedTriggerMessage', { requestedMessage: 'Heartbeat' });
      expect(payloadOf(extended)).to.deep.equal({ status: 'Accepted' });
      await session.waitFor((m) => m.action === 'Heartbeat', { after, timeoutMs: 5000 });
      expect(session.messages((m) => m.action === 'Heartbeat' || m.action === 'StatusNotification', after)).to.have.length(1);
    });
  });

  describe('files and security', () => {
    it('diagnostics-never-upload: GetDiagnostics answers a file name, then no DiagnosticsStatusNotification and no upload', async () => {
      receiver = await UploadReceiver.start();
      const { session } = await started('CP16-NEVER-UPLOAD', ['diagnostics-never-upload']);
      const after = session.mark();
      expect(payloadOf(await session.call('GetDiagnostics', { location: receiver.url }))['fileName']).to.be.a('string');
      // A correct station uploads at once; give it well over the time it takes.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await roundTrip(session);
      expect(session.messages((m) => m.action === 'DiagnosticsStatusNotification', after)).to.deep.equal([]);
      expect(receiver.uploads).to.deep.equal([]);
    });

    it('no-security-extensions: no SecurityEventNotification, GetLog and ExtendedTriggerMessage answered NotImplemented, no security keys', async () => {
      const { session } = await started('CP16-NO-SECURITY', ['no-security-extensions']);
      await session.collect((m) => m.action === 'StatusNotification', { timeoutMs: 5000, count: 2 });
      for (const [action, payload] of [
        ['GetLog', { logType: 'SecurityLog', requestId: 1, log: { remoteLocation: 'http://127.0.0.1:9/x' } }],
        ['ExtendedTriggerMessage', { requestedMessage: 'Heartbeat' }],
      ] as const) {
        const outcome = await session.call(action, payload);
        expect(!outcome.ok && outcome.failure.kind === 'call-error' && outcome.failure.errorCode, action).to.equal('NotImplemented');
      }
      const keys = (payloadOf(await session.call('GetConfiguration', {}))['configurationKey'] as Array<{ key: string }>).map((k) => k.key);
      expect(keys).to.not.include.members(['SecurityProfile']);
      expect(keys).to.include('HeartbeatInterval');
      // A correct station has sent StartupOfTheDevice right after the boot report.
      await roundTrip(session);
      expect(session.messages((m) => m.action === 'SecurityEventNotification')).to.deep.equal([]);
    });

    it('boot-without-serial: BootNotification without chargePointSerialNumber', async () => {
      const { session } = await started('CP16-NO-SERIAL', ['boot-without-serial']);
      expect(session.bootNotification).to.not.have.any.keys('chargePointSerialNumber', 'chargeBoxSerialNumber');
      expect(session.bootNotification).to.include({ chargePointVendor: 'ocpp-audit', chargePointModel: 'VS-Wallbox-11' });
    });
  });

  describe('refusals', () => {
    it('refuses a 2.x fault on a 1.6 station, a 1.6 fault on a 2.x station, two fault stories at once and a scenario', async () => {
      const csms = await bed.startCsms();
      const base = { url: csms.url, identity: 'CP16-REFUSED', profile: loadStationProfile('minimal') };
      const refusal = async (start: () => Promise<unknown>): Promise<string> => {
        try {
          await start();
        } catch (error) {
          return (error as Error).message;
        }
        return 'started';
      };
      expect(await refusal(() => startVirtualStation({ ...base, ocppVersion: '1.6', faults: ['report-seqno-from-1'] }))).to.equal('--fault report-seqno-from-1: not a fault of the OCPP 1.6 station (see simulate --help)');
      expect(await refusal(() => startVirtualStation({ ...base, faults: ['boot-without-serial'] }))).to.equal('--fault boot-without-serial: not a fault of the OCPP 2.0.1 station (see simulate --help)');
      expect(await refusal(() => startVirtualStation({ ...base, ocppVersion: '2.1', faults: ['feature-profiles-lie'] }))).to.match(/not a fault of the OCPP 2\.1 station/);
      expect(await refusal(() => startVirtualStation({ ...base, ocppVersion: '1.6', faults: ['chargex-fault-codes', 'error-never-cleared'] }))).to.match(/choose one/);
      expect(await refusal(() => startVirtualStation({ ...base, ocppVersion: '1.6', scenarios: ['comm-outage'] }))).to.match(/^--scenario: .*OCPP 1\.6 station has none/);
    });
  });
});
