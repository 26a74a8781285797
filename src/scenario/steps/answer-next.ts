import type { AnswerNextStep } from '../testcase.js';
import { fill } from '../template.js';
import type { StepResult, StepRun } from '../step-run.js';

/**
 * Scripts the CSMS's answer to the station's next request of one action, once (TC_N_106: the
 * CSMS rejects a periodic event stream, N11.FR.05), or forgets such an answer that was never used,
 * so it cannot answer a later case's request.
 */
export function runAnswerNext(step: AnswerNextStep, run: StepRun): Promise<StepResult> {
  if (step.cancel) {
    const forgotten = run.session.forgetAnswerNext(step.action);
    return Promise.resolve({ status: 'ok', detail: forgotten ? `the station sent no ${step.action}: the answer prepared for it is forgotten` : `the answer prepared for ${step.action} was used`, seqs: [] });
  }
  const payload = fill(step.payload ?? {}, run.context, `${run.where}/payload`) as Record<string, unknown>;
  run.session.answerNext(step.action, payload);
  const status = typeof payload['status'] === 'string' ? ` ${payload['status']}` : '';
  return Promise.resolve({ status: 'ok', detail: `the station's next ${step.action} will be answered${status}`, seqs: [] });
}
