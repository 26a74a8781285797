import { asNumber, asRecord, asString } from '../evidence/payload-read.js';

/**
 * Where a variable lives in a station's device model, flattened into the columns a row, a CSV
 * line or a plan outcome carries: component (name, instance, EVSE, connector) and variable (name,
 * instance). One shape for events, samples, monitors and plan outcomes.
 */
export interface VariableAddress {
  component: string;
  componentInstance?: string;
  evseId?: number;
  connectorId?: number;
  variable: string;
  variableInstance?: string;
}

/**
 * The address of a payload's `component` and `variable` (ComponentType, VariableType), or
 * undefined when either has no name: a station's malformed item is left to its schema findings.
 */
export function addressOf(componentValue: unknown, variableValue: unknown): VariableAddress | undefined {
  const component = asRecord(componentValue);
  const variable = asRecord(variableValue);
  const evse = asRecord(component?.['evse']);
  const componentName = asString(component?.['name']);
  const variableName = asString(variable?.['name']);
  if (componentName === undefined || variableName === undefined) return undefined;
  const componentInstance = asString(component?.['instance']);
  const evseId = asNumber(evse?.['id']);
  const connectorId = asNumber(evse?.['connectorId']);
  const variableInstance = asString(variable?.['instance']);
  return {
    component: componentName,
    ...(componentInstance !== undefined ? { componentInstance } : {}),
    ...(evseId !== undefined ? { evseId } : {}),
    ...(connectorId !== undefined ? { connectorId } : {}),
    variable: variableName,
    ...(variableInstance !== undefined ? { variableInstance } : {}),
  };
}
