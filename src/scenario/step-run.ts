import type { Capture, StepStatus } from '../evidence/evidence.js';
import type { StationSession } from '../session/station-session.js';

/** What a step may use while it runs: the session, the case context, cursors and options. */
export interface StepRun {
  session: StationSession;
  /** `${...}` references resolve here: targets, captures, requestIds, options, known. */
  context: { targets: Record<string, unknown>; captures: Record<string, Capture>; requestIds: Record<string, number>; options: Record<string, unknown>; known: Record<string, unknown> };
  /** Journal cursor at the start of each step so far, by step id. */
  cursors: Map<string, number>;
  /** Cursor at the start of the latest send step (default for awaits). */
  lastSendCursor: number;
  /** Multiplies every timeout and time window (--timeout-scale). */
  timeoutScale: number;
  /** Default CALL timeout, ms (before scaling). */
  callTimeoutMs: number;
  nonInteractive: boolean;
  /** Asks the operator for a physical action; resolves when they confirm. */
  prompt: (message: string) => Promise<void>;
  /** Aborted when the audit is interrupted: long waits end early. */
  signal: AbortSignal;
  /** Reports a long wait to the console (what is awaited, until when). */
  waiting: (what: string, untilMs: number) => void;
  /** A numeric controller limit from the station's device model, e.g. (MonitoringCtrlr, ItemsPerMessage, SetVariableMonitoring). */
  limit: (controller: string, variable: string, instance: string) => number | undefined;
  /** Where the step sits, for messages: `<case file>: /steps/3`. */
  where: string;
}

/** What a step did; a capture is stored under the step's `as` name (or its id). */
export interface StepResult {
  status: StepStatus;
  detail: string;
  seqs: number[];
  capture?: Capture;
  /** Set when the result should not be judged (timeout, disconnect): checks say INCONCLUSIVE. */
  inconclusive?: boolean;
  /** Set when the station broke a rule outright (an Accepted GetVariables result without a value): FAIL whatever the check's level. */
  defect?: boolean;
  /** Unmet because the station refused the request outright (a CALLERROR): what it would have shown does not apply. */
  refused?: boolean;
}

/** Sleeps, ending early when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
