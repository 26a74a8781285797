/** A span of time in ms since the epoch (from inclusive, to exclusive), with why, where it matters. */
export interface Interval {
  from: number;
  to: number;
  why?: string;
}

/** Overlapping intervals merged into one, in time order (their reasons joined with "; "). */
export function union<T extends Interval>(intervals: readonly T[]): T[] {
  const merged: T[] = [];
  for (const interval of [...intervals].sort((a, b) => a.from - b.from)) {
    const last = merged.at(-1);
    if (last && interval.from <= last.to) {
      last.to = Math.max(last.to, interval.to);
      if (interval.why !== undefined && !(last.why ?? '').includes(interval.why)) last.why = last.why === undefined ? interval.why : `${last.why}; ${interval.why}`;
    } else merged.push({ ...interval });
  }
  return merged;
}

/** Their summed length, ms (count overlaps twice: union them first). */
export const total = (intervals: readonly Interval[]): number => intervals.reduce((sum, i) => sum + (i.to - i.from), 0);

/** How long the two sets overlap, ms (each set merged beforehand). */
export function overlap(a: readonly Interval[], b: readonly Interval[]): number {
  let sum = 0;
  for (const x of a) for (const y of b) sum += Math.max(0, Math.min(x.to, y.to) - Math.max(x.from, y.from));
  return sum;
}
