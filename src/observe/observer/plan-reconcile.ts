import { sameComponent, sameVariable } from '../../evidence/component-ref.js';
import { describeMonitor, type StationMonitor } from '../../evidence/station-monitors.js';
import type { PlanOutcome } from '../plan/plan-outcome.js';
import type { PlacedMonitor } from './resolve-plan.js';

/** What the observer last knew of one plan monitor on a station (kept across restarts: observer-state.ts). */
export interface HeldMonitor {
  /** The id the station gave it. */
  id?: number;
  outcome: PlanOutcome;
  detail?: string;
}

/** Why the plan is being looked at: a boot (monitors may be lost), a reconnect without boot, or the periodic check (drift). */
export type CycleReason = 'boot' | 'reconnect' | 'check';

/** What to do about one plan monitor, from the station's monitoring report before anything is set. */
export interface MonitorDecision {
  placed: PlacedMonitor;
  /** An outcome to record now: `lost`/`drifted` (it was held and is not as planned), or `accepted` (found as planned, not yet recorded so). */
  record?: { outcome: PlanOutcome; detail: string };
  /** Set it; with `replaceId` the station's monitor of that id is overwritten (N04: a SetMonitoringData with an existing id replaces it). */
  set?: { replaceId?: number };
  /** The station's monitor that is as planned (its id is kept). */
  found?: StationMonitor;
}

/** Outcomes after which the monitor was on the station as far as the observer knew. */
const HELD: ReadonlySet<PlanOutcome> = new Set(['accepted', 'reapplied', 'unverified']);

/**
 * Decides, per plan monitor, what the station's current monitors (`current`, from
 * GetMonitoringReport; undefined when the station gave none) mean and whether to set it:
 * - as planned: nothing to set (recorded `accepted` once, e.g. a monitor already there when observe started);
 * - held before and now gone or changed: `lost` after a boot, `drifted` otherwise (someone else
 *   removed or changed it), and set again, over the changed one's id;
 * - never held, or refused before: set — after a boot or reconnect only, so a station that refuses
 *   is not asked again every check;
 * - no report: set after a boot or when never tried (verification is impossible: `unverified`).
 */
export function reconcileMonitors(placed: readonly PlacedMonitor[], current: readonly StationMonitor[] | undefined, held: ReadonlyMap<string, HeldMonitor>, reason: CycleReason): MonitorDecision[] {
  return placed.map((monitor) => {
    const before = held.get(monitor.key);
    if (current === undefined) {
      if (before === undefined || reason === 'boot') return { placed: monitor, set: {} };
      return { placed: monitor };
    }
    const here = current.filter((m) => sameComponent(m.component, monitor.component) && sameVariable(m.variable, monitor.variable) && m.type === monitor.type);
    const asPlanned = here.filter((m) => m.value === monitor.value && m.severity === monitor.severity).sort((a, b) => Number(b.id === before?.id) - Number(a.id === before?.id))[0];
    if (asPlanned) {
      if (before !== undefined && HELD.has(before.outcome) && before.outcome !== 'unverified') return { placed: monitor, found: asPlanned };
      const detail = before === undefined ? `on the station as planned (id ${asPlanned.id})` : `on the station as planned now (id ${asPlanned.id})`;
      return { placed: monitor, found: asPlanned, record: { outcome: 'accepted', detail } };
    }
    if (before !== undefined && HELD.has(before.outcome)) {
      const changed = before.id !== undefined ? here.find((m) => m.id === before.id) : undefined;
      const outcome: PlanOutcome = reason === 'boot' ? 'lost' : 'drifted';
      const what = changed
        ? `changed: the station now holds ${describeMonitor(changed)}`
        : `gone from the station's monitoring report${before.id !== undefined ? ` (it was id ${before.id})` : ''}`;
      const when = reason === 'boot' ? 'after the station rebooted' : reason === 'reconnect' ? 'after the station reconnected without rebooting' : 'while the station stayed connected';
      return { placed: monitor, record: { outcome, detail: `${what} ${when}` }, set: changed ? { replaceId: changed.id } : {} };
    }
    if (before === undefined || reason !== 'check') return { placed: monitor, set: {} };
    return { placed: monitor };
  });
}
