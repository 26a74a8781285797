import { componentLabel, sameComponent, sameVariable, toComponent, toVariable, variableLabel } from './component-ref.js';
import type { ComponentRefJson, LostMonitor, VariableRefJson } from './evidence.js';
import { asArray, asBoolean, asNumber, asRecord, asString } from './payload-read.js';

/**
 * One monitor as a NotifyMonitoringReport lists it (N02): where it watches, its id and its
 * settings. 2.0.1 reports do not say who set a monitor (no origin field; 2.1 adds one), so the
 * origin has to be told from what the station does with it (see restore-monitors).
 */
export interface StationMonitor {
  id: number;
  component: ComponentRefJson;
  variable: VariableRefJson;
  type: string;
  value: number;
  severity: number;
  transaction: boolean;
  /** Journal seq of the report part that listed it. */
  seq: number;
}

/**
 * The monitors listed in NotifyMonitoringReport parts. Accepts the parts (collected messages or
 * bare payloads), a part's `monitor` array, or monitors already flat (StationMonitor, or records
 * holding one as `monitor`, as a remembered capture gives them). Entries without a usable component, variable, id,
 * type, value or severity are left out (the report's schema findings judge those).
 */
export function monitorsIn(report: unknown): StationMonitor[] {
  const monitors: StationMonitor[] = [];
  const addMonitorData = (list: unknown, seq: number): void => {
    for (const raw of asArray(list)) {
      const data = asRecord(raw);
      const component = toComponent(data?.component);
      const variable = toVariable(data?.variable);
      if (!component || !variable) continue;
      for (const item of asArray(data?.variableMonitoring).map(asRecord)) {
        const id = asNumber(item?.id);
        const type = asString(item?.type);
        const value = asNumber(item?.value);
        const severity = asNumber(item?.severity);
        if (id === undefined || type === undefined || value === undefined || severity === undefined) continue;
        monitors.push({ id, component, variable, type, value, severity, transaction: asBoolean(item?.transaction) ?? false, seq });
      }
    }
  };
  for (const element of asArray(report)) {
    const outer = asRecord(element);
    // A lost-monitor record ({monitor: {...}}) holds a flat monitor one level down; a payload's `monitor` is an array.
    const record = asRecord(outer?.monitor) ?? outer;
    if (record === undefined) continue;
    const flat = flatMonitor(record);
    if (flat) {
      monitors.push(flat);
      continue;
    }
    // A collected message ({seq, payload}), a bare payload ({monitor: [...]}), or a MonitoringDataType ({component, variable, variableMonitoring}).
    const payload = asRecord(record.payload) ?? record;
    if (Array.isArray(payload.monitor)) addMonitorData(payload.monitor, asNumber(record.seq) ?? 0);
    else if (record.variableMonitoring !== undefined) addMonitorData([record], 0);
  }
  return monitors;
}

/** A monitor already in the flat form (a StationMonitor, e.g. from a capture remembered by a case). */
function flatMonitor(record: Record<string, unknown>): StationMonitor | undefined {
  const component = toComponent(record.component);
  const variable = toVariable(record.variable);
  const id = asNumber(record.id);
  const type = asString(record.type);
  const value = asNumber(record.value);
  const severity = asNumber(record.severity);
  if (!component || !variable || id === undefined || type === undefined || value === undefined || severity === undefined) return undefined;
  return { id, component, variable, type, value, severity, transaction: asBoolean(record.transaction) ?? false, seq: asNumber(record.seq) ?? 0 };
}

/** Same place (component and variable), type, value, severity and transaction flag: the same monitor whatever its id. */
export function sameSettings(a: Omit<StationMonitor, 'seq' | 'id'>, b: Omit<StationMonitor, 'seq' | 'id'>): boolean {
  return sameComponent(a.component, b.component) && sameVariable(a.variable, b.variable) && a.type === b.type && a.value === b.value && a.severity === b.severity && a.transaction === b.transaction;
}

/** Same place, type and severity: what makes a second monitor a Duplicate (N04.FR.10). */
export function sameSlot(a: Omit<StationMonitor, 'seq' | 'id'>, b: Omit<StationMonitor, 'seq' | 'id'>): boolean {
  return sameComponent(a.component, b.component) && sameVariable(a.variable, b.variable) && a.type === b.type && a.severity === b.severity;
}

/** One key per settings (what sameSettings compares), for pairing long lists without comparing every pair. */
function settingsKey(m: Omit<StationMonitor, 'seq' | 'id'>): string {
  const evse = m.component.evse ? `${m.component.evse.id}/${m.component.evse.connectorId ?? ''}` : '';
  return JSON.stringify([m.component.name.toLowerCase(), m.component.instance ?? null, evse, m.variable.name.toLowerCase(), m.variable.instance ?? null, m.type, m.value, m.severity, m.transaction]);
}

