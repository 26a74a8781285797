/**
 * Dot paths into JSON values (`setMonitoringResult.0.id`). A `*` segment fans out over an
 * array, so `eventData.*.variableMonitoringId` yields every element's id. A filter segment
 * `[field=text,other]` fans out over the elements whose `field` reads as `text` and that have
 * `other`, so `configurationKey.[readonly=true,value]` yields the read-only keys with a value
 * (valueAt: the first of them).
 */
export function valuesAt(root: unknown, path: string): unknown[] {
  if (path === '' || path === '.') return [root];
  let current: unknown[] = [root];
  for (const segment of path.split('.')) {
    const next: unknown[] = [];
    const filter = filterOf(segment);
    for (const value of current) {
      if (segment === '*') {
        if (Array.isArray(value)) next.push(...(value as unknown[]));
      } else if (filter) {
        if (Array.isArray(value)) next.push(...(value as unknown[]).filter(filter));
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

/** One condition of a filter segment: a field that must be present, and what it must read as. */
export interface FilterCondition {
  field: string;
  /** Compared with the field's value as text (`true`, `3`, `HeartbeatInterval`); absent: present and not null. */
  equals?: string;
}

/** The conditions of a filter segment `[a=b,c]`, or undefined when the segment is no filter. */
export function filterConditions(segment: string): FilterCondition[] | undefined {
  const body = /^\[(.+)\]$/.exec(segment)?.[1];
  if (body === undefined) return undefined;
  return body.split(',').map((part) => {
    const [field = '', ...rest] = part.split('=');
    return rest.length > 0 ? { field: field.trim(), equals: rest.join('=').trim() } : { field: field.trim() };
  });
}

function filterOf(segment: string): ((element: unknown) => boolean) | undefined {
  const conditions = filterConditions(segment);
  if (!conditions) return undefined;
  return (element) =>
    element !== null &&
    typeof element === 'object' &&
    conditions.every(({ field, equals }) => {
      if (!Object.hasOwn(element, field)) return false;
      const value = (element as Record<string, unknown>)[field];
      if (value === undefined || value === null) return false;
      // Only a plain value reads as text: an object or array is never equal to one.
      return equals === undefined || ((typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') && String(value) === equals);
    });
}

/** The single value at a path without `*` (undefined when absent); the first of a filter's. */
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
