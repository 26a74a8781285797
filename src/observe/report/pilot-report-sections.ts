import { chargeXCode } from '../../checks/events/chargex-codes.js';
import type { Annotation, EventRow, SampleBucket } from '../store/store.js';
import { beforeMoments, eventCounts, BEFORE_HOURS, label, timeOf } from './before-failure.js';
import type { StationCompleteness } from './completeness.js';
import { lookBackMoments } from './look-back.js';
import { minutesWords, utc } from './report-time.js';
import { annotationMarkers, type ChartData, MAX_POINTS, pointsChart, sensorCharts, widthWords } from './sensor-charts.js';
import { type KnownMonitor, severityName } from './station-monitors.js';
import { eventTimeline, TIMELINE_WIDTH, type TimelineBar, type TimelineMark } from './strips.js';

/** Sections of the evidence report's page model (pilot-report-model.ts assembles them). */

export interface EventsView {
  total: number;
  /** How many periodic reports the counts leave out (they are the sensor series). */
  periodicNote: string;
  counts: Array<{ station: string; component: string; variable: string; severity: string; events: number; codes: string }>;
  faultCodes: Array<{ code: string; chargex: string; count: number; stations: string }>;
  timelines: Array<{ station: string; width: number; bars: TimelineBar[]; marks: TimelineMark[]; events: number }>;
  annotations: Array<{ at: string; station: string; kind: string; text: string; author: string }>;
}

/** At most this many count rows, and this many events per look-back, are listed. */
const LISTED_COUNTS = 500;
const LISTED_WINDOW_EVENTS = 200;

export function eventsSection(events: readonly EventRow[], annotations: readonly Annotation[], period: { from: string; to: string }, severityOf: (e: EventRow) => number | undefined, periodic: ReadonlyArray<{ station: string; count: number }>): { view: EventsView } {
  const counts = eventCounts(events, severityOf);
  const codes = new Map<string, { count: number; stations: Set<string> }>();
  for (const event of events) {
    if (event.techCode === undefined) continue;
    const code = codes.get(event.techCode) ?? { count: 0, stations: new Set<string>() };
    code.count += 1;
    code.stations.add(event.station);
    codes.set(event.techCode, code);
  }
  const stations = [...new Set([...events.map((e) => e.station), ...annotations.map((a) => a.station)])].sort();
  const periodicTotal = periodic.reduce((sum, p) => sum + p.count, 0);
  return {
    view: {
      total: events.length,
      periodicNote: `${periodicTotal} periodic report${periodicTotal === 1 ? '' : 's'} (the sampled values) are not counted here: they are the sensor series below.`,
      counts: counts.slice(0, LISTED_COUNTS).map((c) => ({
        station: c.station,
        component: c.component,
        variable: c.variable,
        severity: severityName(c.severity),
        events: c.events,
        codes: c.techCodes.map((t) => `${t.code}${t.chargex ? ` (ChargeX ${t.chargex})` : ''} × ${t.count}`).join(', '),
      })),
      faultCodes: [...codes]
        .map(([code, c]) => {
          const chargex = chargeXCode(code);
          return { code, chargex: chargex ? `${chargex.name}: ${chargex.meaning}` : 'not a ChargeX code', count: c.count, stations: [...c.stations].sort().join(', ') };
        })
        .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
      timelines: stations.map((station) => {
        const mine = events.filter((e) => e.station === station);
        return { station, width: TIMELINE_WIDTH, events: mine.length, ...eventTimeline(mine, annotations.filter((a) => a.station === station), period, severityOf) };
      }),
      annotations: [...annotations]
        .sort((a, b) => a.at.localeCompare(b.at))
        .map((a) => ({ at: `${utc(a.at)}${a.until !== undefined ? ` – ${utc(a.until)}` : ''}`, station: a.station, kind: a.kind, text: a.text, author: a.author ?? '' })),
    },
  };
}

export interface BeforeView {
  id: string;
  station: string;
  at: string;
  kind: 'failure' | 'event';
  title: string;
  window: string;
  /** The series that moved most from their usual level, first; the rest are folded (`more`). */
  series: Array<{ chartId: string; name: string; samples: number; words: string }>;
  more: Array<{ chartId: string; name: string; samples: number; words: string }>;
  events: Array<{ at: string; place: string; value: string; code: string; severity: string; trigger: string }>;
  moreEvents: number;
}

