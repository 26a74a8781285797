import type { Check } from './check.js';
import { stepExpectations } from './step-expectations.js';

/** Every check of the audit, in report order. */
export const ALL_CHECKS: readonly Check[] = [stepExpectations];
