import type { Step } from '../testcase.js';
import type { StepResult, StepRun } from '../step-run.js';
import { runAnswerNext } from './answer-next.js';
import { runAwait } from './await.js';
import { runCollectReport } from './collect-report.js';
import { runExpect } from './expect.js';
import { runLimitProbe } from './limit-probe.js';
import { runLivenessProbe } from './liveness-probe.js';
import { runPrompt } from './prompt.js';
import { runReadVariables } from './read-variables.js';
import { runRestoreMonitors } from './restore-monitors.js';
import { runRestoreVariables } from './restore-variables.js';
import { runSend } from './send.js';
import { runSnapshotMonitors } from './snapshot-monitors.js';
import { runStreamLimitProbe } from './stream-limit-probe.js';
import { runWait } from './wait.js';
import { runWaitUntilPhase } from './wait-until-phase.js';

/** Runs one step of any kind. */
export async function runStep(step: Step, run: StepRun): Promise<StepResult> {
  switch (step.kind) {
    case 'send':
      return runSend(step, run);
    case 'liveness-probe':
      return runLivenessProbe(step, run);
    case 'limit-probe':
      return runLimitProbe(step, run);
    case 'expect':
      return runExpect(step, run);
    case 'await':
      return runAwait(step, run);
    case 'collect-report':
      return runCollectReport(step, run);
    case 'wait':
      return runWait(step, run);
    case 'wait-until-phase':
      return runWaitUntilPhase(step, run);
    case 'read-variables':
      return runReadVariables(step, run);
    case 'restore-variables':
      return runRestoreVariables(step, run);
    case 'snapshot-monitors':
      return runSnapshotMonitors(step, run);
    case 'restore-monitors':
      return runRestoreMonitors(step, run);
    case 'prompt':
      return runPrompt(step, run);
    case 'answer-next':
      return runAnswerNext(step, run);
    case 'stream-limit-probe':
      return runStreamLimitProbe(step, run);
  }
}
