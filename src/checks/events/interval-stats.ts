/** Timing figures of a series of events, in seconds (rounded to the millisecond). */
export interface IntervalStats {
  /** Number of intervals (events − 1). */
  intervals: number;
  meanIntervalS: number;
  /** Mean and largest absolute difference between an interval and the requested one. */
  meanAbsErrorS: number;
  maxAbsErrorS: number;
  /** Population standard deviation of the intervals. */
  jitterS: number;
  /** Index (into the sorted times) of the event that ends the worst interval. */
  worstIndex: number;
}

/** Rounds seconds to milliseconds, so details stay readable. */
export function roundS(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** Interval figures of ascending epoch-millisecond times against an expected interval; undefined below 2 times. */
export function intervalStats(timesMs: readonly number[], expectedS: number): IntervalStats | undefined {
  if (timesMs.length < 2) return undefined;
  const intervals = timesMs.slice(1).map((t, i) => (t - (timesMs[i] ?? t)) / 1000);
  const errors = intervals.map((s) => Math.abs(s - expectedS));
  const mean = intervals.reduce((sum, s) => sum + s, 0) / intervals.length;
  const variance = intervals.reduce((sum, s) => sum + (s - mean) ** 2, 0) / intervals.length;
  const maxAbsError = Math.max(...errors);
  return {
    intervals: intervals.length,
    meanIntervalS: roundS(mean),
    meanAbsErrorS: roundS(errors.reduce((sum, e) => sum + e, 0) / errors.length),
    maxAbsErrorS: roundS(maxAbsError),
    jitterS: roundS(Math.sqrt(variance)),
    worstIndex: errors.indexOf(maxAbsError) + 1,
  };
}

/** Distance in seconds from a time to the nearest multiple of `intervalMs` counted from `originMs`. */
export function alignmentErrorS(timeMs: number, intervalMs: number, originMs = 0): number {
  const offset = (((timeMs - originMs) % intervalMs) + intervalMs) % intervalMs;
  return Math.min(offset, intervalMs - offset) / 1000;
}

/** The intervals between ascending epoch-millisecond times, in seconds. */
export function intervalsS(timesMs: readonly number[]): number[] {
  return timesMs.slice(1).map((t, i) => roundS((t - (timesMs[i] ?? t)) / 1000));
}
