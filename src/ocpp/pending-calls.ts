import type { CallFailure, CallOutcome } from './call-outcome.js';
import { RecentIds } from './recent-ids.js';
import { type KeptTimeout, setKeptTimeout } from '../event-loop-lateness.js';

interface PendingCall {
  action: string;
  messageId: string;
  startedAt: number;
  timer: KeptTimeout;
  resolve: (outcome: CallOutcome) => void;
}

/** What became of a call that is no longer pending; remembered to judge late or repeated responses. */
export interface SettledCall {
  action: string;
  how: 'answered' | 'timed-out' | 'disconnected';
}

/**
 * The correlation map of outbound CALLs awaiting a response. Every way a call can end (response,
 * timeout, close) goes through `#settle`, the single cleanup path: the timer is cleared, the entry
 * leaves the map, and the call is remembered as settled.
 */
export class PendingCalls {
  readonly #pending = new Map<string, PendingCall>();
  readonly #settled = new RecentIds<SettledCall>(1000);

  get size(): number {
    return this.#pending.size;
  }

  /**
   * Registers a call just sent; resolves when it is answered, times out or the connection closes.
   * The timeout is of the loop's attention (setKeptTimeout): a stalled process reads the answer
   * that came in the meantime before it calls the station silent.
   */
  open(action: string, messageId: string, timeoutMs: number): Promise<CallOutcome> {
    return new Promise<CallOutcome>((resolve) => {
      const timer = setKeptTimeout((keeping) => {
        this.#settle(messageId, 'timed-out', { kind: 'timeout', timeoutMs, ...(keeping.notKept ? { notKept: { why: keeping.why, toolLateMs: keeping.toolLateMs } } : {}) });
      }, timeoutMs);
      this.#pending.set(messageId, { action, messageId, startedAt: performance.now(), timer, resolve });
    });
  }

  /** The pending call a response id refers to, if any. */
  get(messageId: string): { action: string; startedAt: number } | undefined {
    return this.#pending.get(messageId);
  }

  /** What became of an id that is no longer pending, if it was ever sent recently. */
  settledAs(messageId: string): SettledCall | undefined {
    return this.#settled.get(messageId);
  }

  answer(messageId: string, payload: Record<string, unknown>): void {
    this.#settle(messageId, 'answered', undefined, payload);
  }

  fail(messageId: string, failure: CallFailure): void {
    this.#settle(messageId, 'answered', failure);
  }

  /** Ends every pending call: the connection is gone. */
  disconnectAll(reason: string): void {
    for (const messageId of [...this.#pending.keys()]) {
      this.#settle(messageId, 'disconnected', { kind: 'disconnected', reason });
    }
  }

  #settle(messageId: string, how: SettledCall['how'], failure?: CallFailure, payload?: Record<string, unknown>): void {
    const call = this.#pending.get(messageId);
    if (!call) return;
    call.timer.clear();
    this.#pending.delete(messageId);
    this.#settled.set(messageId, { action: call.action, how });
    const durationMs = Math.round(performance.now() - call.startedAt);
    if (failure) {
      call.resolve({ ok: false, action: call.action, messageId, failure, durationMs });
    } else {
      call.resolve({ ok: true, action: call.action, messageId, payload: payload ?? {}, durationMs });
    }
  }
}
