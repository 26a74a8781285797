import type { Annotation, SampleBucket, SeriesKey } from '../store/store.js';
import { label } from './before-failure.js';
import { type KnownMonitor, severityName, thresholdsOf } from './station-monitors.js';

/**
 * At most this many points per series and chart. A month of 5-minute samples is 8,640 per series;
 * 50 stations × 20 variables of them embedded raw would be tens of megabytes and slow to draw.
 * Folded into buckets of a "round" width so that no series has more than MAX_POINTS buckets,
 * each drawn as its min–max band and its mean, a month of 1,000 series stays a few megabytes
 * and the envelope shows every excursion the raw samples had (a spike is in the max).
 */
export const MAX_POINTS = 500;

/** Round bucket widths a reader can name ("2-hour buckets"), smallest first. */
const BUCKET_WIDTHS_S = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];

/**
 * The bucket width for a period: the smallest round width that keeps a series at or under
 * MAX_POINTS buckets, and never narrower than the fastest sampling interval (a bucket narrower
 * than the interval between samples would leave every other bucket empty: a broken line, no
 * envelope). With a 5-minute interval: a day gives 5-minute buckets (the samples themselves), a
 * week 30-minute ones, a month 2-hour ones (360 points).
 */
export function bucketWidthMs(periodMs: number, fastestIntervalS = 60): number {
  const wanted = Math.max(periodMs / 1000 / MAX_POINTS, fastestIntervalS);
  return (BUCKET_WIDTHS_S.find((w) => w >= wanted) ?? Math.ceil(wanted / 86400) * 86400) * 1000;
}

