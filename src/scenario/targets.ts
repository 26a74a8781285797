import { ToolError } from '../errors.js';
import type { ComponentRefJson, DeviceModelEntry, TargetChoice, VariableRefJson } from '../evidence/evidence.js';
import { appliesToVersion, type OcppVersion } from '../evidence/ocpp-version.js';
import { targetDeltaProbe, type TargetDeltaProbe } from './target-delta-probe.js';

/** A target as test cases see it (`${targets.numeric.component}` ...), with derived probe values. */
export interface Target extends TargetChoice, Partial<TargetDeltaProbe> {
  /** numeric: a valid value above the current one (writes that cross an UpperThreshold at `value`). */
  above?: number;
  /** numeric: a Delta that `above - value` exceeds. */
  delta?: number;
  /** numeric: a threshold outside the variable's limits (needs a minLimit or maxLimit). */
  outOfRange?: number;
  /** nonNumeric, writable: another valid value to write. */
  other?: string;
  /** constrained: a value the variable's data type, limits or values list rule out. */
  invalid?: string;
}

/** What each role is for, in the words the evidence uses. */
export const TARGET_ROLES = {
  numeric: 'a writable, monitorable integer or decimal: threshold and delta events are provoked by writing it',
  targetDelta: 'a monitorable integer or decimal with an Actual and a Target attribute, one of them writable: OCPP 2.1 TargetDelta events are provoked by moving it',
  monitorable: 'a monitorable variable for periodic reports (a read-only reading when there is one)',
  boolean: 'a monitorable boolean: thresholds do not apply to it (UnsupportedMonitorType)',
  unmonitorable: 'a variable that does not support monitoring',
  nonNumeric: 'a writable, monitorable non-numeric variable: any change is a Delta event',
  known: 'a readable variable: GetVariables of it must be Accepted with its value (B06)',
  readOnly: 'a read-only variable with a value: writing it must be Rejected (B05.FR.08); the probe writes the value it already has, so a station that takes it changes nothing',
  writable: 'a writable variable with another valid value: the value is written, read back and restored (B05)',
  constrained: 'a writable variable whose data type, limits or values list rule out some value: writing that value must be Rejected (TC_B_11)',
  noMaxSet: 'a variable without a MaxSet attribute: reading or writing MaxSet must be NotSupportedAttributeType (B05.FR.06, B06.FR.08); the probe writes the Actual value, so a station that writes Actual instead changes nothing',
} as const;
export type TargetRole = keyof typeof TARGET_ROLES;

/** Roles only a newer OCPP version's cases use; the others serve every version (DEFAULT_VERSIONS). */
const ROLE_VERSIONS: Partial<Record<TargetRole, readonly OcppVersion[]>> = { targetDelta: ['2.1'] };

/** What a role needs, as a noun phrase for reasons: `read-only variable with a value`. */
export function roleNoun(role: string): string {
  return Object.hasOwn(TARGET_ROLES, role) ? TARGET_ROLES[role as TargetRole].replace(/:.*$/, '').replace(/^an? /, '') : `variable for "${role}"`;
}

/**
 * Roles whose probes (variables-get-set) run one request at a time and restore what they change,
 * so they may use a variable another role uses: a small device model still gets every probe. The
 * monitoring roles are used together in one case and must be different variables.
 */
const SHARING_ROLES: ReadonlySet<TargetRole> = new Set(['known', 'readOnly', 'writable', 'constrained', 'noMaxSet']);

/**
 * Variables the audit never writes: changing them could lock the audit or the operator out, or
 * switch off a part of a real station (Enabled/Available/Active of any component).
 */
const NEVER_WRITE = /^(SecurityCtrlr|OCPPCommCtrlr\.NetworkConfigurationPriority|OCPPCommCtrlr\.MessageTimeout|OCPPCommCtrlr\.WebSocketPingInterval|NetworkConfiguration|[^.]+\.(Available|Enabled|Active|AvailabilityState)$)/;

const label = (entry: Pick<DeviceModelEntry, 'component' | 'variable'>): string => `${entry.component.name}.${entry.variable.name}`;
const actualOf = (entry: DeviceModelEntry) => entry.variableAttribute.find((a) => (a.type ?? 'Actual') === 'Actual');
const isNumeric = (entry: DeviceModelEntry): boolean => ['integer', 'decimal'].includes(entry.variableCharacteristics?.dataType ?? '');
const monitorable = (entry: DeviceModelEntry): boolean => entry.variableCharacteristics?.supportsMonitoring === true;
const neverWritten = (entry: DeviceModelEntry): boolean => NEVER_WRITE.test(label(entry)) || NEVER_WRITE.test(entry.component.name);
const writable = (entry: DeviceModelEntry): boolean => actualOf(entry)?.mutability === 'ReadWrite' && !neverWritten(entry);
const readable = (entry: DeviceModelEntry): boolean => actualOf(entry) !== undefined && actualOf(entry)?.mutability !== 'WriteOnly';

