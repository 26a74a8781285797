import type { PromptStep } from '../testcase.js';
import { fill } from '../template.js';
import type { StepResult, StepRun } from '../step-run.js';

/** Asks the operator for a physical action (plug a cable, cut the network); skipped when nobody is there. */
export async function runPrompt(step: PromptStep, run: StepRun): Promise<StepResult> {
  if (run.nonInteractive) return { status: 'skipped', detail: 'needs physical action (--non-interactive)', seqs: [] };
  await run.prompt(String(fill(step.message, run.context, `${run.where}/message`)));
  return { status: 'ok', detail: 'the operator confirmed', seqs: [] };
}
