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
 * Every CALL a station sent, in order, with waiters. A wait looks at what already arrived after
 * its cursor before it listens, so a message that beats the wait (a NotifyReport ahead of the
 * GetBaseReport CALLRESULT) is never missed.
 */
export class StationInbox {
  readonly #messages: StationMessage[] = [];
  readonly #waiters = new Set<Waiter>();

  get size(): number {
    return this.#messages.length;
  }

  push(message: StationMessage): void {
    this.#messages.push(message);
    for (const waiter of [...this.#waiters]) {
      if (message.seq > waiter.after && waiter.predicate(message)) {
        waiter.matched.push(message);
        if (waiter.done(waiter.matched)) waiter.finish();
      }
    }
  }

  /** Forgets every message (the session is over; a fleet keeps its closed sessions). */
  clear(): void {
    this.#messages.length = 0;
  }

  /** Messages recorded after a cursor that match a predicate, without waiting. */
  list(predicate: (message: StationMessage) => boolean = () => true, after = 0): StationMessage[] {
    return this.#messages.filter((m) => m.seq > after && predicate(m));
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
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', waiter.finish);
          this.#waiters.delete(waiter);
          resolve(waiter.matched);
        },
      };
      const timer = setTimeout(waiter.finish, options.timeoutMs);
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
