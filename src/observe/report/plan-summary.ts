import { PLAN_OUTCOMES, type PlanOutcome } from '../plan/plan-outcome.js';
import type { PlanOutcomeRow } from '../store/store.js';
import { label } from './before-failure.js';

/** The plan outcomes in plain words, for readers who never saw the plan's code. */
export const OUTCOME_WORDS: Record<PlanOutcome, string> = {
  accepted: 'accepted, and the station shows it',
  refused: 'refused by the station',
  error: 'no usable answer',
  missing: 'said yes, but the station does not hold it',
  unverified: 'accepted, but the station gives no report to check it',
  lost: 'lost in a reboot',
  reapplied: 'got back (set again and verified)',
  drifted: 'changed or removed by someone else',
  absent: 'not set: the station\'s device model has no place for it',
};

/** One plan item on one station and what became of it over the period. */
export interface PlanItemHistory {
  /** `AcDcConverter[1]@EVSE 1 Temperature: UpperThreshold 65, severity 4` or `setting OfflineQueuingSeverity = 3`. */
  label: string;
  latest: PlanOutcome;
  latestAt: string;
  /** The latest outcome's detail, in the station's and the tool's words. */
  detail?: string;
  /** Every outcome recorded, oldest first. */
  outcomes: Array<{ at: string; outcome: PlanOutcome; detail?: string }>;
}

/** The plan on one station: its source, the outcome counts and each item's history. */
export interface StationPlan {
  station: string;
  /** The plans applied (`guideline:dc-fast`, `plans.json#/plans/2`). */
  plans: string[];
  /** Outcome records per kind over the period (an item lost and got back twice counts twice). */
  records: Record<PlanOutcome, number>;
  /** Items by their latest outcome. */
  latest: Record<PlanOutcome, number>;
  items: PlanItemHistory[];
}

const zero = (): Record<PlanOutcome, number> => Object.fromEntries(PLAN_OUTCOMES.map((o) => [o, 0])) as Record<PlanOutcome, number>;

/** What each station accepted, refused, lost and got back of its monitoring plan, from the outcomes observe recorded. */
export function planSummaries(outcomes: readonly PlanOutcomeRow[]): StationPlan[] {
  const stations = new Map<string, { plans: Set<string>; items: Map<string, PlanItemHistory>; records: Record<PlanOutcome, number> }>();
  for (const row of [...outcomes].sort((a, b) => a.at.localeCompare(b.at) || a.seq - b.seq)) {
    const station = stations.get(row.station) ?? { plans: new Set<string>(), items: new Map<string, PlanItemHistory>(), records: zero() };
    stations.set(row.station, station);
    if (row.plan !== '') station.plans.add(row.plan);
    station.records[row.outcome] += 1;
    const name = itemLabel(row);
    const item = station.items.get(name) ?? { label: name, latest: row.outcome, latestAt: row.at, outcomes: [] };
    item.outcomes.push({ at: row.at, outcome: row.outcome, ...(row.detail ? { detail: row.detail } : {}) });
    item.latest = row.outcome;
    item.latestAt = row.at;
    if (row.detail) item.detail = row.detail;
    else delete item.detail;
    station.items.set(name, item);
  }
  return [...stations]
    .map(([station, s]) => {
      const latest = zero();
      for (const item of s.items.values()) latest[item.latest] += 1;
      return { station, plans: [...s.plans].sort(), records: s.records, latest, items: [...s.items.values()].sort((a, b) => a.label.localeCompare(b.label)) };
    })
    .sort((a, b) => a.station.localeCompare(b.station));
}

/** An item named as a reader knows it: where, what, and the monitor's type, value and severity (the value is part of the item: a changed threshold is another item). */
function itemLabel(row: PlanOutcomeRow): string {
  const variable = `${row.variable}${row.variableInstance !== undefined ? `[${row.variableInstance}]` : ''}`;
  if (row.item === 'setting') return `setting ${row.component}.${variable} = ${row.value}`;
  const severity = row.severity !== undefined ? `, severity ${row.severity}` : '';
  return `${label(row)} ${variable}: ${row.monitorType ?? 'monitor'} ${row.value}${severity}`;
}
