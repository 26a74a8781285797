import type { Evidence } from '../evidence/evidence.js';
import { type Check, type CheckResult, resultOf } from './check.js';
import { seqList } from './events/event-items.js';

/**
 * After each monitoring case the runner makes a cheap round trip. A station that stops answering
 * there has wedged: the field bug this catches is "a periodic monitor plus one SetVariables, and
 * the station answers nothing more". Periodic monitors are N08; SetVariables is B05.
 */
export const liveness: Check = {
  id: 'liveness',
  title: 'The station keeps answering after each monitoring case',
  refs: ['N08', 'B05'],
  category: 'robustness',
  evaluate(evidence: Evidence): CheckResult {
    const probes = evidence.liveness;
    const details = { probes: probes.map((p) => ({ afterCase: p.afterCase, ok: p.ok, durationMs: p.durationMs, detail: p.detail })) };
    if (probes.length === 0) return resultOf(liveness, 'NOT APPLICABLE', 'No liveness round trip was made during the audit.', [], details);
    const failedAt = probes.findIndex((p) => !p.ok);
    const failed = probes[failedAt];
    if (failed === undefined) {
      return resultOf(liveness, 'PASS', `The station answered all ${probes.length} liveness round trip(s) made after monitoring cases.`, seqList(probes.flatMap((p) => p.seqs)), details);
    }
    const failures = probes.filter((p) => !p.ok);
    const recovered = probes.slice(failedAt + 1).some((p) => p.ok);
    const others = failures.length > 1 ? ` It also failed after ${failures.slice(1).map((p) => p.afterCase).join(', ')}.` : '';
    const recovery = recovered ? ' It answered again later, so the outage was temporary.' : '';
    return resultOf(
      liveness,
      'FAIL',
      `The station stopped answering after the ${failed.afterCase} case (${failed.detail}).${others}${recovery} A known field bug looks like this: a periodic monitor followed by a SetVariables wedges the station.`,
      seqList(failures.flatMap((p) => p.seqs)),
      details,
    );
  },
};
