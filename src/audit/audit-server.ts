import PQueue from 'p-queue';
import type { Csms } from '../session/csms.js';
import type { StationSession } from '../session/station-session.js';
import type { LoadedTestCase } from '../scenario/testcase-loader.js';
import type { ScenarioRunner } from '../scenario/runner.js';
import { auditStation, type AuditOptions, type AuditOutcome } from './audit-station.js';

export interface ServeOptions {
  /** Stop after this many stations were audited. */
  maxStations: number;
  /** Audit this many stations at once. */
  concurrency: number;
  /** Give up when no station was accepted within this many seconds (0: wait for ever). */
  waitS: number;
  /**
   * Keep a station Pending this long after its first boot (the CSMS must answer Pending), then
   * accept it and ask for a new BootNotification (B02, TC_B_02). 0: no provisioning window.
   */
  pendingWindowS?: number;
  onRunner?: (runner: ScenarioRunner, session: StationSession) => void;
  onAuditError?: (session: StationSession, error: Error) => void;
}

/** What is kept of each finished audit: its result and where the outputs are (the evidence is on disk). */
export type FinishedAudit = Pick<AuditOutcome, 'result' | 'files'>;

export interface ServeOutcome {
  audits: FinishedAudit[];
  /** True when --wait ran out before any station was accepted. */
  noStation: boolean;
}

/**
 * Audits the stations that connect to a running CSMS: each accepted boot of a new identity
 * starts an audit (queued beyond `concurrency`), until `maxStations` audits have finished,
 * `waitS` passes without a station, or `stop` is called (running audits are interrupted and
 * still write their evidence).
 */
export function serveAudits(csms: Csms, cases: readonly LoadedTestCase[], options: AuditOptions, serve: ServeOptions): { done: Promise<ServeOutcome>; stop: (reason: string) => void } {
  const queue = new PQueue({ concurrency: serve.concurrency });
  const audits: FinishedAudit[] = [];
  const runners = new Set<ScenarioRunner>();
  const started = new Set<string>();
  let finish: (outcome: ServeOutcome) => void = () => undefined;
  const done = new Promise<ServeOutcome>((resolve) => (finish = resolve));
  let stopped = false;
  let waitTimer: NodeJS.Timeout | undefined;

  const end = (noStation: boolean): void => {
    if (waitTimer) clearTimeout(waitTimer);
    csms.off('boot', onBoot);
    void queue.onIdle().then(() => finish({ audits, noStation }));
  };
  const pending = new Set<string>();
  const onBoot = ({ session, status }: { session: StationSession; status: string }): void => {
    if (status === 'Pending' && (serve.pendingWindowS ?? 0) > 0 && !pending.has(session.identity) && !stopped) {
      pending.add(session.identity);
      // What the station does meanwhile is recorded; unsolicited requests become call-while-pending findings.
      setTimeout(() => {
        if (stopped) return;
        session.setBootStatus('Accepted');
        void session.call('TriggerMessage', { requestedMessage: 'BootNotification' });
      }, (serve.pendingWindowS ?? 0) * 1000).unref();
      return;
    }
    if (status !== 'Accepted' || started.has(session.identity) || stopped || started.size >= serve.maxStations) return;
    started.add(session.identity);
    if (waitTimer) clearTimeout(waitTimer);
    void queue.add(async () => {
      if (stopped) return;
      let running: ScenarioRunner | undefined;
      try {
        const { result, files } = await auditStation(session, cases, options, (runner) => {
          running = runner;
          runners.add(runner);
          serve.onRunner?.(runner, session);
        });
        // A fleet keeps hundreds of these until the last audit ends: the evidence stays on disk only.
        audits.push({ result, files });
      } catch (error) {
        serve.onAuditError?.(session, error as Error);
      } finally {
        // Only running audits can be interrupted; a finished runner would only hold its evidence.
        if (running) runners.delete(running);
      }
      if (audits.length >= serve.maxStations) end(false);
    });
    if (started.size >= serve.maxStations) csms.off('boot', onBoot);
  };
  csms.on('boot', onBoot);
  // A station may have booted before we started listening (a fast simulator).
  for (const session of csms.sessions.values()) if (session.bootState === 'Accepted') onBoot({ session, status: 'Accepted' });
  if (serve.waitS > 0 && started.size === 0) {
    waitTimer = setTimeout(() => {
      if (started.size === 0) end(true);
    }, serve.waitS * 1000);
    waitTimer.unref();
  }
  return {
    done,
    stop: (reason) => {
      if (stopped) return;
      stopped = true;
      for (const runner of runners) runner.interrupt(reason);
      end(false);
    },
  };
}
