import { type Evidence, STATION_GONE } from '../evidence/evidence.js';

/** How much of what applies to the station the audit examined. */
export interface Coverage {
  /** Cases that apply to the station (all the catalogue's but those found not applicable) and those of them completed. */
  cases: { applicable: number; run: number };
  /** run ÷ applicable, 0–1, three decimals (1 when nothing applies). */
  ratio: number;
  /** The same per case category (protocol, inventory, monitoring, events, …). */
  categories: Array<{ category: string; applicable: number; run: number }>;
  /** False for an interrupted run, a subset of the catalogue, or a station that left for good: no letter grade. */
  complete: boolean;
  /** Why the run is incomplete, in words (empty when complete). */
  incompleteBecause: string[];
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/**
 * Counts the audit against the whole catalogue it could have run (`evidence.catalogue`; evidence
 * from before it was recorded is counted against the cases it holds). A case not selected, or
 * cut short by an interruption or by the station leaving, is applicable but not run. A case the
 * station's own wedge kept from running is not run either, but the run is still complete: the
 * wedge is the finding (liveness), and a station must not escape its grade by wedging.
 */
export function coverageOf(evidence: Evidence): Coverage {
  const byId = new Map(evidence.cases.map((c) => [c.id, c]));
  const catalogue = evidence.catalogue ?? evidence.cases.map((c) => ({ id: c.id, category: c.category }));
  const rows = catalogue.map((entry) => ({ ...entry, status: byId.get(entry.id)?.status ?? 'not-selected', reason: byId.get(entry.id)?.reason }));
  const applicable = rows.filter((row) => row.status !== 'not-applicable');
  const run = applicable.filter((row) => row.status === 'completed');
  const categories = [...new Set(catalogue.map((entry) => entry.category))].map((category) => ({
    category,
    applicable: applicable.filter((row) => row.category === category).length,
    run: run.filter((row) => row.category === category).length,
  }));

  const incompleteBecause: string[] = [];
  if (evidence.interrupted) incompleteBecause.push(`the audit was interrupted (${evidence.interrupted.reason})`);
  const notSelected = rows.filter((row) => row.status === 'not-selected');
  if (notSelected.length > 0) incompleteBecause.push(`a subset of the catalogue: ${notSelected.length} of ${catalogue.length} cases were not selected (${notSelected.slice(0, 5).map((row) => row.id).join(', ')}${notSelected.length > 5 ? ', …' : ''})`);
  const gone = rows.filter((row) => row.status === 'inconclusive' && row.reason === STATION_GONE);
  if (gone.length > 0 && !evidence.interrupted) incompleteBecause.push(`the station left and did not come back: ${gone.length} case(s) not run`);

  return {
    cases: { applicable: applicable.length, run: run.length },
    ratio: applicable.length > 0 ? round3(run.length / applicable.length) : 1,
    categories,
    complete: incompleteBecause.length === 0,
    incompleteBecause,
  };
}
