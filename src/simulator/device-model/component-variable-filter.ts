import type { ComponentRef, VariableEntry, VariableRef } from './types.js';

/** One element of GetReport / GetMonitoringReport `componentVariable`. */
export interface ComponentVariableFilter {
  component: ComponentRef;
  variable?: VariableRef;
}

/**
 * Whether an entry is selected by a componentVariable element, with the wildcard rules of
 * B08.FR.22–25 (mirrored for monitoring as N02.FR.18–21): no evse → every EVSE and the top-level
 * component; evse without connectorId → that EVSE and all its connectors; no instance → every
 * instance; no variable → every variable; a variable without instance → every instance of it.
 */
export function matchesFilter(component: ComponentRef, variable: VariableRef, filter: ComponentVariableFilter): boolean {
  const wanted = filter.component;
  if (component.name.toLowerCase() !== wanted.name.toLowerCase()) return false;
  if (wanted.instance !== undefined && component.instance !== wanted.instance) return false;
  if (wanted.evse) {
    if (component.evse?.id !== wanted.evse.id) return false;
    if (wanted.evse.connectorId !== undefined && component.evse.connectorId !== wanted.evse.connectorId) return false;
  }
  if (filter.variable) {
    if (variable.name.toLowerCase() !== filter.variable.name.toLowerCase()) return false;
    if (filter.variable.instance !== undefined && variable.instance !== filter.variable.instance) return false;
  }
  return true;
}

export function selectEntries(entries: readonly VariableEntry[], filters: readonly ComponentVariableFilter[] | undefined): VariableEntry[] {
  if (!filters || filters.length === 0) return [...entries];
  return entries.filter((entry) => filters.some((filter) => matchesFilter(entry.component, entry.variable, filter)));
}
