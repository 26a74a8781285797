import { expect } from 'chai';
import { ocpp16FeatureProfiles } from '../../../src/checks/ocpp16-feature-profiles.js';
import type { CallCapture } from '../../../src/evidence/evidence.js';
import { makeCallCapture, makeCase } from '../../helpers/evidence-fixture.js';
import { configurationCase, coreKeys, evaluateOne, evidence16 } from './ocpp16-fixture.js';

const trigger = (message: string, status: string): CallCapture => makeCallCapture('TriggerMessage', { requestedMessage: message }, { response: { status } }, [20, 21]);
const refused = (action: string, errorCode: string): CallCapture => makeCallCapture(action, {}, { failure: { kind: 'call-error', errorCode, description: `CALLERROR ${errorCode}` } }, [30, 31]);
const judge = (profiles: string, captures: Record<string, CallCapture>) => evaluateOne(ocpp16FeatureProfiles, evidence16({ cases: [configurationCase(coreKeys(profiles)), makeCase('probe', { captures })] }));

describe('check ocpp16-feature-profiles (SupportedFeatureProfiles true to behaviour, OCPP 1.6 §3.3, §9.1)', () => {
  it('claims kept: PASS', () => {
    const result = judge('Core,RemoteTrigger', { t: trigger('Heartbeat', 'Accepted') });
    expect(result.verdict, result.reason).to.equal('PASS');
    expect(result.reason).to.contain('The station claims Core, RemoteTrigger');
  });

  it('RemoteTrigger claimed, TriggerMessage Heartbeat NotImplemented: FAIL', () => {
    const result = judge('Core,RemoteTrigger', { t: trigger('Heartbeat', 'NotImplemented') });
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('TriggerMessage Heartbeat (RemoteTrigger) answered status NotImplemented');
    expect(result.seqs).to.include(20);
  });

  it('a claimed profile refused with a CALLERROR (NotImplemented or NotSupported): FAIL; so is a Core request refused', () => {
    expect(judge('Core,FirmwareManagement', { d: refused('GetDiagnostics', 'NotSupported') }).reason).to.contain('GetDiagnostics (FirmwareManagement) answered CALLERROR NotSupported');
    expect(judge('Core', { c: refused('ChangeConfiguration', 'NotImplemented') }).verdict).to.equal('FAIL');
  });

  it('TriggerMessage NotImplemented for a message of a profile the station does not claim is no false claim', () => {
    expect(judge('Core,RemoteTrigger', { t: trigger('DiagnosticsStatusNotification', 'NotImplemented') }).verdict).to.equal('PASS');
    expect(judge('Core,RemoteTrigger,FirmwareManagement', { t: trigger('DiagnosticsStatusNotification', 'NotImplemented') }).verdict).to.equal('FAIL');
  });

  it('a refusal of a profile it does not claim is consistent; working requests of an unclaimed profile: WARN', () => {
    expect(judge('Core', { d: refused('GetDiagnostics', 'NotImplemented') }).verdict).to.equal('PASS');
    expect(judge('Core', { t: trigger('Heartbeat', 'Accepted') }).reason).to.contain('it answers requests of RemoteTrigger without listing that profile');
  });

  it('names outside the six profiles, or no Core: WARN', () => {
    expect(judge('Core,Firmware Management', {}).reason).to.contain('"Firmware Management", which is not one of the six 1.6 profile names');
    expect(judge('RemoteTrigger', {}).reason).to.contain('leaves out Core');
  });

  it('no SupportedFeatureProfiles listed: INCONCLUSIVE', () => {
    expect(evaluateOne(ocpp16FeatureProfiles, evidence16({ cases: [configurationCase([['HeartbeatInterval', false, '60']])] })).verdict).to.equal('INCONCLUSIVE');
  });
});
