/**
 * JSON text in pieces, so that a large value (the evidence of a 100,000-variable station) is
 * written without first building one string of its whole size. Concatenated, the pieces are
 * exactly `JSON.stringify(value)`. Containers are opened level by level down to `depth`; below
 * that each value is one native JSON.stringify call, which is much faster than walking it here.
 */
export function jsonChunks(value: unknown, depth = 7): Generator<string> {
  return chunksOf(toJsonValue(value, ''), depth);
}

function* chunksOf(value: unknown, depth: number): Generator<string> {
  if (depth <= 0 || value === null || typeof value !== 'object' || isBoxedPrimitive(value)) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      const element = toJsonValue(value[i], String(i));
      if (isSkipped(element)) yield 'null';
      else yield* chunksOf(element, depth - 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [name, raw] of Object.entries(value)) {
    const child = toJsonValue(raw, name);
    if (isSkipped(child)) continue;
    yield `${first ? '' : ','}${JSON.stringify(name)}:`;
    first = false;
    yield* chunksOf(child, depth - 1);
  }
  yield '}';
}

/** What JSON.stringify leaves out of objects (and writes as null in arrays). */
function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function isBoxedPrimitive(value: object): boolean {
  return value instanceof Number || value instanceof String || value instanceof Boolean;
}

/** A value's own JSON form, as JSON.stringify asks for it (Dates and other toJSON owners). */
function toJsonValue(value: unknown, key: string): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  return value;
}
