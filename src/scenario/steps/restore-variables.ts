import type { RestoreVariablesStep } from '../testcase.js';
import type { StepResult, StepRun } from '../step-run.js';

/** Writes back every value a read-variables step read successfully (the station is left as found). */
export async function runRestoreVariables(step: RestoreVariablesStep, run: StepRun): Promise<StepResult> {
  const read = run.context.captures[step.from];
  if (read?.kind !== 'variables') return { status: 'failed', detail: `nothing was read as "${step.from}"`, seqs: [], inconclusive: true };
  const setVariableData = read.values
    .filter((v) => v.status === 'Accepted' && v.value !== undefined)
    .map((v) => ({ component: v.component, variable: v.variable, attributeType: v.attributeType, attributeValue: v.value }));
  if (setVariableData.length === 0) return { status: 'ok', detail: 'nothing to restore', seqs: [] };
  const outcome = await run.session.call<{ setVariableResult: Array<{ attributeStatus: string }> }>('SetVariables', { setVariableData }, { timeoutMs: run.callTimeoutMs * run.timeoutScale });
  const seqs = outcome.messageId ? run.session.framesOf(outcome.messageId) : [];
  if (!outcome.ok) return { status: 'unmet', detail: `SetVariables failed (${outcome.failure.kind})`, seqs, inconclusive: outcome.failure.kind !== 'call-error' };
  const statuses = outcome.payload.setVariableResult.map((r) => r.attributeStatus);
  const restored = statuses.filter((s) => s === 'Accepted' || s === 'RebootRequired').length;
  return { status: restored === statuses.length ? 'ok' : 'unmet', detail: `${restored} of ${statuses.length} restored (${statuses.join(', ')})`, seqs };
}