/**
 * Picks a variable for each role from the station's own device model, or takes the user's
 * choice, and says why. Roles nothing fits are listed with the reason; cases that need them
 * become NOT APPLICABLE. Without a device model (`undefined`: no FullInventory yet) only the
 * user's choices are taken, as given. Roles for another OCPP version's cases are left out.
 */
export function chooseTargets(
  entries: readonly DeviceModelEntry[] | undefined,
  overrides: Partial<Record<TargetRole, { component: ComponentRefJson; variable: VariableRefJson }>> = {},
  version: OcppVersion = '2.0.1',
): { targets: Partial<Record<TargetRole, Target>>; missing: Array<{ role: string; reason: string }> } {
  const targets: Partial<Record<TargetRole, Target>> = {};
  const missing: Array<{ role: string; reason: string }> = [];
  if (entries === undefined) {
    for (const [role, override] of Object.entries(overrides) as Array<[TargetRole, { component: ComponentRefJson; variable: VariableRefJson }]>) {
      targets[role] = describe(role, { ...override, variableAttribute: [], seq: 0 }, 'user', 'chosen by the user (no FullInventory to check it against)');
    }
    return { targets, missing };
  }
  const used = new Set<DeviceModelEntry>();

  // The user's choices first, so that automatic choices never reuse their variables.
  for (const [role, override] of Object.entries(overrides) as Array<[TargetRole, { component: ComponentRefJson; variable: VariableRefJson }]>) {
    if (SHARING_ROLES.has(role)) continue;
    const entry = entries.find((e) => sameAddress(e, override));
    if (entry) used.add(entry);
  }
  const roles = (Object.keys(TARGET_ROLES) as TargetRole[]).filter((role) => appliesToVersion({ versions: ROLE_VERSIONS[role] }, version));
  for (const role of roles) {
    const override = overrides[role];
    if (override) {
      const entry = entries.find((e) => sameAddress(e, override));
      targets[role] = describe(role, entry ?? { ...override, variableAttribute: [], seq: 0 }, 'user', entry ? 'chosen by the user' : 'chosen by the user; the station did not report this variable');
      continue;
    }
    const candidates = entries.filter((entry) => (SHARING_ROLES.has(role) || !used.has(entry)) && fits(role, entry));
    candidates.sort((a, b) => preference(role, a) - preference(role, b));
    const chosen = candidates[0];
    if (!chosen) {
      missing.push({ role, reason: `the station reports no ${roleNoun(role)}` });
      continue;
    }
    if (!SHARING_ROLES.has(role)) used.add(chosen);
    targets[role] = describe(role, chosen, 'auto', `${TARGET_ROLES[role]}; ${candidates.length} candidate(s), first by preference`);
  }
  return { targets, missing };
}

function fits(role: TargetRole, entry: DeviceModelEntry): boolean {
  const dataType = entry.variableCharacteristics?.dataType;
  switch (role) {
    case 'numeric':
      return isNumeric(entry) && monitorable(entry) && writable(entry) && numericProbe(entry) !== undefined;
    case 'targetDelta':
      return monitorable(entry) && !neverWritten(entry) && targetDeltaProbe(entry) !== undefined;
    case 'monitorable':
      return monitorable(entry) && actualOf(entry) !== undefined && actualOf(entry)?.mutability !== 'WriteOnly';
    case 'boolean':
      return dataType === 'boolean' && monitorable(entry);
    case 'unmonitorable':
      return !monitorable(entry) && actualOf(entry) !== undefined && actualOf(entry)?.mutability !== 'WriteOnly';
    case 'nonNumeric':
      return monitorable(entry) && writable(entry) && otherValue(entry) !== undefined;
    case 'known':
      return readable(entry);
    case 'readOnly':
      return actualOf(entry)?.mutability === 'ReadOnly' && actualOf(entry)?.value !== undefined && !neverWritten(entry);
    case 'writable':
      return writable(entry) && validOther(entry) !== undefined;
    case 'constrained':
      return writable(entry) && invalidValue(entry) !== undefined;
    case 'noMaxSet':
      return readable(entry) && actualOf(entry)?.value !== undefined && !entry.variableAttribute.some((a) => a.type === 'MaxSet') && !neverWritten(entry);
  }
}

