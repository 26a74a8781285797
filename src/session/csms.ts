import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { isToolError } from '../errors.js';
import { Journal, type JournalFailure, type JournalSummary } from '../evidence/journal.js';
import { CsmsServer, DEFAULT_MAX_FRAME_BYTES, type CsmsServerOptions, type Handshake, type Rejection } from '../ocpp/csms-server.js';
import type { BootStatus } from './default-replies.js';
import { RefusalLog, type RefusalSummary } from './refusal-log.js';
import { safeDirName } from './safe-dir-name.js';
import type { InboxLimits } from './station-inbox.js';
import { StationSession } from './station-session.js';

export interface CsmsOptions extends CsmsServerOptions {
  /** Evidence goes to `<outDir>/<station>/trace.jsonl`; server-level events to `<outDir>/server-events.jsonl`. */
  outDir: string;
  bootStatus: BootStatus;
  heartbeatIntervalS: number;
  bootRetryIntervalS?: number;
  callTimeoutMs: number;
  /** WebSocket ping period, ms; 0 disables. */
  pingIntervalMs: number;
  /** Ask a station that connected and stays quiet without booting for a BootNotification after this long, ms (default 15 000; 0: never). */
  quietBootTriggerMs?: number;
  /** How much of what each station sent stays in memory (default DEFAULT_INBOX_LIMITS; the journal keeps all). */
  inboxLimits?: InboxLimits;
  /** How many of each station's latest message ids are remembered (SessionOptions.peerMessageIdMemory). */
  peerMessageIdMemory?: number;
  /**
   * `daily` (observe): each station's journal is one pair of files per UTC day,
   * `<outDir>/<station>/days/YYYY-MM-DD/trace.jsonl` and `connections.jsonl`, each day sealed with
   * its `.sha256` files when it ends. Unset (run): one journal per station, as above.
   */
  journalRotation?: 'daily';
}

export const CSMS_DEFAULTS = {
  host: '127.0.0.1',
  port: 9220,
  path: '/ocpp',
  bootStatus: 'Accepted' as BootStatus,
  heartbeatIntervalS: 300,
  callTimeoutMs: 30_000,
  pingIntervalMs: 30_000,
} as const;

export interface CsmsEvents {
  session: [StationSession];
  connected: [{ session: StationSession; handshake: Handshake; connection: number; replaced: boolean }];
  disconnected: [{ session: StationSession; connection: number; code: number; reason: string }];
  boot: [{ session: StationSession; payload: Record<string, unknown>; status: BootStatus; adopted?: boolean }];
  rejected: [Rejection];
  'internal-error': [{ session: StationSession; connection: number; error: Error }];
  'tls-error': [{ remoteAddress: string; code: string; message: string }];
  /** Refusals of one address beyond the ones recorded in full, counted over a minute. */
  'refusals-summarised': [RefusalSummary];
  /** A station's journal could not be written: its session ended (recorded in server-events.jsonl when that can still be written). */
  'journal-failed': [{ identity: string; journal: string; failure: JournalFailure }];
  /** server-events.jsonl could not be written: the output directory takes nothing any more. */
  'server-journal-failed': [JournalFailure];
}

/**
 * The mock CSMS: the server plus one session per station identity, each with its journal.
 * Server-level happenings (rejected handshakes, TLS failures) go to `server-events.jsonl` and,
 * when the station is already known, to its own journal too.
 */
export class Csms extends EventEmitter<CsmsEvents> {
  readonly options: CsmsOptions;
  readonly server: CsmsServer;
  readonly serverJournal: Journal;
  readonly sessions = new Map<string, StationSession>();
  /** Refusals and TLS failures are logged in full up to a rate per address, then counted (a flood must not fill the disk). */
  readonly #refusals: RefusalLog;
  #closing = false;

