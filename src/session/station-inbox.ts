import { setKeptTimeout } from '../event-loop-lateness.js';

/** A CALL the station sent, as the session saw it. */
export interface StationMessage {
  /** The journal sequence number of the frame: the key into the evidence. */
  seq: number;
  action: string;
  messageId: string;
  payload: Record<string, unknown>;
  receivedAt: string;
  /** False when the payload broke its schema (the station got a CALLERROR, the message is kept). */
  valid: boolean;
  connection: number;
}

export interface CollectOptions {
  /** Only messages recorded after this journal sequence number (from `session.mark()`). */
  after?: number;
  /** The window, in ms of the event loop's attention (setKeptTimeout). */
  timeoutMs: number;
  /** Resolve as soon as this many messages matched. */
  count?: number;
  /** Resolve as soon as this says the collection is complete (e.g. the last report part arrived). */
  until?: (matched: readonly StationMessage[]) => boolean;
  /** Resolve at once with what matched so far when this aborts (an interrupted audit). */
  signal?: AbortSignal;
}

interface Waiter {
  predicate: (message: StationMessage) => boolean;
  after: number;
  matched: StationMessage[];
  done: (matched: readonly StationMessage[]) => boolean;
  finish: () => void;
}

/**
 * How much of what a station sent stays in memory (the journal keeps everything). Waits look back
 * only to a cursor taken in the running case, so the recent tier needs to span one case; the
 * kinds the audit lists over the whole session (boots, status and events, monitoring reports) are
 * kept longer, in a tier of their own. Sizes are the frames' text lengths; a parsed payload costs
 * a few times that, so the defaults hold a station's inbox to some hundreds of MB at worst.
 */
export interface InboxLimits {
  recentMessages: number;
  recentBytes: number;
  keptMessages: number;
  keptBytes: number;
}

export const DEFAULT_INBOX_LIMITS: InboxLimits = {
  recentMessages: 10_000,
  recentBytes: 16 * 1024 * 1024,
  keptMessages: 20_000,
  keptBytes: 32 * 1024 * 1024,
};

/**
 * Messages the audit reads over the whole session, not only after a cursor: BootNotification (the
 * boot in the evidence), StatusNotification and NotifyEvent (the evidence's lists), and
 * NotifyMonitoringReport and NotifyEvent (monitor ids a limit probe must not hit); the security
 * events and upload statuses of the evidence's lists too (the StartupOfTheDevice event comes right
 * after the boot, 1.6 security WP A04).
 */
export const KEPT_ACTIONS: ReadonlySet<string> = new Set(['BootNotification', 'StatusNotification', 'NotifyEvent', 'NotifyMonitoringReport', 'SecurityEventNotification', 'DiagnosticsStatusNotification', 'LogStatusNotification']);

interface Entry {
  message: StationMessage;
  bytes: number;
}

/** A first-in first-out list with byte accounting; dropping from the front costs no copy. */
class Tier {
  #entries: Entry[] = [];
  #head = 0;
  bytes = 0;

  get length(): number {
    return this.#entries.length - this.#head;
  }

  push(entry: Entry): void {
    this.#entries.push(entry);
    this.bytes += entry.bytes;
  }

  shift(): Entry | undefined {
    const entry = this.#entries[this.#head];
    if (!entry) return undefined;
    this.#entries[this.#head] = undefined as unknown as Entry;
    this.#head += 1;
    this.bytes -= entry.bytes;
    if (this.#head > 1024 && this.#head * 2 > this.#entries.length) {
      this.#entries = this.#entries.slice(this.#head);
      this.#head = 0;
    }
    return entry;
  }

  *messages(): Generator<StationMessage> {
    for (let i = this.#head; i < this.#entries.length; i += 1) yield this.#entries[i].message;
  }

  clear(): void {
    this.#entries = [];
    this.#head = 0;
    this.bytes = 0;
  }
}

/**
 * What a station sent, in order, with waiters. A wait looks at what already arrived after its
 * cursor before it listens, so a message that beats the wait (a NotifyReport ahead of the
 * GetBaseReport CALLRESULT) is never missed. Memory is bounded (InboxLimits): the oldest messages
 * are forgotten first, from the journal's point of view never (it has them all); a waiter that
 * is listening already has its matches and loses nothing.
 */
export class StationInbox {
  readonly #limits: InboxLimits;
  /** Every kind, newest last; the oldest leave first, into `#kept` when of a KEPT_ACTIONS kind. */
  readonly #recent = new Tier();
  /** KEPT_ACTIONS messages older than the recent tier; all older than any recent message. */
  readonly #kept = new Tier();
  readonly #waiters = new Set<Waiter>();
  readonly #onKeptDropped: ((message: StationMessage) => void) | undefined;
  #dropped = 0;
  #keptDropped = 0;

