import { standardComponentName } from '../checks/inventory/standard-names.js';
import type { CheckResult } from '../checks/check.js';
import type { Evidence } from '../evidence/evidence.js';
import { ocppVersionOf } from '../evidence/ocpp-version.js';
import { pushTo } from '../collections.js';
import { gatherFacts } from './station-facts.js';

export interface TopologyComponent {
  name: string;
  instance?: string;
  /** present: a standard name; non-standard: a vendor name; missing: the guideline wants it here. */
  status: 'present' | 'non-standard' | 'missing';
}

/** The station as a tree (station, EVSEs, connectors) with what the guideline expects marked. */
export interface Topology {
  station: TopologyComponent[];
  evses: Array<{ id: number; components: TopologyComponent[]; connectors: Array<{ id: number; components: TopologyComponent[] }> }>;
}

/**
 * Builds the tree from the reported device model and StatusNotifications, and adds the
 * components the guideline checks found missing at the station tier (EVSE- and connector-tier
 * absences are named in those checks' reasons).
 */
export function buildTopology(evidence: Evidence, checks: readonly CheckResult[]): Topology {
  const facts = gatherFacts(evidence);
  const version = ocppVersionOf(evidence);
  const seen = new Map<string, TopologyComponent[]>();
  // A component reports many variables: remember which ones are in, so each entry costs one lookup.
  const listed = new Set<string>();
  const place = (evseId?: number, connectorId?: number): string => `${evseId ?? ''}/${connectorId ?? ''}`;
  for (const entry of facts.entries) {
    const key = place(entry.component.evse?.id, entry.component.evse?.connectorId);
    const component = JSON.stringify([key, entry.component.name, entry.component.instance ?? null]);
    if (listed.has(component)) continue;
    listed.add(component);
    pushTo(seen, key, { name: entry.component.name, ...(entry.component.instance !== undefined ? { instance: entry.component.instance } : {}), status: standardComponentName(entry.component.name, version) ? 'present' : 'non-standard' });
  }
  const sorted = (list: TopologyComponent[] | undefined): TopologyComponent[] => [...(list ?? [])].sort((a, b) => a.name.localeCompare(b.name) || (a.instance ?? '').localeCompare(b.instance ?? ''));
  const station = sorted(seen.get(place()));
  for (const check of checks) {
    // INCONCLUSIVE: not known to be missing (a report cut off before it).
    if (!check.id.startsWith('guideline/components/') || check.verdict === 'PASS' || check.verdict === 'NOT APPLICABLE' || check.verdict === 'INCONCLUSIVE') continue;
    const name = /the (\S+?)(\[[^\]]*\])? component/.exec(check.title)?.[1];
    if (name && (check.score ?? 0) === 0 && !station.some((c) => c.name === name)) station.push({ name, status: 'missing' });
  }
  return {
    station,
    evses: facts.evseIds.map((id) => ({
      id,
      components: sorted(seen.get(place(id))),
      connectors: facts.connectors.filter((c) => c.evseId === id).map((c) => ({ id: c.connectorId, components: sorted(seen.get(place(id, c.connectorId))) })),
    })),
  };
}
