import type { DeviceModelEntry, Evidence } from '../evidence/evidence.js';
import { pushTo } from '../collections.js';
import { resultOf, type Check, type CheckResult } from './check.js';
import { fullInventory, inventorySeqs } from './inventory/full-inventory.js';
import { noDeviceModel } from './inventory/no-device-model.js';
import { REQUIRED_BLOCK_VARIABLES, REQUIRED_CORE_VARIABLES, type RequiredVariable } from './inventory/required-core-variables.js';
import { actualAttribute, attributeMutability, componentLabel, itemLabel, mutabilityMismatch, sameName } from './inventory/report-items.js';
import { listSome, plural } from './inventory/summary-text.js';

/**
 * The FullInventory holds every variable OCTT TC_B_53 requires of any station ("Required Core"),
 * on the station, on every EVSE and on every connector, plus the per-block variables of the
 * functional blocks whose controller the station reports. Missing core variables fail; a left-out
 * read-only `Available` (Part 1 §4.2 allows it), missing block variables and a dataType,
 * mutability, unit or maxLimit other than TC_B_53 expects only warn.
 */
export const fullInventoryRequiredVariables: Check = {
  id: 'full-inventory-required-variables',
  title: 'FullInventory reports every required variable',
  refs: ['B07', 'TC_B_53', 'TC_B_13'],
  category: 'inventory',
  evaluate(evidence: Evidence): CheckResult {
    const check = fullInventoryRequiredVariables;
    // No device model at all, by the station's own answer: every required variable is missing, for that one cause.
    const absent = noDeviceModel(evidence);
    if (absent) return resultOf(check, 'FAIL', `No required variable is reported, because ${absent.reason}.`, absent.seqs, { cause: 'no-device-model' });
    const inventory = fullInventory(evidence);
    if (inventory.kind === 'unavailable') return resultOf(check, inventory.verdict, inventory.reason, inventory.seqs);
    const { items, complete } = inventory;

    // EVSE ids and connector ids count from 1: an entry at EVSE 0 or connector 0 is not a place
    // whose required variables can be missing (topology-matches-status judges the id itself).
    const evseIds = [...new Set(items.flatMap((item) => (item.component.evse && isValidId(item.component.evse.id) ? [item.component.evse.id] : [])))].sort((a, b) => a - b);
    const connectors = uniquePairs(
      items.flatMap((item) => {
        const evse = item.component.evse;
        return evse?.connectorId !== undefined && isValidId(evse.id) && isValidId(evse.connectorId) ? [[evse.id, evse.connectorId] as const] : [];
      }),
    );
    const invalidPlaces = [...new Set(items.filter(hasInvalidId).map((item) => componentLabel(item.component)))];
    const blocks = [...new Set(REQUIRED_BLOCK_VARIABLES.map((row) => row.block!))].filter((block) => items.some((item) => sameName(item.component.name, block)));
    const rows = [...REQUIRED_CORE_VARIABLES, ...REQUIRED_BLOCK_VARIABLES.filter((row) => blocks.includes(row.block!))];

    const byComponent = new Map<string, DeviceModelEntry[]>();
    for (const item of items) pushTo(byComponent, item.component.name.toLowerCase(), item);

    const missing: string[] = [];
    const omitted: string[] = [];
    const missingBlock: string[] = [];
    const mismatches: string[] = [];
    const mismatchSeqs: number[] = [];
    let expected = 0;
    for (const row of rows) {
      for (const place of placesOf(row, evseIds, connectors)) {
        expected += 1;
        const found = findRequired(byComponent.get(row.component.toLowerCase()) ?? [], row, place);
        if (!found) {
          (row.block ? missingBlock : row.omittable ? omitted : missing).push(place.label);
          continue;
        }
        const mismatch = attributeMismatch(found, row);
        if (mismatch) {
          mismatches.push(`${itemLabel(found)} ${mismatch}`);
          mismatchSeqs.push(found.seq);
        }
      }
    }

    const details = {
      expected,
      missing,
      omittedAvailable: omitted,
      missingBlockVariables: missingBlock,
      blocksImplemented: blocks,
      mismatches,
      evses: evseIds,
      connectors: connectors.map(([evse, connector]) => `${evse}/${connector}`),
      reportComplete: complete,
      ...(invalidPlaces.length > 0 ? { ignoredInvalidIds: invalidPlaces } : {}),
    };
    const seqs = inventorySeqs(items);
    const notes = warningsText(omitted, missingBlock, mismatches);

    if (missing.length > 0) {
      const what = `${plural(missing.length, 'required variable')} of ${expected} missing from the FullInventory: ${listSome(missing, 10)}`;
      if (!complete) {
        return resultOf(check, 'INCONCLUSIVE', `${what}. The report never completed, so they may have been in the parts that did not arrive.`, seqs, details);
      }
      return resultOf(check, 'FAIL', `${what}.${notes ? ` Also: ${notes}.` : ''}`, seqs, details);
    }
    if (notes) return resultOf(check, 'WARN', `All ${expected} core required variables are present, but: ${notes}.`, [...new Set(mismatchSeqs)].sort((a, b) => a - b), details);
    return resultOf(check, 'PASS', `All ${expected} required variables are present${blocks.length > 0 ? ` (including those of ${blocks.join(', ')})` : ''} with the expected dataType, mutability and unit.`, seqs, details);
  },
};

