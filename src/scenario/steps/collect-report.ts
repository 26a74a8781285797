import { performance } from 'node:perf_hooks';
import type { MessagesCapture } from '../../evidence/evidence.js';
import { windowKeeping } from '../../event-loop-lateness.js';
import type { CollectReportStep } from '../testcase.js';
import { fill } from '../template.js';
import type { StepResult, StepRun } from '../step-run.js';
import { collectUntil, toCollected } from './await.js';

/**
 * Collects the parts of one paged report (NotifyReport or NotifyMonitoringReport) by requestId
 * until a part with tbc false arrives or the window ends. Paging faults (seqNo, gaps) are for
 * the checks; this step only says whether the report completed.
 */
export async function runCollectReport(step: CollectReportStep, run: StepRun): Promise<StepResult> {
  const requestId = Number(fill(step.requestId, run.context, `${run.where}/requestId`));
  const after = step.after !== undefined ? (run.cursors.get(step.after) ?? 0) : run.lastSendCursor;
  const windowMs = Number(fill(step.withinS, run.context, `${run.where}/withinS`)) * 1000 * run.timeoutScale;
  const startedAt = new Date().toISOString();
  run.waiting(`${step.action} parts of request ${requestId}`, Date.now() + windowMs);
  const startedMs = performance.now();
  const parts = await collectUntil(run, (m) => m.action === step.action && m.payload['requestId'] === requestId, {
    after,
    timeoutMs: windowMs,
    until: (got) => got.some((part) => part.payload['tbc'] !== true),
  });
  const keeping = windowKeeping(startedMs, windowMs);
  const complete = parts.some((part) => part.payload['tbc'] !== true);
  const capture: MessagesCapture = { kind: 'messages', action: step.action, after, startedAt, endedAt: new Date().toISOString(), windowMs, complete, messages: parts.map(toCollected) };
  if (keeping.toolLateMs > 0) capture.toolLateMs = keeping.toolLateMs;
  const seqs = parts.map((p) => p.seq);
  if (complete) return { status: 'ok', detail: `${parts.length} part(s), complete`, seqs, capture };
  const inconclusive = run.signal.aborted || !run.session.isConnected || keeping.notKept;
  const within = `no ${step.action} for request ${requestId} within ${Math.round(windowMs / 1000)} s${keeping.notKept ? ` (${keeping.why})` : ''}`;
  const request = step.after !== undefined ? run.context.captures[step.after] : undefined;
  // N02.FR.03 / B07: an accepted report request is answered with the report; saying so names the defect.
  const accepted = request?.kind === 'call' && request.ok && request.response?.['status'] === 'Accepted' ? request.action : undefined;
  return {
    status: 'unmet',
    detail:
      parts.length > 0
        ? `${parts.length} part(s), the last still says tbc=true${keeping.notKept ? ` (${keeping.why})` : ''}`
        : accepted && !inconclusive
          ? `the station accepted ${accepted} and never sent the report (${within})`
          : within,
    seqs,
    capture,
    inconclusive,
  };
}
