import type { Evidence } from '../evidence/evidence.js';
import { DIAGNOSTICS_UPLOAD, uploadFlows } from '../evidence/upload-flows.js';
import type { Check, CheckResult } from './check.js';
import { DIAGNOSTICS_STATUSES } from './uploads/upload-verdict.js';
import { judgeFlows } from './uploads/upload-flow-check.js';

/**
 * GetDiagnostics (FirmwareManagement) judged by what really arrived: the audit gives the station
 * the URL of its own HTTP receiver, and the file the station names must reach it, not empty,
 * under that name, with DiagnosticsStatusNotification Uploading, then Uploaded (or UploadFailed)
 * on the way. A station that names a file and never uploads it, or says Uploaded with nothing
 * behind it, fails; one that refuses GetDiagnostics while claiming FirmwareManagement fails too.
 */
export const ocpp16DiagnosticsUpload: Check = {
  id: 'ocpp16-diagnostics-upload',
  title: 'GetDiagnostics: the diagnostics file the station names really arrives',
  refs: ['OCPP 1.6 §5.9', 'OCPP 1.6 §4.4', 'OCPP 1.6 §6.26', 'OCPP 1.6 §7.24', 'OCPP 1.6 §8.2'],
  category: 'diagnostics',
  versions: ['1.6'],
  evaluate(evidence: Evidence): CheckResult {
    return judgeFlows(this, evidence, uploadFlows(evidence, DIAGNOSTICS_UPLOAD), DIAGNOSTICS_STATUSES, () => 'its diagnostics', 'ocpp16-diagnostics');
  },
};
