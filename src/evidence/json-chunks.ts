/** Where a value sits in the document: keys and array indexes from the root. */
export type JsonPath = ReadonlyArray<string | number>;

/**
 * JSON text in pieces, so that a large value (the evidence of a 100,000-variable station) is
 * written without first building one string of its whole size. Concatenated, the pieces are
 * exactly `JSON.stringify(value)`. Only the containers `open` picks are taken apart, member by
 * member; everything else is one native JSON.stringify call, which is far faster than walking it
 * here, so a caller opens just the containers that grow with the station.
 */
export function jsonChunks(value: unknown, open: (path: JsonPath, container: object) => boolean): Generator<string> {
  return chunksOf(toJsonValue(value, ''), [], open);
}

function* chunksOf(value: unknown, path: JsonPath, open: (path: JsonPath, container: object) => boolean): Generator<string> {
  if (value === null || typeof value !== 'object' || isBoxedPrimitive(value) || !open(path, value)) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      const element = toJsonValue(value[i], String(i));
      if (isSkipped(element)) yield 'null';
      else yield* chunksOf(element, [...path, i], open);
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
    yield* chunksOf(child, [...path, name], open);
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
