import { listedNeedRule } from './applicability.js';
import { referencesIn } from './template.js';
import type { LoadedTestCase } from './testcase-loader.js';

/** Needs judged on the station's device model (applicability.ts): the case needs the one that collects it. */
const DEVICE_MODEL_NEEDS = new Set(['dataCollector', 'periodicEventStreams']);

/** Target fields a user-given target has without a device model (`--target` names only the address). */
const ADDRESS_FIELDS = new Set(['component', 'variable']);

/**
 * The selected cases with the cases they need added in front: a case that uses the device model
 * (`${targets.*}`, `${guideline.*}`, `has:targets.*`) needs the case that collects it
 * (`deviceModelFrom`, inventory-full); one that uses `known.<name>` needs the case that
 * remembers it. A target the user gave (`userRoles`) needs no device model when only its address
 * is used. Added cases come from `catalogue` and carry `prerequisiteOf`; the result runs in
 * `order`, and a case never runs before a case it needs.
 */
export function withPrerequisites(selected: readonly LoadedTestCase[], catalogue: readonly LoadedTestCase[], userRoles: ReadonlySet<string> = new Set()): LoadedTestCase[] {
  const chosen = new Map<string, LoadedTestCase>(selected.map((c) => [c.id, c]));
  const pending = [...selected];
  while (pending.length > 0) {
    const testCase = pending.shift() as LoadedTestCase;
    for (const provider of providersOf(testCase, [...chosen.values(), ...catalogue], userRoles)) {
      const present = chosen.get(provider.id);
      if (present && !present.prerequisiteOf) continue;
      const added: LoadedTestCase = present ?? { ...provider, prerequisiteOf: [] };
      if (!added.prerequisiteOf?.includes(testCase.id)) added.prerequisiteOf?.push(testCase.id);
      if (!present) {
        chosen.set(added.id, added);
        pending.push(added);
      }
    }
  }
  return inRunningOrder([...chosen.values()], catalogue, userRoles);
}

/** The cases that provide what this case uses, one per need, looked up in `candidates` (first wins). */
function providersOf(testCase: LoadedTestCase, candidates: readonly LoadedTestCase[], userRoles: ReadonlySet<string>): LoadedTestCase[] {
  const providers = new Set<LoadedTestCase>();
  for (const path of usedPaths(testCase)) {
    const [root, name, field] = path.split('.');
    let provider: LoadedTestCase | undefined;
    if ((root === 'targets' && !(userRoles.has(name ?? '') && (field === undefined || ADDRESS_FIELDS.has(field)))) || root === 'guideline' || root === 'deviceModel') {
      provider = candidates.find((c) => c.deviceModelFrom !== undefined);
    } else if (root === 'known') {
      provider = candidates.find((c) => name !== undefined && Object.hasOwn(c.remember ?? {}, name));
    }
    if (provider && provider.id !== testCase.id) providers.add(provider);
  }
  return [...providers];
}

/** The context paths a case reads: its `${...}` references and the paths of its (and its steps') `has:` needs. */
function usedPaths(testCase: LoadedTestCase): string[] {
  const steps = [...testCase.steps, ...(testCase.cleanup ?? [])];
  const needs = [...(testCase.needs ?? []), ...steps.flatMap((step) => step.needs ?? [])];
  // `${path + 1}`, `${path | string}`: the path alone.
  // A need on the station's configuration (`featureProfile:RemoteTrigger`) reads the fact a case remembered.
  const listed = needs.map((need) => listedNeedRule(need)?.known).filter((name) => name !== undefined).map((name) => `known.${name}`);
  const modelled = needs.some((need) => DEVICE_MODEL_NEEDS.has(need)) ? ['deviceModel'] : [];
  return [...referencesIn(steps).map((reference) => reference.split(/[\s|]/)[0] ?? ''), ...needs.filter((need) => need.startsWith('has:')).map((need) => need.slice(4)), ...listed, ...modelled];
}

/** Ascending `order`, except that every case's providers come before it. */
function inRunningOrder(cases: LoadedTestCase[], catalogue: readonly LoadedTestCase[], userRoles: ReadonlySet<string>): LoadedTestCase[] {
  const sorted = [...cases].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const byId = new Map(sorted.map((c) => [c.id, c]));
  const placed = new Set<string>();
  const result: LoadedTestCase[] = [];
  const place = (testCase: LoadedTestCase, path: ReadonlySet<string>): void => {
    if (placed.has(testCase.id) || path.has(testCase.id)) return;
    const inner = new Set([...path, testCase.id]);
    for (const provider of providersOf(testCase, [...sorted, ...catalogue], userRoles)) {
      const own = byId.get(provider.id);
      if (own) place(own, inner);
    }
    placed.add(testCase.id);
    result.push(testCase);
  };
  for (const testCase of sorted) place(testCase, new Set());
  return result;
}
