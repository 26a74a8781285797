import type { Check } from './check.js';
import { chargexFaultCodes } from './chargex-fault-codes.js';
import { errorCodeSemantics } from './error-code-semantics.js';
import { eventChecks } from './event-checks.js';
import { inventoryChecks } from './inventory-checks.js';
import { messageLimits } from './message-limits.js';
import { monitoringSupport } from './monitoring-support.js';
import { monitoringReportOrigin } from './monitoring-report-origin.js';
import { monitorsLeftAsFound } from './monitors-left-as-found.js';
import { pendingProvisioning } from './pending-provisioning.js';
import { protocolConformance } from './protocol-conformance.js';
import { ocpp16ProtocolConformance } from './ocpp16-protocol-conformance.js';
import { ocpp16Checks } from './ocpp16-checks.js';
import { dataCollectorLog } from './data-collector-log.js';
import { logUploadRedirectRefused } from './log-upload-redirect-refused.js';
import { logUpload } from './log-upload.js';
import { stepExpectations } from './step-expectations.js';
import { streamChecks } from './stream-checks.js';
import { unreportedNamesRefused } from './unreported-names-refused.js';

/** Every check of the audit, in report order. */
export const ALL_CHECKS: readonly Check[] = [stepExpectations, protocolConformance, errorCodeSemantics, messageLimits, pendingProvisioning, ...inventoryChecks, unreportedNamesRefused, monitoringSupport, monitoringReportOrigin, monitorsLeftAsFound, ...eventChecks, ...streamChecks, logUpload, dataCollectorLog, logUploadRedirectRefused, chargexFaultCodes, ocpp16ProtocolConformance, ...ocpp16Checks];
