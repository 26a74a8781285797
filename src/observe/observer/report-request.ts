import { describeFailure } from '../../ocpp/call-outcome.js';
import type { StationMessage } from '../../session/station-inbox.js';
import type { StationSession } from '../../session/station-session.js';

/** A paged report the station was asked for (GetBaseReport → NotifyReport, GetMonitoringReport → NotifyMonitoringReport). */
export interface ReportAnswer {
  /** The station accepted the request and sent the whole report (a part with tbc false). */
  complete: boolean;
  parts: StationMessage[];
  /** Why there is no whole report, in words (refused, CALLERROR, silence, cut off); undefined when complete. */
  why?: string;
}

const REPORTS: Record<string, string> = { GetBaseReport: 'NotifyReport', GetMonitoringReport: 'NotifyMonitoringReport' };

/**
 * Asks a station for a paged report and collects its parts by requestId until the last (tbc false)
 * or the window ends (B07, N02). A refusal, a CALLERROR or silence is an answer, given back in
 * words: observe records it and goes on. EmptyResultSet (nothing matches, N02) is a whole, empty report.
 */
export async function requestReport(session: StationSession, action: 'GetBaseReport' | 'GetMonitoringReport', payload: Record<string, unknown> & { requestId: number }, windowMs: number): Promise<ReportAnswer> {
  const reportAction = REPORTS[action];
  const after = session.mark();
  // Listening starts before the request (a quick station's first part may overtake its answer) and
  // stops as soon as the answer says no report will come, instead of waiting out the window.
  const noReport = new AbortController();
  const collecting = session.collect((m) => m.action === reportAction && m.payload['requestId'] === payload.requestId, {
    after,
    timeoutMs: windowMs,
    until: (got) => got.some((part) => part.payload['tbc'] !== true),
    signal: noReport.signal,
  });
  const outcome = await session.call(action, payload);
  const status = outcome.ok ? String(outcome.payload['status']) : undefined;
  if (status !== 'Accepted') {
    noReport.abort();
    await collecting;
    if (!outcome.ok) return { complete: false, parts: [], why: `${action}: ${describeFailure(outcome.failure)}` };
    return status === 'EmptyResultSet' ? { complete: true, parts: [] } : { complete: false, parts: [], why: `${action} answered ${status}` };
  }
  const parts = await collecting;
  if (parts.some((part) => part.payload['tbc'] !== true)) return { complete: true, parts };
  return { complete: false, parts, why: parts.length > 0 ? `${reportAction} cut off: ${parts.length} part(s), the last still says more follow` : `no ${reportAction} within ${Math.round(windowMs / 1000)} s of an accepted ${action}` };
}
