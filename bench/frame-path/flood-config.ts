/**
 * The flood's shape, shared by the orchestrator and its child processes. Children get it through
 * the environment the orchestrator passes on, so every process reads the same figures.
 */
function positiveInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}=${text}: a positive integer is needed`);
  return value;
}

export const FLOOD = {
  /** NotifyReport CALLs in one flood (env FRAME_PATH_FRAMES). */
  frames: positiveInteger('FRAME_PATH_FRAMES', 5000),
  /** CALLs the station keeps outstanding (env FRAME_PATH_WINDOW). */
  window: positiveInteger('FRAME_PATH_WINDOW', 50),
  /** Rounds per CSMS, alternating between them (env FRAME_PATH_ROUNDS). */
  rounds: positiveInteger('FRAME_PATH_ROUNDS', 3),
  /** Report items per NotifyReport: the "frames of 100 entries". */
  entriesPerFrame: 100,
  /** One requestId for every part, as one paged report. */
  requestId: 4711,
  stationId: 'FLOOD',
} as const;
