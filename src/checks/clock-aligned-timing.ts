import type { Evidence } from '../evidence/evidence.js';
import { type Check, type CheckResult, resultOf } from './check.js';
import { type EventItem, seqList } from './events/event-items.js';
import { alignmentErrorS, intervalStats, intervalsS, roundS } from './events/interval-stats.js';
import { isSkip, judgedTimes, loadPeriodicCase, stationLagMs, toolLatenessClause, toolLatenessExplains } from './events/periodic-case.js';
import { timeMs } from '../evidence/payload-read.js';

const DAY_MS = 86_400_000;
const OCTT_NOTE = 'OCTT never times clock-aligned events; this measurement is the audit\'s own.';

/**
 * A PeriodicClockAligned monitor fires on wall-clock multiples of its interval (N08.FR.07; 900 s
 * → minutes 0/15/30/45). "Aligned to the clock" is read two ways that differ only when the
 * interval does not divide a day: multiples since the Unix epoch, or since midnight UTC of the
 * event's day. Either reading is accepted, and the details say which one fits. The case sets the
 * monitor mid-interval, so a station that counts from the set time fires half an interval off
 * the grid; when the set still came close to a boundary on the station's clock (or the tolerance
 * is half the interval or more), aligned events prove nothing and the verdict is INCONCLUSIVE.
 */
