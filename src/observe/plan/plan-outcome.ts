import type { VariableAddress } from '../variable-address.js';

/**
 * What `observe` found when it applied and verified its monitoring plan on a station, one record
 * per plan item and application. It is written into the station's journal as a connection event
 * (`plan-outcome`, details as below), so the journal stays the whole evidence and `store rebuild`
 * recovers the plan outcomes like everything else; the store indexes them (plan_outcomes).
 */
export type PlanOutcome =
  /** Set, and the station's own monitoring report (or GetVariables) shows it as planned. */
  | 'accepted'
  /** The station answered the Set with a refusal (Rejected, NotSupported, UnknownComponent, …): the detail names it. */
  | 'refused'
  /** No usable answer: a CALLERROR or no answer within the call timeout (the detail says which). */
  | 'error'
  /** The station said Accepted but its monitoring report does not hold it: it says yes and does nothing. */
  | 'missing'
  /** Accepted, but the station gives no monitoring report to check it against (GetMonitoringReport refused or not answered). */
  | 'unverified'
  /** Held before, gone after a reboot or reconnect: the plan sets it again (a `reapplied` or another outcome follows). */
  | 'lost'
  /** Lost, set again, and verified. */
  | 'reapplied'
  /** Found changed or removed while the station stayed connected: someone else (another backend, a technician) touched it. */
  | 'drifted'
  /** Not set: the station's own device model has no place for it (the variable is not reported, or not monitorable). */
  | 'absent';

export const PLAN_OUTCOMES: readonly PlanOutcome[] = ['accepted', 'refused', 'error', 'missing', 'unverified', 'lost', 'reapplied', 'drifted', 'absent'];

/** The details of a `plan-outcome` journal record. */
export interface PlanOutcomeDetails extends VariableAddress {
  /** The plan's source (`guideline:ac-wallbox`, `plans.json#/plans/2`). */
  plan: string;
  /** A custom monitor of the plan, or one of its settings (ActiveMonitoringLevel, OfflineQueuingSeverity, QueueAllMessages). */
  item: 'monitor' | 'setting';
  /** Monitors: UpperThreshold, LowerThreshold, Delta, Periodic, PeriodicClockAligned. */
  monitorType?: string;
  /** The monitor's value (threshold, delta, interval s) or the setting's value, as text. */
  value: string;
  /** Monitors: 0 (Danger) … 9 (Debug). */
  severity?: number;
  /** The id the station gave the monitor. */
  monitorId?: number;
  outcome: PlanOutcome;
  /** In words: the station's status and reasonCode, the CALLERROR, what changed. */
  detail?: string;
}
