import { expect } from 'chai';
import { join } from 'node:path';
import { readEvidenceFile } from '../../../src/evidence/evidence-file.js';
import type { Evidence } from '../../../src/evidence/evidence.js';
import { diagnosticCapabilities } from '../../../src/result/capabilities.js';
import { firstDeviceModelVersion, upgradeVerdict } from '../../../src/result/upgrade.js';
import { FIXTURE_DIRECTORY } from '../../fixtures/evidence/golden.js';
import { makeCallCapture, makeCase, makeMessage } from '../../helpers/evidence-fixture.js';

const fixture = (name: string): Evidence => readEvidenceFile(join(FIXTURE_DIRECTORY, `${name}.evidence.json`));
const capability = (evidence: Evidence, id: string) => diagnosticCapabilities(evidence).find((c) => c.id === id);

describe('the upgrade verdict of a station without device-model diagnostics (OCPP 1.6)', () => {
  it('names the first version with them, and what this station would gain there, from its evidence', () => {
    expect(firstDeviceModelVersion()).to.equal('2.0.1');
    const verdict = upgradeVerdict(fixture('ocpp16'));
    expect(verdict).to.deep.include({ from: '1.6', to: '2.0.1' });
    expect(verdict?.gains).to.deep.equal(['inventory', 'topology', 'monitors', 'fault-events', 'logs', 'security-events']);
    expect(verdict?.headline).to.match(/^Vendor-agnostic device-model diagnostics .* need OCPP 2\.0\.1 or later\. This station speaks OCPP 1\.6; on OCPP 2\.0\.1 firmware it would gain a typed inventory, .* and security events in Core\.$/);
    const now = Object.fromEntries((verdict?.capabilities ?? []).map((c) => [c.id, c.now]));
    expect(now['inventory']).to.equal('23 flat configuration keys (2 read-only), with no data types, units, limits or per-connector addressing');
    expect(now['topology']).to.equal('2 connector(s) numbered from 1, connector 0 for the whole station; no EVSE tier');
    expect(now['monitors']).to.equal('no monitors and no severities; only meter values every 60 s during transactions (Energy.Active.Import.Register,Power.Active.Import) and clock-aligned readings every 900 s');
    expect(now['fault-events']).to.equal('2 error(s) only as connector errorCodes (ConnectorLockFailure, OtherError), 1 with a vendor code (CX001); one state per connector, cleared by NoError');
    expect(now['logs']).to.match(/^GetDiagnostics only: its uploads carry no request id or log type/);
  });

  it('follows the evidence, not a canned text: no errors, GetLog answered, security events seen', () => {
    const evidence = fixture('ocpp16');
    evidence.statusNotifications = evidence.statusNotifications.filter((m) => m.payload['errorCode'] === 'NoError');
    evidence.cases.push(
      makeCase('more', {
        captures: {
          log: makeCallCapture('GetLog', { logType: 'DiagnosticsLog', requestId: 1, log: { remoteLocation: 'ftp://x/' } }, { response: { status: 'Accepted', filename: 'log.zip' } }),
          events: { kind: 'messages', action: 'SecurityEventNotification', after: 0, startedAt: evidence.startedAt, endedAt: evidence.startedAt, complete: true, messages: [makeMessage(900, 'SecurityEventNotification', { type: 'StartupOfTheDevice', timestamp: evidence.startedAt })] },
        },
      }),
    );
    const verdict = upgradeVerdict(evidence);
    expect(verdict?.gains).to.deep.equal(['inventory', 'topology', 'monitors', 'fault-events']);
    expect(capability(evidence, 'fault-events')?.now).to.equal('no error came during the audit; one would come only as one errorCode per connector, cleared by NoError');
    expect(capability(evidence, 'logs')).to.deep.include({ has: 'yes', now: 'answers GetLog: uploads carry a request id and a log type' });
    expect(capability(evidence, 'security-events')).to.deep.include({ has: 'yes', now: '1 SecurityEventNotification(s) (StartupOfTheDevice)' });
  });

  it('a 1.6 station that does not answer GetConfiguration: its inventory is missing, not partial', () => {
    const evidence = fixture('ocpp16');
    const listing = evidence.cases.find((c) => c.id === 'configuration-16');
    if (!listing) throw new Error('fixture without configuration-16');
    listing.captures = { request: makeCallCapture('GetConfiguration', {}, { failure: { kind: 'callerror', errorCode: 'NotSupported', description: '' } }) };
    expect(capability(evidence, 'inventory')).to.deep.include({ has: 'no', now: 'the station did not answer GetConfiguration (CALLERROR NotSupported)' });
    expect(capability(evidence, 'topology')?.has).to.equal('unknown');
  });

  it('a 2.0.1 station gets no upgrade verdict; its capabilities come from its device model, monitors and events', () => {
    const wallbox = fixture('ac-wallbox');
    expect(upgradeVerdict(wallbox)).to.equal(undefined);
    const has = Object.fromEntries(diagnosticCapabilities(wallbox).map((c) => [c.id, c.has]));
    expect(has).to.deep.include({ inventory: 'yes', topology: 'yes', monitors: 'yes', 'fault-events': 'yes' });
  });
});