export const clockAlignedTiming: Check = {
  id: 'clock-aligned-timing',
  title: 'Clock-aligned monitor events fall on clock multiples of the interval',
  refs: ['N08.FR.07', 'N08.FR.05', 'N08'],
  category: 'events',
  evaluate(evidence: Evidence): CheckResult {
    const run = loadPeriodicCase(evidence, 'events-clock-aligned', 'PeriodicClockAligned');
    if (isSkip(run)) return resultOf(clockAlignedTiming, run.verdict, run.reason, run.seqs);

    const { intervalS, toleranceS, items } = run;
    const intervalMs = intervalS * 1000;
    const count = items.length;
    const start = run.windowStartMs;
    const end = run.windowEndMs;
    // Boundaries strictly after the set, up to the end of the wait, were due (N08.FR.07).
    const expected = start !== undefined && end !== undefined && end >= start ? Math.floor(end / intervalMs) - Math.floor(start / intervalMs) : undefined;
    const judged = judgedTimes(items);
    const rows = items.map((item) => eventRow(item, judged.source === 'timestamp' ? item.timestampMs : item.receivedMs, intervalMs));
    const aligned = rows.filter((row) => row.alignmentErrorS !== undefined);
    const stats = intervalStats(judged.timesMs, intervalS);
    const seqs = seqList([...run.set.seqs, ...items.map((item) => item.seq)]);
    const maxErrorS = aligned.length > 0 ? Math.max(...aligned.map((row) => row.alignmentErrorS ?? 0)) : undefined;
    // The clock the events are judged by: the station's when they are judged by its stamps (its
    // lag behind ours read from the quickest delivery), else ours.
    const lagMs = judged.source === 'timestamp' ? stationLagMs(items) : 0;
    // Receive times on that clock: how much later than the quickest delivery each event came.
    const received = items.map((item) => item.receivedMs).filter((t): t is number => t !== undefined).map((t) => alignmentOf(t - (lagMs ?? 0), intervalMs).errorS);
    const maxReceivedErrorS = received.length > 0 ? Math.max(...received) : undefined;
    const setMs = timeMs(run.set.sentAt);
    const setOnClockMs = setMs !== undefined && lagMs !== undefined ? setMs - lagMs : undefined;
    const setPhaseS = setOnClockMs !== undefined ? alignmentOf(setOnClockMs, intervalMs).errorS : undefined;
    const fromSetErrors = setOnClockMs !== undefined ? judged.timesMs.map((t) => alignmentErrorS(t, intervalMs, setOnClockMs)) : [];
    const fromSetMaxErrorS = fromSetErrors.length > 0 ? roundS(Math.max(...fromSetErrors)) : undefined;
    const details = {
      monitorId: run.monitorId,
      requestedIntervalS: intervalS,
      toleranceS,
      events: count,
      expectedEvents: expected,
      judgedBy: judged.source,
      perEvent: rows,
      maxAlignmentErrorS: maxErrorS,
      maxReceiveAlignmentErrorS: maxReceivedErrorS,
      setDistanceFromBoundaryS: setPhaseS,
      stationClockLagS: lagMs !== undefined ? roundS(lagMs / 1000) : undefined,
      maxDistanceFromSetGridS: fromSetMaxErrorS,
      intervalsS: intervalsS(judged.timesMs),
      intervals: stats,
      ...(run.toolLateS > 0 ? { auditorLateS: roundS(run.toolLateS) } : {}),
    };

    const problems: string[] = [];
    if (expected !== undefined && count < expected - 1) problems.push(`only ${count} event(s) arrived where ${expected} clock boundaries were due`);
    const offGrid = aligned.filter((row) => (row.alignmentErrorS ?? 0) > toleranceS);
    if (offGrid.length > 0) {
      // Name the usual mistake when it fits: events at whole intervals after the set.
      const fromSet = fromSetMaxErrorS !== undefined && fromSetMaxErrorS <= toleranceS ? ', at whole intervals after the monitor was set: the station counts from the set time, not from the clock' : '';
      problems.push(`${offGrid.length} of ${count} events are off the clock grid by more than ${toleranceS} s (up to ${maxErrorS} s; first at ${(judged.source === 'timestamp' ? offGrid[0]?.timestamp : offGrid[0]?.receivedAt) ?? '?'})${fromSet}`);
    }
    const badIntervals = intervalsS(judged.timesMs).filter((s) => Math.abs(s - intervalS) > toleranceS);
    if (badIntervals.length > 0) problems.push(`${badIntervals.length} interval(s) between events differ from ${intervalS} s (e.g. ${badIntervals[0]} s: a boundary skipped or fired twice)`);
    if (problems.length > 0) return resultOf(clockAlignedTiming, 'FAIL', `Clock-aligned monitor ${run.monitorId ?? '(no id)'}: ${problems.join('; ')}. ${OCTT_NOTE}`, seqs, details);
    // Every moment lies within half an interval of a boundary: such a tolerance accepts anything.
    if (toleranceS >= intervalS / 2) {
      return resultOf(clockAlignedTiming, 'INCONCLUSIVE', `The tolerance (${toleranceS} s) is half the ${intervalS} s interval or more, so any event would count as aligned; run with a longer clockAlignedIntervalS or a smaller periodicToleranceS. ${OCTT_NOTE}`, seqs, details);
    }
    if (count < 2 || stats === undefined) {
      return resultOf(clockAlignedTiming, 'INCONCLUSIVE', `Only ${count} event(s) of the clock-aligned monitor were collected; at least 2 are needed to judge alignment and interval. ${OCTT_NOTE}`, seqs, details);
    }
    // Set on (or near) a boundary, a station counting from the set time fires on boundaries too.
    if (setPhaseS !== undefined && setPhaseS <= toleranceS) {
      return resultOf(clockAlignedTiming, 'INCONCLUSIVE', `${count} events fell on ${intervalS} s clock boundaries, but the monitor was set only ${setPhaseS} s from a boundary on the station's clock, so a station counting from the set time would look the same; alignment is not proven. ${OCTT_NOTE}`, seqs, details);
    }
    if (judged.source === 'timestamp' && maxReceivedErrorS !== undefined && maxReceivedErrorS > toleranceS && toolLatenessExplains(maxReceivedErrorS, run)) {
      return resultOf(clockAlignedTiming, 'PASS', `${count} events were stamped on ${intervalS} s clock boundaries (largest distance ${maxErrorS} s, mean interval ${stats.meanIntervalS} s, tolerance ${toleranceS} s). Some arrived up to ${maxReceivedErrorS} s off them, but ${toolLatenessClause(run)}. ${OCTT_NOTE}`, seqs, details);
    }
    if (judged.source === 'timestamp' && maxReceivedErrorS !== undefined && maxReceivedErrorS > toleranceS) {
      return resultOf(clockAlignedTiming, 'WARN', `The station stamped ${count} events on clock boundaries, but some arrived up to ${maxReceivedErrorS} s off them, beyond the quickest delivery: generated on time, delivered late. ${OCTT_NOTE}`, seqs, details);
    }
    return resultOf(clockAlignedTiming, 'PASS', `${count} events fell on ${intervalS} s clock boundaries (largest distance ${maxErrorS} s, mean interval ${stats.meanIntervalS} s, tolerance ${toleranceS} s). ${OCTT_NOTE}`, seqs, details);
  },
};

/** Distance to the nearest boundary under whichever reading of "aligned" fits better. */
function alignmentOf(timeMs: number, intervalMs: number): { errorS: number; reading: 'epoch' | 'midnight UTC' } {
  const epoch = alignmentErrorS(timeMs, intervalMs);
  const midnight = alignmentErrorS(timeMs, intervalMs, Math.floor(timeMs / DAY_MS) * DAY_MS);
  return midnight < epoch ? { errorS: roundS(midnight), reading: 'midnight UTC' } : { errorS: roundS(epoch), reading: 'epoch' };
}

interface EventRow {
  seq: number;
  timestamp: string | undefined;
  receivedAt: string;
  alignmentErrorS: number | undefined;
  reading: string | undefined;
}

function eventRow(item: EventItem, judgedMs: number | undefined, intervalMs: number): EventRow {
  const alignment = judgedMs !== undefined ? alignmentOf(judgedMs, intervalMs) : undefined;
  return { seq: item.seq, timestamp: item.timestamp, receivedAt: item.receivedAt, alignmentErrorS: alignment?.errorS, reading: alignment?.reading };
}
