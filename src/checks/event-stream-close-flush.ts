import type { Evidence } from '../evidence/evidence.js';
import { asNumber, timeMs } from '../evidence/payload-read.js';
import { type Check, type CheckResult, resultOf } from './check.js';
import { seqList } from './events/event-items.js';
import { roundS } from './events/interval-stats.js';
import { isStreamSkip, loadStreamCase, valueTimesMs } from './streams/stream-case.js';

/**
 * Before it closes a stream the station sends every value it still buffers (N13.FR.03), and
 * nothing after the ClosePeriodicEventStream. In `event-streams-close` the monitor (a value a
 * second) is cleared mid-interval, so values are buffered when the clear comes. The values'
 * stamps are on the station's clock; the clear is placed on it conservatively: a message arrives
 * after its last value is stamped, so the smallest (arrival − last stamp) bounds how far the
 * station's clock lags ours, and the clear reached the station no earlier than that. Values
 * stamped up to one monitor interval (and the tolerance) before then must have been sent.
 */
export const eventStreamCloseFlush: Check = {
  id: 'event-stream-close-flush',
  title: 'A stream is flushed before it is closed, and silent after',
  refs: ['N13.FR.03', 'N13.FR.01', 'N13', 'TC_N_108'],
  category: 'events',
  versions: ['2.1'],
  evaluate(evidence: Evidence): CheckResult {
    const run = loadStreamCase(evidence, 'event-streams-close');
    if (isStreamSkip(run)) return resultOf(this, run.verdict, run.reason, run.seqs);
    const close = run.caseEvidence.captures['close'];
    const closing = close?.kind === 'messages' ? close.messages.find((m) => asNumber(m.payload['id']) === run.streamId) : undefined;
    const clear = run.caseEvidence.captures['clear'];
    if (clear?.kind !== 'call' || !clear.ok) return resultOf(this, 'INCONCLUSIVE', 'The monitor was not cleared, so there is no close to judge.', run.set.seqs);
    if (!closing) return resultOf(this, 'NOT APPLICABLE', `The station did not close stream ${run.streamId} when its monitor was cleared (event-streams-close/close judges that), so there is no flush to judge.`, clear.seqs);
    const before = run.messages.filter((m) => m.seq < closing.seq);
    const after = run.messages.filter((m) => m.seq > closing.seq);
    const seqs = seqList([...clear.seqs, closing.seq, ...run.messages.map((m) => m.seq)]);
    const lastSentMs = Math.max(...before.flatMap(valueTimesMs));
    // Arrival minus the last value's stamp: the station clock's lag plus how long the value waited; the least of them bounds the lag.
    const lags = run.messages.flatMap((m) => {
      const last = valueTimesMs(m).at(-1);
      return last !== undefined && m.receivedMs !== undefined ? [m.receivedMs - last] : [];
    });
    const clearMs = timeMs(clear.sentAt);
    const periodS = run.monitorIntervalS ?? 0;
    const details: Record<string, unknown> = { streamId: run.streamId, messagesBeforeClose: before.length, messagesAfterClose: after.length, monitorIntervalS: periodS, toleranceS: run.toleranceS };
    if (after.length > 0) return resultOf(this, 'FAIL', `Stream ${run.streamId} sent ${after.length} NotifyPeriodicEventStream message(s) after its ClosePeriodicEventStream: its buffered values must all go before the close.`, seqList([closing.seq, ...after.map((m) => m.seq)]), details);
    if (lags.length === 0 || clearMs === undefined || !Number.isFinite(lastSentMs)) {
      return resultOf(this, 'INCONCLUSIVE', `Stream ${run.streamId} was closed, but its messages carry no readable value times to tell whether it was flushed first.`, seqs, details);
    }
    const clearAtStationMs = clearMs - Math.min(...lags);
    const unsentS = roundS((clearAtStationMs - lastSentMs) / 1000);
    details['lastValueBeforeClearS'] = unsentS;
    if (unsentS > periodS + run.toleranceS) {
      return resultOf(this, 'FAIL', `Stream ${run.streamId} was closed without sending what it buffered: its last value was stamped at least ${unsentS} s before the clear reached the station, while the monitor gives one every ${periodS} s.`, seqs, details);
    }
    return resultOf(this, 'PASS', `Stream ${run.streamId} sent its values up to the clear (${before.length} message(s), the last value stamped within one monitor interval of the clear as far as its stamps show), then closed, and sent nothing after the close.`, seqs, details);
  },
};
