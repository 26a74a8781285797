import type { Evidence } from '../evidence/evidence.js';
import { LOG_UPLOAD, uploadFlows } from '../evidence/upload-flows.js';
import type { Check, CheckResult } from './check.js';
import { judgeFlows } from './uploads/upload-flow-check.js';
import { LOG_STATUSES } from './uploads/upload-verdict.js';

const CASE_ID = 'logs-upload';

/**
 * GetLog of the diagnostics and the security log (N01; TC_N_25, TC_N_35): the station names the
 * file (N01.FR.01), reports Uploading and then Uploaded with the request's id (N01.FR.07–09), and
 * the file really arrives at the audit's receiver. "Uploaded" with nothing behind it FAILs; a
 * refusal or an UploadFailure with nothing received is a WARN (the station said so, and the audit
 * cannot prove it could reach the receiver), as for the 1.6 and 2.1 log checks.
 */
export const logUpload: Check = {
  id: 'log-upload',
  title: 'GetLog: the diagnostics and the security log really arrive',
  refs: ['N01', 'N01.FR.01', 'N01.FR.07', 'N01.FR.08', 'N01.FR.09', 'TC_N_25', 'TC_N_35'],
  category: 'diagnostics',
  evaluate(evidence: Evidence): CheckResult {
    const flows = uploadFlows(evidence, LOG_UPLOAD).filter((flow) => flow.testCase.id === CASE_ID);
    return judgeFlows(this, evidence, flows, LOG_STATUSES, (flow) => `its ${flow.logType ?? 'log'}`, CASE_ID);
  },
};