  private constructor(options: CsmsOptions, server: CsmsServer, serverJournal: Journal) {
    super();
    this.options = options;
    this.server = server;
    this.serverJournal = serverJournal;
    serverJournal.onFailure((failure) => this.emit('server-journal-failed', failure));
    this.#refusals = new RefusalLog((summary) => {
      this.serverJournal.appendConnectionEvent('refusals-summarised', { ...summary });
      this.emit('refusals-summarised', summary);
    });
    server.on('station', (socket, handshake) => {
      if (this.#closing) {
        socket.close(1001, 'CSMS shutting down');
        return;
      }
      let session: StationSession;
      try {
        session = this.#sessionFor(handshake.identity);
      } catch (error) {
        if (isToolError(error) && error.code === 'ERR_JOURNAL_IN_USE') {
          // Its journal is held by a live session of another process sharing --out (or cannot be
          // opened): refused, recorded here, never written by two.
          const detail = (error as Error).message;
          this.serverJournal.appendConnectionEvent('rejected', { identity: handshake.identity, remoteAddress: handshake.remoteAddress, url: handshake.url, status: 101, reason: 'journal-unavailable', detail });
          socket.close(1013, 'evidence journal unavailable');
          this.emit('rejected', { identity: handshake.identity, remoteAddress: handshake.remoteAddress, url: handshake.url, status: 101, reason: 'journal-unavailable', detail });
          return;
        }
        // Its journal cannot even be opened (disk full, read-only): a session without evidence is refused.
        socket.close(1011, 'the CSMS cannot record evidence');
        const failure = ((error as Error).cause as JournalFailure | undefined) ?? { code: 'EIO', message: (error as Error).message };
        this.#journalFailed(handshake.identity, join(options.outDir, safeDirName(handshake.identity), 'trace.jsonl'), failure);
        return;
      }
      session.attach(socket, handshake);
    });
    server.on('rejected', (rejection) => {
      if (!this.#refusals.admit(rejection.remoteAddress, rejection.reason)) return;
      const { identity, ...details } = rejection;
      this.serverJournal.appendConnectionEvent('rejected', { identity, ...details });
      if (identity !== undefined) this.sessions.get(identity)?.journal.appendConnectionEvent('rejected', details);
      this.emit('rejected', rejection);
    });
    server.on('subprotocol-missing', (handshake) => {
      if (!this.#refusals.admit(handshake.remoteAddress, 'subprotocol-missing')) return;
      const details = { offeredProtocols: handshake.offeredProtocols, remoteAddress: handshake.remoteAddress, url: handshake.url };
      this.serverJournal.appendConnectionEvent('subprotocol-missing', { identity: handshake.identity, ...details });
      this.sessions.get(handshake.identity)?.journal.appendConnectionEvent('subprotocol-missing', details);
      this.emit('rejected', {
        identity: handshake.identity,
        remoteAddress: handshake.remoteAddress,
        url: handshake.url,
        status: 101,
        reason: 'subprotocol-missing',
        detail: `offered ${handshake.offeredProtocols.join(', ') || 'no subprotocol'}; accepted: ${server.subprotocols.join(', ')}`,
      });
    });
    server.on('tls-error', (error) => {
      if (!this.#refusals.admit(error.remoteAddress, 'tls-error')) return;
      this.serverJournal.appendConnectionEvent('tls-error', error);
      this.emit('tls-error', error);
    });
  }

  /** Starts listening. Fails with a ToolError (ERR_PORT_IN_USE, ERR_TLS_FILE, ...) before anything is recorded. */
  static async start(options: CsmsOptions): Promise<Csms> {
    const server = new CsmsServer(options);
    await server.listen();
    let serverJournal: Journal;
    try {
      serverJournal = Journal.open(join(options.outDir, 'server-events.jsonl'), '', { oneFile: true });
    } catch (error) {
      await server.close();
      throw error;
    }
    serverJournal.appendConnectionEvent('open', { listening: server.url, securityProfile: options.securityProfile });
    return new Csms(options, server, serverJournal);
  }

  get url(): string {
    return this.server.url;
  }

  /** Resolves with the session of the first station (or of `identity`) once it has connected. */
  waitForStation(identity?: string, timeoutMs = 60_000): Promise<StationSession | undefined> {
    const existing = [...this.sessions.values()].find((s) => (identity === undefined || s.identity === identity) && s.isConnected);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve) => {
      const onConnected = ({ session }: { session: StationSession }): void => {
        if (identity !== undefined && session.identity !== identity) return;
        clearTimeout(timer);
        this.off('connected', onConnected);
        resolve(session);
      };
      const timer = setTimeout(() => {
        this.off('connected', onConnected);
        resolve(undefined);
      }, timeoutMs);
      this.on('connected', onConnected);
    });
  }

  /** Stops listening, closes every station's connection and journal; returns each journal's summary. */
  async close(): Promise<JournalSummary[]> {
    this.#closing = true;
    const summaries = await Promise.all([...this.sessions.values()].map((session) => session.close()));
    await this.server.close();
    this.#refusals.close();
    this.serverJournal.appendConnectionEvent('close', { stations: this.sessions.size });
    await this.serverJournal.close();
    return summaries;
  }

  #journalFailed(identity: string, journal: string, failure: JournalFailure): void {
    this.serverJournal.appendConnectionEvent('journal-failed', { identity, journal, ...failure, consequence: 'the station\'s session was ended (1011)' });
    this.emit('journal-failed', { identity, journal, failure });
  }

  #sessionFor(identity: string): StationSession {
    let session = this.sessions.get(identity);
    if (session) return session;
    const { options } = this;
    session = new StationSession(identity, join(options.outDir, safeDirName(identity), 'trace.jsonl'), {
      bootStatus: options.bootStatus,
      heartbeatIntervalS: options.heartbeatIntervalS,
      bootRetryIntervalS: options.bootRetryIntervalS ?? Math.min(options.heartbeatIntervalS, 60),
      callTimeoutMs: options.callTimeoutMs,
      pingIntervalMs: options.pingIntervalMs,
      ...(options.quietBootTriggerMs !== undefined ? { quietBootTriggerMs: options.quietBootTriggerMs } : {}),
      maxFrameBytes: options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
      ...(options.inboxLimits ? { inboxLimits: options.inboxLimits } : {}),
      ...(options.peerMessageIdMemory !== undefined ? { peerMessageIdMemory: options.peerMessageIdMemory } : {}),
      ...(options.journalRotation ? { journalRotation: options.journalRotation } : {}),
    });
    const created = session;
    this.sessions.set(identity, created);
    created.on('connected', (event) => this.emit('connected', { session: created, ...event }));
    created.on('disconnected', (event) => this.emit('disconnected', { session: created, ...event }));
    created.on('boot', (event) => this.emit('boot', { session: created, ...event }));
    created.on('internal-error', (event) => this.emit('internal-error', { session: created, ...event }));
    created.on('journal-failed', (failure) => this.#journalFailed(identity, created.journal.path, failure));
    this.emit('session', created);
    return created;
  }
}
