import { availabilityEventConnectors, availabilityMessages } from '../evidence/availability-reports.js';
import type { DeviceModelEntry, Evidence } from '../evidence/evidence.js';
import { resultOf, type Check, type CheckResult, type Verdict } from './check.js';
import { fullInventory } from './inventory/full-inventory.js';
import { componentLabel, sameName, uniqueSeqs } from './inventory/report-items.js';
import { listSome, plural } from './inventory/summary-text.js';
import { pushTo } from '../collections.js';

/**
 * The EVSEs and connectors of the FullInventory (component `EVSE` with evse.id = n, component
 * `Connector` with evse.id = n and evse.connectorId = c, ERR23 1.1.1) are the ones the station
 * reports in StatusNotification, and the other way round. StatusNotification must name a real
 * EVSE and connector, both numbered from 1: evseId 0 or connectorId 0 there is a known field bug.
 * On OCPP 2.1 a connector whose availability came as NotifyEvent on Connector.AvailabilityState
 * (B01.FR.05, which deprecates StatusNotification) counts as reported too; availability-events
 * judges those events.
 */
export const topologyMatchesStatus: Check = {
  id: 'topology-matches-status',
  title: 'EVSEs and connectors in the inventory match those in StatusNotification',
  refs: ['B07', 'G01', 'TC_B_53'],
  category: 'inventory',
  evaluate(evidence: Evidence): CheckResult {
    const check = topologyMatchesStatus;
    const findings = new Map<Kind, Finding[]>();
    const add = (kind: Kind, label: string, seqs: readonly number[]): void => {
      pushTo(findings, kind, { label, seqs: [...seqs] });
    };

    const status = statusConnectors(evidence, add);
    const viaEvent = availabilityEventConnectors(evidence);
    const via = availabilityMessages(evidence);
    const inventory = fullInventory(evidence);
    if (inventory.kind === 'unavailable') {
      // A zero id in StatusNotification is wrong whatever the inventory says.
      if (findings.has('status-zero-id')) return verdictOf(findings, { statusConnectors: [...status.keys()] }, via, 'FAIL');
      return resultOf(check, inventory.verdict, inventory.reason, inventory.seqs);
    }

    const topology = inventoryTopology(inventory.items, add);
    const bootedDuringAudit = evidence.station.boot !== undefined;
    const details: Record<string, unknown> = {
      evseCount: topology.evses.size,
      connectorsPerEvse: Object.fromEntries([...topology.evses.keys()].sort((a, b) => a - b).map((evse) => [String(evse), connectorsOf(topology.connectors, evse)])),
      inventoryConnectors: [...topology.connectors.keys()],
      statusConnectors: [...status.keys()],
      bootedDuringAudit,
      reportComplete: inventory.complete,
    };

    if (status.size === 0 && evidence.statusNotifications.length === 0 && viaEvent.size === 0) {
      if (hasFailure(findings)) return verdictOf(findings, details, via, 'FAIL');
      return resultOf(check, 'INCONCLUSIVE', `No StatusNotification arrived during the audit, so the inventory's ${plural(topology.connectors.size, 'connector')} could not be compared with what the station reports.`, [], details);
    }

    for (const [key, seqs] of status) {
      if (!topology.connectors.has(key)) add('status-not-in-inventory', `connector ${key}`, seqs);
    }
    for (const [key, seqs] of topology.connectors) {
      if (!status.has(key) && !viaEvent.has(key)) add(bootedDuringAudit ? 'inventory-not-in-status' : 'inventory-not-in-status-no-boot', `Connector@${key}`, seqs);
    }
    for (const [evse, seqs] of topology.evses) {
      if (connectorsOf(topology.connectors, evse).length === 0) add('evse-without-connector', `EVSE@${evse}`, seqs);
    }
    for (const [key, seqs] of topology.connectors) {
      const evse = Number(key.split('/')[0]);
      if (!topology.evses.has(evse)) add('connector-without-evse', `Connector@${key}`, seqs);
    }

    if (findings.size === 0) {
      const shape = [...topology.evses.keys()]
        .sort((a, b) => a - b)
        .map((evse) => `EVSE ${evse}: ${plural(connectorsOf(topology.connectors, evse).length, 'connector')}`)
        .join(', ');
      const seqs = uniqueSeqs([...[...status.values()].flat(), ...[...topology.connectors.values()].flat(), ...[...topology.evses.values()].flat()]);
      return resultOf(check, 'PASS', `The inventory's ${plural(topology.evses.size, 'EVSE')} (${shape}) match the connectors the station reported in StatusNotification.`, seqs, details);
    }
    // Connectors the inventory lacks may have been in report parts that never came.
    const onlyAbsences = [...findings.keys()].every((kind) => KINDS[kind].level === 'warn' || kind === 'status-not-in-inventory');
    if (!inventory.complete && onlyAbsences && findings.has('status-not-in-inventory')) return verdictOf(findings, details, via, 'INCONCLUSIVE');
    return verdictOf(findings, details, via);
  },
};

type Kind =
  | 'status-zero-id'
  | 'status-unreadable'
  | 'inventory-bad-id'
  | 'status-not-in-inventory'
  | 'inventory-not-in-status'
  | 'inventory-not-in-status-no-boot'
  | 'evse-without-connector'
  | 'connector-without-evse';

interface Finding {
  label: string;
  seqs: number[];
}

