import { PLAN_OUTCOMES } from '../plan/plan-outcome.js';
import { VERIFY_ALL_DAYS_COMMAND } from '../../evidence/journal-days.js';
import { availability, type PortAvailability } from './availability.js';
import type { ChartData } from './sensor-charts.js';
import { firmwareHistories } from './firmware-history.js';
import type { PilotData } from './pilot-data.js';
import { beforeSection, completenessSection, eventsSection, sensorsSection, type BeforeView, type CompletenessView, type EventsView, type SensorsView } from './pilot-report-sections.js';
import { OUTCOME_WORDS, planSummaries } from './plan-summary.js';
import { minutesWords, utc } from './report-time.js';
import { knownMonitors, severityResolver } from './station-monitors.js';
import { availabilityStrip, type StripSegment } from './strips.js';
import { chargeXCode } from '../../checks/events/chargex-codes.js';
import { label } from './before-failure.js';
import type { Annotation, EventRow } from '../store/store.js';

/** A journal day and its files' SHA-256 state (listed by the caller from the output directory). */
export interface IntegrityDay {
  station: string;
  day: string;
  files: Array<{ name: string; sha256?: string; state: 'verified' | 'altered' | 'open' | 'unhashed' }>;
}

/** One CSV of the open data (`data/<name>.csv`, described in `datapackage.json`). */
export interface OpenDataFile {
  name: string;
  title: string;
  rows: number;
}

/** What the report states besides the store's data. */
export interface PilotReportInputs {
  integrity: IntegrityDay[];
  openData: OpenDataFile[];
  /** When the report was written (ISO). */
  generatedAt: string;
  toolVersion: string;
}

/** The NEVI minimum: each port above 97 % average uptime (23 CFR 680.116(b)). */
export const NEVI_MINIMUM_PERCENT = 97;

/** The evidence report's page, every text ready to print (the template only lays it out). */
export interface PilotReportModel {
  title: string;
  period: { from: string; to: string; fromText: string; toText: string; text: string };
  generatedAt: string;
  toolVersion: string;
  scope: {
    stations: Array<{ identity: string; vendor: string; model: string; serialNumber: string; firmware: string; firmwareChanges: string[]; boots: string; seen: string }>;
    plans: string[];
    planStations: Array<{ station: string; plans: string; counts: Array<{ outcome: string; words: string; items: number; records: number }>; items: Array<{ label: string; latest: string; css: string; detail: string; history: string }> }>;
    outcomeWords: Array<{ outcome: string; words: string }>;
  };
  availability: {
    stations: Array<{ station: string; uptime: string; known: string; outage: string; excluded: string; below: boolean; ports: PortView[] }>;
  };
  events: EventsView;
  before: BeforeView[];
  sensors: SensorsView;
  completeness: CompletenessView[];
  integrity: { days: Array<{ station: string; day: string; files: Array<{ name: string; sha256: string; state: string; words: string }> }>; summary: string; verifyAll: string };
  openData: { files: Array<{ href: string; title: string; rows: number }> };
  charts: ChartData[];
}

export interface PortView {
  name: string;
  uptime: string;
  known: string;
  outage: string;
  excluded: string;
  below: boolean;
  outages: Array<{ from: string; to: string; duration: string; cause: string; excluded: string }>;
  /** Outages left out of the list (the strip still shows them). */
  moreOutages: number;
  strip: { width: number; segments: StripSegment[] };
}

/** At most this many outages per port are listed one by one. */
const LISTED_OUTAGES = 50;

