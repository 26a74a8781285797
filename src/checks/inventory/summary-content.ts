import type { DeviceModelEntry } from '../../evidence/evidence.js';
import type { Verdict } from '../check.js';
import { componentKey } from './report-filter.js';
import { actualAttribute, itemKey, itemLabel, uniqueSeqs } from './report-items.js';
import { listSome, plural } from './summary-text.js';

/**
 * What a SummaryInventory holds (B07; facts §1.2): the availability of the station, its EVSEs and
 * connectors, and for components in an abnormal state their raised Problem/Tripped/Overload/
 * Fallback flags with other diagnostic variables. Anything else about a component without a
 * problem is not a summary; the whole device model returned for it (VCP, shiv3 in the field
 * notes) defeats the report base.
 */

const AVAILABILITY = new Set(['availabilitystate', 'available', 'enabled']);
const STATE_FLAGS = new Set(['problem', 'tripped', 'overload', 'fallback']);
/** At least this share of the FullInventory's items in the summary: it is the whole model. */
const WHOLE_MODEL_SHARE = 0.9;

export interface SummaryJudgement {
  verdict: Extract<Verdict, 'PASS' | 'WARN' | 'FAIL'>;
  reason: string;
  seqs: number[];
  details: Record<string, unknown>;
}

/** Judges the items of a complete SummaryInventory, against the FullInventory when one is at hand. */
export function judgeSummaryContent(items: readonly DeviceModelEntry[], inventory: readonly DeviceModelEntry[] | undefined): SummaryJudgement {
  const raised = (item: DeviceModelEntry): boolean => STATE_FLAGS.has(item.variable.name.toLowerCase()) && actualAttribute(item)?.value?.trim().toLowerCase() === 'true';
  // A component is in an abnormal state when the summary, or the FullInventory, shows a raised flag on it.
  const abnormal = new Set([...items, ...(inventory ?? [])].filter(raised).map((item) => componentKey(item.component)));
  const outside = items.filter((item) => {
    const name = item.variable.name.toLowerCase();
    return !AVAILABILITY.has(name) && !STATE_FLAGS.has(name) && !abnormal.has(componentKey(item.component));
  });
  const availability = items.filter((item) => item.variable.name.toLowerCase() === 'availabilitystate').length;
  const flags = items.filter(raised).length;
  const inSummary = new Set(items.map(itemKey));
  const covered = inventory ? inventory.filter((item) => inSummary.has(itemKey(item))).length : 0;
  const details: Record<string, unknown> = {
    availabilityStates: availability,
    raisedFlags: flags,
    notSummaryContent: outside.length,
    examples: [...new Set(outside.map(itemLabel))].slice(0, 10),
    ...(inventory ? { fullInventoryItemsInSummary: covered, fullInventoryItems: inventory.length } : {}),
  };
  const examples = listSome([...new Set(outside.map(itemLabel))], 5);

  if (inventory && inventory.length > 0 && outside.length > 0 && covered >= WHOLE_MODEL_SHARE * inventory.length) {
    return {
      verdict: 'FAIL',
      reason: `The station returned its whole device model for SummaryInventory: ${covered} of the ${inventory.length} FullInventory items, ${plural(outside.length, 'item')} of them neither availability nor the state of a component with a problem (e.g. ${examples}). A summary holds the availability of the station, its EVSEs and connectors and the components that have a problem (B07), so a CSMS can read the station's state at a glance.`,
      seqs: uniqueSeqs(outside.map((item) => item.seq)),
      details,
    };
  }
  if (outside.length > 0) {
    return {
      verdict: 'WARN',
      reason: `The SummaryInventory holds ${plural(outside.length, 'item')} that ${outside.length === 1 ? 'is' : 'are'} neither availability nor the state of a component with a problem: ${examples}. A summary is meant for availability and current problems (B07).`,
      seqs: uniqueSeqs(outside.map((item) => item.seq)),
      details,
    };
  }
  return {
    verdict: 'PASS',
    reason: `It holds what a summary holds: ${plural(availability, 'availability state')}${flags > 0 ? ` and ${plural(flags, 'raised problem flag')}` : ', and no raised problem flag'}.`,
    seqs: uniqueSeqs(items.map((item) => item.seq)),
    details,
  };
}
