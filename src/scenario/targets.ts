import { ToolError } from '../errors.js';
import type { ComponentRefJson, DeviceModelEntry, TargetChoice, VariableRefJson } from '../evidence/evidence.js';

/** A target as test cases see it (`${targets.numeric.component}` ...), with derived probe values. */
export interface Target extends TargetChoice {
  /** numeric: a valid value above the current one (writes that cross an UpperThreshold at `value`). */
  above?: number;
  /** numeric: a Delta that `above - value` exceeds. */
  delta?: number;
  /** numeric: a threshold outside the variable's limits (needs a minLimit or maxLimit). */
  outOfRange?: number;
  /** nonNumeric: another valid value to write. */
  other?: string;
}

/** What each role is for, in the words the evidence uses. */
export const TARGET_ROLES = {
  numeric: 'a writable, monitorable integer or decimal: threshold and delta events are provoked by writing it',
  monitorable: 'a monitorable variable for periodic reports (a read-only reading when there is one)',
  boolean: 'a monitorable boolean: thresholds do not apply to it (UnsupportedMonitorType)',
  unmonitorable: 'a variable that does not support monitoring',
  nonNumeric: 'a writable, monitorable non-numeric variable: any change is a Delta event',
} as const;
export type TargetRole = keyof typeof TARGET_ROLES;

/**
 * Variables the audit never writes: changing them could lock the audit or the operator out, or
 * switch off a part of a real station (Enabled/Available/Active of any component).
 */
const NEVER_WRITE = /^(SecurityCtrlr|OCPPCommCtrlr\.NetworkConfigurationPriority|OCPPCommCtrlr\.MessageTimeout|OCPPCommCtrlr\.WebSocketPingInterval|NetworkConfiguration|[^.]+\.(Available|Enabled|Active|AvailabilityState)$)/;

const label = (entry: Pick<DeviceModelEntry, 'component' | 'variable'>): string => `${entry.component.name}.${entry.variable.name}`;
const actualOf = (entry: DeviceModelEntry) => entry.variableAttribute.find((a) => (a.type ?? 'Actual') === 'Actual');
const isNumeric = (entry: DeviceModelEntry): boolean => ['integer', 'decimal'].includes(entry.variableCharacteristics?.dataType ?? '');
const monitorable = (entry: DeviceModelEntry): boolean => entry.variableCharacteristics?.supportsMonitoring === true;
const writable = (entry: DeviceModelEntry): boolean => {
  const mutability = actualOf(entry)?.mutability;
  return mutability === 'ReadWrite' && !NEVER_WRITE.test(label(entry)) && !NEVER_WRITE.test(entry.component.name);
};

/**
 * Picks a variable for each role from the station's own device model, or takes the user's
 * choice, and says why. Roles nothing fits are listed with the reason; cases that need them
 * become NOT APPLICABLE.
 */
export function chooseTargets(
  entries: readonly DeviceModelEntry[],
  overrides: Partial<Record<TargetRole, { component: ComponentRefJson; variable: VariableRefJson }>> = {},
): { targets: Partial<Record<TargetRole, Target>>; missing: Array<{ role: string; reason: string }> } {
  const targets: Partial<Record<TargetRole, Target>> = {};
  const missing: Array<{ role: string; reason: string }> = [];
  const used = new Set<DeviceModelEntry>();

  // The user's choices first, so that automatic choices never reuse their variables.
  for (const override of Object.values(overrides)) {
    const entry = entries.find((e) => sameAddress(e, override));
    if (entry) used.add(entry);
  }
  for (const role of Object.keys(TARGET_ROLES) as TargetRole[]) {
    const override = overrides[role];
    if (override) {
      const entry = entries.find((e) => sameAddress(e, override));
      targets[role] = describe(role, entry ?? { ...override, variableAttribute: [], seq: 0 }, 'user', entry ? 'chosen by the user' : 'chosen by the user; the station did not report this variable');
      continue;
    }
    const candidates = entries.filter((entry) => !used.has(entry) && fits(role, entry));
    candidates.sort((a, b) => preference(role, a) - preference(role, b));
    const chosen = candidates[0];
    if (!chosen) {
      missing.push({ role, reason: `the device model has no ${TARGET_ROLES[role].replace(/:.*$/, '').replace(/^an? /, '')}` });
      continue;
    }
    used.add(chosen);
    targets[role] = describe(role, chosen, 'auto', `${TARGET_ROLES[role]}; ${candidates.length} candidate(s), first by preference`);
  }
  return { targets, missing };
}

function fits(role: TargetRole, entry: DeviceModelEntry): boolean {
  const dataType = entry.variableCharacteristics?.dataType;
  switch (role) {
    case 'numeric':
      return isNumeric(entry) && monitorable(entry) && writable(entry) && numericProbe(entry) !== undefined;
    case 'monitorable':
      return monitorable(entry) && actualOf(entry) !== undefined && actualOf(entry)?.mutability !== 'WriteOnly';
    case 'boolean':
      return dataType === 'boolean' && monitorable(entry);
    case 'unmonitorable':
      return !monitorable(entry) && actualOf(entry) !== undefined && actualOf(entry)?.mutability !== 'WriteOnly';
    case 'nonNumeric':
      return monitorable(entry) && writable(entry) && otherValue(entry) !== undefined;
  }
}

