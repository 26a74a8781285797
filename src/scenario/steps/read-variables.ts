import type { VariablesCapture } from '../../evidence/evidence.js';
import type { ReadVariablesStep } from '../testcase.js';
import { fill } from '../template.js';
import type { StepResult, StepRun } from '../step-run.js';

type Result = { attributeStatus: string; attributeType?: string; attributeValue?: string; component: VariablesCapture['values'][number]['component']; variable: VariablesCapture['values'][number]['variable'] };

/** Reads variables with GetVariables (values to restore later, or states to judge). */
export async function runReadVariables(step: ReadVariablesStep, run: StepRun): Promise<StepResult> {
  const getVariableData = step.variables.map((item, i) => {
    const filled = fill(item, run.context, `${run.where}/variables/${i}`) as { component: unknown; variable: unknown; attributeType?: string };
    return { component: filled.component, variable: filled.variable, ...(filled.attributeType ? { attributeType: filled.attributeType } : {}) };
  });
  const outcome = await run.session.call<{ getVariableResult: Result[] }>('GetVariables', { getVariableData }, { timeoutMs: run.callTimeoutMs * run.timeoutScale });
  const seqs = outcome.messageId ? run.session.framesOf(outcome.messageId) : [];
  if (!outcome.ok) {
    const inconclusive = outcome.failure.kind === 'timeout' || outcome.failure.kind === 'disconnected';
    return { status: 'unmet', detail: `GetVariables failed (${outcome.failure.kind})`, seqs, inconclusive };
  }
  const capture: VariablesCapture = {
    kind: 'variables',
    seqs,
    values: outcome.payload.getVariableResult.map((r) => ({
      component: r.component,
      variable: r.variable,
      attributeType: r.attributeType ?? 'Actual',
      status: r.attributeStatus,
      ...(r.attributeValue !== undefined ? { value: r.attributeValue } : {}),
    })),
  };
  const accepted = capture.values.filter((v) => v.status === 'Accepted').length;
  return { status: accepted === capture.values.length ? 'ok' : 'unmet', detail: `${accepted} of ${capture.values.length} read`, seqs, capture };
}
