import type { Annotation, EventRow } from '../store/store.js';
import { label, type Moment, timeOf } from './before-failure.js';
import { severityName } from './station-monitors.js';

/** Events at these severities or more urgent are looked back from: 0 Danger, 1 Hardware failure, 2 System failure. */
export const TOP_SEVERITY = 2;
/** An event this close to a moment already looked back from is part of it, not a moment of its own. */
const SAME_MOMENT_MS = 3_600_000;
/** At most this many events are looked back from (every failure note is). */
export const MAX_EVENT_MOMENTS = 30;

/** A moment the report looks back from: a `failure` note, or an event at the top severities. */
export interface LookBack extends Moment {
  kind: 'failure' | 'event';
  /** `failure: converter tripped (J. Doe)` or `AcDcConverter[1] Tripped = true, CX003, severity 1 Hardware failure`. */
  title: string;
}

/**
 * The moments "before the failure" looks back from, in time order: every `failure` note of the
 * period, and each event raised at severity TOP_SEVERITY or more urgent (not a `cleared` one),
 * unless it falls within an hour of a moment already taken on that station (the burst of events
 * around one failure is one story, and its events are listed in that moment's hours).
 */
export function lookBackMoments(annotations: readonly Annotation[], events: readonly EventRow[], severityOf: (event: EventRow) => number | undefined, period: { from: string; to: string }): LookBack[] {
  const inPeriod = (at: string): boolean => at >= period.from && at < period.to;
  const moments: LookBack[] = annotations
    .filter((a) => a.kind === 'failure' && inPeriod(new Date(Date.parse(a.at)).toISOString()))
    .map((a) => ({ station: a.station, at: a.at, kind: 'failure', title: `failure: ${a.text}${a.author ? ` (${a.author})` : ''}` }));
  const taken = (station: string, at: number): boolean => moments.some((m) => m.station === station && Math.abs(Date.parse(m.at) - at) < SAME_MOMENT_MS);
  const urgent = events
    .map((event) => ({ event, severity: severityOf(event), at: timeOf(event) }))
    .filter((e) => e.severity !== undefined && e.severity <= TOP_SEVERITY && e.event.cleared !== true && inPeriod(new Date(e.at).toISOString()))
    .sort((a, b) => a.at - b.at);
  let taking = 0;
  for (const { event, severity, at } of urgent) {
    if (taking >= MAX_EVENT_MOMENTS || taken(event.station, at)) continue;
    taking += 1;
    moments.push({ station: event.station, at: new Date(at).toISOString(), kind: 'event', title: eventWords(event, severity) });
  }
  return moments.sort((a, b) => a.at.localeCompare(b.at) || a.station.localeCompare(b.station));
}

/** An event in words: where, what value, its fault code, its severity. */
export function eventWords(event: EventRow, severity: number | undefined): string {
  const value = event.actualValue !== undefined ? ` = ${event.actualValue}` : '';
  const code = event.techCode !== undefined ? `, fault code ${event.techCode}` : '';
  return `${label(event)} ${event.variable}${value}${code}, severity ${severityName(severity)}`;
}
