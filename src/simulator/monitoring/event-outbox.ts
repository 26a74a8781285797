import type { Clock } from './clock.js';
import type { EventData, NotifyEventRequest } from './messages.js';

/** Settings of an EventOutbox. */
export interface EventOutboxOptions {
  /** MonitoringCtrlr.OfflineQueuingSeverity, read when an event arrives offline (N07.FR.04). */
  offlineQueuingSeverity: () => number;
  /** Most events kept; beyond it the least severe (highest number), oldest first, is dropped. Default 1000. */
  maxQueue?: number;
  clock: Pick<Clock, 'now'>;
}

interface Pending {
  eventData: EventData;
  severity: number;
}

/**
 * Delivers monitoring events as NotifyEvent requests, one event per message and one message at
 * a time, in order. Offline, events with severity ≤ OfflineQueuingSeverity wait for the
 * connection and the rest are dropped and counted (N07.FR.04, N08.FR.03). `send` resolves true
 * when the CSMS answered; false (or a rejection) puts the event back at the front and takes the
 * outbox offline until {@link EventOutbox.setOnline} is called with true.
 */
export class EventOutbox {
  readonly #send: (payload: NotifyEventRequest) => Promise<boolean>;
  readonly #offlineQueuingSeverity: () => number;
  readonly #maxQueue: number;
  readonly #clock: Pick<Clock, 'now'>;
  readonly #queue: Pending[] = [];
  #online = true;
  #dropped = 0;
  #pumping: Promise<void> | undefined;

  constructor(send: (payload: NotifyEventRequest) => Promise<boolean>, options: EventOutboxOptions) {
    this.#send = send;
    this.#offlineQueuingSeverity = options.offlineQueuingSeverity;
    this.#maxQueue = Math.max(1, options.maxQueue ?? 1000);
    this.#clock = options.clock;
  }

  /** Whether events are being sent (false after setOnline(false) or a failed send). */
  get online(): boolean {
    return this.#online;
  }

  /** Events waiting to be sent. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Events dropped: above OfflineQueuingSeverity while offline, or pushed out of a full queue. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Takes one event from the MonitorEngine (`engine.on('event', (e, s) => outbox.push(e, s))`). */
  push(eventData: EventData, severity: number): void {
    if (!this.#online && severity > this.#offlineQueuingSeverity()) {
      this.#dropped++;
      return;
    }
    if (this.#queue.length >= this.#maxQueue && !this.#makeRoom(severity)) {
      this.#dropped++;
      return;
    }
    this.#queue.push({ eventData, severity });
    this.#pump();
  }

  /** Connection state; going online sends the queue in order. */
  setOnline(online: boolean): void {
    this.#online = online;
    if (online) this.#pump();
  }

  /** Resolves when nothing more can be sent now (queue empty or offline). */
  async idle(): Promise<void> {
    while (this.#pumping) await this.#pumping;
  }

  #pump(): void {
    if (this.#pumping || !this.#online || this.#queue.length === 0) return;
    this.#pumping = this.#drain().finally(() => {
      this.#pumping = undefined;
      // Something may have come in while the last send was finishing.
      this.#pump();
    });
  }

  async #drain(): Promise<void> {
    // Start on the next turn of the event loop: an event raised while handling a CSMS request
    // (a threshold already exceeded when set) must follow that request's response on the wire.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.#online) {
      const next = this.#queue.shift();
      if (!next) return;
      // N07.FR.07: a message of its own, so seqNo 0 and no continuation.
      const payload: NotifyEventRequest = { generatedAt: new Date(this.#clock.now()).toISOString(), seqNo: 0, tbc: false, eventData: [next.eventData] };
      let delivered: boolean;
      try {
        delivered = await this.#send(payload);
      } catch {
        delivered = false;
      }
      if (!delivered) {
        this.#queue.unshift(next);
        this.#online = false;
      }
    }
  }

  /** Drops the least important queued event to make room, unless the new one is the least important. */
  #makeRoom(severity: number): boolean {
    let victim = -1;
    this.#queue.forEach((pending, index) => {
      if (victim < 0 || pending.severity > this.#queue[victim].severity) victim = index;
    });
    if (victim < 0 || this.#queue[victim].severity <= severity) return false;
    this.#queue.splice(victim, 1);
    this.#dropped++;
    return true;
  }
}
