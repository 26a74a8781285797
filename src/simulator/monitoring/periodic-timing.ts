import type { MonitorType } from '../station-profile.js';

/**
 * When a periodic monitor first fires after it was set (or the engine started) at `now`:
 * Periodic one interval later (N08.FR.06); PeriodicClockAligned at the next wall-clock multiple
 * of the interval strictly after `now` (N08.FR.07; 900 s → minutes 0/15/30/45).
 */
export function firstDue(type: MonitorType, intervalMs: number, now: number): number {
  return type === 'PeriodicClockAligned' ? (Math.floor(now / intervalMs) + 1) * intervalMs : now + intervalMs;
}

/**
 * The due time after `due`. Counted from the previous due time, not from when the timer ran,
 * so late timers do not drift; periods that lie entirely in the past (a stalled process, a
 * clock jump) are skipped instead of fired in a burst.
 */
export function nextDue(type: MonitorType, intervalMs: number, due: number, now: number): number {
  let next = type === 'PeriodicClockAligned' ? (Math.floor(due / intervalMs) + 1) * intervalMs : due + intervalMs;
  if (next <= now) next += (Math.floor((now - next) / intervalMs) + 1) * intervalMs;
  return next;
}
