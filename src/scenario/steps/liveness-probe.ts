import { describeFailure } from '../../ocpp/call-outcome.js';
import type { CallCapture, Capture } from '../../evidence/evidence.js';
import type { LivenessProbeStep } from '../testcase.js';
import { fill } from '../template.js';
import type { StepResult, StepRun } from '../step-run.js';

/**
 * An ordinary request made to prove the station still answers, e.g. while the audit's monitors
 * are active (field stations wedge while periodic monitors run). Any answer counts: a CALLRESULT,
 * a CALLERROR, even a response that breaks its schema (other checks judge those). No answer while
 * the connection stays open is a definite finding, and the detail says when it happened and what
 * was in force; a dropped connection is not a wedge and stays undecided.
 */
export async function runLivenessProbe(step: LivenessProbeStep, run: StepRun): Promise<StepResult> {
  const payload = fill(step.payload, run.context, `${run.where}/payload`) as Record<string, unknown>;
  const sentAt = new Date();
  const timeoutMs = (step.timeoutS !== undefined ? step.timeoutS * 1000 : run.callTimeoutMs) * run.timeoutScale;
  const outcome = await run.session.call(step.action, payload, { timeoutMs });
  const seqs = outcome.messageId ? run.session.framesOf(outcome.messageId) : [];
  const capture: CallCapture = { kind: 'call', action: step.action, request: payload, ok: outcome.ok, durationMs: outcome.durationMs, sentAt: sentAt.toISOString(), seqs };
  if (outcome.ok) {
    capture.response = outcome.payload;
    return { status: 'ok', detail: `${step.action} answered in ${outcome.durationMs} ms${whileText(step, run, sentAt)}`, seqs, capture };
  }
  const failure = outcome.failure;
  capture.failure = { kind: failure.kind, description: describeFailure(failure), ...(failure.kind === 'call-error' ? { errorCode: failure.errorCode } : {}) };
  if (failure.kind === 'timeout') {
    // Silence the auditor itself was too blocked to wait out (PendingCalls says so) proves nothing.
    if (failure.notKept) {
      capture.toolLateMs = failure.notKept.toolLateMs;
      return { status: 'unmet', detail: `no answer to ${step.action} within ${Math.round(timeoutMs / 100) / 10} s, but ${failure.notKept.why}`, seqs, capture, inconclusive: true };
    }
    return {
      status: 'unmet',
      detail: `the station gave no answer to ${step.action} within ${Math.round(timeoutMs / 100) / 10} s while the connection stayed open: sent at ${sentAt.toISOString()}${whileText(step, run, sentAt)}`,
      seqs,
      capture,
    };
  }
  if (failure.kind === 'disconnected') {
    return { status: 'unmet', detail: `the station dropped the connection before answering ${step.action} (${failure.reason})`, seqs, capture, inconclusive: true };
  }
  return { status: 'ok', detail: `${step.action} answered with ${describeFailure(failure)}${whileText(step, run, sentAt)}`, seqs, capture };
}

/** ", while monitors #12 (Periodic) and #13 (UpperThreshold) were active, set 6.2 s before". */
function whileText(step: LivenessProbeStep, run: StepRun, sentAt: Date): string {
  if (step.while === undefined) return '';
  const capture: Capture | undefined = run.context.captures[step.while];
  if (capture?.kind !== 'call') return '';
  const since = (sentAt.getTime() - Date.parse(capture.sentAt)) / 1000;
  const monitors = monitorsSet(capture);
  const what = monitors.length > 0 ? `monitor${monitors.length > 1 ? 's' : ''} ${monitors.join(' and ')} ${monitors.length > 1 ? 'were' : 'was'} active` : `after ${capture.action}`;
  return `, while ${what}, set ${since.toFixed(1)} s before`;
}

/** The monitors a SetVariableMonitoring exchange set, as "#12 (Periodic)". */
function monitorsSet(capture: CallCapture): string[] {
  if (capture.action !== 'SetVariableMonitoring') return [];
  const results = capture.response?.['setMonitoringResult'];
  if (!Array.isArray(results)) return [];
  return results.flatMap((result: unknown) => {
    const r = result as Record<string, unknown>;
    return r['status'] === 'Accepted' ? [`#${typeof r['id'] === 'number' ? r['id'] : '?'} (${String(r['type'])})`] : [];
  });
}
