import type { Evidence } from '../evidence/evidence.js';
import { LOG_UPLOAD, uploadFlows, type UploadFlow } from '../evidence/upload-flows.js';
import type { Check, CheckResult, Verdict } from './check.js';
import { judgeEach, judgeRequest } from './uploads/upload-flow-check.js';
import { LOG_STATUSES, type UploadVerdict } from './uploads/upload-verdict.js';

const CASE_ID = 'logs-redirect-refused';
const WHAT = 'its diagnostics log';

/**
 * OCPP 2.1 TC_N_101: the audit's receiver answers the log upload with an HTTP redirect on purpose
 * (a URL the CSMS should not give, N01.FR.26). The station must not follow it and must report
 * UploadFailure (N01.FR.30). Following it (the file reaches the redirect's address) or reporting
 * Uploaded FAILs. A station that refuses GetLog is not asked about redirects (NOT APPLICABLE); one
 * that fails without ever reaching the receiver shows nothing about redirects (INCONCLUSIVE).
 */
export const logUploadRedirectRefused: Check = {
  id: 'log-upload-redirect-refused',
  title: 'A log upload answered with a redirect is not followed and ends UploadFailure',
  refs: ['N01', 'N01.FR.30', 'N01.FR.26', 'N01.FR.07', 'TC_N_101'],
  category: 'diagnostics',
  versions: ['2.1'],
  evaluate(evidence: Evidence): CheckResult {
    const flows = uploadFlows(evidence, LOG_UPLOAD).filter((flow) => flow.testCase.id === CASE_ID);
    return judgeEach(this, evidence, flows, CASE_ID, judgeRedirectedUpload);
  },
};

function judgeRedirectedUpload(flow: UploadFlow): UploadVerdict {
  const decided = judgeRequest(flow, WHAT, { verdict: 'NOT APPLICABLE', why: 'so how it treats a redirect was not seen' });
  if (decided) return decided;
  const reported = flow.statuses.map((m) => (typeof m.payload['status'] === 'string' ? m.payload['status'] : ''));
  const end = [...reported].reverse().find((status) => status === LOG_STATUSES.done || LOG_STATUSES.failed.includes(status));
  const redirects = flow.testCase.uploads?.redirects ?? [];
  const followed = flow.files.filter((file) => file.viaRedirect === true);
  const seqs = [...flow.request.seqs, ...flow.statuses.map((m) => m.seq), ...redirects.flatMap((r) => (r.seq !== undefined ? [r.seq] : [])), ...flow.files.flatMap((f) => (f.seq !== undefined ? [f.seq] : []))].sort((a, b) => a - b);
  const details = { fileName: flow.fileName ?? null, statuses: reported, redirectsAnswered: redirects.length, filesAfterRedirect: followed.length };
  const result = (verdict: Verdict, reason: string): UploadVerdict => ({ verdict, reason, seqs, details });
  const said = reported.length > 0 ? ` (it reported ${reported.join(', ')})` : '';

  if (followed.length > 0) return result('FAIL', `The station followed the redirect the audit's receiver answered and uploaded ${WHAT} to the address it was sent to${said}; a station does not follow redirects and reports UploadFailure.`);
  if (end === LOG_STATUSES.done) return result('FAIL', `The station reported Uploaded for ${WHAT}, although its upload was answered with a redirect and no file arrived${said}; it should report UploadFailure.`);
  if (end === 'UploadFailure' || end === 'UploadFailed') {
    if (redirects.length === 0) return result('INCONCLUSIVE', `The station reported ${end} for ${WHAT} without its upload ever reaching the audit's receiver, so whether it refuses redirects was not seen.`);
    return result('PASS', `The station's upload of ${WHAT} was answered with a redirect; it did not follow it and reported ${end}.`);
  }
  if (end !== undefined) return result('WARN', `The station did not follow the redirect, but reported ${end} for ${WHAT} rather than UploadFailure.`);
  if (reported.includes(LOG_STATUSES.started)) return result('INCONCLUSIVE', `The station reported Uploading for ${WHAT}, then neither finished nor failed while the audit waited.`);
  return result('FAIL', `The station accepted GetLog for ${WHAT}, then reported nothing about the upload.`);
}