/** Lower is better: read-only numeric readings for periodic reports, station-level first. */
function preference(role: TargetRole, entry: DeviceModelEntry): number {
  let score = entry.component.evse ? 1 : 0;
  if (role === 'monitorable') score += (isNumeric(entry) ? 0 : 10) + (actualOf(entry)?.mutability === 'ReadOnly' ? 0 : 5);
  if (role === 'unmonitorable') score += isNumeric(entry) ? 0 : 10;
  // A read-only flag for the UnsupportedMonitorType probe leaves the writable ones for nonNumeric.
  if (role === 'boolean') score += actualOf(entry)?.mutability === 'ReadOnly' ? 0 : 5;
  // The heartbeat interval changes the station's traffic; prefer anything else.
  if (role === 'numeric' && entry.variable.name === 'HeartbeatInterval') score += 20;
  return score;
}

function numericProbe(entry: DeviceModelEntry): { value: number; above: number; delta: number } | undefined {
  const text = actualOf(entry)?.value;
  const value = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) return undefined;
  const limits = entry.variableCharacteristics;
  // A limit JSON cannot carry back (1e400 reads as Infinity) would make probes the tool cannot send.
  if (!finiteOrAbsent(limits?.maxLimit) || !finiteOrAbsent(limits?.minLimit)) return undefined;
  const max = limits?.maxLimit ?? Number.POSITIVE_INFINITY;
  const above = value + 2 <= max ? value + 2 : value + 1 <= max ? value + 1 : undefined;
  if (above === undefined) return undefined;
  return { value, above, delta: above - value - 1 };
}

function finiteOrAbsent(limit: number | undefined): boolean {
  return limit === undefined || Number.isFinite(limit);
}

function otherValue(entry: DeviceModelEntry): string | undefined {
  const current = actualOf(entry)?.value;
  const characteristics = entry.variableCharacteristics;
  if (current === undefined) return undefined;
  if (characteristics?.dataType === 'boolean') return current === 'true' ? 'false' : 'true';
  if (characteristics?.dataType === 'OptionList') {
    return (characteristics.valuesList ?? '').split(',').map((v) => v.trim()).find((v) => v.length > 0 && v !== current);
  }
  return undefined;
}

function describe(role: TargetRole, entry: DeviceModelEntry, source: 'auto' | 'user', reason: string): Target {
  const characteristics = entry.variableCharacteristics;
  const target: Target = { role, component: entry.component, variable: entry.variable, source, reason };
  if (characteristics?.dataType !== undefined) target.dataType = characteristics.dataType;
  if (characteristics?.minLimit !== undefined) target.minLimit = characteristics.minLimit;
  if (characteristics?.maxLimit !== undefined) target.maxLimit = characteristics.maxLimit;
  const value = actualOf(entry)?.value;
  if (value !== undefined) target.value = value;
  if (role === 'numeric') {
    const probe = numericProbe(entry);
    if (probe) Object.assign(target, { above: probe.above, delta: probe.delta });
    if (characteristics?.maxLimit !== undefined && Number.isFinite(characteristics.maxLimit + 1)) target.outOfRange = characteristics.maxLimit + 1;
    else if (characteristics?.minLimit !== undefined && Number.isFinite(characteristics.minLimit - 1)) target.outOfRange = characteristics.minLimit - 1;
  }
  if (role === 'nonNumeric') {
    const other = otherValue(entry);
    if (other !== undefined) target.other = other;
  }
  return target;
}

function sameAddress(entry: DeviceModelEntry, address: { component: ComponentRefJson; variable: VariableRefJson }): boolean {
  const a = entry.component;
  const b = address.component;
  return (
    a.name.toLowerCase() === b.name.toLowerCase() &&
    (a.instance ?? '') === (b.instance ?? '') &&
    (a.evse?.id ?? 0) === (b.evse?.id ?? 0) &&
    (a.evse?.connectorId ?? 0) === (b.evse?.connectorId ?? 0) &&
    entry.variable.name.toLowerCase() === address.variable.name.toLowerCase() &&
    (entry.variable.instance ?? '') === (address.variable.instance ?? '')
  );
}

/**
 * Parses `--target [role=]Component[.instance][@evse[:connector]]/Variable[.instance]`; without a
 * role it is the numeric target (the one most cases write and monitor).
 */
export function parseTargetOption(text: string): { role: TargetRole; component: ComponentRefJson; variable: VariableRefJson } {
  const match = /^(?:(\w+)=)?([^/.@]+)(?:\.([^/@]+))?(?:@(\d+)(?::(\d+))?)?\/([^/.]+)(?:\.(.+))?$/.exec(text.trim());
  if (!match) throw new ToolError('ERR_INVALID_OPTION', `--target "${text}": expected [role=]Component[.instance][@evse[:connector]]/Variable[.instance]`);
  const [, roleText, name, instance, evse, connector, variableName, variableInstance] = match;
  const role = (roleText ?? 'numeric') as TargetRole;
  if (!Object.hasOwn(TARGET_ROLES, role)) throw new ToolError('ERR_INVALID_OPTION', `--target "${text}": unknown role "${role}" (roles: ${Object.keys(TARGET_ROLES).join(', ')})`);
  const component: ComponentRefJson = { name: name ?? '' };
  if (instance !== undefined) component.instance = instance;
  if (evse !== undefined) component.evse = { id: Number(evse), ...(connector !== undefined ? { connectorId: Number(connector) } : {}) };
  const variable: VariableRefJson = { name: variableName ?? '' };
  if (variableInstance !== undefined) variable.instance = variableInstance;
  return { role, component, variable };
}
