import type { Evidence } from '../evidence/evidence.js';
import { type Check, type CheckResult, resultOf } from './check.js';
import { seqList } from './events/event-items.js';
import { allStreamMessages } from './streams/stream-case.js';

/** t is a JSON number: an offset printed as 0.0001 or -0 is still the first value's own time. */
const ZERO_S = 0.001;

/**
 * basetime is the time of the first value in the message, so its t is 0 (N15.FR.09), and no
 * value lies before basetime. Judged over every NotifyPeriodicEventStream the audit collected.
 */
export const eventStreamBasetime: Check = {
  id: 'event-stream-basetime',
  title: 'NotifyPeriodicEventStream: basetime is the first value\'s time (its t is 0)',
  refs: ['N15.FR.09', 'N15', 'TC_N_105'],
  category: 'events',
  versions: ['2.1'],
  evaluate(evidence: Evidence): CheckResult {
    const messages = allStreamMessages(evidence);
    if (messages.length === 0) return resultOf(this, 'NOT APPLICABLE', 'No NotifyPeriodicEventStream message was collected, so there is no basetime to judge.');
    const unreadable = messages.filter((m) => m.basetimeMs === undefined || m.data.length === 0 || m.data[0]?.t === undefined);
    const firstNotZero = messages.filter((m) => !unreadable.includes(m) && Math.abs(m.data[0]?.t ?? 0) > ZERO_S);
    const beforeBase = messages.filter((m) => m.data.some((d) => d.t !== undefined && d.t < -ZERO_S));
    const details = { messages: messages.length, firstTNotZero: firstNotZero.length, valuesBeforeBasetime: beforeBase.length, unreadable: unreadable.length };
    const bad = [...new Set([...firstNotZero, ...beforeBase])];
    if (bad.length > 0) {
      const example = bad[0];
      const shown = example ? `e.g. stream ${example.streamId ?? '?'}: basetime ${example.basetime ?? '?'}, offsets ${example.data.slice(0, 4).map((d) => d.t ?? '?').join(', ')}${example.data.length > 4 ? ', …' : ''}` : '';
      return resultOf(this, 'FAIL', `${bad.length} of ${messages.length} stream messages do not start at their basetime: the first value's t is not 0${beforeBase.length > 0 ? ', or a value lies before basetime' : ''} (${shown}).`, seqList(bad.map((m) => m.seq)), details);
    }
    if (unreadable.length === messages.length) return resultOf(this, 'INCONCLUSIVE', `None of the ${messages.length} stream messages has a readable basetime and first offset.`, seqList(unreadable.map((m) => m.seq)), details);
    return resultOf(this, 'PASS', `All ${messages.length - unreadable.length} stream messages start at their basetime (the first t is 0).`, seqList(messages.map((m) => m.seq)), details);
  },
};
