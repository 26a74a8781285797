import type { DeviceModelEntry, Evidence } from '../evidence/evidence.js';
import { resultOf, type Check, type CheckResult } from './check.js';
import { fullInventory, inventorySeqs } from './inventory/full-inventory.js';
import { actualAttribute, attributeMutability, itemKey, itemLabel, uniqueSeqs } from './inventory/report-items.js';
import { DATA_TYPES, LIST_DATA_TYPES, NAME_MAX_LENGTH, STANDARD_UNITS } from './inventory/standard-names.js';
import { listSome, plural } from './inventory/summary-text.js';
import { valueProblem } from './inventory/value-format.js';

/**
 * Every FullInventory item makes sense on its own: it has characteristics with a known dataType
 * (OCTT TC_B_12/13/53 require variableCharacteristics on every item), a valuesList for list types,
 * an Actual value that reads as its dataType within its limits, no value on a WriteOnly attribute,
 * names within the schema's 50 characters, a standard unit, and no item is reported twice.
 */
export const characteristicsSanity: Check = {
  id: 'characteristics-sanity',
  title: 'Reported variables have consistent characteristics and values',
  refs: ['B07', 'TC_B_13', 'TC_B_53'],
  category: 'inventory',
  evaluate(evidence: Evidence): CheckResult {
    const check = characteristicsSanity;
    const inventory = fullInventory(evidence);
    if (inventory.kind === 'unavailable') return resultOf(check, inventory.verdict, inventory.reason, inventory.seqs);
    const { items } = inventory;
    if (items.length === 0) return resultOf(check, 'INCONCLUSIVE', 'The FullInventory held no items, so there were no characteristics to judge.', []);

    const findings = new Map<ProblemKind, Finding[]>();
    const add = (kind: ProblemKind, item: DeviceModelEntry, message?: string): void => {
      const list = findings.get(kind) ?? [];
      list.push({ label: message ? `${itemLabel(item)} ${message}` : itemLabel(item), seq: item.seq });
      findings.set(kind, list);
    };

    const seen = new Map<string, number>();
    for (const item of items) {
      inspect(item, add);
      seen.set(itemKey(item), (seen.get(itemKey(item)) ?? 0) + 1);
    }
    const reportedDuplicates = new Set<string>();
    for (const item of items) {
      const key = itemKey(item);
      const count = seen.get(key)!;
      if (count > 1 && !reportedDuplicates.has(key)) {
        reportedDuplicates.add(key);
        add('duplicate', item, `(reported ${count} times)`);
      }
    }
    // Every copy of a duplicate is evidence.
    const duplicateSeqs = items.filter((item) => reportedDuplicates.has(itemKey(item))).map((item) => item.seq);

    const counts = Object.fromEntries(PROBLEM_ORDER.filter((kind) => findings.has(kind)).map((kind) => [kind, findings.get(kind)!.length]));
    const details: Record<string, unknown> = { items: items.length, problems: counts, reportComplete: inventory.complete };
    if (findings.size === 0) {
      return resultOf(check, 'PASS', `All ${plural(items.length, 'reported item')} have sound characteristics: known dataType, valuesList where needed, values that parse and sit within their limits, standard units, no duplicates.`, inventorySeqs(items), details);
    }
    const failing = PROBLEM_ORDER.filter((kind) => findings.has(kind) && PROBLEMS[kind].level === 'fail');
    const shown = PROBLEM_ORDER.filter((kind) => findings.has(kind));
    details['examples'] = Object.fromEntries(shown.map((kind) => [kind, findings.get(kind)!.slice(0, 10).map((finding) => finding.label)]));
    const summary = shown.map((kind) => {
      const list = findings.get(kind)!;
      return `${PROBLEMS[kind].text} (${list.length}): ${listSome(list.map((finding) => finding.label), 3)}`;
    });
    const seqs = uniqueSeqs([...shown.flatMap((kind) => findings.get(kind)!.map((finding) => finding.seq)), ...duplicateSeqs]);
    const verdict = failing.length > 0 ? 'FAIL' : 'WARN';
    return resultOf(check, verdict, `${summary.join('; ')}.`, seqs, details);
  },
};

type ProblemKind =
  | 'no-characteristics'
  | 'no-data-type'
  | 'unknown-data-type'
  | 'no-values-list'
  | 'bad-value'
  | 'not-in-values-list'
  | 'out-of-limits'
  | 'inverted-limits'
  | 'unrepresentable-limit'
  | 'write-only-value'
  | 'name-too-long'
  | 'duplicate'
  | 'empty-value'
  | 'non-standard-unit';

interface Finding {
  label: string;
  seq: number;
}

