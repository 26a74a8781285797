import type { ComponentRefJson, VariableRefJson } from './evidence.js';
import { asNumber, asRecord, asString } from './payload-read.js';

/** A ComponentType as the station sent it, or undefined when it has no name. */
export function toComponent(value: unknown): ComponentRefJson | undefined {
  const record = asRecord(value);
  const name = asString(record?.name);
  if (record === undefined || name === undefined) return undefined;
  const component: ComponentRefJson = { name };
  const instance = asString(record.instance);
  if (instance !== undefined) component.instance = instance;
  const evse = asRecord(record.evse);
  const evseId = asNumber(evse?.id);
  if (evse !== undefined && evseId !== undefined) {
    const connectorId = asNumber(evse.connectorId);
    component.evse = connectorId !== undefined ? { id: evseId, connectorId } : { id: evseId };
  }
  return component;
}

/** A VariableType as the station sent it, or undefined when it has no name. */
export function toVariable(value: unknown): VariableRefJson | undefined {
  const record = asRecord(value);
  const name = asString(record?.name);
  if (record === undefined || name === undefined) return undefined;
  const instance = asString(record.instance);
  return instance !== undefined ? { name, instance } : { name };
}

/** `EVSE@1`, `Connector@1/2`, `Controller[main]`; `?` when the station sent no usable component. */
export function componentLabel(component: ComponentRefJson | undefined): string {
  if (component === undefined) return '?';
  let label = component.name;
  if (component.instance !== undefined) label += `[${component.instance}]`;
  if (component.evse) label += `@${component.evse.id}${component.evse.connectorId !== undefined ? `/${component.evse.connectorId}` : ''}`;
  return label;
}

/** `Power`, `ItemsPerMessage[GetReport]`; `?` when the station sent no usable variable. */
export function variableLabel(variable: VariableRefJson | undefined): string {
  if (variable === undefined) return '?';
  return variable.instance !== undefined ? `${variable.name}[${variable.instance}]` : variable.name;
}

/** Component names compare case-insensitively (ComponentType.name); instance and EVSE exactly. */
export function sameComponent(a: ComponentRefJson | undefined, b: ComponentRefJson | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return a.name.toLowerCase() === b.name.toLowerCase() && a.instance === b.instance && a.evse?.id === b.evse?.id && a.evse?.connectorId === b.evse?.connectorId;
}

/** Variable names compare case-insensitively, like component names; instance exactly. */
export function sameVariable(a: VariableRefJson | undefined, b: VariableRefJson | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return a.name.toLowerCase() === b.name.toLowerCase() && a.instance === b.instance;
}
