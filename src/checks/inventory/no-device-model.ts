import type { Evidence } from '../../evidence/evidence.js';
import { lookUpBaseReport, REPORT_CAPTURE, requestLabel } from './report-case.js';

/** Why the station has no device model at all, by its own answer, with the frames that show it. */
export interface NoDeviceModel {
  reason: string;
  seqs: number[];
}

/**
 * The station's own answer that leaves the audit without any device model: GetBaseReport
 * (FullInventory) refused (a CALLERROR, or a status other than Accepted), or accepted and then no
 * NotifyReport part at all while the station stayed connected. GetBaseReport is required of every
 * station (Part 1 §4.6, B07, TC_B_13), so every required component and variable is then missing,
 * for that one cause. Undefined when the inventory came, or its absence proves nothing (a
 * timeout, a disconnect, an interrupted audit, a case not run).
 */
export function noDeviceModel(evidence: Evidence): NoDeviceModel | undefined {
  if (evidence.deviceModel.entries.length > 0) return undefined;
  const lookup = lookUpBaseReport(evidence, 'inventory-full', 'FullInventory');
  const label = requestLabel('FullInventory');
  if (lookup.kind === 'request-failed') {
    if (lookup.failureKind !== 'call-error') return undefined;
    return { reason: `the station reports no device model: it answers ${label} with CALLERROR ${lookup.errorCode ?? '?'}`, seqs: lookup.seqs };
  }
  if (lookup.kind !== 'answered') return undefined;
  if (lookup.status !== 'Accepted') return { reason: `the station reports no device model: it answers ${label} with ${lookup.status ?? 'no status'}`, seqs: lookup.seqs };
  const waited = lookup.caseEvidence.steps.find((s) => s.kind === 'collect-report');
  if (lookup.report?.messages.length === 0 && waited?.status === 'unmet' && waited.inconclusive !== true && lookup.caseEvidence.captures[REPORT_CAPTURE]) {
    return { reason: `the station reports no device model: it accepted ${label} and never sent the report`, seqs: lookup.seqs };
  }
  return undefined;
}
