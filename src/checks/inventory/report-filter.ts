import type { DeviceModelEntry } from '../../evidence/evidence.js';
import { actualAttribute, sameName } from './report-items.js';

/**
 * What a GetReport request asks for, read from the request as sent, and whether a report item
 * answers it: the componentVariable wildcard rules of B08.FR.22–25 (ERR23) and the
 * componentCriteria of B08 (TC_B_16). The request is our own, but it is read as untrusted data.
 */

/** One componentVariable entry: component (with optional instance and EVSE) and optional variable. */
export interface ComponentVariableFilter {
  component: { name: string; instance?: string; evse?: { id: number; connectorId?: number } };
  variable?: { name: string; instance?: string };
}

export type Criterion = 'Active' | 'Available' | 'Enabled' | 'Problem';
const CRITERIA: readonly string[] = ['Active', 'Available', 'Enabled', 'Problem'];

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The componentVariable entries of a GetReport request (empty when it has none). */
export function componentVariableFilters(request: Record<string, unknown>): ComponentVariableFilter[] {
  const entries = Array.isArray(request['componentVariable']) ? (request['componentVariable'] as unknown[]) : [];
  return entries.flatMap((entry) => {
    const component = record(record(entry)?.['component']);
    if (typeof component?.['name'] !== 'string') return [];
    const filter: ComponentVariableFilter = { component: { name: component['name'] } };
    if (typeof component['instance'] === 'string') filter.component.instance = component['instance'];
    const evse = record(component['evse']);
    if (typeof evse?.['id'] === 'number') filter.component.evse = { id: evse['id'], ...(typeof evse['connectorId'] === 'number' ? { connectorId: evse['connectorId'] } : {}) };
    const variable = record(record(entry)?.['variable']);
    if (typeof variable?.['name'] === 'string') filter.variable = { name: variable['name'], ...(typeof variable['instance'] === 'string' ? { instance: variable['instance'] } : {}) };
    return [filter];
  });
}

/** The componentCriteria of a GetReport request (empty when it has none). */
export function componentCriteria(request: Record<string, unknown>): Criterion[] {
  const list = Array.isArray(request['componentCriteria']) ? (request['componentCriteria'] as unknown[]) : [];
  return list.filter((c): c is Criterion => typeof c === 'string' && CRITERIA.includes(c));
}

/**
 * B08.FR.22–25: an EVSE without connectorId covers its connectors, no EVSE covers every EVSE and
 * the top level, an instance narrows to that instance and none covers every instance; no variable
 * covers every variable of the component. Names compare case-insensitively.
 */
export function matchesFilter(item: Pick<DeviceModelEntry, 'component' | 'variable'>, filter: ComponentVariableFilter): boolean {
  const { component, variable } = item;
  if (!sameName(component.name, filter.component.name)) return false;
  if (filter.component.instance !== undefined && component.instance !== filter.component.instance) return false;
  const evse = filter.component.evse;
  if (evse) {
    if (component.evse?.id !== evse.id) return false;
    if (evse.connectorId !== undefined && component.evse.connectorId !== evse.connectorId) return false;
  }
  if (!filter.variable) return true;
  if (!sameName(variable.name, filter.variable.name)) return false;
  return filter.variable.instance === undefined || variable.instance === filter.variable.instance;
}

/** `OCPPCommCtrlr.HeartbeatInterval`, `OCPPCommCtrlr` (every variable). */
export function filterLabel(filter: ComponentVariableFilter): string {
  const { component, variable } = filter;
  const place = component.evse ? `@${component.evse.id}${component.evse.connectorId !== undefined ? `/${component.evse.connectorId}` : ''}` : '';
  const name = `${component.name}${component.instance !== undefined ? `[${component.instance}]` : ''}${place}`;
  return variable ? `${name}.${variable.name}${variable.instance !== undefined ? `[${variable.instance}]` : ''}` : name;
}

/** Identity of a component: name (lower case), instance, EVSE and connector. */
export function componentKey(component: DeviceModelEntry['component']): string {
  return JSON.stringify([component.name.toLowerCase(), component.instance ?? null, component.evse?.id ?? null, component.evse?.connectorId ?? null]);
}

/**
 * The Actual value of a component's criterion variable (e.g. Problem) among `items`, if reported.
 * `items` are the report's own first, then the FullInventory's: the report is the fresher.
 */
export function criterionValue(component: DeviceModelEntry['component'], criterion: Criterion, ...sources: ReadonlyArray<readonly DeviceModelEntry[]>): string | undefined {
  const key = componentKey(component);
  for (const items of sources) {
    const item = items.find((entry) => componentKey(entry.component) === key && sameName(entry.variable.name, criterion) && entry.variable.instance === undefined);
    const value = item ? actualAttribute(item)?.value : undefined;
    if (value !== undefined) return value;
  }
  return undefined;
}