/** Builds the page model. Pure: the same data and inputs give the same page. */
export function pilotReportModel(data: PilotData, inputs: PilotReportInputs): PilotReportModel {
  const { period } = data;
  const monitors = knownMonitors(data.monitoringReports, data.planOutcomes);
  const severityOf = severityResolver(monitors);
  const annotations = data.annotations.filter((a) => overlaps(a, period));
  const events = eventsSection(data.events, annotations, period, severityOf, data.periodicReports);
  const before = beforeSection(data.windowEvents, annotations, data.events, severityOf, monitors, period);
  const sensors = sensorsSection(data.buckets, data.bucketMs, period, monitors, annotations, new Set(before.views.map((v) => v.station)));
  return {
    title: `Pilot evidence report: ${data.stations.length} station${data.stations.length === 1 ? '' : 's'}, ${utc(period.from)} to ${utc(period.to)}`,
    period: { ...period, fromText: utc(period.from), toText: utc(period.to), text: `${utc(period.from)} to ${utc(period.to)} (${minutesWords((Date.parse(period.to) - Date.parse(period.from)) / 60_000)})` },
    generatedAt: utc(inputs.generatedAt),
    toolVersion: inputs.toolVersion,
    scope: scopeSection(data),
    availability: availabilitySection(data, annotations),
    events: events.view,
    before: before.views,
    sensors: sensors.view,
    completeness: completenessSection(data.completeness, data.periodicReports, sensors.samples),
    integrity: integritySection(inputs.integrity),
    openData: { files: inputs.openData.map((f) => ({ href: `data/${f.name}.csv`, title: f.title, rows: f.rows })) },
    charts: [...before.charts, ...sensors.charts],
  };
}

function overlaps(annotation: Annotation, period: { from: string; to: string }): boolean {
  const from = Date.parse(annotation.at);
  const to = annotation.until !== undefined ? Date.parse(annotation.until) : from;
  return to >= Date.parse(period.from) && from < Date.parse(period.to);
}

function scopeSection(data: PilotData): PilotReportModel['scope'] {
  const firmware = new Map(firmwareHistories(data.boots, data.period).map((h) => [h.station, h]));
  const plans = planSummaries(data.planOutcomes.filter((o) => o.at >= data.period.from && o.at < data.period.to));
  return {
    stations: data.stations.map((s) => {
      const history = firmware.get(s.identity);
      const start = history?.atStart;
      return {
        identity: s.identity,
        vendor: s.vendor ?? 'not reported',
        model: s.model ?? 'not reported',
        serialNumber: s.serialNumber ?? 'not reported',
        firmware: s.firmwareVersion ?? 'not reported',
        firmwareChanges: [
          ...(start !== undefined ? [`${start} at the start of the period`] : []),
          ...(history?.changes ?? []).map((c) => `${utc(c.at)}: ${c.from ?? 'unknown'} → ${c.to}${c.reason ? ` (boot reason ${c.reason})` : ''}`),
        ],
        boots: (history?.boots ?? []).map((b) => `${b.count} × ${b.reason}`).join(', ') || 'none in the period',
        seen: `${utc(s.firstSeen)} – ${utc(s.lastSeen)}`,
      };
    }),
    plans: [...new Set(plans.flatMap((p) => p.plans))].sort(),
    planStations: plans.map((p) => ({
      station: p.station,
      plans: p.plans.join(', '),
      counts: PLAN_OUTCOMES.map((o) => ({ outcome: o, words: OUTCOME_WORDS[o], items: p.latest[o], records: p.records[o] })).filter((c) => c.items > 0 || c.records > 0),
      items: p.items.map((i) => ({
        label: i.label,
        latest: i.latest,
        css: i.latest === 'accepted' || i.latest === 'reapplied' ? 'pass' : i.latest === 'unverified' ? 'inconclusive' : 'fail',
        detail: i.detail ?? '',
        history: i.outcomes.map((o) => `${utc(o.at)} ${o.outcome}`).join('; '),
      })),
    })),
    outcomeWords: PLAN_OUTCOMES.map((o) => ({ outcome: o, words: OUTCOME_WORDS[o] })),
  };
}

function availabilitySection(data: PilotData, annotations: readonly Annotation[]): PilotReportModel['availability'] {
  const ports = availability(data.period, data.statuses, data.connections, data.annotations);
  const byStation = new Map<string, PortAvailability[]>();
  for (const port of ports) byStation.set(port.station, [...(byStation.get(port.station) ?? []), port]);
  const faults = data.events.filter((e) => e.techCode !== undefined && e.cleared !== true);
  return {
    stations: [...byStation].map(([station, list]) => {
      const known = list.reduce((sum, p) => sum + p.knownMinutes, 0);
      const outage = list.reduce((sum, p) => sum + p.outageMinutes, 0);
      const excluded = list.reduce((sum, p) => sum + p.excludedMinutes, 0);
      const uptime = known > 0 ? Math.round(((known - (outage - excluded)) / known) * 1000) / 10 : null;
      return {
        station,
        uptime: uptime === null ? 'not known' : `${uptime} %`,
        known: minutesWords(known),
        outage: minutesWords(outage),
        excluded: minutesWords(excluded),
        below: uptime !== null && uptime <= NEVI_MINIMUM_PERCENT,
        ports: list.map((p) => portView(p, data.period.from, faults, annotations)),
      };
    }),
  };
}

