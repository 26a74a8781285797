import { EventEmitter } from 'node:events';
import {
  type AttributeStatus,
  type AttributeType,
  type ComponentRef,
  type StatusInfo,
  type ValueChange,
  type VariableEntry,
  type VariableRef,
} from './types.js';
import { checkValue } from './value-check.js';

/** Base variables every component has, read-only and true, when not listed (Part 1 §4.2). */
const IMPLICIT_BASE_VARIABLES = ['Present', 'Available', 'Enabled'];

export type Lookup =
  | { status: 'UnknownComponent' }
  | { status: 'UnknownVariable' }
  | { status: 'Found'; entry: VariableEntry; implicit?: true };

export interface ReadResult {
  attributeStatus: AttributeStatus;
  attributeValue?: string;
  attributeStatusInfo?: StatusInfo;
}

export interface WriteResult {
  attributeStatus: AttributeStatus;
  attributeStatusInfo?: StatusInfo;
}

/** Component names compare case-insensitively (Part 2, ComponentType.name). */
export function componentKey(component: ComponentRef): string {
  const evse = component.evse ? `${component.evse.id}/${component.evse.connectorId ?? ''}` : '';
  return `${component.name.toLowerCase()}|${component.instance ?? ''}|${evse}`;
}

export function variableKey(variable: VariableRef): string {
  return `${variable.name.toLowerCase()}|${variable.instance ?? ''}`;
}

/**
 * The station's components and variables: lookup by exact address, reads and writes with the
 * B05/B06 statuses, validation of every write against dataType and limits, and a `change` event
 * for every value that really changed (what monitors watch).
 */
export class DeviceModel extends EventEmitter<{ change: [ValueChange] }> {
  readonly #components = new Map<string, Map<string, VariableEntry>>();
  readonly #order: VariableEntry[] = [];
  /** Writes answered RebootRequired, waiting for the reboot that puts them in force. */
  readonly #pending = new Map<VariableEntry, { attributeType: AttributeType; value: string }>();

  constructor(entries: Iterable<VariableEntry> = []) {
    super();
    for (const entry of entries) this.add(entry);
  }

  add(entry: VariableEntry): void {
    const key = componentKey(entry.component);
    let variables = this.#components.get(key);
    if (!variables) {
      variables = new Map();
      this.#components.set(key, variables);
    }
    const vKey = variableKey(entry.variable);
    if (variables.has(vKey)) throw new Error(`duplicate variable ${entry.component.name}.${entry.variable.name}`);
    variables.set(vKey, entry);
    this.#order.push(entry);
  }

