import { describeFailure } from '../../ocpp/call-outcome.js';
import { asArray, asNumber, asRecord } from '../../evidence/payload-read.js';
import { monitorsIn } from '../../evidence/station-monitors.js';
import type { CallCapture, LimitProbeFacts } from '../../evidence/evidence.js';
import { BATCHED_ACTIONS, splitPayload } from '../batching.js';
import { frameBytes, LARGEST_PROBED, limitProbeRequest, limitVariable, payloadBytes } from '../limit-probe-request.js';
import type { LimitProbeStep } from '../testcase.js';
import type { StepResult, StepRun } from '../step-run.js';

/**
 * Sends one request just beyond a limit the station advertises in its own device model (one
 * element over ItemsPerMessage, or one byte over BytesPerMessage) and captures the answer with
 * what was probed; the message-limits check judges it (B06.FR.16/17, B05.FR.11, N04.FR.09,
 * N06.FR.06/07). The elements change nothing on any station. When there is nothing to probe (the
 * station reports no such limit, or one too large to send), the step ends `ok` without a
 * capture and says why: the check makes that NOT APPLICABLE.
 */
export async function runLimitProbe(step: LimitProbeStep, run: StepRun): Promise<StepResult> {
  const variable = limitVariable(step.action, step.limit);
  const value = run.limit(variable.controller, variable.variable, variable.instance);
  if (value === undefined) return { status: 'ok', detail: `the station's device model reports no positive ${variable.label}`, seqs: [] };
  const limit = Math.floor(value);
  if (limit >= LARGEST_PROBED[step.limit]) return { status: 'ok', detail: `${variable.label} is ${limit}: a request beyond it is too large to probe`, seqs: [] };

  const request = limitProbeRequest(step.action, step.limit === 'items' ? { items: limit + 1 } : { bytes: limit + 1 }, reportedMonitorIds(run));
  const list = request[BATCHED_ACTIONS[step.action]?.list ?? ''];
  const elements = Array.isArray(list) ? list.length : 0;
  const facts: LimitProbeFacts = { limit: step.limit, variable: variable.label, value: limit, elements, bytes: payloadBytes(request) };
  // An element-count probe may not fit under the byte limit at all (e.g. 101 elements in 2048
  // bytes): then it breaks both, and either refusal is right.
  if (step.limit === 'items') {
    const bytesLimit = run.limit(variable.controller, 'BytesPerMessage', variable.instance);
    if (bytesLimit !== undefined && frameBytes(step.action, request) > bytesLimit) facts.alsoOverBytes = true;
  }

  const sentAt = new Date().toISOString();
  const timeoutMs = (step.timeoutS !== undefined ? step.timeoutS * 1000 : run.callTimeoutMs) * run.timeoutScale;
  const outcome = await run.session.call(step.action, request, { timeoutMs });
  const seqs = outcome.messageId ? run.session.framesOf(outcome.messageId) : [];
  const capture: CallCapture = { kind: 'call', action: step.action, request, ok: outcome.ok, durationMs: outcome.durationMs, sentAt, seqs, limitProbe: facts };
  const over = step.limit === 'items' ? `${elements} elements (${variable.label} = ${limit})` : `${facts.bytes} bytes (${variable.label} = ${limit})`;
  if (!outcome.ok) {
    const failure = outcome.failure;
    capture.failure = { kind: failure.kind, description: describeFailure(failure), ...(failure.kind === 'call-error' ? { errorCode: failure.errorCode } : {}) };
    const notKept = failure.kind === 'timeout' ? failure.notKept : undefined;
    if (notKept) {
      capture.toolLateMs = notKept.toolLateMs;
      return { status: 'unmet', detail: `${step.action} of ${over}: ${describeFailure(failure)}, but ${notKept.why}`, seqs, capture, inconclusive: true };
    }
    return { status: failure.kind === 'timeout' ? 'unmet' : 'ok', detail: `${step.action} of ${over}: ${describeFailure(failure)}`, seqs, capture };
  }
  capture.response = outcome.payload;
  const { cleared, seqs: clearSeqs } = await removeProbeMonitors(step, run, outcome.payload);
  if (cleared.length > 0) facts.clearedMonitors = cleared;
  seqs.push(...clearSeqs);
  return { status: 'ok', detail: `${step.action} of ${over} answered${cleared.length > 0 ? `; the ${cleared.length} monitor(s) it accepted were cleared again` : ''}`, seqs, capture };
}

/** Monitor ids the station has reported so far: a ClearVariableMonitoring probe must never hit one. */
function reportedMonitorIds(run: StepRun): Set<number> {
  const ids = new Set<number>();
  for (const monitor of monitorsIn(run.session.messages((m) => m.action === 'NotifyMonitoringReport'))) ids.add(monitor.id);
  for (const event of run.session.messages((m) => m.action === 'NotifyEvent')) {
    for (const data of asArray(event.payload['eventData'])) {
      const id = asNumber(asRecord(data)?.['variableMonitoringId']);
      if (id !== undefined) ids.add(id);
    }
  }
  return ids;
}

/**
 * A station that accepted monitors on a component it does not have (a yes-to-everything
 * station) gets them cleared at once, within its limits, so the probe leaves nothing behind.
 */
async function removeProbeMonitors(step: LimitProbeStep, run: StepRun, response: Record<string, unknown>): Promise<{ cleared: number[]; seqs: number[] }> {
  const none = { cleared: [], seqs: [] };
  if (step.action !== 'SetVariableMonitoring') return none;
  const results = response['setMonitoringResult'];
  const ids = (Array.isArray(results) ? results : []).flatMap((r: unknown) => {
    const result = r as Record<string, unknown>;
    return result['status'] === 'Accepted' && typeof result['id'] === 'number' ? [result['id']] : [];
  });
  if (ids.length === 0) return none;
  const items = run.limit('MonitoringCtrlr', 'ItemsPerMessage', 'ClearVariableMonitoring') ?? Number.POSITIVE_INFINITY;
  const bytes = run.limit('MonitoringCtrlr', 'BytesPerMessage', 'ClearVariableMonitoring') ?? Number.POSITIVE_INFINITY;
  const cleared: number[] = [];
  const seqs: number[] = [];
  for (const part of splitPayload('ClearVariableMonitoring', { id: ids }, items, bytes)) {
    const outcome = await run.session.call('ClearVariableMonitoring', part, { timeoutMs: run.callTimeoutMs * run.timeoutScale });
    if (outcome.messageId) seqs.push(...run.session.framesOf(outcome.messageId));
    if (!outcome.ok) continue;
    // Only what the station says it cleared (N06): a refusal or no answer leaves the monitor there.
    for (const result of Array.isArray(outcome.payload['clearMonitoringResult']) ? outcome.payload['clearMonitoringResult'] : []) {
      const { id, status } = (result ?? {}) as Record<string, unknown>;
      if (status === 'Accepted' && typeof id === 'number') cleared.push(id);
    }
  }
  return { cleared, seqs };
}
