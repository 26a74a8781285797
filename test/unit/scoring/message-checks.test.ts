import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import type { Guideline, GuidelineMessage } from '../../../src/config/guideline.js';
import type { CallCapture, Evidence } from '../../../src/evidence/evidence.js';
import { evaluateGuideline } from '../../../src/scoring/guideline-checks.js';
import { makeCallCapture, makeCase, makeEvidence, makeMessage, makeMessagesCapture } from '../../helpers/evidence-fixture.js';

const SRC = ['ocpp16-ed2#4.6'];

function judge(spec: GuidelineMessage, evidence: Evidence): CheckResult {
  const guideline: Guideline = {
    id: 'test-16',
    version: '1.0.0',
    title: 't',
    description: 'd',
    versions: ['1.6'],
    archetypes: ['any'],
    chain: ['test-16'],
    file: '/x.json',
    weights: { required: 2, recommended: 1, components: 1, variables: 1, monitors: 1, severities: 1, configurationKeys: 1, messages: 1 },
    components: [],
    variables: [],
    monitors: [],
    severities: [],
    messages: [spec],
    sources: [],
  };
  return evaluateGuideline(guideline, evidence)[0];
}

const sent = (action: string, extra: Partial<GuidelineMessage> = {}): GuidelineMessage => ({ action, sentBy: 'station', level: 'required', why: `why ${action}`, source: SRC, ...extra });
const answered = (action: string, extra: Partial<GuidelineMessage> = {}): GuidelineMessage => ({ action, sentBy: 'csms', level: 'required', why: `why ${action}`, source: SRC, ...extra });
const withCalls = (...calls: CallCapture[]): Evidence => makeEvidence({ cases: [makeCase('c', { captures: Object.fromEntries(calls.map((c, i) => [`call${i}`, c])) })] });
const profiles = (value: string): CallCapture => makeCallCapture('GetConfiguration', {}, { response: { configurationKey: [{ key: 'SupportedFeatureProfiles', readonly: true, value }] } }, [1, 2]);