/** Each kind of problem, how bad it is, and how a reason names it. */
const PROBLEMS: Record<ProblemKind, { level: 'fail' | 'warn'; text: string }> = {
  'no-characteristics': { level: 'fail', text: 'no variableCharacteristics' },
  'no-data-type': { level: 'fail', text: 'no dataType' },
  'unknown-data-type': { level: 'fail', text: 'unknown dataType' },
  'no-values-list': { level: 'fail', text: 'list dataType without valuesList' },
  'bad-value': { level: 'fail', text: 'Actual value does not read as its dataType' },
  'not-in-values-list': { level: 'fail', text: 'Actual value outside its valuesList' },
  'out-of-limits': { level: 'fail', text: 'Actual value outside minLimit/maxLimit' },
  'inverted-limits': { level: 'fail', text: 'minLimit above maxLimit' },
  'unrepresentable-limit': { level: 'fail', text: 'minLimit or maxLimit beyond what a number can hold (e.g. 1e400)' },
  'write-only-value': { level: 'fail', text: 'WriteOnly attribute reported with a value' },
  'name-too-long': { level: 'fail', text: `name or instance longer than ${NAME_MAX_LENGTH} characters` },
  duplicate: { level: 'fail', text: 'reported more than once' },
  'empty-value': { level: 'warn', text: 'empty Actual value for a non-text dataType' },
  'non-standard-unit': { level: 'warn', text: 'unit not in the standard list' },
};

const PROBLEM_ORDER = Object.keys(PROBLEMS) as ProblemKind[];

function inspect(item: DeviceModelEntry, add: (kind: ProblemKind, item: DeviceModelEntry, message?: string) => void): void {
  const { component, variable } = item;
  const longNames = [
    ['component', component.name],
    ['component instance', component.instance],
    ['variable', variable.name],
    ['variable instance', variable.instance],
  ].filter((pair): pair is [string, string] => pair[1] !== undefined && pair[1].length > NAME_MAX_LENGTH);
  if (longNames.length > 0) add('name-too-long', item, `(${longNames.map(([what, name]) => `${what} ${name.length} chars`).join(', ')})`);

  for (const attribute of item.variableAttribute) {
    if (attributeMutability(attribute) === 'WriteOnly' && attribute.value !== undefined && attribute.value !== '') {
      add('write-only-value', item, `(${attribute.type ?? 'Actual'})`);
    }
  }

  const characteristics = item.variableCharacteristics;
  if (!characteristics) {
    add('no-characteristics', item);
    return;
  }
  const { dataType, unit, minLimit, maxLimit } = characteristics;
  if (unit !== undefined && !STANDARD_UNITS.has(unit)) add('non-standard-unit', item, `(${JSON.stringify(unit)})`);
  // JSON allows 1e400, but it reads as Infinity (and a saved evidence.json holds null): no CSMS can
  // compute with it or send it back, so it is the station's finding and is measured no further.
  const unrepresentable = [['minLimit', minLimit], ['maxLimit', maxLimit]].filter(([, limit]) => limit !== undefined && !Number.isFinite(limit));
  if (unrepresentable.length > 0) {
    add('unrepresentable-limit', item, `(${unrepresentable.map(([name]) => name).join(', ')})`);
    return;
  }
  const inverted = minLimit !== undefined && maxLimit !== undefined && minLimit > maxLimit;
  if (inverted) add('inverted-limits', item, `(${minLimit} > ${maxLimit})`);
  if (dataType === undefined) {
    add('no-data-type', item);
    return;
  }
  if (!DATA_TYPES.includes(dataType)) {
    add('unknown-data-type', item, `(${JSON.stringify(dataType)})`);
    return;
  }
  if (LIST_DATA_TYPES.includes(dataType) && (characteristics.valuesList === undefined || characteristics.valuesList.trim() === '')) add('no-values-list', item, `(${dataType})`);

  const actual = actualAttribute(item);
  // A WriteOnly value is never shown, and a value that is absent says nothing about its format.
  if (!actual || actual.value === undefined || attributeMutability(actual) === 'WriteOnly') return;
  if (actual.value === '') {
    // Text and lists may be empty (an empty MemberList, PhaseRotation "unknown"); numbers, booleans and dates may not.
    if (!['string', ...LIST_DATA_TYPES].includes(dataType)) add('empty-value', item, `(${dataType})`);
    return;
  }
  // Inverted limits are reported once; measuring the value against them would only repeat it.
  const problem = valueProblem(actual.value, inverted ? { ...characteristics, minLimit: undefined, maxLimit: undefined } : characteristics);
  if (problem) add(problem.kind, item, problem.message);
}
