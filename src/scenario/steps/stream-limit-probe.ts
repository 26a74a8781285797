import { describeFailure, type CallOutcome } from '../../ocpp/call-outcome.js';
import { asNumber, asRecord } from '../../evidence/payload-read.js';
import type { CallCapture, StreamLimitProbeFacts } from '../../evidence/evidence.js';
import { BATCHED_ACTIONS, splitPayload } from '../batching.js';
import type { StreamLimitProbeStep } from '../testcase.js';
import { fill } from '../template.js';
import type { StepResult, StepRun } from '../step-run.js';
import { collectUntil } from './await.js';

/** Severities 0–9: a variable takes one monitor of a type per severity (N04.FR.10), so at most ten. */
const SEVERITIES = 10;

/**
 * Asks for one periodic event stream more than the station says it supports
 * (MonitoringCtrlr.MaxPeriodicEventStreams, OCPP 2.1): that many + 1 monitors, each with a
 * `periodicEventStream`, on the step's variable (severities 0, 1, ...). Records which the station
 * accepted and the OpenPeriodicEventStream requests that follow for them within `withinS`, then
 * clears the monitors (their streams close with them, N13.FR.05). The event-streams-within-max
 * check judges the count. With no maximum reported, or one a single variable cannot exceed, the
 * step ends `ok` without a capture and says why.
 */
export async function runStreamLimitProbe(step: StreamLimitProbeStep, run: StepRun): Promise<StepResult> {
  const reported = run.limit('MonitoringCtrlr', 'MaxPeriodicEventStreams', '');
  if (reported === undefined) return { status: 'ok', detail: "the station's device model reports no MonitoringCtrlr.MaxPeriodicEventStreams above 0", seqs: [] };
  const max = Math.floor(reported);
  const monitors = max + 1;
  if (monitors > SEVERITIES) {
    return { status: 'ok', detail: `MonitoringCtrlr.MaxPeriodicEventStreams is ${max}: one stream more needs ${monitors} monitors on one variable, which takes one per severity (0–9)`, seqs: [] };
  }
  const template = fill(step.monitor, run.context, `${run.where}/monitor`) as Record<string, unknown>;
  const request = { setMonitoringData: Array.from({ length: monitors }, (_, severity) => ({ ...template, severity })) };
  const timeoutMs = (step.timeoutS !== undefined ? step.timeoutS * 1000 : run.callTimeoutMs) * run.timeoutScale;
  const cursor = run.session.mark();
  const sentAt = new Date().toISOString();
  const { outcome, results, seqs, durationMs } = await callInParts(run, 'SetVariableMonitoring', request, timeoutMs);
  const capture: CallCapture = { kind: 'call', action: 'SetVariableMonitoring', request, ok: outcome?.ok === true, durationMs, sentAt, seqs };
  if (!outcome?.ok) {
    const failure = outcome && !outcome.ok ? outcome.failure : { kind: 'disconnected' as const, reason: 'nothing was sent' };
    capture.failure = { kind: failure.kind, description: describeFailure(failure), ...(failure.kind === 'call-error' ? { errorCode: failure.errorCode } : {}) };
    return { status: 'unmet', detail: `SetVariableMonitoring: ${describeFailure(failure)}`, seqs, capture, inconclusive: failure.kind === 'timeout' || failure.kind === 'disconnected' };
  }
  capture.response = { ...outcome.payload, setMonitoringResult: results };
  const accepted = results.flatMap((r) => {
    const result = asRecord(r);
    const id = asNumber(result?.['id']);
    return result?.['status'] === 'Accepted' && id !== undefined ? [id] : [];
  });

  const windowMs = Number(fill(step.withinS, run.context, `${run.where}/withinS`)) * 1000 * run.timeoutScale;
  const monitorOf = (payload: Record<string, unknown>): number | undefined => asNumber(asRecord(payload['constantStreamData'])?.['variableMonitoringId']);
  run.waiting(`OpenPeriodicEventStream for ${accepted.length} monitor(s)`, Date.now() + windowMs);
  const opens = accepted.length === 0 ? [] : await collectUntil(run, (m) => m.action === 'OpenPeriodicEventStream' && accepted.includes(monitorOf(m.payload) ?? -1), { after: cursor, timeoutMs: windowMs, count: accepted.length });
  seqs.push(...opens.map((m) => m.seq));

  const cleared: number[] = [];
  if (accepted.length > 0) {
    const clear = await callInParts(run, 'ClearVariableMonitoring', { id: accepted }, run.callTimeoutMs * run.timeoutScale);
    seqs.push(...clear.seqs);
    for (const result of clear.results) {
      const { id, status } = asRecord(result) ?? {};
      if (status === 'Accepted' && typeof id === 'number') cleared.push(id);
    }
  }
  const facts: StreamLimitProbeFacts = {
    maxPeriodicEventStreams: max,
    monitors,
    accepted,
    opened: opens.map((m) => {
      const data = asRecord(m.payload['constantStreamData']);
      const streamId = asNumber(data?.['id']);
      const variableMonitoringId = asNumber(data?.['variableMonitoringId']);
      return { seq: m.seq, ...(streamId !== undefined ? { streamId } : {}), ...(variableMonitoringId !== undefined ? { variableMonitoringId } : {}) };
    }),
    windowMs,
    cleared,
  };
  capture.streamLimitProbe = facts;
  return { status: 'ok', detail: `${monitors} monitors with a stream (MaxPeriodicEventStreams ${max}): ${accepted.length} accepted, ${opens.length} stream(s) opened; ${cleared.length} monitor(s) cleared again`, seqs, capture };
}

/** A batched request in parts within the station's own message limits, its results joined in order. */
async function callInParts(run: StepRun, action: 'SetVariableMonitoring' | 'ClearVariableMonitoring', payload: Record<string, unknown>, timeoutMs: number): Promise<{ outcome: CallOutcome | undefined; results: unknown[]; seqs: number[]; durationMs: number }> {
  const batched = BATCHED_ACTIONS[action];
  const items = run.limit('MonitoringCtrlr', 'ItemsPerMessage', action) ?? Number.POSITIVE_INFINITY;
  const bytes = run.limit('MonitoringCtrlr', 'BytesPerMessage', action) ?? Number.POSITIVE_INFINITY;
  const results: unknown[] = [];
  const seqs: number[] = [];
  let outcome: CallOutcome | undefined;
  let durationMs = 0;
  for (const part of splitPayload(action, payload, items, bytes)) {
    outcome = await run.session.call(action, part, { timeoutMs });
    durationMs += outcome.durationMs;
    if (outcome.messageId) seqs.push(...run.session.framesOf(outcome.messageId));
    if (!outcome.ok) break;
    const list = outcome.payload[batched?.results ?? ''];
    if (Array.isArray(list)) results.push(...(list as unknown[]));
  }
  return { outcome, results, seqs, durationMs };
}
