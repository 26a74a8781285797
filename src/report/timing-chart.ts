import type { CheckResult } from '../checks/check.js';

/** A small chart of the timing checks: each event's error against the tolerance band. */
export interface TimingChart {
  width: number;
  height: number;
  /** The tolerance band (y and height), and the zero line. */
  band: { y: number; height: number };
  zeroY: number;
  points: Array<{ x: number; y: number; css: string; label: string }>;
  /** What the dots are and what the band means, in words. */
  caption: string;
  /** The y axis's extremes, labelled. */
  top: string;
  bottom: string;
}

const WIDTH = 420;
const HEIGHT = 120;
const PAD = 14;

/** Plain names for the timing checks' figures (their details), in the order a reader wants them. */
const LABELS: Record<string, string> = {
  monitorId: 'monitor id',
  requestedIntervalS: 'requested interval (s)',
  toleranceS: 'tolerance (s)',
  events: 'events collected',
  expectedEvents: 'events due in the window',
  windowS: 'collection window (s)',
  judgedBy: 'timed by',
  firstEventAfterSetS: 'first event after the set, as received (s)',
  firstEventStampedAfterSetS: "first event after the set, on the station's clock (s)",
  'byTimestamp.meanIntervalS': "mean interval, station's clock (s)",
  'byTimestamp.meanAbsErrorS': "mean interval error, station's clock (s)",
  'byTimestamp.maxAbsErrorS': "largest interval error, station's clock (s)",
  'byTimestamp.jitterS': "jitter, station's clock (s)",
  'byReceiveTime.meanIntervalS': 'mean interval, as received (s)',
  'byReceiveTime.meanAbsErrorS': 'mean interval error, as received (s)',
  'byReceiveTime.maxAbsErrorS': 'largest interval error, as received (s)',
  'byReceiveTime.jitterS': 'jitter, as received (s)',
  'intervals.meanIntervalS': 'mean interval (s)',
  'intervals.meanAbsErrorS': 'mean interval error (s)',
  'intervals.maxAbsErrorS': 'largest interval error (s)',
  'intervals.jitterS': 'jitter (s)',
  maxAlignmentErrorS: 'largest distance from a clock boundary (s)',
  maxReceiveAlignmentErrorS: 'largest distance from a boundary, as received (s)',
  setDistanceFromBoundaryS: 'the monitor was set this far from a boundary (s)',
  stationClockLagS: "the station's clock behind ours (s)",
  maxDistanceFromSetGridS: 'largest distance from whole intervals after the set (s)',
  auditorLateS: "the auditor's own worst stall while collecting (s)",
};

/** The figures of a timing check with plain labels; a figure without one reads from its name. */
export function timingFigures(details: Record<string, unknown>): Array<{ name: string; value: string }> {
  const figures: Array<{ name: string; value: string }> = [];
  for (const [name, value] of Object.entries(details)) {
    if (typeof value === 'number' || typeof value === 'string') figures.push({ name: LABELS[name] ?? words(name), value: String(value) });
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, innerValue] of Object.entries(value)) {
        if (typeof innerValue === 'number' || typeof innerValue === 'string') figures.push({ name: LABELS[`${name}.${inner}`] ?? `${words(name)}: ${words(inner)}`, value: String(innerValue) });
      }
    }
  }
  return figures;
}

/** "firstEventAfterSetS" → "first event after set (s)". */
function words(name: string): string {
  const seconds = name.endsWith('S') && /[a-z]S$/.test(name);
  const base = (seconds ? name.slice(0, -1) : name).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return seconds ? `${base} (s)` : base;
}

/**
 * The chart of a timing check, or undefined when it has nothing to draw: periodic-timing draws
 * each interval's error (interval − requested) against ± the tolerance; clock-aligned-timing each
 * event's distance from the nearest clock boundary against the tolerance.
 */
export function timingChart(check: CheckResult): TimingChart | undefined {
  const details = check.details ?? {};
  const tolerance = typeof details['toleranceS'] === 'number' ? details['toleranceS'] : undefined;
  if (tolerance === undefined) return undefined;
  if (check.id === 'periodic-timing') {
    const requested = details['requestedIntervalS'];
    const intervals = details['intervalsS'];
    if (typeof requested !== 'number' || !Array.isArray(intervals) || intervals.length === 0) return undefined;
    const errors = intervals.filter((v): v is number => typeof v === 'number').map((v) => v - requested);
    return draw(errors, tolerance, true, `Each dot is one interval between events, minus the requested ${requested} s; the band is the tolerance of ±${tolerance} s.`);
  }
  if (check.id === 'clock-aligned-timing') {
    const rows = details['perEvent'];
    if (!Array.isArray(rows)) return undefined;
    const errors = rows.map((row) => (row as { alignmentErrorS?: unknown }).alignmentErrorS).filter((v): v is number => typeof v === 'number');
    if (errors.length === 0) return undefined;
    return draw(errors, tolerance, false, `Each dot is one event's distance from the nearest clock boundary; the band is the tolerance of ${tolerance} s.`);
  }
  return undefined;
}

const round = (value: number): number => Math.round(value * 10) / 10;

function draw(errors: number[], tolerance: number, signed: boolean, caption: string): TimingChart {
  const span = Math.max(tolerance * 1.5, ...errors.map((e) => Math.abs(e)), 0.1);
  const low = signed ? -span : 0;
  const y = (value: number): number => round(PAD + ((span - value) / (span - low)) * (HEIGHT - 2 * PAD));
  const x = (index: number): number => round(PAD + (errors.length === 1 ? (WIDTH - 2 * PAD) / 2 : (index * (WIDTH - 2 * PAD)) / (errors.length - 1)));
  const bandTop = y(tolerance);
  const bandBottom = y(signed ? -tolerance : 0);
  return {
    width: WIDTH,
    height: HEIGHT,
    band: { y: bandTop, height: round(bandBottom - bandTop) },
    zeroY: y(0),
    points: errors.map((error, index) => ({ x: x(index), y: y(error), css: Math.abs(error) <= tolerance ? 'pass' : 'fail', label: `${index + 1}: ${error >= 0 && signed ? '+' : ''}${Math.round(error * 1000) / 1000} s` })),
    caption,
    top: `${signed ? '+' : ''}${round(span)} s`,
    bottom: `${round(low)} s`,
  };
}
