import type { DeviceModelEntry, Evidence } from '../../evidence/evidence.js';
import { collectedReport, lookUpBaseReport, type Unavailable } from './report-case.js';
import { reportItems, sanitizeEntries } from './report-items.js';

/** The FullInventory items a check judges, and whether the report arrived whole. */
export interface FullInventory {
  kind: 'items';
  items: DeviceModelEntry[];
  /** False when the last part (tbc=false) never came: absences then prove nothing. */
  complete: boolean;
  /** Where the items came from: the evidence's device model, or the inventory-full case's parts. */
  source: 'device-model' | 'report';
}

/**
 * The station's FullInventory: `evidence.deviceModel` when the runner filled it, otherwise the
 * parts collected by case `inventory-full`; or why there is none to judge.
 */
export function fullInventory(evidence: Evidence): FullInventory | Unavailable {
  if (evidence.deviceModel.entries.length > 0) {
    return { kind: 'items', items: sanitizeEntries(evidence.deviceModel.entries), complete: evidence.deviceModel.complete, source: 'device-model' };
  }
  const collected = collectedReport(lookUpBaseReport(evidence, 'inventory-full', 'FullInventory'), 'FullInventory');
  if (collected.kind === 'unavailable') return collected;
  const { report } = collected;
  if (report.messages.length === 0) {
    return {
      kind: 'unavailable',
      verdict: 'INCONCLUSIVE',
      reason: 'No part of the FullInventory report arrived, so the device model is unknown (report paging judges the missing report).',
      seqs: collected.answered.seqs,
    };
  }
  return { kind: 'items', items: reportItems(report.messages).items, complete: report.complete, source: 'report' };
}

/** The seqs of the frames an inventory's items came in. */
export function inventorySeqs(items: readonly DeviceModelEntry[]): number[] {
  return [...new Set(items.map((item) => item.seq))].sort((a, b) => a - b);
}
