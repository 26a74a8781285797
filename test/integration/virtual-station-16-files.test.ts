import { expect } from 'chai';
import type { CallOutcome } from '../../src/ocpp/call-outcome.js';
import type { StationSession } from '../../src/session/station-session.js';
import { closedPortUrl, UploadReceiver } from '../helpers/upload-receiver.js';
import { useStationTestbed } from '../helpers/virtual-station-fixture.js';

function payloadOf(outcome: CallOutcome): Record<string, unknown> {
  if (!outcome.ok) throw new Error(`call failed: ${JSON.stringify(outcome.failure)}`);
  return outcome.payload;
}

/** The statuses of the station's notifications of one action after `after`, until `last` or the time is up. */
async function statuses(session: StationSession, action: string, after: number, last: string[]): Promise<string[]> {
  const messages = await session.collect((m) => m.action === action, { after, timeoutMs: 10_000, until: (got) => got.some((m) => last.includes(String(m.payload['status']))) });
  return messages.map((m) => String(m.payload['status']));
}

describe('virtual station, OCPP 1.6: diagnostics, logs and security events (issue 17)', function () {
  const bed = useStationTestbed();
  let receiver: UploadReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  async function accepted(identity: string) {
    const csms = await bed.startCsms();
    return bed.startStation(csms, identity, { ocppVersion: '1.6' });
  }

  describe('GetDiagnostics (FirmwareManagement, 1.6 §5.9)', () => {
    it('answers the file name, then Uploading, PUTs its log to the location, then Uploaded', async () => {
      receiver = await UploadReceiver.start();
      const { session } = await accepted('CP16-DIAG');
      const before = session.mark();
      const answer = payloadOf(await session.call('GetDiagnostics', { location: `${receiver.url}/diagnostics/` }));
      const fileName = String(answer['fileName']);
      expect(fileName).to.match(/^diagnostics-CP16-DIAG-\d{8}T\d{6}Z\.log$/);
      expect(await statuses(session, 'DiagnosticsStatusNotification', before, ['Uploaded', 'UploadFailed'])).to.deep.equal(['Uploading', 'Uploaded']);
      expect(receiver.uploads).to.have.length(1);
      const [upload] = receiver.uploads;
      expect(upload?.method).to.equal('PUT');
      expect(upload?.path).to.equal(`/diagnostics/${fileName}`);
      expect(upload?.body).to.match(/^\d{4}-\d\d-\d\dT[\d:.]+Z power up$/m);
      expect(upload?.body).to.include('BootNotification → Accepted');
    });

    it('sends UploadFailed when nobody listens at the location, and when the server refuses after every retry', async () => {
      const { session } = await accepted('CP16-DIAG-FAIL');
      let before = session.mark();
      payloadOf(await session.call('GetDiagnostics', { location: `${await closedPortUrl()}/x` }));
      expect(await statuses(session, 'DiagnosticsStatusNotification', before, ['Uploaded', 'UploadFailed'])).to.deep.equal(['Uploading', 'UploadFailed']);
      receiver = await UploadReceiver.start();
      receiver.status = 500;
      before = session.mark();
      payloadOf(await session.call('GetDiagnostics', { location: receiver.url, retries: 1, retryInterval: 1 }));
      expect(await statuses(session, 'DiagnosticsStatusNotification', before, ['Uploaded', 'UploadFailed'])).to.deep.equal(['Uploading', 'UploadFailed']);
      expect(receiver.uploads, 'one try and one retry').to.have.length(2);
    });

    it('sends UploadFailed for an FTP location (it uploads over HTTP and HTTPS only)', async () => {
      const { session } = await accepted('CP16-DIAG-FTP');
      const before = session.mark();
      expect(payloadOf(await session.call('GetDiagnostics', { location: 'ftp://127.0.0.1/diagnostics' }))['fileName']).to.be.a('string');
      expect(await statuses(session, 'DiagnosticsStatusNotification', before, ['Uploaded', 'UploadFailed'])).to.deep.equal(['Uploading', 'UploadFailed']);
    });

    it('answers without a file name and uploads nothing when the time window holds no data', async () => {
      receiver = await UploadReceiver.start();
      const { session } = await accepted('CP16-DIAG-EMPTY');
      const before = session.mark();
      expect(payloadOf(await session.call('GetDiagnostics', { location: receiver.url, startTime: '2001-01-01T00:00:00Z', stopTime: '2001-01-02T00:00:00Z' }))).to.deep.equal({});
      // A heartbeat asked for after it comes after anything the request started.
      const trigger = await session.call('TriggerMessage', { requestedMessage: 'Heartbeat' });
      expect(payloadOf(trigger)).to.deep.equal({ status: 'Accepted' });
      await session.waitFor((m) => m.action === 'Heartbeat', { after: before, timeoutMs: 5000 });
      expect(session.messages((m) => m.action === 'DiagnosticsStatusNotification', before)).to.deep.equal([]);
      expect(receiver.uploads).to.deep.equal([]);
    });
  });

  describe('UpdateFirmware (FirmwareManagement, 1.6 §5.16)', () => {
    it('downloads the file for real, then reports Downloading → Downloaded → Installing → InstallationFailed (a virtual station installs nothing)', async () => {
      receiver = await UploadReceiver.start();
      receiver.status = 200;
      const { session } = await accepted('CP16-FIRMWARE');
      const before = session.mark();
      expect(payloadOf(await session.call('UpdateFirmware', { location: `${receiver.url}/fw/image.bin`, retrieveDate: new Date().toISOString() }))).to.deep.equal({});
      expect(await statuses(session, 'FirmwareStatusNotification', before, ['InstallationFailed', 'DownloadFailed'])).to.deep.equal(['Downloading', 'Downloaded', 'Installing', 'InstallationFailed']);
      expect(receiver.uploads.map((u) => [u.method, u.path])).to.deep.equal([['GET', '/fw/image.bin']]);
    });

    it('reports DownloadFailed when the file cannot be fetched', async () => {
      const { session } = await accepted('CP16-FIRMWARE-FAIL');
      const before = session.mark();
      payloadOf(await session.call('UpdateFirmware', { location: `${await closedPortUrl()}/image.bin`, retrieveDate: new Date().toISOString() }));
      expect(await statuses(session, 'FirmwareStatusNotification', before, ['InstallationFailed', 'DownloadFailed'])).to.deep.equal(['Downloading', 'DownloadFailed']);
    });
  });

  describe('GetLog and security events (security white paper Ed. 3)', () => {
    it('reports StartupOfTheDevice and SettingSystemTime after the boot, and ResetOrReboot after a Reset (critical events, A04.FR.02)', async () => {
      const { station, session } = await accepted('CP16-SECURITY');
      const first = await session.collect((m) => m.action === 'SecurityEventNotification', { timeoutMs: 5000, count: 2 });
      expect(first.map((m) => m.payload['type'])).to.deep.equal(['StartupOfTheDevice', 'SettingSystemTime']);
      const before = session.mark();
      expect(payloadOf(await session.call('Reset', { type: 'Soft' }))).to.deep.equal({ status: 'Accepted' });
      const again = await session.collect((m) => m.action === 'SecurityEventNotification', { after: before, timeoutMs: 10_000, count: 3 });
      expect(again.map((m) => m.payload['type'])).to.deep.equal(['ResetOrReboot', 'StartupOfTheDevice', 'SettingSystemTime']);
      expect(session.messages((m) => m.action === 'BootNotification')).to.have.length(2);
      expect(station.isAccepted).to.equal(true);
    });

    it('GetLog uploads the security log and the diagnostics log with LogStatusNotification Uploading → Uploaded, each with its requestId', async () => {
      receiver = await UploadReceiver.start();
      const { session } = await accepted('CP16-GETLOG');
      await session.collect((m) => m.action === 'SecurityEventNotification', { timeoutMs: 5000, count: 2 });
      let before = session.mark();
      const security = payloadOf(await session.call('GetLog', { logType: 'SecurityLog', requestId: 41, log: { remoteLocation: `${receiver.url}/logs` } }));
      expect(security['status']).to.equal('Accepted');
      expect(security['filename']).to.match(/^security-log-CP16-GETLOG-.*\.log$/);
      const notified = await session.collect((m) => m.action === 'LogStatusNotification', { after: before, timeoutMs: 10_000, count: 2 });
      expect(notified.map((m) => m.payload)).to.deep.equal([{ status: 'Uploading', requestId: 41 }, { status: 'Uploaded', requestId: 41 }]);
      expect(receiver.uploads[0]?.path).to.equal(`/logs/${String(security['filename'])}`);
      expect(receiver.uploads[0]?.body).to.include('StartupOfTheDevice').and.include('SettingSystemTime');
      before = session.mark();
      const diagnostics = payloadOf(await session.call('GetLog', { logType: 'DiagnosticsLog', requestId: 42, log: { remoteLocation: `${receiver.url}/logs` } }));
      expect(diagnostics['filename']).to.match(/^diagnostics-log-/);
      expect(await statuses(session, 'LogStatusNotification', before, ['Uploaded', 'UploadFailure'])).to.deep.equal(['Uploading', 'Uploaded']);
      expect(receiver.uploads[1]?.body).to.include('BootNotification → Accepted');
    });

    it('GetLog: UploadFailure when the upload fails; Accepted without a file name and no upload when the window is empty', async () => {
      const { session } = await accepted('CP16-GETLOG-FAIL');
      let before = session.mark();
      payloadOf(await session.call('GetLog', { logType: 'DiagnosticsLog', requestId: 7, log: { remoteLocation: await closedPortUrl() } }));
      const failed = await session.collect((m) => m.action === 'LogStatusNotification', { after: before, timeoutMs: 10_000, count: 2 });
      expect(failed.map((m) => m.payload)).to.deep.equal([{ status: 'Uploading', requestId: 7 }, { status: 'UploadFailure', requestId: 7 }]);
      before = session.mark();
      const empty = payloadOf(await session.call('GetLog', { logType: 'SecurityLog', requestId: 8, log: { remoteLocation: 'http://127.0.0.1:9/x', oldestTimestamp: '2001-01-01T00:00:00Z', latestTimestamp: '2001-01-02T00:00:00Z' } }));
      expect(empty).to.deep.equal({ status: 'Accepted' });
      payloadOf(await session.call('TriggerMessage', { requestedMessage: 'Heartbeat' }));
      await session.waitFor((m) => m.action === 'Heartbeat', { after: before, timeoutMs: 5000 });
      expect(session.messages((m) => m.action === 'LogStatusNotification', before)).to.deep.equal([]);
    });

    it('ExtendedTriggerMessage: LogStatusNotification Idle, SignedFirmwareStatusNotification Idle, Heartbeat and StatusNotification after the answer; BootNotification and certificate signing Rejected', async () => {
      const { session } = await accepted('CP16-EXTRIGGER');
      const cases: Array<[Record<string, unknown>, string, Record<string, unknown>]> = [
        [{ requestedMessage: 'LogStatusNotification' }, 'LogStatusNotification', { status: 'Idle' }],
        [{ requestedMessage: 'FirmwareStatusNotification' }, 'SignedFirmwareStatusNotification', { status: 'Idle' }],
        [{ requestedMessage: 'Heartbeat' }, 'Heartbeat', {}],
        [{ requestedMessage: 'StatusNotification', connectorId: 0 }, 'StatusNotification', { connectorId: 0, status: 'Available' }],
      ];
      for (const [request, action, includes] of cases) {
        const outcome = await session.call('ExtendedTriggerMessage', request);
        expect(payloadOf(outcome), action).to.deep.equal({ status: 'Accepted' });
        const answered = outcome.messageId ? session.framesOf(outcome.messageId)[1] ?? Infinity : Infinity;
        const sent = await session.waitFor((m) => m.action === action, { after: answered, timeoutMs: 5000 });
        expect(sent?.payload, action).to.deep.include(includes);
      }
      expect(payloadOf(await session.call('ExtendedTriggerMessage', { requestedMessage: 'BootNotification' }))).to.deep.equal({ status: 'Rejected' });
      expect(payloadOf(await session.call('ExtendedTriggerMessage', { requestedMessage: 'SignChargePointCertificate' }))).to.deep.equal({ status: 'Rejected' });
      expect(session.messages((m) => !m.valid)).to.deep.equal([]);
    });
  });
});
