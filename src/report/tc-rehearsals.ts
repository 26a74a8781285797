import type { Check } from '../checks/check.js';
import type { TestCase } from '../scenario/testcase.js';

/** Which shipped test cases and checks cite one OCA test case id (TC_B_13, TC_N_06). */
export interface TcRehearsal {
  testCases: string[];
  checks: string[];
}

const TC_ID = /^TC_[A-Z]_\d+/;

/** The OCA test case id a reference names, without a `_CS` / `_CSMS` suffix; undefined for other refs. */
export function tcIdOf(ref: string): string | undefined {
  return TC_ID.exec(ref)?.[0];
}

/**
 * The catalogue's map from TC id to what rehearses it: a test case cites the ids in its own refs
 * and in its steps' checks (step checks in a result carry both); a check cites the ids of its
 * static refs. Guideline lines are not here: they are built from the guideline at scoring time.
 */
export function rehearsalsByTc(testCases: readonly TestCase[], checks: readonly Pick<Check, 'id' | 'refs'>[]): Map<string, TcRehearsal> {
  const byTc = new Map<string, TcRehearsal>();
  const entry = (tc: string): TcRehearsal => {
    let found = byTc.get(tc);
    if (!found) byTc.set(tc, (found = { testCases: [], checks: [] }));
    return found;
  };
  for (const testCase of testCases) {
    for (const tc of new Set(refsIn(testCase).map(tcIdOf).filter((id): id is string => id !== undefined))) entry(tc).testCases.push(testCase.id);
  }
  for (const check of checks) {
    for (const tc of new Set(check.refs.map(tcIdOf).filter((id): id is string => id !== undefined))) entry(tc).checks.push(check.id);
  }
  return new Map([...byTc].sort(([a], [b]) => compareTcIds(a, b)));
}

/** TC_B_2 before TC_B_10: by letter, then by number. */
export function compareTcIds(a: string, b: string): number {
  const [, la = '', na = '0'] = /^TC_([A-Z])_(\d+)/.exec(a) ?? [];
  const [, lb = '', nb = '0'] = /^TC_([A-Z])_(\d+)/.exec(b) ?? [];
  return la === lb ? Number(na) - Number(nb) : la < lb ? -1 : 1;
}

/** Every `refs` list anywhere in a test case (its own, its steps', its cleanup steps'). */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === 'refs' && Array.isArray(inner) ? inner.filter((r): r is string => typeof r === 'string') : refsIn(inner)));
}
