import type { Evidence } from '../evidence/evidence.js';
import { asRecord, asString } from '../evidence/payload-read.js';
import { type Check, type CheckResult, resultOf } from './check.js';
import { seqList } from './events/event-items.js';
import { intervalStats, intervalsS, roundS } from './events/interval-stats.js';
import { toolLatenessClause, toolLatenessExplains } from './events/periodic-case.js';
import { isStreamSkip, loadStreamCase, paramsOf } from './streams/stream-case.js';

/**
 * AdjustPeriodicEventStream answered Accepted changes how often the stream sends (N14.FR.03):
 * the `event-streams-adjust` case opens a stream with a longer interval and adjusts it to a
 * shorter one; the gaps between the messages after the first one that follows the adjustment
 * (which may still belong to the old schedule) must keep the new interval. Rejected is allowed
 * when the station cannot keep the rate (N14.FR.02): then there is nothing to time.
 */
export const eventStreamAdjust: Check = {
  id: 'event-stream-adjust',
  title: 'AdjustPeriodicEventStream Accepted: the stream sends at the new interval',
  refs: ['N14.FR.03', 'N14.FR.02', 'N14', 'TC_N_109'],
  category: 'events',
  versions: ['2.1'],
  evaluate(evidence: Evidence): CheckResult {
    const run = loadStreamCase(evidence, 'event-streams-adjust');
    if (isStreamSkip(run)) return resultOf(this, run.verdict, run.reason, run.seqs);
    const adjust = run.caseEvidence.captures['adjust'];
    if (adjust?.kind !== 'call') return resultOf(this, 'INCONCLUSIVE', 'The case holds no AdjustPeriodicEventStream exchange.', run.set.seqs);
    if (!adjust.ok || adjust.response === undefined) {
      return resultOf(this, adjust.failure?.kind === 'call-error' ? 'FAIL' : 'INCONCLUSIVE', `AdjustPeriodicEventStream for stream ${run.streamId} got no answer to judge (${adjust.failure?.errorCode ?? adjust.failure?.kind ?? 'none'}: ${adjust.failure?.description ?? ''}).`, adjust.seqs);
    }
    const status = asString(adjust.response['status']);
    if (status === 'Rejected') return resultOf(this, 'NOT APPLICABLE', `The station rejected the new rate for stream ${run.streamId}, as it may when it cannot keep it (N14.FR.02); there is no new cadence to time.`, adjust.seqs);
    const newS = paramsOf(asRecord(adjust.request['params'])).interval;
    const oldS = run.requested.interval;
    if (newS === undefined || newS <= 0) return resultOf(this, 'INCONCLUSIVE', 'The adjustment asked for no interval, so there is no cadence to time.', adjust.seqs);
    const { toleranceS } = run;
    const received = run.messages.map((m) => m.receivedMs).filter((t): t is number => t !== undefined);
    // The first message after the adjustment may close the old schedule: only the gaps after it count.
    const judged = received.slice(1);
    const stats = intervalStats(judged, newS);
    const seqs = seqList([...adjust.seqs, ...run.messages.map((m) => m.seq)]);
    const details = { streamId: run.streamId, intervalBeforeS: oldS, intervalAfterS: newS, toleranceS, messages: run.messages.length, intervalsS: intervalsS(judged), byReceiveTime: stats, ...(run.toolLateS > 0 ? { auditorLateS: roundS(run.toolLateS) } : {}) };
    if (stats === undefined) {
      return resultOf(this, 'INCONCLUSIVE', `Only ${run.messages.length} message(s) came after the adjustment; the first may still follow the old schedule, so at least 4 are needed to time the new one (2 gaps after it).`, seqs, details);
    }
    if (stats.maxAbsErrorS > toleranceS) {
      if (toolLatenessExplains(stats.maxAbsErrorS, run)) return resultOf(this, 'INCONCLUSIVE', `After the adjustment the messages came up to ${stats.maxAbsErrorS} s off the new ${newS} s interval, but ${toolLatenessClause(run)}.`, seqs, details);
      const stillOld = oldS !== undefined && Math.abs(stats.meanIntervalS - oldS) <= toleranceS ? `: still the ${oldS} s it had before` : '';
      return resultOf(this, 'FAIL', `The station accepted the new ${newS} s interval for stream ${run.streamId}, but its messages kept coming every ${stats.meanIntervalS} s on average${stillOld} (off by up to ${stats.maxAbsErrorS} s, tolerance ${toleranceS} s).`, seqs, details);
    }
    if (stats.intervals < 2) {
      return resultOf(this, 'INCONCLUSIVE', `Only ${run.messages.length} message(s) came after the adjustment; the first may still follow the old schedule, so at least 4 are needed to time the new one (2 gaps after it).`, seqs, details);
    }
    if (toleranceS >= newS / 2) return resultOf(this, 'INCONCLUSIVE', `The tolerance (${toleranceS} s) is half the new ${newS} s interval or more, too wide to tell the new cadence from another.`, seqs, details);
    return resultOf(this, 'PASS', `After the adjustment from ${oldS ?? '?'} s to ${newS} s the stream's messages came every ${stats.meanIntervalS} s on average (largest error ${stats.maxAbsErrorS} s, tolerance ${toleranceS} s).`, seqs, details);
  },
};
