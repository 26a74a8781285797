import type { Annotation, EventRow } from '../store/store.js';
import type { PortAvailability } from './availability.js';
import { timeOf } from './before-failure.js';
import { utc } from './report-time.js';

/**
 * The report's two drawn strips, as plain SVG coordinates (no script, so they print and read on
 * any screen): a port's 15-minute interval status, and a station's events over the period with
 * its annotations on them. Runs of equal slots are one rectangle each: a month of 2,880 slots is
 * a handful of elements when the port was mostly up.
 */

const SLOT_MS = 15 * 60 * 1000;

export interface StripSegment {
  x: number;
  width: number;
  state: PortAvailability['slots'][number];
  /** `2026-12-01 08:00 UTC – 09:15 UTC: down`. */
  title: string;
}

/** A port's interval strip: one unit of width per 15-minute slot, runs merged. */
export function availabilityStrip(slots: PortAvailability['slots'], periodFrom: string): { width: number; segments: StripSegment[] } {
  const start = Date.parse(periodFrom);
  const segments: StripSegment[] = [];
  slots.forEach((state, index) => {
    const last = segments.at(-1);
    if (last && last.state === state) last.width += 1;
    else segments.push({ x: index, width: 1, state, title: '' });
  });
  for (const segment of segments) {
    const from = new Date(start + segment.x * SLOT_MS).toISOString();
    const to = new Date(start + (segment.x + segment.width) * SLOT_MS).toISOString();
    segment.title = `${utc(from)} – ${utc(to)}: ${STATE_WORDS[segment.state]}`;
  }
  return { width: Math.max(1, slots.length), segments };
}

const STATE_WORDS: Record<PortAvailability['slots'][number], string> = {
  up: 'up',
  down: 'down (counts against uptime)',
  excluded: 'down, excluded by an annotation',
  unknown: 'not known yet (before the first status)',
};

/** The timeline's width in SVG units, and how many bars it has at most. */
export const TIMELINE_WIDTH = 1000;
const BINS = 250;
const BAR_HEIGHT = 28;
/** The timeline's baseline, in SVG units from the top (the marks reach below it). */
export const BASELINE = 34;

export interface TimelineBar {
  x: number;
  /** From the top; bars stand on the baseline (y = BASELINE). */
  y: number;
  width: number;
  height: number;
  /** CSS class by the worst severity in the bar: `sev-high` (0–2), `sev-mid` (3–5), `sev-low` (6–9), `sev-unknown`. */
  css: string;
  title: string;
}

export interface TimelineMark {
  x: number;
  kind: string;
  title: string;
  /** An `excluded` span's width. */
  width?: number;
}

/**
 * A station's events over the period in BINS bars (height: the count, on a log scale so one
 * event still shows beside a thousand), coloured by the worst severity in the bar, and its
 * annotations as marks.
 */
export function eventTimeline(events: readonly EventRow[], annotations: readonly Annotation[], period: { from: string; to: string }, severityOf: (event: EventRow) => number | undefined): { bars: TimelineBar[]; marks: TimelineMark[] } {
  const from = Date.parse(period.from);
  const span = Math.max(1, Date.parse(period.to) - from);
  // Bars of whole minutes, so their times read as round ones.
  const binMs = Math.ceil(span / BINS / 60_000) * 60_000;
  const bins = new Map<number, { count: number; worst: number | undefined }>();
  for (const event of events) {
    const index = Math.floor((timeOf(event) - from) / binMs);
    if (index < 0 || index * binMs >= span) continue;
    const bin = bins.get(index) ?? { count: 0, worst: undefined };
    bin.count += 1;
    const severity = severityOf(event);
    if (severity !== undefined && (bin.worst === undefined || severity < bin.worst)) bin.worst = severity;
    bins.set(index, bin);
  }
  const most = Math.max(1, ...[...bins.values()].map((b) => b.count));
  const unit = (TIMELINE_WIDTH * binMs) / span;
  const bars = [...bins]
    .sort((a, b) => a[0] - b[0])
    .map(([index, bin]) => {
      const height = round(Math.max(3, (BAR_HEIGHT * Math.log1p(bin.count)) / Math.log1p(most)));
      return {
        x: round(index * unit),
        y: round(BASELINE - height),
        width: round(unit),
        height,
        css: bin.worst === undefined ? 'sev-unknown' : bin.worst <= 2 ? 'sev-high' : bin.worst <= 5 ? 'sev-mid' : 'sev-low',
        title: `${utc(new Date(from + index * binMs).toISOString())} – ${utc(new Date(from + (index + 1) * binMs).toISOString())}: ${bin.count} event${bin.count === 1 ? '' : 's'}${bin.worst !== undefined ? `, worst severity ${bin.worst}` : ''}`,
      };
    });
  const x = (ms: number): number => round(Math.min(TIMELINE_WIDTH, Math.max(0, ((ms - from) / span) * TIMELINE_WIDTH)));
  const marks = annotations.map((a) => {
    const at = Date.parse(a.at);
    const until = a.until !== undefined ? Date.parse(a.until) : undefined;
    return { x: x(at), kind: a.kind, title: `${utc(a.at)}${a.until !== undefined ? ` – ${utc(a.until)}` : ''}, ${a.kind}: ${a.text}`, ...(until !== undefined ? { width: round(Math.max(1, x(until) - x(at))) } : {}) };
  });
  return { bars, marks };
}

const round = (value: number): number => Math.round(value * 100) / 100;
