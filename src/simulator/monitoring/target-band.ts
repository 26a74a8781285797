import type { MonitorType } from '../station-profile.js';
import { parseNumber } from './event-data.js';

/**
 * Whether Actual lies outside the band an OCPP 2.1 target monitor allows around Target (2.1 Part 1
 * §3.4, N07.FR.22/23): TargetDelta allows |Actual − Target| ≤ value, TargetDeltaRelative
 * |Actual − Target| ≤ value × |Target| (the relative deviation |(Actual − Target) / Target|, without
 * dividing by a Target of 0). On a variable that does not hold numbers the value means nothing, as
 * for Delta: outside is then Actual ≠ Target (our reading; the spec gives no rule). Undefined when a
 * number cannot be read, so an empty or garbled value never alerts.
 */
export function outsideTargetBand(type: MonitorType, value: number, actual: string | undefined, target: string | undefined, numeric: boolean): boolean | undefined {
  if (actual === undefined || target === undefined) return undefined;
  if (!numeric) return actual !== target;
  const gap = deviation(actual, target);
  const targetNumber = parseNumber(target);
  if (gap === undefined || targetNumber === undefined) return undefined;
  const allowed = type === 'TargetDeltaRelative' ? value * Math.abs(targetNumber) : value;
  return Math.abs(gap) > allowed;
}

/** Actual − Target as a number, or undefined when either is not one. */
function deviation(actual: string | undefined, target: string | undefined): number | undefined {
  const a = parseNumber(actual);
  const t = parseNumber(target);
  return a === undefined || t === undefined ? undefined : a - t;
}
