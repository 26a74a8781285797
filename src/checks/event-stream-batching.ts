import type { Evidence } from '../evidence/evidence.js';
import { type Check, type CheckResult, resultOf } from './check.js';
import { seqList } from './events/event-items.js';
import { roundS } from './events/interval-stats.js';
import { toolLatenessClause } from './events/periodic-case.js';
import { isStreamSkip, loadStreamCase, type StreamMessage, valueTimesMs } from './streams/stream-case.js';

/**
 * A stream asked for `values` values a message sends no more than that many at a time
 * (N15.FR.07), sends as soon as that many are there (N15.FR.08), and says in `pending` how many it
 * still holds (N15.FR.04): so a message that leaves values pending is a full one. Judged on the
 * `event-streams-batching` case, whose monitor gives values faster than the interval brings.
 * "As soon as" is read on the station's own stamps: a full message must not arrive much later
 * after its last value than the promptest one did (one more monitor interval and the tolerance,
 * plus the auditor's own stalls, are allowed).
 */
export const eventStreamBatching: Check = {
  id: 'event-stream-batching',
  title: 'A periodic event stream sends at most `values` values a message, as soon as they are there, and counts the rest as pending',
  refs: ['N15.FR.07', 'N15.FR.08', 'N15.FR.04', 'N15', 'TC_N_105'],
  category: 'events',
  versions: ['2.1'],
  evaluate(evidence: Evidence): CheckResult {
    const run = loadStreamCase(evidence, 'event-streams-batching');
    if (isStreamSkip(run)) return resultOf(this, run.verdict, run.reason, run.seqs);
    const values = run.requested.values;
    const seqs = seqList([...run.set.seqs, run.open.seq, ...run.messages.map((m) => m.seq)]);
    if (values === undefined || values <= 0) return resultOf(this, 'INCONCLUSIVE', 'The stream was asked for without a number of values, so there is no batch size to judge.', seqs);
    const { messages } = run;
    if (messages.length < 2) return resultOf(this, 'INCONCLUSIVE', `Only ${messages.length} message(s) of the stream were collected; at least 2 are needed to judge its batches.`, seqs);

    const tooBig = messages.filter((m) => m.data.length > values);
    const pendingWhileRoom = messages.filter((m) => (m.pending ?? 0) > 0 && m.data.length < values);
    const held = heldMessages(messages, values, (run.monitorIntervalS ?? 0) + run.toleranceS + run.toolLateS);
    const details = {
      streamId: run.streamId,
      values,
      monitorIntervalS: run.monitorIntervalS,
      sizes: messages.map((m) => m.data.length),
      pending: messages.map((m) => m.pending),
      heldS: held.delaysS,
      ...(run.toolLateS > 0 ? { auditorLateS: roundS(run.toolLateS) } : {}),
    };
    const problems: string[] = [];
    if (tooBig.length > 0) problems.push(`${tooBig.length} of ${messages.length} messages carry more than the ${values} values asked for (${tooBig.slice(0, 3).map((m) => m.data.length).join(', ')} values)`);
    if (pendingWhileRoom.length > 0) problems.push(`${pendingWhileRoom.length} message(s) say values are pending while they carry fewer than ${values}`);
    if (held.late.length > 0) problems.push(`${held.late.length} full message(s) came up to ${Math.max(...held.late.map((l) => l.extraS))} s later after their last value than the promptest one, so the values were held back${run.toolLateS > 0 ? ` (more than the auditor's own stalls explain: ${toolLatenessClause(run)})` : ''}`);
    if (problems.length > 0) return resultOf(this, 'FAIL', `Stream ${run.streamId} (values ${values}): ${problems.join('; ')}.`, seqList([...tooBig, ...pendingWhileRoom, ...held.late.map((l) => l.message)].map((m) => m.seq)), details);
    return resultOf(this, 'PASS', `${messages.length} messages of at most ${values} values each (${details.sizes.join(', ')}), sent as soon as they were full, pending ${messages.some((m) => (m.pending ?? 0) > 0) ? 'counting what was left' : 'always 0'}.`, seqs, details);
  },
};

/**
 * Full messages (as many values as asked) that arrived markedly later after their last value
 * than the promptest full message did: the station held them back instead of sending at once.
 */
function heldMessages(messages: readonly StreamMessage[], values: number, allowanceS: number): { delaysS: number[]; late: Array<{ message: StreamMessage; extraS: number }> } {
  const full = messages.flatMap((message) => {
    const last = valueTimesMs(message).at(-1);
    return message.data.length === values && last !== undefined && message.receivedMs !== undefined ? [{ message, delayS: (message.receivedMs - last) / 1000 }] : [];
  });
  if (full.length === 0) return { delaysS: [], late: [] };
  const promptest = Math.min(...full.map((f) => f.delayS));
  return {
    delaysS: full.map((f) => roundS(f.delayS)),
    late: full.filter((f) => f.delayS - promptest > allowanceS).map((f) => ({ message: f.message, extraS: roundS(f.delayS - promptest) })),
  };
}
