import type { DeviceModelEntry } from '../../evidence/evidence.js';
import type { Csms } from '../../session/csms.js';
import type { StationSession } from '../../session/station-session.js';
import type { MonitoringPlan } from '../plan/monitoring-plan.js';
import { ingestJournals } from '../store/ingest-journals.js';
import type { ObservationStore } from '../store/store.js';
import { LiveIngest } from './live-ingest.js';
import { StationObserver } from './station-observer.js';
import { statusLine, type StationStatus } from './status-line.js';

export interface ObservationOptions {
  outDir: string;
  planFor: (identity: string, entries: readonly DeviceModelEntry[]) => MonitoringPlan;
  reportWindowMs: number;
  checkIntervalMs: number;
  reconnectGraceMs: number;
  /** A status line per station this often, ms (0: none). */
  statusIntervalMs: number;
  log: (line: string) => void;
}

interface Watched {
  observer: StationObserver;
  lastMessageAt?: number;
  eventsDay: string;
  eventsToday: number;
}

/**
 * observe's whole job over a running CSMS: a StationObserver keeping the plan on every station
 * that connects, every journal record fed into the store as it is written, and a status line per
 * station at an interval. On start, what the journals hold and the store does not (a kill -9
 * between the write and the index) is indexed too.
 */
export class Observation {
  readonly #options: ObservationOptions;
  readonly #ingest: LiveIngest;
  readonly #watched = new Map<string, Watched>();
  #statusTimer: NodeJS.Timeout | undefined;

  private constructor(store: ObservationStore, options: ObservationOptions) {
    this.#options = options;
    this.#ingest = new LiveIngest(store, options.outDir, options.log);
  }

  /** Catches the store up with the journals, then observes every session of the CSMS. */
  static async start(csms: Csms, store: ObservationStore, options: ObservationOptions): Promise<Observation> {
    const observation = new Observation(store, options);
    for (const session of csms.sessions.values()) observation.#watch(session);
    csms.on('session', (session) => observation.#watch(session));
    if (options.statusIntervalMs > 0) {
      observation.#statusTimer = setInterval(() => observation.printStatus(), options.statusIntervalMs);
      observation.#statusTimer.unref();
    }
    // Stations are watched first (a boot during the catch-up must start its plan cycle); what is
    // indexed twice meanwhile is skipped by the store.
    const caughtUp = await ingestJournals(store, options.outDir);
    const added = caughtUp.reduce((sum, j) => sum + j.added, 0);
    if (added > 0) options.log(`store: ${added} journal record(s) indexed that an earlier run had not (${caughtUp.length} journal file(s) read)`);
    return observation;
  }

  get ingestCounts(): LiveIngest['counts'] {
    return this.#ingest.counts;
  }

  statuses(now = Date.now()): StationStatus[] {
    const today = new Date(now).toISOString().slice(0, 10);
    return [...this.#watched.values()].map((w) => ({
      identity: w.observer.session.identity,
      connected: w.observer.session.isConnected,
      ...(w.lastMessageAt !== undefined ? { lastMessageAt: w.lastMessageAt } : {}),
      eventsToday: w.eventsDay === today ? w.eventsToday : 0,
      plan: w.observer.planState,
    }));
  }

  printStatus(now = Date.now()): void {
    for (const status of this.statuses(now)) this.#options.log(statusLine(status, now));
  }

  /** Waits for the plan cycles under way (tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.#watched.values()].map((w) => w.observer.idle()));
  }

  /** Stops the observers and the status line; what the journals still record goes on into the store until finish(). */
  stop(): void {
    clearInterval(this.#statusTimer);
    for (const watched of this.#watched.values()) watched.observer.stop();
  }

  /** Writes what is still buffered into the store: after the CSMS closed, so its last records (the closes) are indexed too. */
  async finish(): Promise<void> {
    this.stop();
    await this.#ingest.close();
  }

  #watch(session: StationSession): void {
    if (this.#watched.has(session.identity)) return;
    const { outDir, planFor, reportWindowMs, checkIntervalMs, reconnectGraceMs, log } = this.#options;
    const watched: Watched = { observer: new StationObserver(session, { outDir, planFor, reportWindowMs, checkIntervalMs, reconnectGraceMs, log }), eventsDay: '', eventsToday: 0 };
    this.#watched.set(session.identity, watched);
    // What the journal wrote on opening (journal-open, a repaired line) came before this listener.
    this.#ingest.catchUp(session.journal.path);
    session.journal.onRecord((record, tracePath) => {
      this.#ingest.add(tracePath, record);
      if (record.record !== 'frame' || record.direction !== 'cp-to-csms') return;
      watched.lastMessageAt = Date.parse(record.timestamp);
      if (record.messageType !== 'CALL' || record.action !== 'NotifyEvent') return;
      const day = record.timestamp.slice(0, 10);
      if (watched.eventsDay !== day) {
        watched.eventsDay = day;
        watched.eventsToday = 0;
      }
      watched.eventsToday += 1;
    });
  }
}