const KINDS: Record<Kind, { level: 'fail' | 'warn'; text: string }> = {
  'status-zero-id': { level: 'fail', text: 'StatusNotification with evseId or connectorId 0 (both count from 1)' },
  'status-unreadable': { level: 'fail', text: 'StatusNotification without an integer evseId and connectorId' },
  'inventory-bad-id': { level: 'fail', text: 'EVSE or Connector component with a missing or non-positive evse.id / connectorId (both count from 1, so the audit does not count it as an EVSE or connector)' },
  'status-not-in-inventory': { level: 'fail', text: 'connectors reported in StatusNotification but missing from the FullInventory' },
  'inventory-not-in-status': { level: 'fail', text: 'connectors in the FullInventory never reported in {via} after the boot' },
  'inventory-not-in-status-no-boot': { level: 'warn', text: 'connectors in the FullInventory never reported in {via} (the station did not boot during the audit, so it may only report changes)' },
  'evse-without-connector': { level: 'warn', text: 'EVSE components without any Connector component' },
  'connector-without-evse': { level: 'warn', text: 'Connector components on an EVSE that has no EVSE component' },
};

const KIND_ORDER = Object.keys(KINDS) as Kind[];

function hasFailure(findings: ReadonlyMap<Kind, Finding[]>): boolean {
  return [...findings.keys()].some((kind) => KINDS[kind].level === 'fail');
}

/** `via`: how the station's version reports availability (availabilityMessages), named in the texts that say `{via}`. */
function verdictOf(findings: ReadonlyMap<Kind, Finding[]>, details: Record<string, unknown>, via: string, forced?: Verdict): CheckResult {
  const kinds = KIND_ORDER.filter((kind) => findings.has(kind));
  const verdict: Verdict = forced ?? (hasFailure(findings) ? 'FAIL' : 'WARN');
  const text = kinds.map((kind) => `${KINDS[kind].text.replace('{via}', via)}: ${listSome(findings.get(kind)!.map((finding) => finding.label), 5)}`).join('; ');
  const suffix = verdict === 'INCONCLUSIVE' ? ' The FullInventory never completed, so these connectors may have been in the parts that did not arrive.' : '';
  const seqs = uniqueSeqs(kinds.flatMap((kind) => findings.get(kind)!.flatMap((finding) => finding.seqs)));
  const counts = Object.fromEntries(kinds.map((kind) => [kind, findings.get(kind)!.length]));
  return resultOf(topologyMatchesStatus, verdict, `${text}.${suffix}`, seqs, { ...details, problems: counts });
}

/** `evse/connector` → seqs of the StatusNotifications naming it; zero and unreadable ids are findings. */
function statusConnectors(evidence: Evidence, add: (kind: Kind, label: string, seqs: readonly number[]) => void): Map<string, number[]> {
  const pairs = new Map<string, number[]>();
  const zero = new Map<string, number[]>();
  for (const message of evidence.statusNotifications) {
    const { evseId, connectorId } = message.payload;
    if (typeof evseId !== 'number' || typeof connectorId !== 'number' || !Number.isInteger(evseId) || !Number.isInteger(connectorId)) {
      add('status-unreadable', `seq ${message.seq}`, [message.seq]);
      continue;
    }
    const key = `${evseId}/${connectorId}`;
    const target = evseId <= 0 || connectorId <= 0 ? zero : pairs;
    pushTo(target, key, message.seq);
  }
  for (const [key, seqs] of zero) add('status-zero-id', `evseId/connectorId ${key} (${plural(seqs.length, 'message')})`, seqs);
  return new Map([...pairs].sort(([a], [b]) => comparePairs(a, b)));
}

interface Topology {
  /** EVSE id → seqs of the EVSE component's items. */
  evses: Map<number, number[]>;
  /** `evse/connector` → seqs of the Connector component's items. */
  connectors: Map<string, number[]>;
}

function inventoryTopology(items: readonly DeviceModelEntry[], add: (kind: Kind, label: string, seqs: readonly number[]) => void): Topology {
  const evses = new Map<number, number[]>();
  const connectors = new Map<string, number[]>();
  const bad = new Map<string, number[]>();
  for (const item of items) {
    const { component } = item;
    const isEvse = sameName(component.name, 'EVSE');
    const isConnector = sameName(component.name, 'Connector');
    if (!isEvse && !isConnector) continue;
    const evse = component.evse;
    const wellPlaced = isEvse
      ? evse !== undefined && evse.id > 0 && evse.connectorId === undefined
      : evse !== undefined && evse.id > 0 && evse.connectorId !== undefined && evse.connectorId > 0;
    if (!wellPlaced || !evse) {
      const label = componentLabel(component);
      pushTo(bad, label, item.seq);
      continue;
    }
    if (isEvse) pushTo(evses, evse.id, item.seq);
    else {
      const key = `${evse.id}/${evse.connectorId}`;
      pushTo(connectors, key, item.seq);
    }
  }
  for (const [label, seqs] of bad) add('inventory-bad-id', label, seqs);
  return { evses, connectors: new Map([...connectors].sort(([a], [b]) => comparePairs(a, b))) };
}

function connectorsOf(connectors: ReadonlyMap<string, number[]>, evse: number): number[] {
  return [...connectors.keys()].filter((key) => Number(key.split('/')[0]) === evse).map((key) => Number(key.split('/')[1]));
}

function comparePairs(a: string, b: string): number {
  const [ae, ac] = a.split('/').map(Number) as [number, number];
  const [be, bc] = b.split('/').map(Number) as [number, number];
  return ae - be || ac - bc;
}
