import type { DeviceModelEntry, Evidence } from '../../evidence/evidence.js';
import { collectedReport, lookUpBaseReport, type Unavailable } from './report-case.js';
import { noDeviceModel } from './no-device-model.js';
import { reportItems, sanitizeEntries } from './report-items.js';

/** The FullInventory items a check judges, and whether the report arrived whole. */
export interface FullInventory {
  kind: 'items';
  /** Shared by every check of one evidence: read, never change. */
  items: readonly DeviceModelEntry[];
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
  const { entries } = evidence.deviceModel;
  if (entries.length > 0) {
    return { kind: 'items', items: sanitizedOnce(entries), complete: evidence.deviceModel.complete, source: 'device-model' };
  }
  const absent = noDeviceModel(evidence);
  if (absent) return { kind: 'unavailable', verdict: 'NOT APPLICABLE', reason: `${capitalized(absent.reason)}, so there is nothing to judge.`, seqs: absent.seqs };
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

/**
 * Four checks read the same inventory; re-reading 100,000 entries for each cost a second and a
 * few hundred MB of garbage on the largest station. Keyed by the entries array, so evidence whose
 * device model is replaced is read afresh.
 */
const sanitized = new WeakMap<readonly DeviceModelEntry[], readonly DeviceModelEntry[]>();

function sanitizedOnce(entries: readonly DeviceModelEntry[]): readonly DeviceModelEntry[] {
  let items = sanitized.get(entries);
  if (!items) {
    items = sanitizeEntries(entries);
    sanitized.set(entries, items);
  }
  return items;
}

/** The seqs of the frames an inventory's items came in. */
export function inventorySeqs(items: readonly DeviceModelEntry[]): number[] {
  return [...new Set(items.map((item) => item.seq))].sort((a, b) => a - b);
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
