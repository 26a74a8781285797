import type { Check } from './check.js';
import { eventChecks } from './event-checks.js';
import { stepExpectations } from './step-expectations.js';

/** Every check of the audit, in report order. */
export const ALL_CHECKS: readonly Check[] = [stepExpectations, ...eventChecks];