  constructor(limits: InboxLimits = DEFAULT_INBOX_LIMITS, onKeptDropped?: (message: StationMessage) => void) {
    this.#limits = limits;
    this.#onKeptDropped = onKeptDropped;
  }

  /** Messages in memory. */
  get size(): number {
    return this.#recent.length + this.#kept.length;
  }

  /** Messages forgotten (still in the journal), and how many of them were of a kept kind. */
  get dropped(): { messages: number; kept: number } {
    return { messages: this.#dropped, kept: this.#keptDropped };
  }

  /** `bytes`: the frame's size (its text length), counted against the limits. */
  push(message: StationMessage, bytes = 0): void {
    this.#recent.push({ message, bytes });
    this.#trim();
    for (const waiter of [...this.#waiters]) {
      if (message.seq > waiter.after && waiter.predicate(message)) {
        waiter.matched.push(message);
        if (waiter.done(waiter.matched)) waiter.finish();
      }
    }
  }

  /** Forgets every message (the session is over; a fleet keeps its closed sessions). */
  clear(): void {
    this.#recent.clear();
    this.#kept.clear();
  }

  #trim(): void {
    const limits = this.#limits;
    // The newest message always stays, whatever its size: a wait may be for it.
    while (this.#recent.length > 1 && (this.#recent.length > limits.recentMessages || this.#recent.bytes > limits.recentBytes)) {
      const oldest = this.#recent.shift()!;
      if (KEPT_ACTIONS.has(oldest.message.action)) this.#kept.push(oldest);
      else this.#dropped += 1;
    }
    while (this.#kept.length > 0 && (this.#kept.length > limits.keptMessages || this.#kept.bytes > limits.keptBytes)) {
      const oldest = this.#kept.shift()!;
      this.#dropped += 1;
      this.#keptDropped += 1;
      // A session that keeps none (observe: the journal and the store are its memory) has nothing to announce.
      if (this.#keptDropped === 1 && limits.keptMessages > 0) this.#onKeptDropped?.(oldest.message);
    }
  }

  /** Messages recorded after a cursor that match a predicate, without waiting. */
  list(predicate: (message: StationMessage) => boolean = () => true, after = 0): StationMessage[] {
    const found: StationMessage[] = [];
    for (const tier of [this.#kept, this.#recent]) {
      for (const message of tier.messages()) if (message.seq > after && predicate(message)) found.push(message);
    }
    return found;
  }

  /** Collects matching messages until `count`/`until` is satisfied or the time is up; never rejects. */
  collect(predicate: (message: StationMessage) => boolean, options: CollectOptions): Promise<StationMessage[]> {
    const after = options.after ?? 0;
    const done = (matched: readonly StationMessage[]): boolean =>
      (options.count !== undefined && matched.length >= options.count) || (options.until?.(matched) ?? false);
    const matched = this.list(predicate, after);
    if (done(matched) || options.signal?.aborted) return Promise.resolve(options.count !== undefined ? matched.slice(0, options.count) : matched);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        predicate,
        after,
        matched,
        done,
        finish: () => {
          timer.clear();
          options.signal?.removeEventListener('abort', waiter.finish);
          this.#waiters.delete(waiter);
          resolve(waiter.matched);
        },
      };
      const timer = setKeptTimeout(waiter.finish, options.timeoutMs);
      options.signal?.addEventListener('abort', waiter.finish, { once: true });
      this.#waiters.add(waiter);
    });
  }

  /** The first matching message after the cursor, or undefined when none came in time. */
  async waitFor(
    predicate: (message: StationMessage) => boolean,
    options: { after?: number; timeoutMs: number },
  ): Promise<StationMessage | undefined> {
    const [first] = await this.collect(predicate, { ...options, count: 1 });
    return first;
  }
}
