import { describeFailure } from '../../ocpp/call-outcome.js';
import type { CallCapture } from '../../evidence/evidence.js';
import type { SendStep } from '../testcase.js';
import { fill } from '../template.js';
import type { StepResult, StepRun } from '../step-run.js';

/** Sends one CALL with a payload built from the context; the response (or why none came) is captured. */
export async function runSend(step: SendStep, run: StepRun): Promise<StepResult> {
  const payload = fill(step.payload, run.context, `${run.where}/payload`) as Record<string, unknown>;
  const sentAt = new Date().toISOString();
  const timeoutMs = (step.timeoutS !== undefined ? step.timeoutS * 1000 : run.callTimeoutMs) * run.timeoutScale;
  const outcome = await run.session.call(step.action, payload, { timeoutMs });
  const messageId = outcome.messageId;
  const seqs = messageId ? run.session.framesOf(messageId) : [];
  const capture: CallCapture = { kind: 'call', action: step.action, request: payload, ok: outcome.ok, durationMs: outcome.durationMs, sentAt, seqs };
  if (outcome.ok) {
    capture.response = outcome.payload;
    const status = outcome.payload['status'];
    return { status: 'ok', detail: `${step.action} answered${typeof status === 'string' ? ` ${status}` : ''}`, seqs, capture };
  }
  const { failure } = outcome;
  capture.failure = { kind: failure.kind, description: describeFailure(failure), ...(failure.kind === 'call-error' ? { errorCode: failure.errorCode } : {}) };
  const inconclusive = failure.kind === 'timeout' || failure.kind === 'disconnected';
  return { status: 'unmet', detail: `${step.action}: ${describeFailure(failure)}`, seqs, capture, inconclusive };
}
