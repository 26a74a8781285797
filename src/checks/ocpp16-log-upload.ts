import type { Evidence } from '../evidence/evidence.js';
import { LOG_UPLOAD, uploadFlows } from '../evidence/upload-flows.js';
import type { Check, CheckResult } from './check.js';
import { judgeFlows } from './uploads/upload-flow-check.js';
import { LOG_STATUSES } from './uploads/upload-verdict.js';

/**
 * GetLog of the security white paper (SecurityLog and DiagnosticsLog), judged by what really
 * arrived at the audit's receiver: the file the station names (N01.FR.01), uploaded (N01.FR.02–04),
 * with LogStatusNotification Uploading and then Uploaded or a failure, each with the request's id
 * (N01.FR.07–10). The white paper is optional in 1.6: a station that answers GetLog NotImplemented
 * or NotSupported is NOT APPLICABLE; one that accepts and never uploads fails.
 */
export const ocpp16LogUpload: Check = {
  id: 'ocpp16-log-upload',
  title: 'GetLog: the security and diagnostics logs the station names really arrive',
  refs: ['1.6 security WP N01', 'N01.FR.01', 'N01.FR.02', 'N01.FR.03', 'N01.FR.04', 'N01.FR.07', 'N01.FR.08', 'N01.FR.09', 'N01.FR.10'],
  category: 'diagnostics',
  versions: ['1.6'],
  evaluate(evidence: Evidence): CheckResult {
    return judgeFlows(this, evidence, uploadFlows(evidence, LOG_UPLOAD), LOG_STATUSES, (flow) => (flow.logType === 'SecurityLog' ? 'its security log' : flow.logType === 'DiagnosticsLog' ? 'its diagnostics log' : 'its log'), 'ocpp16-logs');
  },
};