  /**
   * Adds a variable after the last one of its component (or at the end for a new component), so
   * reports list a component's variables together: for entries added once the model exists (a
   * newer OCPP version's additions).
   */
  addBesideComponent(entry: VariableEntry): void {
    const key = componentKey(entry.component);
    let last = -1;
    this.#order.forEach((other, index) => {
      if (componentKey(other.component) === key) last = index;
    });
    this.add(entry);
    if (last < 0 || last === this.#order.length - 2) return;
    this.#order.splice(this.#order.length - 1, 1);
    this.#order.splice(last + 1, 0, entry);
  }

  /** Every variable, in the order the profile lists them (reports keep that order). */
  entries(): readonly VariableEntry[] {
    return this.#order;
  }

  /** Distinct components, in profile order. */
  components(): ComponentRef[] {
    const seen = new Map<string, ComponentRef>();
    for (const entry of this.#order) {
      const key = componentKey(entry.component);
      if (!seen.has(key)) seen.set(key, entry.component);
    }
    return [...seen.values()];
  }

  variablesOf(component: ComponentRef): VariableEntry[] {
    return [...(this.#components.get(componentKey(component))?.values() ?? [])];
  }

  hasComponent(component: ComponentRef): boolean {
    return this.#components.has(componentKey(component));
  }

  lookup(component: ComponentRef, variable: VariableRef): Lookup {
    const variables = this.#components.get(componentKey(component));
    if (!variables) return { status: 'UnknownComponent' };
    const entry = variables.get(variableKey(variable));
    if (entry) return { status: 'Found', entry };
    if (variable.instance === undefined && IMPLICIT_BASE_VARIABLES.includes(variable.name)) {
      return { status: 'Found', implicit: true, entry: implicitBase(component, variable.name) };
    }
    return { status: 'UnknownVariable' };
  }

  /** The Actual value, or undefined when there is no such variable. */
  actual(component: ComponentRef, variable: VariableRef): string | undefined {
    const found = this.lookup(component, variable);
    return found.status === 'Found' ? found.entry.attributes.find((a) => a.type === 'Actual')?.value : undefined;
  }

  /**
   * A controller's message limit, e.g. DeviceDataCtrlr.ItemsPerMessage[GetVariables]: a positive
   * whole number, or undefined when the variable is missing or holds anything else (no limit).
   */
  limit(component: string, variable: string, instance?: string): number | undefined {
    const text = this.actual({ name: component }, instance === undefined ? { name: variable } : { name: variable, instance });
    if (text === undefined || !/^\d+$/.test(text)) return undefined;
    const value = Number(text);
    return value > 0 ? value : undefined;
  }

  /** GetVariables for one element (B06.FR.01–09). */
  read(component: ComponentRef, variable: VariableRef, attributeType: AttributeType = 'Actual'): ReadResult {
    const found = this.lookup(component, variable);
    if (found.status !== 'Found') return { attributeStatus: found.status };
    const attribute = found.entry.attributes.find((a) => a.type === attributeType);
    if (!attribute) return { attributeStatus: 'NotSupportedAttributeType' };
    if (attribute.mutability === 'WriteOnly') {
      return { attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'WriteOnly', additionalInfo: 'this variable can be written, not read' } };
    }
    return { attributeStatus: 'Accepted', attributeValue: attribute.value };
  }

  /**
   * SetVariables for one element (B05.FR.01–10): unknown addresses, unsupported attribute types,
   * read-only and constant values, values that do not parse or exceed the limits are refused
   * with the Appendix 5 reason codes; a variable that only takes effect after a reboot answers
   * RebootRequired.
   */
  write(component: ComponentRef, variable: VariableRef, attributeType: AttributeType, value: string): WriteResult {
    const found = this.lookup(component, variable);
    if (found.status !== 'Found') return { attributeStatus: found.status };
    const attribute = found.entry.attributes.find((a) => a.type === attributeType);
    if (!attribute) return { attributeStatus: 'NotSupportedAttributeType' };
    if (attribute.mutability === 'ReadOnly' || attribute.constant || found.implicit) {
      return { attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'ReadOnly', additionalInfo: 'this variable is read-only' } };
    }
    const problem = checkValue(value, found.entry.characteristics);
    if (problem) return { attributeStatus: 'Rejected', attributeStatusInfo: problem };
    if (found.entry.rebootRequired) {
      // Accepted, but in force only after the next reboot (B05: RebootRequired).
      this.#pending.set(found.entry, { attributeType, value });
      return { attributeStatus: 'RebootRequired' };
    }
    this.#assign(found.entry, attributeType, value, 'csms');
    return { attributeStatus: 'Accepted' };
  }

  /**
   * The station's own change of a value (a sensor reading, a state change): no mutability check,
   * but still the dataType and limits. Returns false when there is no such variable or the value
   * does not fit it.
   */
  setByStation(component: ComponentRef, variable: VariableRef, value: string, attributeType: AttributeType = 'Actual'): boolean {
    const found = this.lookup(component, variable);
    if (found.status !== 'Found' || found.implicit) return false;
    if (!found.entry.attributes.some((a) => a.type === attributeType)) return false;
    // The station's own values obey the same characteristics the CSMS is held to.
    if (checkValue(value, found.entry.characteristics)) return false;
    this.#assign(found.entry, attributeType, value, 'station');
    return true;
  }

  /** Called as the station reboots: values accepted with RebootRequired take effect now. */
  applyPendingWrites(): void {
    for (const [entry, { attributeType, value }] of this.#pending) this.#assign(entry, attributeType, value, 'csms');
    this.#pending.clear();
  }

  #assign(entry: VariableEntry, attributeType: AttributeType, value: string, source: ValueChange['source']): void {
    const attribute = entry.attributes.find((a) => a.type === attributeType);
    if (!attribute || attribute.value === value) return;
    const previous = attribute.value;
    attribute.value = value;
    this.emit('change', { entry, attributeType, previous, current: value, source });
  }
}

function implicitBase(component: ComponentRef, name: string): VariableEntry {
  return {
    component,
    variable: { name },
    attributes: [{ type: 'Actual', value: 'true', mutability: 'ReadOnly', persistent: false, constant: false }],
    characteristics: { dataType: 'boolean', supportsMonitoring: false },
  };
}