/** "Before the failure": for each failure note and top-severity event, the sensor series and events of the hours before. */
export function beforeSection(windowEvents: readonly EventRow[], annotations: readonly Annotation[], events: readonly EventRow[], severityOf: (e: EventRow) => number | undefined, monitors: readonly KnownMonitor[], period: { from: string; to: string }): { views: BeforeView[]; charts: ChartData[] } {
  const moments = lookBackMoments(annotations, events, severityOf, period);
  const charts: ChartData[] = [];
  const views = beforeMoments(windowEvents, moments, BEFORE_HOURS).map((before, index) => {
    const id = `before-${index + 1}`;
    const window = { from: before.from, to: before.moment.at };
    const markers = [...annotationMarkers(annotations, before.moment.station), ...(before.moment.kind === 'event' ? [{ t: Math.round(Date.parse(before.moment.at) / 1000), kind: 'event', label: before.moment.title }] : [])];
    const ranked = [...before.series].sort((a, b) => departure(b.points) - departure(a.points));
    const series = ranked.map((s, i) => {
      const chartId = `${id}-${i + 1}`;
      const name = `${s.component} ${s.variable}`;
      charts.push(pointsChart(chartId, before.moment.station, { ...s.key, name }, s.points, window, monitors, markers));
      return { chartId, name, samples: s.points.length, words: seriesWords(s.points) };
    });
    return {
      id,
      station: before.moment.station,
      at: utc(before.moment.at),
      kind: before.moment.kind,
      title: before.moment.title,
      window: `${utc(before.from)} – ${utc(before.moment.at)} (${BEFORE_HOURS} h)`,
      series: series.slice(0, SHOWN_SERIES),
      more: series.slice(SHOWN_SERIES),
      events: before.events.slice(-LISTED_WINDOW_EVENTS).map((e) => ({
        at: utc(new Date(timeOf(e)).toISOString()),
        place: `${label(e)} ${e.variable}`,
        value: e.actualValue ?? '',
        code: e.techCode !== undefined ? `${e.techCode}${chargeXCode(e.techCode) ? ` (ChargeX ${chargeXCode(e.techCode)!.name})` : ''}` : '',
        severity: severityName(severityOf(e)),
        trigger: [e.trigger, e.notificationType, e.cleared ? 'cleared' : undefined].filter(Boolean).join(', '),
      })),
      moreEvents: Math.max(0, before.events.length - LISTED_WINDOW_EVENTS),
    };
  });
  return { views, charts };
}

/** The series shown unfolded before a failure (a station may sample twenty). */
const SHOWN_SERIES = 3;

/**
 * How far a series moved from its usual level before the moment: the distance between its mean
 * over the last half hour and over the first hour of the window, in units of the first hour's
 * spread (plus 1 % of its level, so a flat series does not divide by zero). A temperature
 * climbing 45 °C scores in the hundreds, a fan following its daily cycle in single digits.
 */
function departure(points: ReadonlyArray<{ at: string; value: number }>): number {
  if (points.length < 2) return 0;
  const end = Date.parse(points.at(-1)!.at);
  const start = Date.parse(points[0].at);
  const first = points.filter((p) => Date.parse(p.at) <= start + 3_600_000).map((p) => p.value);
  const last = points.filter((p) => Date.parse(p.at) >= end - 1_800_000).map((p) => p.value);
  const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;
  const base = mean(first);
  const spread = Math.sqrt(mean(first.map((v) => (v - base) ** 2)));
  return Math.abs(mean(last) - base) / (spread + Math.abs(base) * 0.01 + Number.EPSILON);
}

/** A sampled series in words: where it started, where it ended, its extremes (a rise reads at once). */
function seriesWords(points: ReadonlyArray<{ at: string; value: number }>): string {
  if (points.length === 0) return 'no samples';
  const first = points[0].value;
  const last = points.at(-1)!.value;
  const values = points.map((p) => p.value);
  const trend = last > first ? 'rose' : last < first ? 'fell' : 'stayed';
  return `${trend} from ${first} to ${last} (lowest ${Math.min(...values)}, highest ${Math.max(...values)}) over ${points.length} sample${points.length === 1 ? '' : 's'}`;
}