/** Lower is better: read-only numeric readings for periodic reports, station-level first. */
function preference(role: TargetRole, entry: DeviceModelEntry): number {
  let score = entry.component.evse ? 1 : 0;
  if (role === 'monitorable') score += (isNumeric(entry) ? 0 : 10) + (actualOf(entry)?.mutability === 'ReadOnly' ? 0 : 5);
  if (role === 'unmonitorable') score += isNumeric(entry) ? 0 : 10;
  // A read-only flag for the UnsupportedMonitorType probe leaves the writable ones for nonNumeric.
  if (role === 'boolean') score += actualOf(entry)?.mutability === 'ReadOnly' ? 0 : 5;
  // A variable with a Target is the only kind a 2.1 target monitor can watch: leave it to targetDelta when another will do.
  if (role === 'numeric' && entry.variableAttribute.some((a) => a.type === 'Target')) score += 15;
  // The heartbeat interval changes the station's traffic; prefer anything else.
  if ((role === 'numeric' || role === 'writable' || role === 'constrained') && entry.variable.name === 'HeartbeatInterval') score += 20;
  // Controllers hold settings; a controller's variable makes the clearest probe.
  if (role === 'known' || role === 'readOnly' || role === 'noMaxSet') score += entry.component.name.endsWith('Ctrlr') ? 0 : 2;
  // A station that wrongly writes Actual for MaxSet cannot change a read-only variable.
  if (role === 'noMaxSet') score += actualOf(entry)?.mutability === 'ReadOnly' ? 0 : 5;
  // These probes write the value from the inventory back; a clock has moved on since, so a station
  // that wrongly takes the write would be set back in time.
  if ((role === 'readOnly' || role === 'noMaxSet') && entry.variableCharacteristics?.dataType === 'dateTime') score += 10;
  // Numbers first: their valid and invalid values are the least ambiguous.
  if (role === 'writable' || role === 'constrained') score += DATA_TYPE_PREFERENCE[entry.variableCharacteristics?.dataType ?? ''] ?? 9;
  return score;
}

const DATA_TYPE_PREFERENCE: Record<string, number> = { integer: 0, decimal: 2, boolean: 4, dateTime: 4, OptionList: 5, MemberList: 6, SequenceList: 6, string: 8 };

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

/** writable: a valid value other than the current one (a number one step inside its limits, the other boolean, another option). */
function validOther(entry: DeviceModelEntry): string | undefined {
  const current = actualOf(entry)?.value;
  const characteristics = entry.variableCharacteristics;
  if (current === undefined) return undefined;
  if (characteristics?.dataType === 'integer' || characteristics?.dataType === 'decimal') {
    const text = current.trim();
    const pattern = characteristics.dataType === 'integer' ? /^[-+]?\d+$/ : /^[-+]?\d+(\.\d+)?$/;
    if (!pattern.test(text)) return undefined;
    const value = Number(text);
    const min = characteristics.minLimit ?? Number.NEGATIVE_INFINITY;
    const max = characteristics.maxLimit ?? Number.POSITIVE_INFINITY;
    const other = value + 1 <= max ? value + 1 : value - 1 >= min ? value - 1 : undefined;
    // Written with as many decimals as the current value, so it reads back the same ("10.0" → "11.0").
    return other === undefined || !Number.isFinite(other) ? undefined : other.toFixed(/\.(\d+)$/.exec(text)?.[1]?.length ?? 0);
  }
  return otherValue(entry);
}

/** A name outside any values list: no standard or vendor uses it. */
const NOT_LISTED = 'OcppAuditNotListedQ7x3';

/**
 * constrained: a value the variable's characteristics rule out (B05.FR.08, TC_B_11): text for a
 * number, a boolean or a date-time; a name outside the values list; a string one character longer
 * than its maxLimit (which is a length for strings). Undefined when nothing is ruled out.
 */
function invalidValue(entry: DeviceModelEntry): string | undefined {
  const characteristics = entry.variableCharacteristics;
  const listed = (characteristics?.valuesList ?? '').split(',').map((v) => v.trim()).filter((v) => v.length > 0);
  switch (characteristics?.dataType) {
    case 'integer':
    case 'decimal':
      return 'not-a-number';
    case 'boolean':
      return 'not-a-boolean';
    case 'dateTime':
      return 'not-a-date-time';
    case 'OptionList':
    case 'MemberList':
    case 'SequenceList':
      return listed.length > 0 && !listed.includes(NOT_LISTED) ? NOT_LISTED : undefined;
    case 'string': {
      const max = characteristics.maxLimit;
      // SetVariables values are at most 1000 characters (attributeValue).
      return max !== undefined && Number.isInteger(max) && max >= 0 && max < 1000 ? 'x'.repeat(max + 1) : undefined;
    }
    default:
      return undefined;
  }
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
  if (role === 'targetDelta') Object.assign(target, targetDeltaProbe(entry));
  if (role === 'nonNumeric' || role === 'writable') {
    const other = role === 'nonNumeric' ? otherValue(entry) : validOther(entry);
    if (other !== undefined) target.other = other;
  }
  if (role === 'constrained') {
    const invalid = invalidValue(entry);
    if (invalid !== undefined) target.invalid = invalid;
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
