import type { Evidence } from '../evidence/evidence.js';
import { pushTo } from '../collections.js';
import { type Check, type CheckResult, resultOf, type Verdict } from './check.js';
import { allNotifyEvents, eventItems, seqList } from './events/event-items.js';
import { fullInventory } from './inventory/full-inventory.js';
import { sameName } from './inventory/report-items.js';
import { listSome, plural } from './inventory/summary-text.js';

/** ConnectorStatusEnumType: the values AvailabilityState mirrors. */
const CONNECTOR_STATES = new Set(['Available', 'Occupied', 'Reserved', 'Unavailable', 'Faulted']);

type Kind = 'bad-id' | 'not-in-inventory' | 'not-reported' | 'not-reported-no-boot' | 'status-only' | 'unknown-state';

const KINDS: Record<Kind, { level: 'fail' | 'warn'; text: string }> = {
  'bad-id': { level: 'fail', text: 'NotifyEvent on Connector.AvailabilityState without an evse.id and connectorId of 1 or more' },
  'not-in-inventory': { level: 'fail', text: 'connectors whose AvailabilityState came in a NotifyEvent but which the FullInventory lacks' },
  'not-reported': { level: 'fail', text: 'connectors of the FullInventory whose availability never came after the boot, neither as NotifyEvent nor as StatusNotification (B01.FR.05)' },
  'not-reported-no-boot': { level: 'warn', text: 'connectors of the FullInventory whose availability never came (the station did not boot during the audit, so it may only report changes)' },
  'status-only': { level: 'warn', text: 'connectors whose availability came only as StatusNotification, which OCPP 2.1 deprecates in favour of NotifyEvent on Connector.AvailabilityState' },
  'unknown-state': { level: 'warn', text: 'AvailabilityState values outside ConnectorStatusEnumType' },
};
const KIND_ORDER = Object.keys(KINDS) as Kind[];

/**
 * OCPP 2.1 reports connector availability through the device model: after an Accepted boot a
 * NotifyEvent on Connector.AvailabilityState for each connector (B01.FR.05), and on every change
 * (G01.FR.03–.07). StatusNotification is still allowed but deprecated, so a connector reported
 * only that way is a WARN; one reported neither way after a boot the audit saw is a FAIL. The
 * connectors named must be the inventory's Connector components, numbered from 1.
 */
export const availabilityEvents: Check = {
  id: 'availability-events',
  title: 'Connector availability is reported as NotifyEvent on Connector.AvailabilityState',
  refs: ['B01.FR.05', 'G01.FR.03', 'G01.FR.04', 'G01.FR.05', 'G01.FR.06', 'G01.FR.07', 'G01'],
  category: 'events',
  versions: ['2.1'],
  evaluate(evidence: Evidence): CheckResult {
    const inventory = fullInventory(evidence);
    if (inventory.kind === 'unavailable') return resultOf(availabilityEvents, inventory.verdict, inventory.reason, inventory.seqs);
    const connectors = new Map<string, number[]>();
    for (const item of inventory.items) {
      const evse = item.component.evse;
      if (sameName(item.component.name, 'Connector') && evse !== undefined && evse.id > 0 && evse.connectorId !== undefined && evse.connectorId > 0) pushTo(connectors, `${evse.id}/${evse.connectorId}`, item.seq);
    }
    if (connectors.size === 0) {
      return resultOf(availabilityEvents, inventory.complete ? 'NOT APPLICABLE' : 'INCONCLUSIVE', inventory.complete ? 'The FullInventory reports no Connector component, so there is no connector availability to look for.' : 'No Connector component among the FullInventory parts that arrived, so whose availability to expect is unknown.');
    }
    const bootSeq = evidence.boots[0]?.seq;
    const findings = new Map<Kind, Array<{ label: string; seqs: number[] }>>();
    const add = (kind: Kind, label: string, seqs: number[]): void => pushTo(findings, kind, { label, seqs });

    // Availability events after the boot (all of them when the audit saw none).
    const viaEvent = new Map<string, number[]>();
    for (const item of eventItems(allNotifyEvents(evidence))) {
      if (!item.component || !sameName(item.component.name, 'Connector') || !item.variable || !sameName(item.variable.name, 'AvailabilityState') || item.variable.instance !== undefined) continue;
      const evse = item.component.evse;
      if (evse === undefined || !(evse.id > 0) || evse.connectorId === undefined || !(evse.connectorId > 0)) {
        add('bad-id', `seq ${item.seq}`, [item.seq]);
        continue;
      }
      const key = `${evse.id}/${evse.connectorId}`;
      if (typeof item.actualValue !== 'string' || !CONNECTOR_STATES.has(item.actualValue)) add('unknown-state', `${JSON.stringify(item.actualValue)} for connector ${key}`, [item.seq]);
      if (bootSeq === undefined || item.seq > bootSeq) pushTo(viaEvent, key, item.seq);
    }
    const viaStatus = new Map<string, number[]>();
    for (const message of evidence.statusNotifications) {
      if (bootSeq !== undefined && message.seq < bootSeq) continue;
      pushTo(viaStatus, `${String(message.payload['evseId'])}/${String(message.payload['connectorId'])}`, message.seq);
    }

    for (const [key, seqs] of viaEvent) if (!connectors.has(key)) add('not-in-inventory', `connector ${key}`, seqs);
    for (const [key, seqs] of connectors) {
      if (viaEvent.has(key)) continue;
      const status = viaStatus.get(key);
      if (status) add('status-only', `connector ${key}`, status);
      else add(bootSeq === undefined ? 'not-reported-no-boot' : 'not-reported', `connector ${key}`, seqs);
    }

    const details = { connectors: [...connectors.keys()], viaNotifyEvent: [...viaEvent.keys()], viaStatusNotificationOnly: (findings.get('status-only') ?? []).map((f) => f.label), bootedDuringAudit: bootSeq !== undefined, reportComplete: inventory.complete };
    if (findings.size === 0) {
      return resultOf(availabilityEvents, 'PASS', `Every one of the ${plural(connectors.size, 'connector')} of the FullInventory reported its AvailabilityState in a NotifyEvent${bootSeq !== undefined ? ' after the boot' : ''}.`, seqList([...viaEvent.values()].flat()), details);
    }
    const kinds = KIND_ORDER.filter((kind) => findings.has(kind));
    let verdict: Verdict = kinds.some((kind) => KINDS[kind].level === 'fail') ? 'FAIL' : 'WARN';
    // A connector the inventory lacks may be in the parts that never came.
    if (!inventory.complete && verdict === 'FAIL' && kinds.every((kind) => kind === 'not-in-inventory' || KINDS[kind].level === 'warn')) verdict = 'INCONCLUSIVE';
    const text = kinds.map((kind) => `${KINDS[kind].text}: ${listSome(findings.get(kind)!.map((f) => f.label), 5)}`).join('; ');
    return resultOf(availabilityEvents, verdict, `${text}.`, seqList(kinds.flatMap((kind) => findings.get(kind)!.flatMap((f) => f.seqs))), details);
  },
};
