import { expect } from 'chai';
import { ocpp16DiagnosticsUpload } from '../../../src/checks/ocpp16-diagnostics-upload.js';
import { ocpp16LogUpload } from '../../../src/checks/ocpp16-log-upload.js';
import type { CollectedMessage, ReceivedUpload, StepOutcome } from '../../../src/evidence/evidence.js';
import { FIXTURE_TIME, makeCallCapture, makeCase, makeMessage } from '../../helpers/evidence-fixture.js';
import { evaluateOne, evidence16 } from './ocpp16-fixture.js';

const LOCATION = 'http://127.0.0.1:4000/ocpp-audit/abc/';
const file = (seq: number, name: string | undefined, size = 100): ReceivedUpload => ({ ...(name !== undefined ? { name } : {}), size, sha256: 'f'.repeat(64), method: 'PUT', path: name ?? '', receivedAt: FIXTURE_TIME, seq });
const diagnosticsStatus = (seq: number, status: string): CollectedMessage => makeMessage(seq, 'DiagnosticsStatusNotification', { status });

/** One GetDiagnostics (seqs 10, 11) answered with `response`, the statuses and files that followed. */
function diagnostics(response: Record<string, unknown>, statuses: CollectedMessage[], files: ReceivedUpload[], steps: StepOutcome[] = []) {
  const testCase = makeCase('ocpp16-diagnostics', { captures: { 'get-diagnostics': makeCallCapture('GetDiagnostics', { location: LOCATION }, { response }, [10, 11]) }, uploads: { location: LOCATION, received: files }, steps });
  return evaluateOne(ocpp16DiagnosticsUpload, evidence16({ cases: [testCase], uploadStatusNotifications: statuses, options: { uploadWindowS: 60 } }));
}