export interface SensorsView {
  method: string;
  /** `open`: shown unfolded (the stations with a failure to look back from; the first station when none has). */
  stations: Array<{ station: string; open: boolean; charts: Array<{ chartId: string; name: string; samples: number; range: string; thresholds: string }> }>;
}

export function sensorsSection(buckets: readonly SampleBucket[], bucketMs: number, period: { from: string; to: string }, monitors: readonly KnownMonitor[], annotations: readonly Annotation[], unfold: ReadonlySet<string>): { view: SensorsView; charts: ChartData[]; samples: Map<string, number> } {
  const charts = sensorCharts(buckets, bucketMs, period, monitors, annotations);
  const stations = new Map<string, SensorsView['stations'][number]>();
  const samples = new Map<string, number>();
  for (const chart of charts) {
    const station = stations.get(chart.station) ?? { station: chart.station, open: unfold.size === 0 ? stations.size === 0 : unfold.has(chart.station), charts: [] };
    station.charts.push({ chartId: chart.chart.id, name: chart.name, samples: chart.samples, range: `${chart.lowest} to ${chart.highest}`, thresholds: chart.thresholdWords });
    stations.set(chart.station, station);
    samples.set(chart.station, (samples.get(chart.station) ?? 0) + chart.samples);
  }
  return {
    view: {
      method: `Each chart folds its samples into ${widthWords(bucketMs)} buckets: the band is each bucket's lowest to highest sample, the line its mean. The width is the smallest round one that keeps a series at or under ${MAX_POINTS} points over the period, and never narrower than the fastest sampling interval, so a spike always shows in the band. Drag across a chart to zoom in, double-click to zoom out; the hours before each failure show the samples themselves.`,
      stations: [...stations.values()],
    },
    charts: charts.map((c) => c.chart),
    samples,
  };
}

export interface CompletenessView {
  station: string;
  offline: string;
  spells: string[];
  late: string;
  gaps: string[];
  moreGaps: number;
  clock: string;
  periodic: string;
}

const LISTED_GAPS = 30;

export function completenessSection(rows: readonly StationCompleteness[], periodic: ReadonlyArray<{ station: string; count: number }>, samples: ReadonlyMap<string, number>): CompletenessView[] {
  return rows.map((row) => {
    const reports = periodic.find((p) => p.station === row.station)?.count ?? 0;
    return {
      station: row.station,
      offline: row.offline.length === 0 ? 'never offline in the period' : `offline ${row.offline.length} time${row.offline.length === 1 ? '' : 's'}, ${minutesWords(row.offlineMinutes)} in all`,
      spells: row.offline.map((o) => `${utc(o.from)} – ${utc(o.to)} (${minutesWords(o.minutes)})`),
      late:
        row.late.events === 0
          ? 'no event arrived late'
          : `${row.late.events} event${row.late.events === 1 ? '' : 's'} arrived more than a minute after the station stamped ${row.late.events === 1 ? 'it' : 'them'} (${row.late.queued} of them stamped while offline: queued), the latest ${row.late.worstS} s after`,
      gaps: row.gaps.slice(0, LISTED_GAPS).map((g) => `${g.component} ${g.variable} (usually every ${g.usualS} s): ${g.missing} sample${g.missing === 1 ? '' : 's'} missing ${g.withinHour ? `within the hour, somewhere between its first sample at ${utc(g.from)} and its last at ${utc(g.to)}` : `between ${utc(g.from)} and ${utc(g.to)}`}`),
      moreGaps: Math.max(0, row.gaps.length - LISTED_GAPS),
      clock:
        row.clock === undefined
          ? 'no station timestamps to compare'
          : `received minus stamped, the smallest of each day (the station's date): ${row.clock.firstDayS} s on the first day, ${row.clock.lastDayS} s on the last (${row.clock.days} day${row.clock.days === 1 ? '' : 's'}); a change across days is the station's clock drifting`,
      periodic: `${reports} periodic report${reports === 1 ? '' : 's'}, ${samples.get(row.station) ?? 0} numeric sample${samples.get(row.station) === 1 ? '' : 's'} charted`,
    };
  });
}
