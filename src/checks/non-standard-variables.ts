import type { Evidence } from '../evidence/evidence.js';
import { ocppVersionOf } from '../evidence/ocpp-version.js';
import { pushTo } from '../collections.js';
import { resultOf, type Check, type CheckResult } from './check.js';
import { fullInventory, inventorySeqs } from './inventory/full-inventory.js';
import { uniqueSeqs } from './inventory/report-items.js';
import { standardComponentName } from './inventory/standard-names.js';
import { isStandardVariable } from './inventory/standard-variables.js';
import { listSome, plural } from './inventory/summary-text.js';

/**
 * Variable names judged like component names (issue 13): on a standardized component a variable
 * should carry a standardized name (Part 2 Appendix 4, or one the appendix names for that
 * component, with 2.1's additions on a 2.1 station), and no variable name holds a dot: `AuthCtrlr.AuthorizeRemoteStart` reported under
 * OCPPCommCtrlr is a configuration key dressed as a variable, not variable AuthorizeRemoteStart of
 * component AuthCtrlr, so a CSMS looking for the standard one does not find it. Vendors may add
 * variables, so this only warns. Variables of vendor components are the vendor's to name.
 */
export const nonStandardVariables: Check = {
  id: 'non-standard-variables',
  title: 'Variables of standardized components use standardized names',
  refs: ['B07'],
  category: 'inventory',
  evaluate(evidence: Evidence): CheckResult {
    const check = nonStandardVariables;
    const inventory = fullInventory(evidence);
    if (inventory.kind === 'unavailable') return resultOf(check, inventory.verdict, inventory.reason, inventory.seqs);
    const { items } = inventory;
    if (items.length === 0) return resultOf(check, 'INCONCLUSIVE', 'The FullInventory held no items, so there were no variable names to judge.', []);

    // One entry per component name and variable name as the station spelled them.
    const pairs = new Map<string, { component: string; variable: string; seqs: number[] }>();
    for (const item of items) {
      const key = JSON.stringify([item.component.name, item.variable.name]);
      const pair = pairs.get(key) ?? { component: item.component.name, variable: item.variable.name, seqs: [] };
      pair.seqs.push(item.seq);
      pairs.set(key, pair);
    }

    const version = ocppVersionOf(evidence);
    const findings = new Map<'dotted' | 'outside', string[]>();
    const seqs: number[] = [];
    let judged = 0;
    for (const { component, variable, seqs: pairSeqs } of pairs.values()) {
      const standardComponent = standardComponentName(component, version) !== undefined;
      if (standardComponent) judged += 1;
      if (variable.includes('.')) {
        pushTo(findings, 'dotted', dottedLabel(component, variable));
      } else if (standardComponent && !isStandardVariable(component, variable, version)) {
        pushTo(findings, 'outside', `${component}.${variable}`);
      } else {
        continue;
      }
      seqs.push(...pairSeqs);
    }
    const dotted = findings.get('dotted') ?? [];
    const outside = findings.get('outside') ?? [];
    const details = { variables: pairs.size, onStandardComponents: judged, dotted, nonStandard: outside };
    if (dotted.length === 0 && outside.length === 0) {
      return resultOf(check, 'PASS', `All ${plural(judged, 'variable name')} of standardized components in the FullInventory are standardized, and no variable name holds a dot.`, inventorySeqs(items), details);
    }
    const parts: string[] = [];
    if (dotted.length > 0) parts.push(`${plural(dotted.length, 'dotted pseudo-variable')}: ${listSome(dotted, 10)}`);
    if (outside.length > 0) parts.push(`${plural(outside.length, 'variable')} outside the standardized names of their component: ${listSome(outside, 10)}`);
    return resultOf(
      check,
      'WARN',
      `${parts.join('; ')}. A CSMS looks standardized variables up by component and name; vendor variables are allowed, but only vendor documentation explains them.`,
      uniqueSeqs(seqs),
      details,
    );
  },
};

/** `OCPPCommCtrlr.AuthCtrlr.AuthorizeRemoteStart (meant: variable AuthorizeRemoteStart of AuthCtrlr)`. */
function dottedLabel(component: string, variable: string): string {
  const dot = variable.indexOf('.');
  const prefix = variable.slice(0, dot);
  const rest = variable.slice(dot + 1);
  const meant = standardComponentName(prefix);
  return meant !== undefined && rest.length > 0 ? `${component}.${variable} (meant: variable ${rest} of component ${meant})` : `${component}.${variable}`;
}