describe('checks ocpp16-diagnostics-upload and ocpp16-log-upload: what really arrived, against what the station said', () => {
  it('named, Uploading, Uploaded, and the file arrived under that name: PASS', () => {
    const result = diagnostics({ fileName: 'diag.zip' }, [diagnosticsStatus(12, 'Uploading'), diagnosticsStatus(14, 'Uploaded')], [file(13, 'diag.zip')]);
    expect(result.verdict, result.reason).to.equal('PASS');
    expect(result.seqs).to.deep.equal([10, 11, 12, 13, 14]);
  });

  it('Uploaded with nothing behind it: FAIL', () => {
    expect(diagnostics({ fileName: 'diag.zip' }, [diagnosticsStatus(12, 'Uploading'), diagnosticsStatus(14, 'Uploaded')], [])).to.include({ verdict: 'FAIL', reason: 'The station reported Uploaded for its diagnostics ("diag.zip"), but no file arrived at the location it was given.' });
  });

  it('a named file, then nothing at all: FAIL; only Uploading (perhaps a slow upload): INCONCLUSIVE', () => {
    expect(diagnostics({ fileName: 'diag.zip' }, [], [])).to.include({ verdict: 'FAIL', reason: 'The station named the file for its diagnostics ("diag.zip"), then neither uploaded it nor reported anything within 60 s.' });
    const slow = diagnostics({ fileName: 'diag.zip' }, [diagnosticsStatus(12, 'Uploading')], []);
    expect(slow.verdict).to.equal('INCONCLUSIVE');
    expect(slow.reason).to.contain('reported Uploading for its diagnostics ("diag.zip"), then neither finished nor failed within 60 s');
  });

  it('an empty file: FAIL; another name or no Uploading first: WARN', () => {
    expect(diagnostics({ fileName: 'diag.zip' }, [diagnosticsStatus(12, 'Uploading'), diagnosticsStatus(14, 'Uploaded')], [file(13, 'diag.zip', 0)]).verdict).to.equal('FAIL');
    expect(diagnostics({ fileName: 'diag.zip' }, [diagnosticsStatus(12, 'Uploading'), diagnosticsStatus(14, 'Uploaded')], [file(13, 'other.zip')]).reason).to.contain('it arrived as "other.zip", not under the name "diag.zip" the station gave');
    expect(diagnostics({ fileName: 'diag.zip' }, [diagnosticsStatus(14, 'Uploaded')], [file(13, 'diag.zip')]).reason).to.contain('it did not report Uploading before Uploaded');
  });

  it('UploadFailed and nothing arrived: WARN (it says so honestly; the audit cannot prove its receiver was reachable)', () => {
    expect(diagnostics({ fileName: 'diag.zip' }, [diagnosticsStatus(12, 'Uploading'), diagnosticsStatus(14, 'UploadFailed')], []).verdict).to.equal('WARN');
  });

  it('no fileName (nothing to upload): WARN; the station gone while the audit waited: INCONCLUSIVE, not FAIL', () => {
    expect(diagnostics({}, [], []).reason).to.contain('answered without a file name');
    const gone: StepOutcome = { index: 1, id: 'upload-status', kind: 'await', phase: 'steps', status: 'unmet', detail: '0 of 2 DiagnosticsStatusNotification within 60 s (the station is not connected)', startedAt: FIXTURE_TIME, durationMs: 1, seqs: [], inconclusive: true };
    expect(diagnostics({ fileName: 'diag.zip' }, [], [], [{ index: 0, id: 'get-diagnostics', kind: 'send', phase: 'steps', status: 'ok', detail: '', startedAt: FIXTURE_TIME, durationMs: 1, seqs: [10, 11] }, gone]).verdict).to.equal('INCONCLUSIVE');
  });

  it('GetDiagnostics refused with a CALLERROR (it was asked because it claims FirmwareManagement): FAIL; not asked: NOT APPLICABLE with the case reason', () => {
    const refused = makeCase('ocpp16-diagnostics', { captures: { 'get-diagnostics': makeCallCapture('GetDiagnostics', {}, { failure: { kind: 'call-error', errorCode: 'NotImplemented', description: 'x' } }) } });
    expect(evaluateOne(ocpp16DiagnosticsUpload, evidence16({ cases: [refused] })).verdict).to.equal('FAIL');
    const notApplicable = makeCase('ocpp16-diagnostics', { status: 'not-applicable', reason: 'the station does not support the FirmwareManagement feature profile (its SupportedFeatureProfiles: Core)' });
    expect(evaluateOne(ocpp16DiagnosticsUpload, evidence16({ cases: [notApplicable] }))).to.include({ verdict: 'NOT APPLICABLE', reason: 'The station does not support the FirmwareManagement feature profile (its SupportedFeatureProfiles: Core)' });
  });

  it('GetLog: statuses matched by requestId, each log judged, the worst reported first', () => {
    const getLog = (id: number, logType: string, seqs: number[]) => makeCallCapture('GetLog', { requestId: id, logType, log: { remoteLocation: LOCATION } }, { response: { status: 'Accepted', filename: `${logType}.log` } }, seqs);
    const testCase = makeCase('ocpp16-logs', { captures: { 'security-log': getLog(7, 'SecurityLog', [10, 11]), 'diagnostics-log': getLog(8, 'DiagnosticsLog', [20, 21]) }, uploads: { location: LOCATION, received: [file(13, 'SecurityLog.log')] } });
    const statuses = [makeMessage(12, 'LogStatusNotification', { status: 'Uploading', requestId: 7 }), makeMessage(14, 'LogStatusNotification', { status: 'Uploaded', requestId: 7 }), makeMessage(22, 'LogStatusNotification', { status: 'Uploading', requestId: 8 }), makeMessage(24, 'LogStatusNotification', { status: 'Uploaded', requestId: 8 })];
    const result = evaluateOne(ocpp16LogUpload, evidence16({ cases: [testCase], uploadStatusNotifications: statuses }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.match(/^The station reported Uploaded for its diagnostics log \("DiagnosticsLog\.log"\), but no file arrived.* The station named the file for its security log/);
  });

  it('GetLog not implemented (the optional case does not apply): NOT APPLICABLE; Rejected: WARN', () => {
    const notImplemented = makeCase('ocpp16-logs', { status: 'not-applicable', reason: 'optional feature not supported: GetLog answered CALLERROR NotImplemented', captures: { 'security-log': makeCallCapture('GetLog', { requestId: 1 }, { failure: { kind: 'call-error', errorCode: 'NotImplemented', description: 'x' } }) } });
    expect(evaluateOne(ocpp16LogUpload, evidence16({ cases: [notImplemented] })).verdict).to.equal('NOT APPLICABLE');
    const rejected = makeCase('ocpp16-logs', { captures: { 'security-log': makeCallCapture('GetLog', { requestId: 1, logType: 'SecurityLog' }, { response: { status: 'Rejected' } }) } });
    expect(evaluateOne(ocpp16LogUpload, evidence16({ cases: [rejected] }))).to.include({ verdict: 'WARN', reason: 'The station refused to upload its security log (GetLog Rejected).' });
  });
});