interface Place {
  evse?: number;
  connector?: number;
  label: string;
}

/** Where a required variable must be found: once, or on each EVSE / connector the report shows. */
function placesOf(row: RequiredVariable, evseIds: readonly number[], connectors: ReadonlyArray<readonly [number, number]>): Place[] {
  const variable = `${row.variable}${row.instance !== undefined ? `[${row.instance}]` : ''}`;
  switch (row.tier) {
    case 'station':
      return [{ label: `${row.component}.${variable}` }];
    case 'evse':
      if (evseIds.length === 0) return [{ label: `${row.component}.${variable} (no EVSE in the report)` }];
      return evseIds.map((evse) => ({ evse, label: `${componentLabel({ name: row.component, evse: { id: evse } })}.${variable}` }));
    case 'connector':
      if (connectors.length === 0) return [{ label: `${row.component}.${variable} (no connector in the report)` }];
      return connectors.map(([evse, connector]) => ({ evse, connector, label: `${componentLabel({ name: row.component, evse: { id: evse, connectorId: connector } })}.${variable}` }));
  }
}

/**
 * The reported item for a required variable at a place, among the items of its component; an
 * un-instanced one is preferred when no instance is required.
 */
function findRequired(items: readonly DeviceModelEntry[], row: RequiredVariable, place: Place): DeviceModelEntry | undefined {
  const candidates = items.filter((item) => {
    const { component, variable } = item;
    if (!sameName(component.name, row.component) || !sameName(variable.name, row.variable)) return false;
    if (place.evse === undefined ? component.evse !== undefined : component.evse?.id !== place.evse || component.evse.connectorId !== place.connector) return false;
    return row.instance === undefined || (variable.instance !== undefined && sameName(variable.instance, row.instance));
  });
  return candidates.find((item) => item.variable.instance === undefined) ?? candidates[0];
}

/** What differs from TC_B_53's expectation for the variable, or undefined. */
function attributeMismatch(item: DeviceModelEntry, row: RequiredVariable): string | undefined {
  const problems: string[] = [];
  const characteristics = item.variableCharacteristics;
  const dataType = characteristics?.dataType;
  if (dataType === undefined || !row.dataTypes.includes(dataType)) problems.push(`dataType ${dataType ?? 'missing'} (expected ${row.dataTypes.join(' or ')})`);
  const attribute = actualAttribute(item) ?? item.variableAttribute[0];
  const mutability = attribute ? attributeMutability(attribute) : undefined;
  if (attribute && mutability !== undefined && !(row.mutability as readonly string[]).includes(mutability)) problems.push(mutabilityMismatch(attribute, row.mutability.join(' or ')));
  if (row.units && (characteristics?.unit === undefined || !row.units.includes(characteristics.unit))) problems.push(`unit ${characteristics?.unit ?? 'missing'} (expected ${row.units.join(' or ')})`);
  if (row.maxLimitPositive && !((characteristics?.maxLimit ?? 0) > 0)) problems.push(`maxLimit ${characteristics?.maxLimit ?? 'missing'} (expected > 0)`);
  return problems.length > 0 ? problems.join(', ') : undefined;
}

function warningsText(omitted: readonly string[], missingBlock: readonly string[], mismatches: readonly string[]): string {
  const parts: string[] = [];
  if (omitted.length > 0) parts.push(`${listSome(omitted, 5)} left out (allowed when read-only and true, but TC_B_53 expects it)`);
  if (missingBlock.length > 0) parts.push(`${plural(missingBlock.length, 'variable')} of an implemented functional block missing: ${listSome(missingBlock, 5)}`);
  if (mismatches.length > 0) parts.push(`${plural(mismatches.length, 'variable')} differ from TC_B_53: ${listSome(mismatches, 5)}`);
  return parts.join('; ');
}

/** EVSE and connector ids count from 1 (EVSEType.id, ERR23 1.1.1). */
function isValidId(id: number): boolean {
  return Number.isInteger(id) && id > 0;
}

/** Placed at EVSE 0, connector 0 or a negative id. */
function hasInvalidId(item: DeviceModelEntry): boolean {
  const evse = item.component.evse;
  return evse !== undefined && (!isValidId(evse.id) || (evse.connectorId !== undefined && !isValidId(evse.connectorId)));
}

function uniquePairs(pairs: ReadonlyArray<readonly [number, number]>): Array<readonly [number, number]> {
  const seen = new Map<string, readonly [number, number]>();
  for (const pair of pairs) seen.set(`${pair[0]}/${pair[1]}`, pair);
  return [...seen.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}
