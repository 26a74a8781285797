/**
 * Defaults of the values test cases read as `${options.*}`. Periods are short enough for a
 * demo to finish in minutes and long enough for a real station on a slow link.
 */
export const CASE_OPTION_DEFAULTS = {
  /** HeartbeatInterval the session case sets while it watches the heartbeats, s. */
  heartbeatProbeS: 5,
  /** How long it waits for two heartbeats at that interval, s. */
  heartbeatWindowS: 13,
  /** How long a paged report may take from request to last part, s. */
  reportWindowS: 60,
  /** How long a provoked event (threshold, delta) may take to arrive, s. */
  eventWindowS: 10,
  /**
   * How long the audit watches for an event that must not come (a change that stays at a
   * threshold or within a delta), s. A station that fires on every change does so within it.
   */
  quietWindowS: 5,
  /** Interval of the periodic monitors the audit sets, s. */
  periodicIntervalS: 5,
  /** How many periodic intervals the timing measurement spans. */
  periodicIntervals: 4,
  /** Largest acceptable error of one periodic interval, s. */
  periodicToleranceS: 1,
  /** Interval of the clock-aligned monitor, s (aligned boundaries come every this many seconds). */
  clockAlignedIntervalS: 10,
  /** How long a station may take to upload a file the audit asked for (GetDiagnostics, GetLog) and report it done, s. */
  uploadWindowS: 60,
  // Derived by the runner (not settable): periodicWindowS and clockAlignedWindowS =
  // interval × (periodicIntervals + 1) + eventWindowS; periodicProbeWindowS (one event of the
  // monitoring probe) = periodicIntervalS + eventWindowS.
} as const;

export const RUNNER_DEFAULTS = {
  timeoutScale: 1,
  callTimeoutMs: 30_000,
  reconnectWaitS: 30,
} as const;
