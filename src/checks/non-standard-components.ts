import type { Evidence } from '../evidence/evidence.js';
import { ocppVersionOf } from '../evidence/ocpp-version.js';
import { resultOf, type Check, type CheckResult } from './check.js';
import { fullInventory, inventorySeqs } from './inventory/full-inventory.js';
import { uniqueSeqs } from './inventory/report-items.js';
import { componentAlias, standardComponentName } from './inventory/standard-names.js';
import { listSome, plural } from './inventory/summary-text.js';
import { pushTo } from '../collections.js';

/**
 * Component names outside the standardized list (Part 2 Appendix 3: controllers and physical
 * components; a 2.1 station also has 2.1's additions). Vendors may add their own components, so this only warns: a CSMS cannot interpret
 * them without vendor documentation. Outdated names from Part 1's example tables get their
 * replacement named. Names compare case-insensitively.
 */
export const nonStandardComponents: Check = {
  id: 'non-standard-components',
  title: 'Components use standardized names',
  refs: ['B07'],
  category: 'inventory',
  evaluate(evidence: Evidence): CheckResult {
    const check = nonStandardComponents;
    const inventory = fullInventory(evidence);
    if (inventory.kind === 'unavailable') return resultOf(check, inventory.verdict, inventory.reason, inventory.seqs);
    const { items } = inventory;
    if (items.length === 0) return resultOf(check, 'INCONCLUSIVE', 'The FullInventory held no items, so there were no component names to judge.', []);

    // One entry per distinct name as the station spelled it.
    const names = new Map<string, number[]>();
    for (const item of items) pushTo(names, item.component.name, item.seq);

    const version = ocppVersionOf(evidence);
    const nonStandard: string[] = [];
    const outdated: string[] = [];
    const seqs: number[] = [];
    for (const [name, nameSeqs] of names) {
      if (standardComponentName(name, version) !== undefined) continue;
      const replacement = componentAlias(name);
      if (replacement) outdated.push(`${name} (standard name: ${replacement})`);
      else nonStandard.push(name);
      for (const seq of nameSeqs) seqs.push(seq);
    }
    const standard = [...names.keys()].filter((name) => standardComponentName(name, version) !== undefined);
    const details = { components: names.size, standard: standard.length, nonStandard, outdated };
    if (nonStandard.length === 0 && outdated.length === 0) {
      return resultOf(check, 'PASS', `All ${plural(names.size, 'component name')} in the FullInventory are standardized.`, inventorySeqs(items), details);
    }
    const parts: string[] = [];
    if (outdated.length > 0) parts.push(`${plural(outdated.length, 'outdated name')}: ${listSome(outdated, 10)}`);
    if (nonStandard.length > 0) parts.push(`${plural(nonStandard.length, 'vendor-specific component')}: ${listSome(nonStandard, 10)}`);
    return resultOf(
      check,
      'WARN',
      `${parts.join('; ')}. Vendor components are allowed, but a CSMS can only interpret them from vendor documentation, and physical parts that match a standardized description should use its name.`,
      uniqueSeqs(seqs),
      details,
    );
  },
};
