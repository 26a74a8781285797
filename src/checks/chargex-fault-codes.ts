import type { ComponentRefJson, DeviceModelEntry, Evidence, VariableRefJson } from '../evidence/evidence.js';
import { type Check, type CheckResult, resultOf } from './check.js';
import { componentLabel, sameComponent, sameVariable, variableLabel } from '../evidence/component-ref.js';
import { allNotifyEvents, type EventItem, eventItems, seqList } from './events/event-items.js';
import { chargeXCode } from './events/chargex-codes.js';
import { fullInventory } from './inventory/full-inventory.js';

/** How many places, codes and pairs the details list (the reason names fewer). */
const LISTED = 20;

/** One fault code as raised on one component/variable, and what became of it. */
interface Fault {
  code: string;
  place: string;
  raisedSeq: number;
  raisedAgain: number;
  clearedSeq?: number;
}

/**
 * Fault codes in NotifyEvent (`eventData.techCode`), judged against the ChargeX Minimum Required
 * Error Codes (CX001–CX026; guideline-sources.md §3, the OCA uptime white paper §7 names techCode
 * as their place in 2.0.1). OCPP leaves techCode free, so nothing here is a FAIL: a code outside
 * the list is a WARN (a CSMS cannot tell what the fault is), and so is an event on a
 * component/variable the station's FullInventory does not report (an operator cannot monitor or
 * look up what the event names; EVerest's stock EVSE.Problem is such a case). A lasting fault is
 * raised and later sent again with `cleared` true on the same component/variable (N07.FR.02 for
 * monitors; CharIN UEC's rule for hard-wired faults); a fault still raised when the audit ended is
 * reported as such, since a fault may well last longer than an audit.
 */
export const chargexFaultCodes: Check = {
  id: 'chargex-fault-codes',
  title: 'Fault codes in NotifyEvent techCode are ChargeX codes, are cleared, and name reported variables',
  refs: ['N07', 'N07.FR.02', 'N07.FR.06', 'N07.FR.14', 'TC_N_20', 'ChargeX MREC CX001–CX026'],
  category: 'events',
  evaluate(evidence: Evidence): CheckResult {
    const items = eventItems(allNotifyEvents(evidence));
    const coded = items.filter((item) => item.techCode !== undefined);
    if (coded.length === 0) return resultOf(chargexFaultCodes, 'NOT APPLICABLE', 'No NotifyEvent of the audit carried a techCode, so there was no fault code to judge.');

    const unknown = coded.filter((item) => chargeXCode(item.techCode ?? '') === undefined);
    const faults = pairFaults(items);
    const stillRaised = faults.filter((f) => f.clearedSeq === undefined);
    const cleared = faults.filter((f) => f.clearedSeq !== undefined);
    const inventory = inventoryVerdict(evidence, coded);

    const codes = [...new Set(coded.map((item) => item.techCode ?? ''))];
    const details = {
      events: coded.length,
      codes: codes.slice(0, LISTED).map((code) => ({ code, chargeX: chargeXCode(code)?.name ?? null, events: coded.filter((item) => item.techCode === code).length })),
      faults: faults.slice(0, LISTED).map((f) => ({ code: f.code, place: f.place, raisedSeq: f.raisedSeq, clearedSeq: f.clearedSeq ?? null, raisedAgain: f.raisedAgain })),
      unknownCodes: [...new Set(unknown.map((item) => item.techCode))].slice(0, LISTED),
      unreported: inventory.unreported.slice(0, LISTED),
      inventory: inventory.note ?? 'judged',
    };

    const lifecycle = lifecycleText(cleared, stillRaised);
    const problems: string[] = [];
    if (unknown.length > 0) {
      const names = [...new Set(unknown.map((item) => `${item.techCode} on ${placeOf(item)}`))];
      problems.push(`${unknown.length} of ${coded.length} event(s) carry a code outside the ChargeX list (${listed(names)}), so a CSMS cannot tell which fault it is`);
    }
    if (inventory.unreported.length > 0) problems.push(`fault events name ${listed(inventory.unreported)}, which the station's FullInventory does not report, so an operator cannot look the fault up or monitor it`);
    const seqs = seqList(coded.map((item) => item.seq));
    if (problems.length > 0) return resultOf(chargexFaultCodes, 'WARN', `${capitalized(problems.join('; '))}. ${lifecycle}${inventory.note ? ` ${capitalized(inventory.note)}` : ''}`, seqs, details);
    const where = inventory.note ?? 'every one named a component/variable the FullInventory reports.';
    return resultOf(chargexFaultCodes, 'PASS', `The station sent ${coded.length} fault event(s), all with ChargeX codes (${listed(codes.map(describe))}); ${where} ${lifecycle}`, seqs, details);
  },
};

