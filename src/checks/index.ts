import type { Check } from './check.js';
import { eventChecks } from './event-checks.js';
import { inventoryChecks } from './inventory-checks.js';
import { messageLimits } from './message-limits.js';
import { monitoringSupport } from './monitoring-support.js';
import { pendingProvisioning } from './pending-provisioning.js';
import { protocolConformance } from './protocol-conformance.js';
import { stepExpectations } from './step-expectations.js';

/** Every check of the audit, in report order. */
export const ALL_CHECKS: readonly Check[] = [stepExpectations, protocolConformance, messageLimits, pendingProvisioning, ...inventoryChecks, monitoringSupport, ...eventChecks];