/** A bucket width in words: "2 h", "5 min", "1 day". */
export function widthWords(ms: number): string {
  const s = ms / 1000;
  if (s % 86400 === 0) return `${s / 86400} day${s === 86400 ? '' : 's'}`;
  if (s % 3600 === 0) return `${s / 3600} h`;
  if (s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}

/** A horizontal line on a chart: a threshold monitor, labelled for the legend. */
export interface ChartThreshold {
  value: number;
  upper: boolean;
  label: string;
}

/** A vertical marker: a site note (and the span of an `excluded` one) or the moment looked back from. */
export interface ChartMarker {
  /** Epoch seconds. */
  t: number;
  /** The end of a span (excluded time), epoch seconds. */
  until?: number;
  kind: string;
  label: string;
}

/**
 * The data a chart of the page draws, embedded as JSON. `envelope`: buckets (index `k` from `t0`
 * in steps of `step` s) with min, mean and max; a `null` marks a gap (no sample for more than
 * two buckets). `points`: the samples themselves (`x` epoch seconds, `y`).
 */
export interface ChartData {
  id: string;
  kind: 'envelope' | 'points';
  title: string;
  /** The x range drawn (the period, or the window), epoch seconds. */
  from: number;
  to: number;
  t0?: number;
  step?: number;
  k?: number[];
  min?: Array<number | null>;
  mean?: Array<number | null>;
  max?: Array<number | null>;
  x?: number[];
  y?: number[];
  thresholds: ChartThreshold[];
  markers: ChartMarker[];
}

/** A series' chart and what the page says about it in words (readable without script, and printed). */
export interface SensorChart {
  station: string;
  /** `AcDcConverter[1] Temperature`. */
  name: string;
  samples: number;
  lowest: number;
  highest: number;
  /** In words: the thresholds drawn, or that there are none. */
  thresholdWords: string;
  chart: ChartData;
}

/** Six significant digits: enough for any sensor, and short in the page. */
const compact = (value: number): number => Number(value.toPrecision(6));
const epochS = (iso: string): number => Math.round(Date.parse(iso) / 1000);

/**
 * One chart per sampled series from the store's buckets: the min–max band and the mean, the
 * series' threshold monitors as lines, the station's annotations as markers.
 */
export function sensorCharts(buckets: readonly SampleBucket[], bucketMs: number, period: { from: string; to: string }, monitors: readonly KnownMonitor[], annotations: readonly Annotation[]): SensorChart[] {
  const series = new Map<string, SampleBucket[]>();
  for (const bucket of buckets) {
    const key = seriesKeyText(bucket);
    const list = series.get(key);
    if (list) list.push(bucket);
    else series.set(key, [bucket]);
  }
  const step = bucketMs / 1000;
  const charts: SensorChart[] = [];
  for (const rows of series.values()) {
    rows.sort((a, b) => a.from.localeCompare(b.from));
    const first = rows[0];
    const t0 = epochS(first.from);
    const chart: ChartData = { id: '', kind: 'envelope', title: `${first.station} · ${seriesName(first)}`, from: epochS(period.from), to: epochS(period.to), t0, step, k: [], min: [], mean: [], max: [], thresholds: thresholdLines(monitors, first), markers: annotationMarkers(annotations, first.station) };
    let previous: number | undefined;
    for (const row of rows) {
      const k = Math.round((epochS(row.from) - t0) / step);
      if (previous !== undefined && k - previous > 2) {
        // More than one empty bucket: a gap, drawn as a break in the line.
        chart.k!.push(previous + 1);
        chart.min!.push(null);
        chart.mean!.push(null);
        chart.max!.push(null);
      }
      chart.k!.push(k);
      chart.min!.push(compact(row.min));
      chart.mean!.push(compact(row.mean));
      chart.max!.push(compact(row.max));
      previous = k;
    }
    charts.push({
      station: first.station,
      name: seriesName(first),
      samples: rows.reduce((sum, r) => sum + r.count, 0),
      lowest: compact(Math.min(...rows.map((r) => r.min))),
      highest: compact(Math.max(...rows.map((r) => r.max))),
      thresholdWords: thresholdWords(chart.thresholds),
      chart,
    });
  }
  // Numbered in the page's order, so an id names the same chart whatever order the store gave.
  charts.sort((a, b) => a.station.localeCompare(b.station) || a.name.localeCompare(b.name));
  charts.forEach((c, index) => (c.chart.id = `sensor-${index + 1}`));
  return charts;
}

/** A chart of the samples themselves (the hours before a failure), with the same lines and markers. */
export function pointsChart(id: string, station: string, key: Omit<SeriesKey, 'station'> & { name: string }, points: ReadonlyArray<{ at: string; value: number }>, window: { from: string; to: string }, monitors: readonly KnownMonitor[], markers: ChartMarker[]): ChartData {
  return {
    id,
    kind: 'points',
    title: `${station} · ${key.name}`,
    from: epochS(window.from),
    to: epochS(window.to),
    x: points.map((p) => epochS(p.at)),
    y: points.map((p) => compact(p.value)),
    thresholds: thresholdLines(monitors, { station, ...key }),
    markers,
  };
}

export function seriesName(key: Omit<SeriesKey, 'station'>): string {
  return `${label(key)} ${key.variable}${key.variableInstance !== undefined ? `[${key.variableInstance}]` : ''}`;
}

function seriesKeyText(key: SeriesKey): string {
  return [key.station, key.component, key.componentInstance ?? '', key.evseId ?? '', key.connectorId ?? '', key.variable, key.variableInstance ?? ''].join('\u0000');
}

function thresholdLines(monitors: readonly KnownMonitor[], key: SeriesKey): ChartThreshold[] {
  return thresholdsOf(monitors, key).map((m) => {
    const about = [...(m.id !== undefined ? [`monitor ${m.id}`] : []), ...(m.severity !== undefined ? [`severity ${severityName(m.severity)}`] : []), `from ${m.source}`];
    return { value: m.value, upper: m.type === 'UpperThreshold', label: `${m.type === 'UpperThreshold' ? 'upper' : 'lower'} threshold ${m.value} (${about.join(', ')})` };
  });
}

function thresholdWords(thresholds: readonly ChartThreshold[]): string {
  return thresholds.length === 0 ? 'no threshold monitor on this variable' : thresholds.map((t) => t.label).join('; ');
}

/** A station's annotations as chart markers; `excluded` ones with their span. */
export function annotationMarkers(annotations: readonly Annotation[], station: string): ChartMarker[] {
  return annotations
    .filter((a) => a.station === station)
    .map((a) => ({ t: epochS(a.at), ...(a.until !== undefined ? { until: epochS(a.until) } : {}), kind: a.kind, label: `${a.kind}: ${a.text}` }));
}
