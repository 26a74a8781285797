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

/**
 * A station clock that runs `scale` times faster than real time from `origin` (epoch ms, default
 * now): `now()` is the station's time, timers wait station milliseconds. With scale 3600 an hour
 * of the station's life passes in a real second, so long-run scenarios can be tested; scale 1 is
 * the real clock. Timers are unref'd like the system clock's.
 */
export function scaledClock(scale: number, origin = Date.now()): Clock & { readonly scale: number } {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`time scale must be a positive number, got ${scale}`);
  if (scale === 1) return { ...systemClock, scale };
  return {
    scale,
    now: () => origin + (Date.now() - origin) * scale,
    setTimeout: (fn, ms) => setTimeout(fn, ms / scale).unref(),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
}
