import type { Evidence } from '../evidence/evidence.js';
import { type Check, type CheckResult, resultOf } from './check.js';
import { seqList } from './events/event-items.js';
import { intervalStats, intervalsS, roundS } from './events/interval-stats.js';
import { toolLatenessClause, toolLatenessExplains } from './events/periodic-case.js';
import { isStreamSkip, loadStreamCase, valueTimesMs } from './streams/stream-case.js';

/** Fewer messages than this cannot show a regular interval. */
export const MIN_STREAM_MESSAGES = 3;

/**
 * A stream with an interval sends a NotifyPeriodicEventStream every interval seconds (N15.FR.06).
 * Times the messages of the `event-streams-open` case by when they arrived (they carry no send
 * time; the auditor's own stalls are allowed for, as in periodic-timing), and reads the values in
 * them on the monitor's own timeline (basetime + t): they must follow one another about one
 * monitor interval apart, or the stream is not carrying what the Periodic monitor gives (N08.FR.06).
 */
export const eventStreamTiming: Check = {
  id: 'event-stream-timing',
  title: 'A periodic event stream sends every interval, with the monitor\'s values in order',
  refs: ['N15.FR.06', 'N08.FR.06', 'N15', 'TC_N_105'],
  category: 'events',
  versions: ['2.1'],
  evaluate(evidence: Evidence): CheckResult {
    const run = loadStreamCase(evidence, 'event-streams-open');
    if (isStreamSkip(run)) return resultOf(this, run.verdict, run.reason, run.seqs);
    const intervalS = run.requested.interval;
    const seqs = seqList([...run.set.seqs, run.open.seq, ...run.messages.map((m) => m.seq)]);
    if (intervalS === undefined || intervalS <= 0) return resultOf(this, 'INCONCLUSIVE', 'The stream was asked for without an interval, so there is no cadence to time.', seqs);
    const { toleranceS, monitorIntervalS } = run;
    if (monitorIntervalS !== undefined && monitorIntervalS > intervalS) {
      return resultOf(this, 'INCONCLUSIVE', `The monitor gives a value only every ${monitorIntervalS} s, less often than the ${intervalS} s stream interval, so some intervals have nothing to send.`, seqs);
    }
    const received = run.messages.map((m) => m.receivedMs).filter((t): t is number => t !== undefined);
    const stats = intervalStats(received, intervalS);
    const windowS = run.capture ? (Date.parse(run.capture.endedAt) - Math.max(Date.parse(run.set.sentAt), Date.parse(run.capture.startedAt))) / 1000 : undefined;
    const expected = windowS !== undefined && Number.isFinite(windowS) ? Math.floor(windowS / intervalS) : undefined;
    const values = valueSpacing(run.messages.flatMap(valueTimesMs));
    const details = {
      streamId: run.streamId,
      monitorId: run.monitorId,
      requestedIntervalS: intervalS,
      monitorIntervalS,
      toleranceS,
      messages: run.messages.length,
      expectedMessages: expected,
      intervalsS: intervalsS(received),
      byReceiveTime: stats,
      values: values.count,
      medianValueSpacingS: values.medianS,
      ...(run.toolLateS > 0 ? { auditorLateS: roundS(run.toolLateS) } : {}),
    };

    const problems: string[] = [];
    if (expected !== undefined && run.messages.length < expected - 1) problems.push(`only ${run.messages.length} message(s) came in a ${roundS(windowS ?? 0)} s window in which ${expected} were due`);
    const lateExplains = stats !== undefined && stats.maxAbsErrorS > toleranceS && toolLatenessExplains(stats.maxAbsErrorS, run);
    if (stats !== undefined && stats.maxAbsErrorS > toleranceS && !lateExplains) {
      problems.push(`the messages came every ${stats.meanIntervalS} s on average for a requested ${intervalS} s, off by up to ${stats.maxAbsErrorS} s (tolerance ${toleranceS} s)`);
    }
    // Values out of order, or bunched far from the monitor's interval: basetime + t does not give the monitor's timeline.
    if (values.backwards > 0) problems.push(`${values.backwards} value(s) are stamped (basetime + t) before the value sent ahead of them`);
    else if (monitorIntervalS !== undefined && values.medianS !== undefined && Math.abs(values.medianS - monitorIntervalS) > monitorIntervalS / 2) {
      problems.push(`the values are stamped (basetime + t) mostly ${values.medianS} s apart, not about one monitor interval (${monitorIntervalS} s)`);
    }
    if (problems.length > 0) return resultOf(this, 'FAIL', `Stream ${run.streamId} of monitor ${run.monitorId}: ${problems.join('; ')}.`, seqs, details);
    if (toleranceS >= intervalS / 2) {
      return resultOf(this, 'INCONCLUSIVE', `The tolerance (${toleranceS} s) is half the ${intervalS} s stream interval or more, too wide to tell a wrong cadence from the requested one.`, seqs, details);
    }
    if (stats === undefined || run.messages.length < MIN_STREAM_MESSAGES) {
      return resultOf(this, 'INCONCLUSIVE', `Only ${run.messages.length} message(s) of the stream were collected; at least ${MIN_STREAM_MESSAGES} are needed to judge its interval.`, seqs, details);
    }
    if (lateExplains) return resultOf(this, 'INCONCLUSIVE', `The messages arrived up to ${stats.maxAbsErrorS} s off the ${intervalS} s interval, but ${toolLatenessClause(run)}.`, seqs, details);
    return resultOf(this, 'PASS', `${run.messages.length} messages came every ${stats.meanIntervalS} s on average for a requested ${intervalS} s (largest error ${stats.maxAbsErrorS} s, tolerance ${toleranceS} s), carrying ${values.count} values stamped about ${values.medianS ?? '?'} s apart.`, seqs, details);
  },
};

/**
 * How the values follow one another on their own clock: the median spacing (a value the monitor
 * skipped once does not move it; values bunched on one stamp do), and how many go backwards.
 */
function valueSpacing(timesMs: readonly number[]): { count: number; medianS: number | undefined; backwards: number } {
  const gaps = timesMs.slice(1).map((t, i) => (t - (timesMs[i] ?? t)) / 1000);
  const backwards = gaps.filter((gap) => gap < 0).length;
  const sorted = [...gaps].sort((a, b) => a - b);
  const medianS = sorted.length > 0 ? roundS(sorted[Math.floor((sorted.length - 1) / 2)] ?? 0) : undefined;
  return { count: timesMs.length, medianS, backwards };
}
