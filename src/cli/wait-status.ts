/** The clock and the ticking of the live line; tests swap them for fakes. */
export interface StatusClock {
  now: () => number;
  /** Calls `tick` every `ms` until the returned function is called. */
  every: (ms: number, tick: () => void) => () => void;
}

export const SYSTEM_CLOCK: StatusClock = {
  now: () => Date.now(),
  every: (ms, tick) => {
    const timer = setInterval(tick, ms);
    // The countdown never keeps the process alive: the audit's own work does.
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** Waits under 5 s (rounded) show nothing: they end before anyone wonders whether the tool is stuck. */
export function isLongWait(leftMs: number): boolean {
  return Math.round(leftMs / 1000) >= 5;
}

interface Wait {
  identity: string;
  what: string;
  untilMs: number;
}

/**
 * The countdown of long waits (a 36 s window for periodic events, a dwell) on a terminal: one
 * status line, redrawn every second, saying what is awaited and how many seconds are left. With
 * several audits at once it shows the wait with the most time left and how many others wait, so
 * the line stays one line. Each audit (its runner) has at most one wait: a new one replaces it.
 */
export class WaitStatus {
  readonly #waits = new Map<object, Wait>();
  readonly #show: (text: string | undefined) => void;
  readonly #clock: StatusClock;
  #stopTicking: (() => void) | undefined;

  /** `show` draws the status line, or clears it when given undefined. */
  constructor(show: (text: string | undefined) => void, clock: StatusClock = SYSTEM_CLOCK) {
    this.#show = show;
    this.#clock = clock;
  }

  /** An audit began to wait; a short wait only ends the audit's previous one. */
  begin(audit: object, identity: string, what: string, untilMs: number): void {
    this.#waits.delete(audit);
    if (isLongWait(untilMs - this.#clock.now())) this.#waits.set(audit, { identity, what, untilMs });
    this.#update();
  }

  /** The audit's wait ended (its step or its case ended). */
  end(audit: object): void {
    if (this.#waits.delete(audit)) this.#update();
  }

  /** Every audit ended: the line goes away. */
  endAll(): void {
    this.#waits.clear();
    this.#update();
  }

  #update(): void {
    if (this.#waits.size === 0) {
      if (this.#stopTicking) {
        this.#stopTicking();
        this.#stopTicking = undefined;
        this.#show(undefined);
      }
      return;
    }
    this.#stopTicking ??= this.#clock.every(1_000, () => this.#draw());
    this.#draw();
  }

  #draw(): void {
    const now = this.#clock.now();
    const waits = [...this.#waits.values()].sort((a, b) => b.untilMs - a.untilMs);
    const longest = waits[0];
    if (!longest) return;
    const secondsLeft = Math.max(0, Math.ceil((longest.untilMs - now) / 1000));
    const others = waits.length - 1;
    this.#show(`  ${longest.identity} waiting for ${longest.what}: ${secondsLeft} s left${others > 0 ? ` (${others} more audit${others > 1 ? 's' : ''} waiting)` : ''}`);
  }
}
