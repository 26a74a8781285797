import { expect } from 'chai';
import { ocpp16SecurityEvents } from '../../../src/checks/ocpp16-security-events.js';
import { makeCallCapture, makeCase, makeMessage } from '../../helpers/evidence-fixture.js';
import { configurationCase, coreKeys, evaluateOne, evidence16 } from './ocpp16-fixture.js';

const boot = makeMessage(1, 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'X' });
const event = (seq: number, type: string) => makeMessage(seq, 'SecurityEventNotification', { type, timestamp: '2025-01-01T00:00:00Z' });

describe('check ocpp16-security-events (1.6 security WP A04)', () => {
  it('StartupOfTheDevice after the boot: PASS', () => {
    const result = evaluateOne(ocpp16SecurityEvents, evidence16({ boots: [boot], securityEvents: [event(2, 'StartupOfTheDevice'), event(5, 'SettingSystemTime')] }));
    expect(result.verdict, result.reason).to.equal('PASS');
    expect(result.seqs).to.deep.equal([1, 2, 5]);
  });

  it('the extensions present (security keys, GetLog answered) but no StartupOfTheDevice: WARN, a reconnect looks the same', () => {
    const getLog = makeCase('ocpp16-logs', { captures: { log: makeCallCapture('GetLog', {}, { response: { status: 'Accepted' } }) } });
    const result = evaluateOne(ocpp16SecurityEvents, evidence16({ boots: [boot], cases: [configurationCase([...coreKeys(), ['SecurityProfile', false, '0']]), getLog] }));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.contain('its configuration lists SecurityProfile; it answers GetLog');
  });

  it('no sign of the extensions: NOT APPLICABLE (optional in 1.6)', () => {
    const notImplemented = makeCase('ocpp16-logs', { captures: { log: makeCallCapture('GetLog', {}, { failure: { kind: 'call-error', errorCode: 'NotImplemented', description: 'x' } }) } });
    expect(evaluateOne(ocpp16SecurityEvents, evidence16({ boots: [boot], cases: [configurationCase(coreKeys()), notImplemented] })).verdict).to.equal('NOT APPLICABLE');
  });

  it('events but no boot seen in the session: INCONCLUSIVE', () => {
    expect(evaluateOne(ocpp16SecurityEvents, evidence16({ securityEvents: [event(2, 'StartupOfTheDevice')] })).verdict).to.equal('INCONCLUSIVE');
  });
});