/**
 * Walks the events in order: an event with a techCode that is not a clear raises that code on its
 * component/variable; a clear on the same component/variable ends it (its techCode, when present,
 * must be the raised one; UEC clears need not repeat it). A clear without a raise seen is not
 * counted against the station: the raise may predate the audit or have been dropped offline
 * (N07.FR.04 remark).
 */
function pairFaults(items: readonly EventItem[]): Fault[] {
  const faults: Fault[] = [];
  for (const item of items) {
    const place = placeOf(item);
    const open = faults.filter((f) => f.place === place && f.clearedSeq === undefined);
    if (isClear(item)) {
      const match = open.find((f) => item.techCode === undefined || f.code === item.techCode);
      if (match) match.clearedSeq = item.seq;
      continue;
    }
    if (item.techCode === undefined) continue;
    const same = open.find((f) => f.code === item.techCode);
    if (same) same.raisedAgain += 1;
    else faults.push({ code: item.techCode, place, raisedSeq: item.seq, raisedAgain: 0 });
  }
  return faults;
}

/**
 * `cleared` true (N07.FR.02; hard-wired notifications follow it); or a Delta event reporting the
 * flag back to "false": a Delta monitor on a fault flag never sets `cleared` (it does not apply to
 * deltas), its event with the new value is the end of the fault.
 */
function isClear(item: EventItem): boolean {
  return item.cleared === true || (item.trigger === 'Delta' && typeof item.actualValue === 'string' && item.actualValue.toLowerCase() === 'false');
}

function lifecycleText(cleared: readonly Fault[], stillRaised: readonly Fault[]): string {
  const parts: string[] = [];
  if (cleared.length > 0) parts.push(`${cleared.length} raised fault(s) were cleared later (${listed(cleared.map((f) => `${f.code} on ${f.place}`))})`);
  if (stillRaised.length > 0) parts.push(`${stillRaised.length} stayed raised until the audit ended (${listed(stillRaised.map((f) => `${f.code} on ${f.place}`))}); a fault may outlast an audit, so this is noted, not held against the station`);
  return parts.length > 0 ? `${capitalized(parts.join('; '))}.` : 'No fault was raised, only cleared.';
}

interface InventoryVerdict {
  unreported: string[];
  /** Why the component/variable could not be judged, when it could not. */
  note?: string;
}

/** Which places of the coded events the FullInventory does not report (issue 13: a cut-off report proves no absence). */
function inventoryVerdict(evidence: Evidence, coded: readonly EventItem[]): InventoryVerdict {
  const inventory = fullInventory(evidence);
  if (inventory.kind === 'unavailable') return { unreported: [], note: 'whether the events name reported components could not be judged: there is no FullInventory to compare with.' };
  const missing = [...new Set(coded.filter((item) => !reported(inventory.items, item.component, item.variable)).map(placeOf))];
  if (missing.length > 0 && !inventory.complete) return { unreported: [], note: `whether ${listed(missing)} exist is unknown: the FullInventory never finished.` };
  return { unreported: missing };
}

function reported(entries: readonly DeviceModelEntry[], component: ComponentRefJson | undefined, variable: VariableRefJson | undefined): boolean {
  return entries.some((entry) => sameComponent(entry.component, component) && sameVariable(entry.variable, variable));
}

function placeOf(item: EventItem): string {
  return `${componentLabel(item.component)}.${variableLabel(item.variable)}`;
}

function describe(code: string): string {
  const entry = chargeXCode(code);
  return entry ? `${code} ${entry.name}` : code;
}

/** Up to three, then how many more. */
function listed(names: readonly string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
