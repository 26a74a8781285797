import type { Evidence } from '../evidence/evidence.js';
import { resultOf, type Check, type CheckResult } from './check.js';
import { collectedReport, lookUpBaseReport } from './inventory/report-case.js';
import { attributeMutability, itemLabel, reportItems, uniqueSeqs } from './inventory/report-items.js';
import { listSome, plural } from './inventory/summary-text.js';

/**
 * A ConfigurationInventory holds only what the operator can set: every reported variable has at
 * least one ReadWrite or WriteOnly attribute (OCTT TC_B_12). A missing mutability means ReadWrite
 * (the schema default).
 */
export const configurationInventoryWritableOnly: Check = {
  id: 'configuration-inventory-writable-only',
  title: 'ConfigurationInventory holds only writable variables',
  refs: ['B07', 'TC_B_12'],
  category: 'inventory',
  evaluate(evidence: Evidence): CheckResult {
    const check = configurationInventoryWritableOnly;
    const collected = collectedReport(lookUpBaseReport(evidence, 'inventory-configuration', 'ConfigurationInventory'), 'ConfigurationInventory');
    if (collected.kind === 'unavailable') return resultOf(check, collected.verdict, collected.reason, collected.seqs);
    const { report } = collected;
    const { items } = reportItems(report.messages);
    if (items.length === 0) {
      return resultOf(check, 'INCONCLUSIVE', report.messages.length === 0 ? 'No part of the ConfigurationInventory report arrived, so its content is unknown.' : 'The ConfigurationInventory report held no items to judge.', report.messages.map((m) => m.seq));
    }

    const readOnly = items.filter((item) => !item.variableAttribute.some((attribute) => ['ReadWrite', 'WriteOnly'].includes(attributeMutability(attribute))));
    const details = { items: items.length, readOnly: readOnly.map(itemLabel), reportComplete: report.complete };
    if (readOnly.length > 0) {
      return resultOf(
        check,
        'FAIL',
        `${plural(readOnly.length, 'variable')} of ${items.length} in the ConfigurationInventory cannot be set (no ReadWrite or WriteOnly attribute): ${listSome(readOnly.map(itemLabel), 10)}.`,
        uniqueSeqs(readOnly.map((item) => item.seq)),
        details,
      );
    }
    const caveat = report.complete ? '' : ' (judged on the parts that arrived: the report never completed)';
    return resultOf(check, 'PASS', `All ${plural(items.length, 'variable')} in the ConfigurationInventory are writable${caveat}.`, uniqueSeqs(items.map((item) => item.seq)), details);
  },
};
