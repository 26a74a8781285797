import type { Evidence, LivenessProbe } from '../evidence/evidence.js';
import { type Check, type CheckResult, resultOf } from './check.js';
import { seqList } from './events/event-items.js';

/**
 * After each monitoring case the runner makes a cheap round trip. A station that stops answering
 * there has wedged: the field bug this catches is "a periodic monitor plus one SetVariables, and
 * the station answers nothing more". Periodic monitors are N08; SetVariables is B05.
 * Any answer proves the station alive, a CALLERROR included (a station without GetVariables is not
 * wedged); a probe made while the station was away proves nothing either way.
 */
export const liveness: Check = {
  id: 'liveness',
  title: 'The station keeps answering after each monitoring case',
  refs: ['N08', 'B05'],
  category: 'robustness',
  evaluate(evidence: Evidence): CheckResult {
    const probes = evidence.liveness;
    const details = { probes: probes.map((p) => ({ afterCase: p.afterCase, ok: p.ok, ...(p.outcome ? { outcome: p.outcome } : {}), durationMs: p.durationMs, detail: p.detail })) };
    if (probes.length === 0) return resultOf(liveness, 'NOT APPLICABLE', 'No liveness round trip was made during the audit.', [], details);
    // A probe made while the station was away, or one the auditor was too late to wait out, proves nothing.
    const judged = probes.filter((p) => outcomeOf(p) !== 'disconnected' && outcomeOf(p) !== 'not-kept');
    if (judged.length === 0) {
      const why = probes.some((p) => outcomeOf(p) === 'not-kept') ? 'the station was not connected, or the auditor itself was too late to wait for the answer,' : 'the station was not connected';
      return resultOf(liveness, 'INCONCLUSIVE', `At all ${probes.length} liveness round trip(s) ${why} so whether it keeps answering is unknown.`, seqList(probes.flatMap((p) => p.seqs)), details);
    }
    const failedAt = probes.findIndex((p) => outcomeOf(p) === 'silent');
    const failed = probes[failedAt];
    if (failed === undefined) {
      const away = probes.filter((p) => outcomeOf(p) === 'disconnected').length;
      const unkept = probes.filter((p) => outcomeOf(p) === 'not-kept').length;
      return resultOf(
        liveness,
        'PASS',
        `The station answered all ${judged.length} liveness round trip(s) made after monitoring cases while it was connected${away > 0 ? ` (${away} more found it disconnected)` : ''}${unkept > 0 ? ` (${unkept} more could not be waited out: the auditor itself was late)` : ''}.`,
        seqList(probes.flatMap((p) => p.seqs)),
        details,
      );
    }
    const failures = probes.filter((p) => outcomeOf(p) === 'silent');
    const recovered = probes.slice(failedAt + 1).some((p) => outcomeOf(p) === 'answered');
    const others = failures.length > 1 ? ` It also failed after ${failures.slice(1).map((p) => p.afterCase).join(', ')}.` : '';
    const recovery = recovered ? ' It answered again later, so the outage was temporary.' : '';
    return resultOf(
      liveness,
      'FAIL',
      `The station stopped answering after the ${failed.afterCase} case: ${failed.probe ?? 'a GetVariables'} got no answer at all while the connection stayed open (${failed.detail}).${others}${recovery} A known field bug looks like this: a periodic monitor followed by a SetVariables wedges the station.`,
      seqList(failures.flatMap((p) => p.seqs)),
      details,
    );
  },
};

/** Evidence from before issue 13 has no outcome: there, any failure counted as silence. */
function outcomeOf(probe: LivenessProbe): NonNullable<LivenessProbe['outcome']> {
  return probe.outcome ?? (probe.ok ? 'answered' : 'silent');
}
