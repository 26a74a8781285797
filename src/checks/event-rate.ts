import type { Evidence } from '../evidence/evidence.js';
import { type Check, type CheckResult, resultOf } from './check.js';
import { auditMonitors, monitorAt } from './events/audit-monitors.js';
import { componentLabel } from '../evidence/component-ref.js';
import { allNotifyEvents, eventItems, seqList } from './events/event-items.js';
import { timeMs } from '../evidence/payload-read.js';
import { roundS } from './events/interval-stats.js';

/** A component whose events average more than this per second over the audit floods the CSMS. */
export const FLOOD_EVENTS_PER_S = 1;
/** A component with more than this many events in one audit floods the CSMS. */
export const FLOOD_EVENTS_TOTAL = 100;
/** A rate means something only over enough events: a couple in a short audit is no flood. */
export const FLOOD_MIN_EVENTS = 20;
/**
 * Ten times the warning rate, sustained over a whole audit: the error loops of the field notes
 * (a flapping contact reported every time) that take backends down. No backend can be expected to
 * absorb that, so it is a FAIL, and a must-have of the grade (guidelines/scoring.json).
 */
export const FLOOD_FAIL_EVENTS_PER_S = 10;

interface RateRow {
  component: string;
  /** Events counted against the thresholds. */
  events: number;
  /** Events of periodic monitors the audit itself set: expected traffic, shown but not counted. */
  auditPeriodicEvents: number;
  perSecond: number;
  perMinute: number;
  firstSeq: number;
  lastSeq: number;
  seqs: number[];
}

/**
 * How hard the station's events hit the CSMS, per component, over the whole audit. Events of the
 * periodic monitors the audit set are left out of the thresholds: their rate is the audit's choice.
 * A flood is a warning: the spec sets no rate limit, but a CSMS pays for every event
 * (monitoring level, N05, is how an operator would quiet it). Ten times the warning rate over the
 * whole audit is a failure (FLOOD_FAIL_EVENTS_PER_S).
 */
export const eventRate: Check = {
  id: 'event-rate',
  title: 'No component floods the CSMS with events',
  refs: ['N07', 'N08', 'N05'],
  category: 'robustness',
  evaluate(evidence: Evidence): CheckResult {
    const messages = allNotifyEvents(evidence);
    const items = eventItems(messages);
    if (items.length === 0) return resultOf(eventRate, 'NOT APPLICABLE', 'The station sent no NotifyEvent during the audit, so there is no event rate to judge.');

    const durationS = auditDurationS(evidence, messages.map((m) => timeMs(m.receivedAt)));
    const monitors = auditMonitors(evidence);
    const rows = new Map<string, RateRow>();
    for (const item of items) {
      const component = componentLabel(item.component);
      const key = component.toLowerCase();
      const row = rows.get(key) ?? { component, events: 0, auditPeriodicEvents: 0, perSecond: 0, perMinute: 0, firstSeq: item.seq, lastSeq: item.seq, seqs: [] };
      const type = monitorAt(monitors, item.variableMonitoringId, item.seq)?.type;
      if (type === 'Periodic' || type === 'PeriodicClockAligned') row.auditPeriodicEvents += 1;
      else {
        row.events += 1;
        row.seqs.push(item.seq);
      }
      row.lastSeq = item.seq;
      rows.set(key, row);
    }
    for (const row of rows.values()) {
      row.perSecond = durationS !== undefined && durationS > 0 ? roundS(row.events / durationS) : 0;
      row.perMinute = durationS !== undefined && durationS > 0 ? Math.round((row.events / durationS) * 60 * 100) / 100 : 0;
    }
    const table = [...rows.values()].sort((a, b) => b.events - a.events || a.component.localeCompare(b.component));
    const details = {
      durationS: durationS !== undefined ? roundS(durationS) : undefined,
      thresholds: { eventsPerSecond: FLOOD_EVENTS_PER_S, eventsTotal: FLOOD_EVENTS_TOTAL, failEventsPerSecond: FLOOD_FAIL_EVENTS_PER_S },
      events: items.length,
      table: table.map(({ seqs: _seqs, ...row }) => row),
    };

    const flooding = table.filter((row) => (row.perSecond > FLOOD_EVENTS_PER_S && row.events >= FLOOD_MIN_EVENTS) || row.events > FLOOD_EVENTS_TOTAL);
    if (flooding.length > 0) {
      const named = flooding.map((row) => `${row.component}: ${row.events} events, ${rateText(row)}`).join('; ');
      const torrents = flooding.filter((row) => row.perSecond >= FLOOD_FAIL_EVENTS_PER_S && row.events >= FLOOD_MIN_EVENTS);
      if (torrents.length > 0) {
        return resultOf(
          eventRate,
          'FAIL',
          `${torrents.length} component(s) sent ${FLOOD_FAIL_EVENTS_PER_S} or more events a second over the whole audit, a flood that takes backends down (${torrents.map((row) => `${row.component}: ${row.events} events, ${rateText(row)}`).join('; ')}).`,
          seqList(torrents.flatMap((row) => row.seqs)),
          details,
        );
      }
      return resultOf(
        eventRate,
        'WARN',
        `${flooding.length} component(s) sent more than ${FLOOD_EVENTS_TOTAL} events or more than ${FLOOD_EVENTS_PER_S} per second over the audit (${named}).`,
        seqList(flooding.flatMap((row) => row.seqs)),
        details,
      );
    }
    const busiest = table[0];
    const over = durationS !== undefined ? ` over ${roundS(durationS)} s` : '';
    return resultOf(eventRate, 'PASS', `${items.length} event item(s) from ${table.length} component(s)${over}; the busiest, ${busiest?.component ?? '?'}, stayed at ${busiest?.events ?? 0} counted events (${busiest?.perMinute ?? 0}/min), within the flood limits.`, [], details);
  },
};

/**
 * The audit's length: startedAt → finishedAt, or to the last message when the audit never finished.
 * Undefined when neither gives a positive span.
 */
function auditDurationS(evidence: Evidence, receivedMs: Array<number | undefined>): number | undefined {
  const start = timeMs(evidence.startedAt);
  const times = receivedMs.filter((t): t is number => t !== undefined);
  const end = timeMs(evidence.finishedAt) ?? (times.length > 0 ? Math.max(...times) : undefined);
  if (start === undefined || end === undefined || end <= start) return undefined;
  return (end - start) / 1000;
}

/** Per second once it reaches the flood threshold's unit, so it reads against it; per minute below. */
function rateText(row: RateRow): string {
  return row.perSecond >= 1 ? `${Math.round(row.perSecond * 10) / 10}/s` : `${row.perMinute}/min`;
}