/**
 * Pairs monitors of two lists with the same settings, one to one, preferring the same id.
 * Returns those of `a` without a partner (gone) and those of `b` without one (new), each in its
 * list's order.
 */
export function compareMonitors(a: readonly StationMonitor[], b: readonly StationMonitor[]): { onlyInA: StationMonitor[]; onlyInB: StationMonitor[]; pairs: Array<[StationMonitor, StationMonitor]> } {
  const waiting = new Map<string, StationMonitor[]>();
  for (const monitor of b) {
    const key = settingsKey(monitor);
    waiting.set(key, [...(waiting.get(key) ?? []), monitor]);
  }
  const paired = new Set<StationMonitor>();
  const pairs: Array<[StationMonitor, StationMonitor]> = [];
  const take = (monitor: StationMonitor, partner: StationMonitor | undefined): boolean => {
    if (partner === undefined) return false;
    const same = waiting.get(settingsKey(monitor)) ?? [];
    same.splice(same.indexOf(partner), 1);
    paired.add(partner);
    pairs.push([monitor, partner]);
    return true;
  };
  // Same id and settings first, so an unchanged monitor is never paired with a look-alike.
  const leftovers = a.filter((monitor) => !take(monitor, waiting.get(settingsKey(monitor))?.find((other) => other.id === monitor.id)));
  const onlyInA = leftovers.filter((monitor) => !take(monitor, waiting.get(settingsKey(monitor))?.[0]));
  return { onlyInA, onlyInB: b.filter((monitor) => !paired.has(monitor)), pairs };
}

/** A monitor in words: `monitor #6 Connector@1/1.Temperature Periodic 86400 s, severity 8`. */
export function describeMonitor(monitor: Omit<StationMonitor, 'seq'>): string {
  const unit = monitor.type === 'Periodic' || monitor.type === 'PeriodicClockAligned' ? ' s' : '';
  const transaction = monitor.transaction ? ', during transactions' : '';
  return `monitor #${monitor.id} ${componentLabel(monitor.component)}.${variableLabel(monitor.variable)} ${monitor.type} ${monitor.value}${unit}, severity ${monitor.severity}${transaction}`;
}

/** The schemas set no bound on ids, but stations commonly keep them in 32-bit signed integers. */
const MAX_ID = 2_147_483_647;

/**
 * An id that none of the listed monitors has and that a station is unlikely to give out soon,
 * for probing an unknown id (N06.FR.02) without touching a monitor that is there.
 */
export function unusedMonitorId(monitors: readonly Pick<StationMonitor, 'id'>[]): number {
  const ids = new Set(monitors.map((m) => m.id));
  // A loop, not Math.max(...ids): a station may list more monitors than a call can take as arguments.
  let highest = 0;
  for (const id of ids) if (id > highest) highest = id;
  const far = Math.max(987_654, highest + 100_000);
  if (far <= MAX_ID && !ids.has(far)) return far;
  let candidate = 1;
  while (ids.has(candidate)) candidate += 1;
  return candidate;
}

/**
 * What became of one custom monitor the case removed, in words: `monitor #6 Connector@1/1.Temperature
 * Periodic 86400 s, severity 8: re-created as #41`. `verification` says whether the report taken
 * after setting it again came complete (a monitor missing from an incomplete one is unknown).
 */
export function describeLost(lost: LostMonitor, verification: { complete: boolean } | undefined): string {
  const monitor = describeMonitor(lost.monitor);
  const recreate = lost.recreate;
  if (lost.verifiedAs !== undefined) {
    if (recreate?.replacing !== undefined) return `${monitor}: re-created as #${lost.verifiedAs} (the settings put back on the station's own monitor that it had changed)`;
    if (recreate?.status === 'Duplicate') return `${monitor}: back as #${lost.verifiedAs} (the station answered Duplicate: it had it already)`;
    return `${monitor}: re-created as #${lost.verifiedAs}`;
  }
  if (recreate === undefined) return `${monitor}: not re-created`;
  if (recreate.unanswered) return `${monitor}: could not be re-created: ${recreate.detail ?? 'no answer'}`;
  if (recreate.status === 'Accepted') {
    const as = recreate.id !== undefined ? ` as #${recreate.id}` : '';
    return verification?.complete === true ? `${monitor}: accepted${as}, but not listed in the report that followed` : `${monitor}: accepted${as}, but the report to verify it did not come complete`;
  }
  return `${monitor}: could not be re-created: ${recreate.status}${recreate.detail ? ` (${recreate.detail})` : ''}`;
}

/** A manufacturer's monitor the case removed, in words. */
export function describeManufacturerLost(monitor: StationMonitor): string {
  return `${describeMonitor(monitor)}: the station's own monitor (listed after FactoryDefault or HardWiredOnly) did not come back when the base was restored; only the station can bring it back`;
}
