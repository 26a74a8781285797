/** How many refusals of one remote address are recorded in full per window. */
export const REFUSALS_IN_FULL = 20;
export const REFUSAL_WINDOW_MS = 60_000;
/** Addresses tracked at once; beyond it the oldest window is summarised early (a spray of addresses cannot grow memory). */
const MAX_ADDRESSES = 10_000;

/** What a summary line says about the refusals that were counted, not written. */
export interface RefusalSummary {
  remoteAddress: string;
  /** Refusals left out of the log in this window. */
  notLogged: number;
  /** How many of them per reason (e.g. bad-password: 9000). */
  reasons: Record<string, number>;
  windowS: number;
}

interface Window {
  startedAt: number;
  logged: number;
  notLogged: number;
  reasons: Record<string, number>;
}

/**
 * Keeps refused connections from filling the disk: a client that retries a wrong password
 * thousands of times a minute gets its first REFUSALS_IN_FULL refusals per minute recorded in
 * full, and the rest as one summary line with their count when its minute ends (or at close).
 */
export class RefusalLog {
  readonly #windows = new Map<string, Window>();
  readonly #summarise: (summary: RefusalSummary) => void;
  readonly #now: () => number;
  readonly #timer: NodeJS.Timeout;

  constructor(summarise: (summary: RefusalSummary) => void, now: () => number = () => performance.now()) {
    this.#summarise = summarise;
    this.#now = now;
    this.#timer = setInterval(() => this.#flushExpired(), REFUSAL_WINDOW_MS);
    this.#timer.unref();
  }

  /** Counts one refusal; true when it is to be recorded in full. */
  admit(remoteAddress: string, reason: string): boolean {
    const now = this.#now();
    let window = this.#windows.get(remoteAddress);
    if (window && now - window.startedAt >= REFUSAL_WINDOW_MS) {
      this.#end(remoteAddress, window);
      window = undefined;
    }
    if (!window) {
      if (this.#windows.size >= MAX_ADDRESSES) {
        const [oldest, oldestWindow] = this.#windows.entries().next().value as [string, Window];
        this.#end(oldest, oldestWindow);
      }
      window = { startedAt: now, logged: 0, notLogged: 0, reasons: {} };
      this.#windows.set(remoteAddress, window);
    }
    if (window.logged < REFUSALS_IN_FULL) {
      window.logged += 1;
      return true;
    }
    window.notLogged += 1;
    window.reasons[reason] = (window.reasons[reason] ?? 0) + 1;
    return false;
  }

  /** Writes the summaries still open (the CSMS is closing). */
  close(): void {
    clearInterval(this.#timer);
    for (const [address, window] of [...this.#windows]) this.#end(address, window);
  }

  #flushExpired(): void {
    const now = this.#now();
    for (const [address, window] of [...this.#windows]) if (now - window.startedAt >= REFUSAL_WINDOW_MS) this.#end(address, window);
  }

  #end(remoteAddress: string, window: Window): void {
    this.#windows.delete(remoteAddress);
    if (window.notLogged > 0) this.#summarise({ remoteAddress, notLogged: window.notLogged, reasons: window.reasons, windowS: REFUSAL_WINDOW_MS / 1000 });
  }
}
