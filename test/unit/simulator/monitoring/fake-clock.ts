import type { Clock } from '../../../../src/simulator/monitoring/clock.js';

/** 2025-01-01T00:00:00.000Z: a start on a whole hour, so clock-aligned boundaries are easy to read. */
export const START = Date.parse('2025-01-01T00:00:00.000Z');

/** A clock tests move by hand; timers run in due order (then creation order) as time passes them. */
export class FakeClock implements Clock {
  #now: number;
  #nextHandle = 1;
  readonly #timers = new Map<number, { due: number; fn: () => void }>();

  constructor(start = START) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const handle = this.#nextHandle++;
    this.#timers.set(handle, { due: this.#now + Math.max(0, ms), fn });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Timers not yet run or cleared. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, running each timer at its due time. */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      let next: [number, { due: number; fn: () => void }] | undefined;
      for (const timer of this.#timers) if (timer[1].due <= target && (!next || timer[1].due < next[1].due)) next = timer;
      if (!next) break;
      this.#timers.delete(next[0]);
      this.#now = next[1].due;
      next[1].fn();
    }
    this.#now = target;
  }

  /** Moves time to an ISO instant. */
  advanceTo(iso: string): void {
    this.advance(Date.parse(iso) - this.#now);
  }
}