function portView(port: PortAvailability, periodFrom: string, faults: readonly EventRow[], annotations: readonly Annotation[]): PortView {
  return {
    name: `EVSE ${port.evseId}, connector ${port.connectorId}`,
    uptime: port.uptimePercent === null ? 'not known' : `${port.uptimePercent} %`,
    known: minutesWords(port.knownMinutes),
    outage: minutesWords(port.outageMinutes),
    excluded: minutesWords(port.excludedMinutes),
    below: port.uptimePercent !== null && port.uptimePercent <= NEVI_MINIMUM_PERCENT,
    outages: port.outages.slice(0, LISTED_OUTAGES).map((o) => ({
      from: utc(o.from),
      to: utc(o.to),
      duration: minutesWords(o.minutes),
      cause: outageCause(port, o, faults, annotations),
      excluded: o.excludedMinutes > 0 ? minutesWords(o.excludedMinutes) : '',
    })),
    moreOutages: Math.max(0, port.outages.length - LISTED_OUTAGES),
    strip: availabilityStrip(port.slots, periodFrom),
  };
}

/** Near an outage's start, a fault code counts among its causes. */
const CAUSE_WINDOW_MS = 5 * 60_000;

/**
 * Why a port was out, in words: the state that made it so (Faulted, Unavailable, offline), the
 * fault codes the station raised around its start (ChargeX names), and the site notes that
 * overlap it.
 */
function outageCause(port: PortAvailability, outage: PortAvailability['outages'][number], faults: readonly EventRow[], annotations: readonly Annotation[]): string {
  const from = Date.parse(outage.from);
  const to = Date.parse(outage.to);
  const codes = new Set<string>();
  for (const fault of faults) {
    if (fault.station !== port.station || (fault.evseId !== undefined && fault.evseId !== port.evseId)) continue;
    const at = Date.parse(fault.timestamp ?? fault.receivedAt);
    if (at < from - CAUSE_WINDOW_MS || at > from + CAUSE_WINDOW_MS) continue;
    const chargex = chargeXCode(fault.techCode!);
    codes.add(`fault code ${fault.techCode!}${chargex ? ` (ChargeX ${chargex.name}: ${chargex.meaning})` : ''} on ${label(fault)} ${fault.variable}`);
  }
  const notes = annotations
    .filter((a) => a.station === port.station && Date.parse(a.at) <= to && Date.parse(a.until ?? a.at) >= from)
    .map((a) => `${a.kind} note: ${a.text}`);
  return [outage.why, ...codes, ...notes].join('; ');
}

const STATE_WORDS: Record<IntegrityDay['files'][number]['state'], string> = {
  verified: 'matches the SHA-256 recorded beside it',
  altered: 'differs from the SHA-256 recorded beside it: the file was changed after it was closed',
  open: 'still being written (the SHA-256 is recorded when the day closes)',
  unhashed: 'no SHA-256 recorded',
};

function integritySection(days: readonly IntegrityDay[]): PilotReportModel['integrity'] {
  const files = days.flatMap((d) => d.files);
  const count = (state: string): number => files.filter((f) => f.state === state).length;
  return {
    days: days.map((d) => ({ station: d.station, day: d.day, files: d.files.map((f) => ({ name: f.name, sha256: f.sha256 ?? '', state: f.state, words: STATE_WORDS[f.state] })) })),
    summary:
      files.length === 0
        ? 'No journal days were listed for this report.'
        : `${files.length} journal file${files.length === 1 ? '' : 's'} over ${days.length} station-day${days.length === 1 ? '' : 's'}: ${count('verified')} verified, ${count('altered')} altered, ${count('open')} still open, ${count('unhashed')} without a recorded SHA-256.`,
    verifyAll: VERIFY_ALL_DAYS_COMMAND,
  };
}
