import { describeFailure, type CallOutcome } from '../../ocpp/call-outcome.js';
import type { CallCapture } from '../../evidence/evidence.js';
import { BATCHED_ACTIONS, splitPayload } from '../batching.js';
import type { SendStep } from '../testcase.js';
import { fill } from '../template.js';
import type { StepResult, StepRun } from '../step-run.js';

/**
 * Sends a CALL with a payload built from the context; the response (or why none came) is
 * captured. A list longer than the station's ItemsPerMessage/BytesPerMessage goes out in
 * several requests whose results are joined in order, unless the step says `split: false`
 * (a deliberate probe of the limit).
 */
export async function runSend(step: SendStep, run: StepRun): Promise<StepResult> {
  const payload = fill(step.payload, run.context, `${run.where}/payload`) as Record<string, unknown>;
  const sentAt = new Date().toISOString();
  const timeoutMs = (step.timeoutS !== undefined ? step.timeoutS * 1000 : run.callTimeoutMs) * run.timeoutScale;
  const batched = BATCHED_ACTIONS[step.action];
  const parts =
    batched && step.split !== false
      ? splitPayload(step.action, payload, run.limit(batched.controller, 'ItemsPerMessage', step.action) ?? Number.POSITIVE_INFINITY, run.limit(batched.controller, 'BytesPerMessage', step.action) ?? Number.POSITIVE_INFINITY)
      : [payload];
  const seqs: number[] = [];
  const results: unknown[] = [];
  let last: CallOutcome | undefined;
  let durationMs = 0;
  for (const part of parts) {
    last = await run.session.call(step.action, part, { timeoutMs });
    durationMs += last.durationMs;
    if (last.messageId) seqs.push(...run.session.framesOf(last.messageId));
    if (!last.ok) break;
    if (batched) results.push(...((last.payload[batched.results] as unknown[] | undefined) ?? []));
  }
  const capture: CallCapture = { kind: 'call', action: step.action, request: payload, ok: last?.ok === true, durationMs, sentAt, seqs };
  if (parts.length > 1) capture.batches = parts.length;
  if (last?.ok) {
    capture.response = batched && parts.length > 1 ? { ...last.payload, [batched.results]: results } : last.payload;
    const status = last.payload['status'];
    return { status: 'ok', detail: `${step.action} answered${typeof status === 'string' ? ` ${status}` : ''}${parts.length > 1 ? ` (in ${parts.length} requests)` : ''}`, seqs, capture };
  }
  const failure = last && !last.ok ? last.failure : { kind: 'disconnected' as const, reason: 'nothing was sent' };
  capture.failure = { kind: failure.kind, description: describeFailure(failure), ...(failure.kind === 'call-error' ? { errorCode: failure.errorCode } : {}) };
  const inconclusive = failure.kind === 'timeout' || failure.kind === 'disconnected';
  return { status: 'unmet', detail: `${step.action}: ${describeFailure(failure)}`, seqs, capture, inconclusive };
}