describe('guideline messages lines (OCPP 1.6)', () => {
  describe('sent by the station', () => {
    it('found anywhere in the evidence: PASS with its frames (collected by a case, or among the boots and status notifications)', () => {
      const heartbeat = makeMessage(40, 'Heartbeat', {});
      const evidence = makeEvidence({ cases: [makeCase('heartbeat-16', { captures: { beat: makeMessagesCapture('Heartbeat', [heartbeat]) } })] });
      expect(judge(sent('Heartbeat', { category: 'robustness' }), evidence)).to.deep.include({ id: 'guideline/messages/Heartbeat', title: 'Sends Heartbeat', verdict: 'PASS', category: 'robustness', seqs: [40] });
      const status = makeEvidence({ statusNotifications: [makeMessage(7, 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' })] });
      expect(judge(sent('StatusNotification', { category: 'events' }), status)).to.deep.include({ verdict: 'PASS', reason: '1 StatusNotification message(s) came' });
    });

    it('a case waited for it in vain: missing (FAIL when required, WARN when recommended)', () => {
      const evidence = makeEvidence({ cases: [makeCase('heartbeat-16', { captures: { beat: makeMessagesCapture('Heartbeat', [], false, { startedAt: '2025-01-01T00:00:00.000Z', endedAt: '2025-01-01T00:01:30.000Z' }) } })] });
      const result = judge(sent('Heartbeat'), evidence);
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.equal('the audit waited for a Heartbeat (up to 90 s) and none came; why Heartbeat');
      expect(judge(sent('Heartbeat', { level: 'recommended' }), evidence).verdict).to.equal('WARN');
    });

    it('dueAfter: an upload status is owed only after a GetDiagnostics that named a file', () => {
      const spec = sent('DiagnosticsStatusNotification', { dueAfter: { action: 'GetDiagnostics', field: 'fileName' } });
      const waited = makeMessagesCapture('DiagnosticsStatusNotification', [], false);
      const after = (response: Record<string, unknown>) => makeEvidence({ cases: [makeCase('diagnostics-16', { captures: { request: makeCallCapture('GetDiagnostics', { location: 'ftp://x/' }, { response }), status: waited } })] });
      expect(judge(spec, after({}))).to.deep.include({ verdict: 'NOT APPLICABLE', reason: 'no DiagnosticsStatusNotification came, and none was due: no GetDiagnostics answer named a fileName' });
      expect(judge(spec, after({ fileName: 'diag.zip' })).verdict).to.equal('FAIL');
    });

    it('none came and no case waited: unknown (a correct station sends security events only when something happens)', () => {
      expect(judge(sent('SecurityEventNotification', { level: 'recommended' }), makeEvidence())).to.deep.include({ verdict: 'INCONCLUSIVE', reason: 'no SecurityEventNotification came during the audit, and no case waited for one' });
    });

    it('fields, where: the share of the selected messages carrying them is the credit; none selected is NOT APPLICABLE', () => {
      const spec = sent('StatusNotification', { level: 'recommended', fields: ['vendorErrorCode'], where: { field: 'errorCode', not: ['NoError'] } });
      const status = (seq: number, payload: Record<string, unknown>) => makeMessage(seq, 'StatusNotification', { connectorId: 1, status: 'Faulted', ...payload });
      const mixed = makeEvidence({ statusNotifications: [status(1, { errorCode: 'NoError', status: 'Available' }), status(2, { errorCode: 'ConnectorLockFailure', vendorErrorCode: 'CX001' }), status(3, { errorCode: 'OtherError', info: 'contactor' })] });
      const result = judge(spec, mixed);
      expect(result).to.deep.include({ id: 'guideline/messages/StatusNotification-vendorErrorCode', title: 'StatusNotification with errorCode other than NoError should carry vendorErrorCode', verdict: 'WARN', score: 0.5, seqs: [2, 3] });
      expect(result.reason).to.match(/^1 of 2 StatusNotification with errorCode other than NoError lacked vendorErrorCode; /);
      const quiet = makeEvidence({ statusNotifications: [status(1, { errorCode: 'NoError', status: 'Available' })] });
      expect(judge(spec, quiet).verdict).to.equal('NOT APPLICABLE');
      expect(judge(spec, makeEvidence()).verdict).to.equal('INCONCLUSIVE');
    });

    it('boot fields: an empty field counts as absent', () => {
      const boot = (payload: Record<string, unknown>) => makeEvidence({ boots: [makeMessage(1, 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M', ...payload })] });
      const spec = sent('BootNotification', { level: 'recommended', fields: ['firmwareVersion'] });
      expect(judge(spec, boot({ firmwareVersion: '1.2' })).verdict).to.equal('PASS');
      expect(judge(spec, boot({ firmwareVersion: '' })).verdict).to.equal('WARN');
    });
  });

  describe('sent by the CSMS, answered by the station', () => {
    it('an answer (Accepted, or one without a status) passes; only Rejected answers WARN', () => {
      expect(judge(answered('GetConfiguration'), withCalls(makeCallCapture('GetConfiguration', {}, { response: { configurationKey: [] } })))).to.deep.include({ verdict: 'PASS', title: 'Answers GetConfiguration', reason: 'answered 1 of 1 GetConfiguration' });
      expect(judge(answered('TriggerMessage'), withCalls(makeCallCapture('TriggerMessage', {}, { response: { status: 'Rejected' } }), makeCallCapture('TriggerMessage', {}, { response: { status: 'Accepted' } }))).reason).to.equal('answered 1 of 2 TriggerMessage with Accepted');
      expect(judge(answered('TriggerMessage'), withCalls(makeCallCapture('TriggerMessage', {}, { response: { status: 'Rejected' } })))).to.deep.include({ verdict: 'WARN', score: 0.5 });
    });

    it('NotImplemented (a status or a CALLERROR) and silence are missing; a lost connection is unknown; never sent is unknown', () => {
      expect(judge(answered('TriggerMessage'), withCalls(makeCallCapture('TriggerMessage', {}, { response: { status: 'NotImplemented' } }))).reason).to.equal('answered TriggerMessage with status NotImplemented; why TriggerMessage');
      const callerror = judge(answered('GetLog', { level: 'recommended' }), withCalls(makeCallCapture('GetLog', {}, { failure: { kind: 'callerror', errorCode: 'NotImplemented', description: '' } })));
      expect(callerror).to.deep.include({ verdict: 'WARN', reason: 'answered GetLog with CALLERROR NotImplemented; why GetLog' });
      expect(judge(answered('GetDiagnostics'), withCalls(makeCallCapture('GetDiagnostics', {}, { failure: { kind: 'timeout', description: 'no answer in 10 s' } }))).verdict).to.equal('FAIL');
      expect(judge(answered('GetDiagnostics'), withCalls(makeCallCapture('GetDiagnostics', {}, { failure: { kind: 'disconnected', description: 'the station went away' } })))).to.deep.include({ verdict: 'INCONCLUSIVE', reason: 'GetDiagnostics got no answer: the station went away' });
      expect(judge(answered('GetLog'), makeEvidence())).to.deep.include({ verdict: 'INCONCLUSIVE', reason: 'the audit did not send GetLog' });
    });

    it('when profileClaimed: NOT APPLICABLE for a station that does not claim the profile', () => {
      const spec = answered('GetDiagnostics', { when: { profileClaimed: 'FirmwareManagement' } });
      const unclaimed = judge(spec, withCalls(profiles('Core,RemoteTrigger')));
      expect(unclaimed.verdict).to.equal('NOT APPLICABLE');
      expect(unclaimed.reason).to.match(/does not claim the FirmwareManagement profile/);
      expect(judge(spec, withCalls(profiles('Core,FirmwareManagement'), makeCallCapture('GetDiagnostics', { location: 'ftp://x/' }, { response: { fileName: 'a.zip' } }))).verdict).to.equal('PASS');
    });
  });
});
