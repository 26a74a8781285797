import type { Evidence } from '../evidence/evidence.js';
import { type Check, type CheckResult, resultOf } from './check.js';
import { seqList } from './events/event-items.js';
import { intervalStats, intervalsS, roundS } from './events/interval-stats.js';
import { isSkip, judgedTimes, loadPeriodicCase, receivedTimes, stationLagMs, toolLatenessClause, toolLatenessExplains } from './events/periodic-case.js';
import { timeMs } from '../evidence/payload-read.js';

/** Fewer events than this cannot show a regular interval. */
export const MIN_PERIODIC_EVENTS = 3;

/**
 * A Periodic monitor fires once per interval, counted from when it was set (N08.FR.06), with
 * trigger Periodic (N08.FR.05). Times the events of the `events-periodic` case by the station's
 * timestamps (the receive times are measured too: late or bunched delivery is only a warning).
 * The case sets the monitor mid-interval, so a first event that comes early (a station firing
 * on clock boundaries, or at once) is told apart from one counted from the set; so is one that
 * comes late (a jittered or deferred start). A tolerance of half the interval or more could not
 * tell them apart, nor jitter, and gives INCONCLUSIVE.
 */
export const periodicTiming: Check = {
  id: 'periodic-timing',
  title: 'Periodic monitor events keep the requested interval',
  refs: ['N08.FR.06', 'N08.FR.05', 'N08', 'TC_N_24', 'TC_N_50'],
  category: 'events',
  evaluate(evidence: Evidence): CheckResult {
    const run = loadPeriodicCase(evidence, 'events-periodic', 'Periodic');
    if (isSkip(run)) return resultOf(periodicTiming, run.verdict, run.reason, run.seqs);

    const { intervalS, toleranceS, items } = run;
    const count = items.length;
    const windowS = run.windowStartMs !== undefined && run.windowEndMs !== undefined ? Math.max(0, (run.windowEndMs - run.windowStartMs) / 1000) : undefined;
    // The first event is due one interval after the set (N08.FR.06).
    const expected = windowS !== undefined ? Math.floor(windowS / intervalS) : undefined;
    const judged = judgedTimes(items);
    const stats = intervalStats(judged.timesMs, intervalS);
    const received = intervalStats(receivedTimes(items), intervalS);
    const setMs = timeMs(run.set.sentAt);
    const firstReceivedMs = receivedTimes(items)[0];
    const firstAfterSetS = setMs !== undefined && firstReceivedMs !== undefined ? roundS((firstReceivedMs - setMs) / 1000) : undefined;
    // The first event on the clock the events are judged by, against the set moved onto that clock.
    const lagMs = judged.source === 'timestamp' ? stationLagMs(items) : 0;
    const firstMs = judged.timesMs[0];
    const firstStampedAfterSetS = setMs !== undefined && lagMs !== undefined && firstMs !== undefined ? roundS((firstMs - (setMs - lagMs)) / 1000) : undefined;
    // The station may start counting only once it has the request: its round trip is allowed too.
    const lateAllowanceS = roundS(intervalS + toleranceS + run.set.durationMs / 1000);
    // Only a collection that was already running when the first event was due holds that event.
    const coversFirstDue = setMs !== undefined && run.windowStartMs !== undefined && run.windowStartMs <= setMs + intervalS * 1000;
    const seqs = seqList([...run.set.seqs, ...items.map((item) => item.seq)]);
    const details = {
      monitorId: run.monitorId,
      requestedIntervalS: intervalS,
      toleranceS,
      events: count,
      expectedEvents: expected,
      windowS: windowS !== undefined ? roundS(windowS) : undefined,
      firstEventAfterSetS: firstAfterSetS,
      firstEventStampedAfterSetS: firstStampedAfterSetS,
      judgedBy: judged.source,
      byTimestamp: judged.source === 'timestamp' ? stats : undefined,
      byReceiveTime: received,
      intervalsS: intervalsS(judged.timesMs),
      ...(run.toolLateS > 0 ? { auditorLateS: roundS(run.toolLateS) } : {}),
    };

    const problems: string[] = [];
    // One event may fall just outside either edge of the window.
    if (expected !== undefined && count < expected - 1) problems.push(`only ${count} event(s) arrived in a ${roundS(windowS ?? 0)} s window in which ${expected} were due`);
    // Judged by receive times, an irregularity the auditor's own stalls could have made is not the station's.
    const intervalsUnjudged = stats !== undefined && stats.maxAbsErrorS > toleranceS && judged.source === 'received' && toolLatenessExplains(stats.maxAbsErrorS, run);
    if (stats !== undefined && stats.maxAbsErrorS > toleranceS && !intervalsUnjudged) {
      problems.push(`the intervals between events are off by up to ${stats.maxAbsErrorS} s (mean interval ${stats.meanIntervalS} s for a requested ${intervalS} s, jitter ${stats.jitterS} s), more than the ${toleranceS} s tolerance`);
    }
    // Received before a whole interval had passed since the request left, the first event cannot
    // have been counted from the set: whatever the link, an event never arrives before it is sent.
    if (firstAfterSetS !== undefined && firstAfterSetS < intervalS - toleranceS) {
      problems.push(`the first event came ${firstAfterSetS} s after the monitor was set, not one whole interval (${intervalS} s) later: the station does not count the interval from the set`);
    } else if (firstStampedAfterSetS !== undefined && firstStampedAfterSetS > lateAllowanceS && coversFirstDue) {
      problems.push(`the first event came ${firstStampedAfterSetS} s after the monitor was set${judged.source === 'timestamp' ? " (on the station's clock)" : ''}, later than one interval (${intervalS} s) plus the tolerance and the set's round trip (${lateAllowanceS} s in all)`);
    }
    if (problems.length > 0) return resultOf(periodicTiming, 'FAIL', `Periodic monitor ${run.monitorId ?? '(no id)'}: ${problems.join('; ')}.`, seqs, details);
    if (toleranceS >= intervalS / 2) {
      return resultOf(periodicTiming, 'INCONCLUSIVE', `The tolerance (${toleranceS} s) is half the ${intervalS} s interval or more, too wide to tell a wrong schedule (on clock boundaries, jittered) from the requested one; run with a longer periodicIntervalS or a smaller periodicToleranceS.`, seqs, details);
    }
    if (count < MIN_PERIODIC_EVENTS || stats === undefined) {
      return resultOf(periodicTiming, 'INCONCLUSIVE', `Only ${count} event(s) of the periodic monitor were collected; at least ${MIN_PERIODIC_EVENTS} are needed to judge its interval.`, seqs, details);
    }
    if (intervalsUnjudged) {
      return resultOf(periodicTiming, 'INCONCLUSIVE', `The ${count} events carry no timestamps to time them by, and their receive intervals are off by up to ${stats.maxAbsErrorS} s, but ${toolLatenessClause(run)}.`, seqs, details);
    }
    if (judged.source === 'timestamp' && received !== undefined && received.maxAbsErrorS > toleranceS && toolLatenessExplains(received.maxAbsErrorS, run)) {
      return resultOf(periodicTiming, 'PASS', `${count} events were stamped every ${stats.meanIntervalS} s on average for a requested ${intervalS} s (largest error ${stats.maxAbsErrorS} s, jitter ${stats.jitterS} s, tolerance ${toleranceS} s). They arrived up to ${received.maxAbsErrorS} s irregularly, but ${toolLatenessClause(run)}.`, seqs, details);
    }
    if (judged.source === 'timestamp' && received !== undefined && received.maxAbsErrorS > toleranceS) {
      return resultOf(periodicTiming, 'WARN', `The station stamped ${count} events ${stats.meanIntervalS} s apart as requested, but they arrived irregularly (receive intervals off by up to ${received.maxAbsErrorS} s): events are generated on time but delivered late or in bunches.`, seqs, details);
    }
    return resultOf(periodicTiming, 'PASS', `${count} events came every ${stats.meanIntervalS} s on average for a requested ${intervalS} s (largest error ${stats.maxAbsErrorS} s, jitter ${stats.jitterS} s, tolerance ${toleranceS} s).`, seqs, details);
  },
};
