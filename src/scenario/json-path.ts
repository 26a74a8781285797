/**
 * Dot paths into JSON values (`setMonitoringResult.0.id`). A `*` segment fans out over an
 * array, so `eventData.*.variableMonitoringId` yields every element's id.
 */
export function valuesAt(root: unknown, path: string): unknown[] {
  if (path === '' || path === '.') return [root];
  let current: unknown[] = [root];
  for (const segment of path.split('.')) {
    const next: unknown[] = [];
    for (const value of current) {
      if (segment === '*') {
        if (Array.isArray(value)) next.push(...(value as unknown[]));
      } else if (Array.isArray(value) && /^\d+$/.test(segment)) {
        if (Number(segment) < value.length) next.push(value[Number(segment)]);
      } else if (value !== null && typeof value === 'object' && Object.hasOwn(value, segment)) {
        next.push((value as Record<string, unknown>)[segment]);
      }
    }
    current = next;
  }
  return current;
}

/** The single value at a path without `*` (undefined when absent). */
export function valueAt(root: unknown, path: string): unknown {
  return valuesAt(root, path)[0];
}

export function hasWildcard(path: string): boolean {
  return path.split('.').includes('*');
}

/** Deep partial equality: every field of `expected` is present and equal in `actual`. */
export function partialMatch(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return actual === expected;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.length === actual.length && expected.every((item, i) => partialMatch(actual[i], item));
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
  return Object.entries(expected).every(([key, value]) => partialMatch((actual as Record<string, unknown>)[key], value));
}

/**
 * `path → expected` pairs against a message: each must hold. With `*` in a path, one element
 * must satisfy it (and for several paths under the same `*`, see matchesAll's note).
 */
export function matchesAll(root: unknown, match: Record<string, unknown>): boolean {
  // Paths sharing a `*` prefix must hold on the same element (eventData.*.a and eventData.*.b).
  const groups = new Map<string, Array<[string, unknown]>>();
  const plain: Array<[string, unknown]> = [];
  for (const [path, expected] of Object.entries(match)) {
    const star = path.indexOf('.*.');
    if (star < 0) plain.push([path, expected]);
    else {
      const prefix = path.slice(0, star);
      const rest = path.slice(star + 3);
      groups.set(prefix, [...(groups.get(prefix) ?? []), [rest, expected]]);
    }
  }
  if (!plain.every(([path, expected]) => valuesAt(root, path).some((v) => partialMatch(v, expected)))) return false;
  for (const [prefix, conditions] of groups) {
    const elements = valuesAt(root, prefix).flatMap((v): unknown[] => (Array.isArray(v) ? (v as unknown[]) : []));
    if (!elements.some((element) => matchesAll(element, Object.fromEntries(conditions)))) return false;
  }
  return true;
}
