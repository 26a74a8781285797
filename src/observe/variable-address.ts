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

/**
 * The address stored in a row's columns (component, component_instance, evse_id, connector_id,
 * variable, variable_instance: the same names in both engines). NULL leaves a field out; numbers
 * may come back as text (PostgreSQL's bigint).
 */
export function addressOfColumns(row: Record<string, unknown>): VariableAddress {
  const text = (column: string): string | undefined => (typeof row[column] === 'string' ? row[column] : undefined);
  const number = (column: string): number | undefined => (row[column] === null || row[column] === undefined ? undefined : Number(row[column]));
  const componentInstance = text('component_instance');
  const evseId = number('evse_id');
  const connectorId = number('connector_id');
  const variableInstance = text('variable_instance');
  return {
    component: String(row['component']),
    ...(componentInstance !== undefined ? { componentInstance } : {}),
    ...(evseId !== undefined ? { evseId } : {}),
    ...(connectorId !== undefined ? { connectorId } : {}),
    variable: String(row['variable']),
    ...(variableInstance !== undefined ? { variableInstance } : {}),
  };
}
