/**
 * What both engines' sample queries share (samples(), sampleBuckets()): the same SQL text for a
 * series and its order, and the same reading of a period and a bucket width, so SQLite and
 * PostgreSQL give the same rows in the same order.
 */

/** A series' columns (SeriesKey), as GROUP BY lists them. */
export const SERIES_COLUMNS = 'station, component, component_instance, evse_id, connector_id, variable, variable_instance';

/**
 * The series order: absent instances and EVSEs first. SQLite puts NULLs first anyway, PostgreSQL
 * last unless told; both take `NULLS FIRST`. Text compares bytewise on both (the PostgreSQL
 * columns are COLLATE "C", as SQLite's BINARY).
 */
export const SERIES_ORDER = 'station, component, component_instance NULLS FIRST, evse_id NULLS FIRST, connector_id NULLS FIRST, variable, variable_instance NULLS FIRST';

/** The start of the bucket a sample falls in, aligned to the Unix epoch; `%` truncates toward zero on both engines, so `+ b) % b` keeps times before 1970 in the right bucket. */
export function bucketStart(bucketParam: string): string {
  return `at_ms - ((at_ms % ${bucketParam}) + ${bucketParam}) % ${bucketParam}`;
}

/** A bucket width is a whole number of milliseconds, at least one. */
export function checkedBucketMs(bucketMs: number): number {
  if (!Number.isSafeInteger(bucketMs) || bucketMs < 1) throw new RangeError(`a bucket is a positive whole number of milliseconds, not ${bucketMs}`);
  return bucketMs;
}

/** A period bound as epoch milliseconds (samples keep their time so); one that is not a time is the caller's mistake, said at once rather than matching nothing. */
export function boundMs(value: string): number {
  const time = Date.parse(value);
  if (!Number.isFinite(time)) throw new RangeError(`not a time: ${value}`);
  return time;
}
