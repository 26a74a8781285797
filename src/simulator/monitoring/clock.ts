/**
 * The time source of the monitoring code. Injected so that tests drive periodic and
 * clock-aligned monitors (N08.FR.06/07) with a fake clock instead of waiting.
 */
export interface Clock {
  /** Wall-clock time in epoch milliseconds. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock. Timers are unref'd: a periodic monitor alone must not keep the process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
