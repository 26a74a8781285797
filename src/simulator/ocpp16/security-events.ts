import type { CallOutcome } from '../../ocpp/call-outcome.js';
import { StationLog } from './station-log.js';

/** Security WP Edition 3, appendix: the events a Charge Point must push to the Central System (critical). */
const CRITICAL = new Set(['FirmwareUpdated', 'SettingSystemTime', 'StartupOfTheDevice', 'ResetOrReboot', 'SecurityLogWasCleared', 'MemoryExhaustion', 'TamperDetectionActivated']);

interface SecurityEvent {
  type: string;
  at: number;
  techInfo?: string;
}

/**
 * The security log of the white paper (A04): every event goes into it (A04.FR.04, the body of
 * GetLog SecurityLog); critical events are also queued and delivered as SecurityEventNotification,
 * kept while the station is offline or unanswered until the Central System has them (A04.FR.02).
 */
export class SecurityEvents {
  readonly log = new StationLog(1000);
  readonly #queue: SecurityEvent[] = [];
  #delivering = false;
  #pushes = true;

  /** Records an event at station time `at`; a critical one waits for `deliver`. */
  record(type: string, at: number, techInfo?: string): void {
    this.log.add(at, techInfo ? `${type}: ${techInfo}` : type);
    if (this.#pushes && CRITICAL.has(type)) this.#queue.push({ type, at, ...(techInfo ? { techInfo } : {}) });
  }

  /** Firmware without the white paper: events are logged, never sent. */
  stopDelivering(): void {
    this.#pushes = false;
    this.#queue.length = 0;
  }

  /**
   * Sends the queued critical events in order. One the Central System answered (also with a
   * CALLERROR: it has seen it) leaves the queue; on a timeout or a lost link the rest waits.
   */
  async deliver(send: (action: string, payload: Record<string, unknown>) => Promise<CallOutcome>): Promise<void> {
    if (this.#delivering) return;
    this.#delivering = true;
    try {
      for (;;) {
        const event = this.#queue[0];
        if (!event) return;
        const outcome = await send('SecurityEventNotification', { type: event.type, timestamp: new Date(event.at).toISOString(), ...(event.techInfo ? { techInfo: event.techInfo } : {}) });
        if (!outcome.ok && outcome.failure.kind !== 'call-error') return;
        this.#queue.shift();
      }
    } finally {
      this.#delivering = false;
    }
  }
}
