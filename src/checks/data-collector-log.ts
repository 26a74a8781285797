import type { Evidence } from '../evidence/evidence.js';
import { LOG_UPLOAD, uploadFlows } from '../evidence/upload-flows.js';
import type { Check, CheckResult } from './check.js';
import { judgeFlows } from './uploads/upload-flow-check.js';
import { LOG_STATUSES } from './uploads/upload-verdict.js';

const CASE_ID = 'logs-data-collector';

/**
 * OCPP 2.1 GetLog of the DataCollectorLog (TC_N_100), asked only of a station whose device model
 * has an enabled DataCollector: it must upload it (N01.FR.24), naming the file (N01.FR.01), to the
 * location plus that name (N01.FR.21), with LogStatusNotification Uploading and then Uploaded, each
 * with the request's id (N01.FR.07–09), and the file must really arrive at the audit's receiver. A
 * refusal FAILs here, since the station says it collects that log; "Uploaded" with nothing behind it FAILs.
 */
export const dataCollectorLog: Check = {
  id: 'data-collector-log',
  title: "GetLog DataCollectorLog: an enabled DataCollector's log really arrives",
  refs: ['N01', 'N01.FR.24', 'N01.FR.01', 'N01.FR.07', 'N01.FR.08', 'N01.FR.09', 'N01.FR.21', 'TC_N_100'],
  category: 'diagnostics',
  versions: ['2.1'],
  evaluate(evidence: Evidence): CheckResult {
    const flows = uploadFlows(evidence, LOG_UPLOAD).filter((flow) => flow.testCase.id === CASE_ID);
    return judgeFlows(this, evidence, flows, LOG_STATUSES, () => 'its DataCollectorLog', CASE_ID, {
      verdict: 'FAIL',
      why: 'though its device model reports an enabled DataCollector, whose log must then be uploaded',
    });
  },
};
