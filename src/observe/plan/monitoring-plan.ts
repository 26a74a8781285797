/**
 * A monitoring plan (issue 16): what `observe` keeps on a station for as long as it runs — the
 * monitoring settings and the custom monitors — and verifies after every boot. By default it is
 * derived from the station's guideline (default-plan.ts); a plan file (`--plan`,
 * schemas/monitoring-plan.schema.json) gives one per archetype or per station instead.
 */
export type PlanMonitorType = 'UpperThreshold' | 'LowerThreshold' | 'Delta' | 'Periodic' | 'PeriodicClockAligned';

export interface PlanMonitor {
  component: { name: string; instance?: string; evse?: { id: number; connectorId?: number } };
  variable: { name: string; instance?: string };
  type: PlanMonitorType;
  /** The threshold, the delta, or the interval in seconds (Periodic, PeriodicClockAligned). */
  value: number;
  /** 0 (Danger) … 9 (Debug), N07. */
  severity: number;
  /** Why the plan holds it, in words (shown in the evidence report). */
  why: string;
}

export interface MonitoringPlan {
  /** Where it came from: `guideline:<id>` or the plan file and its entry. */
  source: string;
  settings: {
    /** MonitoringCtrlr.ActiveMonitoringLevel: events up to this severity are sent (N05). */
    activeMonitoringLevel?: number;
    /** MonitoringCtrlr.OfflineQueuingSeverity: events up to this severity are queued while offline (N07.FR.04). */
    offlineQueuingSeverity?: number;
    /** OCPPCommCtrlr.QueueAllMessages: queue every message while offline. */
    queueAllMessages?: boolean;
  };
  monitors: PlanMonitor[];
}

/** A plan file: plans for archetypes or stations, the most specific one applies. */
export interface PlanFile {
  plans: Array<{ for: { station: string } | { archetype: string } | { any: true }; settings?: MonitoringPlan['settings']; monitors: PlanMonitor[] }>;
}

/** The plan a file gives a station: its own entry, else its archetype's, else `any`; undefined when none matches. */
export function planFromFile(file: PlanFile, name: string, station: string, archetype: string): MonitoringPlan | undefined {
  const rank = (entry: PlanFile['plans'][number]): number => ('station' in entry.for ? (entry.for.station === station ? 3 : 0) : 'archetype' in entry.for ? (entry.for.archetype === archetype ? 2 : 0) : 1);
  const best = file.plans.map((entry, index) => ({ entry, index, rank: rank(entry) })).filter((e) => e.rank > 0).sort((a, b) => b.rank - a.rank || a.index - b.index)[0];
  if (!best) return undefined;
  return { source: `${name}#/plans/${best.index}`, settings: best.entry.settings ?? {}, monitors: best.entry.monitors };
}
