import type { Capture, CollectedMessage, MessagesCapture } from '../../evidence/evidence.js';
import type { StationMessage } from '../../session/station-inbox.js';
import { performance } from 'node:perf_hooks';
import { matchesAll } from '../json-path.js';
import { windowKeeping } from '../../event-loop-lateness.js';
import { ToolError } from '../../errors.js';
import type { AwaitStep } from '../testcase.js';
import { fill } from '../template.js';
import type { StepResult, StepRun } from '../step-run.js';

/**
 * Waits for station messages of one action matching the step's fields, counted from a cursor
 * taken before the request that provokes them, so a message that arrived early is not missed.
 */
export async function runAwait(step: AwaitStep, run: StepRun): Promise<StepResult> {
  const match = step.match ? (fill(step.match, run.context, `${run.where}/match`) as Record<string, unknown>) : {};
  const from = step.after !== undefined ? (run.cursors.get(step.after) ?? 0) : run.lastSendCursor;
  const answer = step.afterAnswer && step.after !== undefined ? answerSeq(run.context.captures[step.after]) : undefined;
  const after = answer ?? from;
  const count = countOf(step, run);
  const windowMs = Number(fill(step.withinS, run.context, `${run.where}/withinS`)) * 1000 * run.timeoutScale;
  const startedAt = new Date().toISOString();
  const predicate = (m: StationMessage): boolean => m.action === step.action && matchesAll(m.payload, match);
  run.waiting(`${count} × ${step.action}`, Date.now() + windowMs);
  const startedMs = performance.now();
  const messages = await collectUntil(run, predicate, { after, timeoutMs: windowMs, count });
  const keeping = windowKeeping(startedMs, windowMs);
  const capture: MessagesCapture = { kind: 'messages', action: step.action, after, startedAt, endedAt: new Date().toISOString(), windowMs, complete: messages.length >= count, messages: messages.map(toCollected) };
  if (keeping.toolLateMs > 0) capture.toolLateMs = keeping.toolLateMs;
  const seqs = messages.map((m) => m.seq);
  if (capture.complete) return { status: 'ok', detail: `${messages.length} ${step.action} received`, seqs, capture };
  // A window that stayed silent has no frame of its own: the request that opened it shows it.
  const opened = step.after !== undefined ? run.context.captures[step.after] : undefined;
  if (opened?.kind === 'call') seqs.unshift(...opened.seqs);
  // Cut short by an interruption, the station is gone, or the tool could not keep the window:
  // nothing to judge the station by.
  const inconclusive = run.signal.aborted || !run.session.isConnected || keeping.notKept;
  const early = answer !== undefined ? run.session.messages(predicate, from).filter((m) => m.seq < answer) : [];
  const why = run.signal.aborted
    ? ' (the audit was interrupted)'
    : !run.session.isConnected
      ? ' (the station is not connected)'
      : keeping.notKept
        ? ` (${keeping.why})`
        : early.length > 0
          ? ` (${early.length === 1 ? 'one came' : `${early.length} came`} before the answer, where the answer comes first)`
          : '';
  seqs.push(...early.map((m) => m.seq));
  return {
    status: 'unmet',
    detail: `${messages.length} of ${count} ${step.action} within ${Math.round(windowMs / 1000)} s${answer !== undefined ? ' after the answer' : ''}${why}`,
    seqs: [...new Set(seqs)].sort((a, b) => a - b),
    capture,
    inconclusive,
  };
}

/** The journal seq of the station's answer to a call step (its CALLRESULT or CALLERROR), if it answered. */
function answerSeq(capture: Capture | undefined): number | undefined {
  if (capture?.kind !== 'call' || (capture.response === undefined && capture.failure?.kind !== 'call-error')) return undefined;
  return capture.seqs.length > 1 ? Math.max(...capture.seqs) : undefined;
}

/** How many messages the step waits for: a positive integer, or a `${...}` reference to one (`${options.periodicIntervals}`). */
function countOf(step: AwaitStep, run: StepRun): number {
  if (step.count === undefined) return 1;
  const count = Number(fill(step.count, run.context, `${run.where}/count`));
  if (!Number.isInteger(count) || count < 1) throw new ToolError('ERR_INVALID_TESTCASE', `${run.where}/count: ${JSON.stringify(step.count)} gives ${count}, not a positive integer`);
  return count;
}

/** session.collect that also ends when the audit is interrupted. */
export function collectUntil(
  run: StepRun,
  predicate: (m: StationMessage) => boolean,
  options: { after: number; timeoutMs: number; count?: number; until?: (got: readonly StationMessage[]) => boolean },
): Promise<StationMessage[]> {
  return run.session.collect(predicate, { ...options, signal: run.signal });
}

export function toCollected(message: StationMessage): CollectedMessage {
  return { seq: message.seq, action: message.action, receivedAt: message.receivedAt, valid: message.valid, connection: message.connection, payload: message.payload };
}
