import type { CaseEvidence, ComponentRefJson, LivenessProbe, VariableRefJson } from '../evidence/evidence.js';
import { describeFailure } from '../ocpp/call-outcome.js';
import { protocolFor } from '../ocpp/protocol.js';
import type { StationSession } from '../session/station-session.js';

/**
 * A cheap round trip. Any answer within the timeout, a CALLERROR included, proves the station
 * alive; "silent" (wedged) means no answer at all while the connection stays open. The request is
 * the station's version's cheap request (2.x GetVariables, 1.6 GetConfiguration of the heartbeat
 * interval), or one of that action the station has already answered in this audit when there is
 * one, so a station that lacks the default variable is not mistaken for a dead one.
 */
export async function roundTrip(session: StationSession, cases: readonly CaseEvidence[], afterCase: string, timeoutMs: number): Promise<LivenessProbe> {
  const cheap = (session.protocol ?? protocolFor('2.0.1')).cheapRequest;
  const payload = answeredBefore(cases, cheap.action) ?? cheap.payload;
  const probe = `${cheap.action} ${itemLabel(Object.values(payload).find(Array.isArray)?.[0])}`;
  const outcome = await session.call(cheap.action, payload, { timeoutMs });
  const seqs = outcome.messageId ? session.framesOf(outcome.messageId) : [];
  const failure = outcome.ok ? undefined : outcome.failure;
  const notKept = failure?.kind === 'timeout' ? failure.notKept : undefined;
  const result = failure === undefined ? 'answered' : failure.kind === 'timeout' ? (notKept ? 'not-kept' : 'silent') : failure.kind === 'disconnected' ? 'disconnected' : 'answered';
  const detail = failure === undefined ? 'answered' : result === 'answered' ? `answered (${describeFailure(failure)})` : result === 'not-kept' ? `${describeFailure(failure)}, but ${notKept?.why ?? ''}` : describeFailure(failure);
  return { afterCase, ok: result === 'answered', outcome: result, probe, detail, durationMs: outcome.durationMs, seqs };
}

/**
 * A request of `action` the station answered with a CALLRESULT during this audit, cut to the first
 * item of its list (one variable of a GetVariables, one key of a GetConfiguration); a request
 * without a list (a GetConfiguration of every key) is not cheap and is not taken.
 */
function answeredBefore(cases: readonly CaseEvidence[], action: string): Record<string, unknown> | undefined {
  for (const testCase of cases) {
    for (const capture of Object.values(testCase.captures)) {
      if (capture.kind !== 'call' || capture.action !== action || !capture.ok) continue;
      const list = Object.entries(capture.request).find(([, value]) => Array.isArray(value) && value.length > 0);
      const first = list ? (list[1] as unknown[])[0] : undefined;
      if (list && first !== undefined) return { [list[0]]: [typeof first === 'object' && first !== null && 'component' in first && 'variable' in first ? { component: first.component, variable: first.variable } : first] };
    }
  }
  return undefined;
}

/** A probe's item as people name it: `OCPPCommCtrlr.HeartbeatInterval`, or a 1.6 key. */
function itemLabel(item: unknown): string {
  if (typeof item === 'string') return item;
  const { component, variable } = (item ?? {}) as { component?: ComponentRefJson; variable?: VariableRefJson };
  return `${component?.name ?? ''}.${variable?.name ?? ''}`;
}
