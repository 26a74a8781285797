import { performance } from 'node:perf_hooks';

/** How often the loop is sampled. A stall shorter than this may go unseen; those never matter. */
const TICK_MS = 50;
/** Lateness below this is scheduling noise and is not kept. */
const KEPT_FROM_MS = 20;
/** Stalls older than this are forgotten: no window is longer. */
const KEPT_FOR_MS = 60 * 60 * 1000;
/** At most this many stalls are kept (a process that is late all the time keeps the newest). */
const MAX_STALLS = 20_000;
/** A window short of its promised length by less than this was kept (timer granularity). */
const SLACK_MS = 20;

/**
 * The auditor's own lateness. Everything the tool does with a station (reading its frames,
 * answering them, ending a wait) runs on one event loop, shared by every station of the process
 * and, in a demo or a test, by the virtual station too. When that loop is blocked (a slow or
 * overloaded machine, a long garbage collection, hundreds of audits finishing at once), frames sit
 * unread, answers wait, and a wait's timer fires late and ends it before the frames that were
 * already there are read. That is the tool's fault, not the station's.
 *
 * A timer ticks every TICK_MS; each tick that comes late records a stall ([due, ran], in
 * performance.now() ms). Process-wide on purpose: so is the event loop.
 */
export class EventLoopLateness {
  readonly #ends: number[] = [];
  readonly #lates: number[] = [];
  #timer: NodeJS.Timeout | undefined;
  #expected = 0;

  /** Starts sampling (idempotent). The timer never keeps the process alive. */
  start(): void {
    if (this.#timer) return;
    this.#expected = performance.now() + TICK_MS;
    this.#timer = setInterval(() => this.#tick(), TICK_MS);
    this.#timer.unref();
  }

  /** Stops sampling; what was recorded stays. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** The longest stall that overlaps [fromMs, toMs], whole ms; 0 when the loop kept time. */
  worstDuring(fromMs: number, toMs: number): number {
    let worst = 0;
    this.#eachStall(fromMs, toMs, (start, end) => {
      worst = Math.max(worst, end - start);
    });
    return Math.round(worst);
  }

  /** How many ms of [fromMs, toMs] the loop was stalled: time in which nothing was read or answered. */
  lostDuring(fromMs: number, toMs: number): number {
    let lost = 0;
    this.#eachStall(fromMs, toMs, (start, end) => {
      lost += Math.max(0, Math.min(end, toMs) - Math.max(start, fromMs));
    });
    return lost;
  }

  /** Records a stall by hand (tests). */
  record(endMs: number, lateMs: number): void {
    if (lateMs < KEPT_FROM_MS) return;
    this.#ends.push(endMs);
    this.#lates.push(lateMs);
    const tooOld = endMs - KEPT_FOR_MS;
    let drop = Math.max(0, this.#ends.length - MAX_STALLS);
    while (drop < this.#ends.length && this.#ends[drop] < tooOld) drop += 1;
    if (drop > 0) {
      this.#ends.splice(0, drop);
      this.#lates.splice(0, drop);
    }
  }

  /** Calls `visit(start, end)` for each stall overlapping [fromMs, toMs], the one going on now included. */
  #eachStall(fromMs: number, toMs: number, visit: (start: number, end: number) => void): void {
    // A stall still going on: its tick is overdue (a wait's own timer may run before the tick does).
    const now = performance.now();
    if (this.#timer && now - this.#expected >= KEPT_FROM_MS && this.#expected <= toMs && now >= fromMs) visit(this.#expected, now);
    // Newest first: a window is recent, so the scan stops at the first stall that ended before it.
    for (let i = this.#ends.length - 1; i >= 0; i--) {
      const end = this.#ends[i];
      if (end < fromMs) break;
      const start = end - this.#lates[i];
      if (start <= toMs) visit(start, end);
    }
  }

  #tick(): void {
    const now = performance.now();
    this.record(now, now - this.#expected);
    // Measured from now, not from the missed due time: one stall is one record, not a burst.
    this.#expected = now + TICK_MS;
  }
}

/** The process's event loop (see EventLoopLateness). Sessions start it. */
export const eventLoopLateness = new EventLoopLateness();

/** A timer that can be cancelled. */
export interface KeptTimeout {
  clear(): void;
}

/**
 * Like setTimeout, but the window it ends is one of `windowMs` of the loop's attention: time the
 * loop was stalled is added on, so frames that came while it could not read are read before the
 * window closes, and a station gets the whole wait it was promised. At most doubled (and a
 * second): a loop that keeps stalling ends the window anyway, and the callback is told so.
 */
export function setKeptTimeout(callback: (keeping: WindowKeeping) => void, windowMs: number, lateness: EventLoopLateness = eventLoopLateness): KeptTimeout {
  const from = performance.now();
  const giveUpAt = from + 2 * windowMs + 1000;
  let timer: NodeJS.Timeout;
  const check = (): void => {
    const now = performance.now();
    const missing = windowMs - (now - from - lateness.lostDuring(from, now));
    if (missing > SLACK_MS && now < giveUpAt) {
      timer = setTimeout(check, missing);
      return;
    }
    callback(windowKeeping(from, windowMs, lateness));
  };
  timer = setTimeout(check, windowMs);
  return { clear: () => clearTimeout(timer) };
}

/** Whether the auditor kept a window of its own, and how late it was in it. */
export interface WindowKeeping {
  /** The auditor's worst single stall during the window, whole ms (0: it kept time). */
  toolLateMs: number;
  /** The loop's attention fell short of the promised window: nothing missing from it can be judged. */
  notKept: boolean;
  /** A clause for the step's detail when the window was not kept, else ''. */
  why: string;
}

/** Judges a window of `windowMs` that started at `fromMs` (performance.now()) and ends now. */
export function windowKeeping(fromMs: number, windowMs: number, lateness: EventLoopLateness = eventLoopLateness): WindowKeeping {
  const now = performance.now();
  const lostMs = lateness.lostDuring(fromMs, now);
  const toolLateMs = lateness.worstDuring(fromMs, now);
  const notKept = now - fromMs - lostMs < windowMs - SLACK_MS;
  const why = notKept
    ? `the auditor itself could not keep this window: its event loop was blocked for ${Math.round(lostMs)} ms of it (up to ${toolLateMs} ms at once), so the station cannot be judged on what did not come`
    : '';
  return { toolLateMs, notKept, why };
}
