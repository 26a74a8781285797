import type { WaitStep } from '../testcase.js';
import { fill } from '../template.js';
import { sleep, type StepResult, type StepRun } from '../step-run.js';

/**
 * A deliberate dwell (e.g. letting periodic monitors fire several times). Not scaled by
 * --timeout-scale: it is part of a measurement, not a limit on a slow station.
 */
export async function runWait(step: WaitStep, run: StepRun): Promise<StepResult> {
  const seconds = Number(fill(step.seconds, run.context, `${run.where}/seconds`));
  run.waiting(`${seconds} s dwell`, Date.now() + seconds * 1000);
  await sleep(seconds * 1000, run.signal);
  return { status: run.signal.aborted ? 'failed' : 'ok', detail: run.signal.aborted ? 'interrupted' : `waited ${seconds} s`, seqs: [] };
}
