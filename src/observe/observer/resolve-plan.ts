import type { ComponentRefJson, DeviceModelEntry, VariableRefJson } from '../../evidence/evidence.js';
import type { MonitoringPlan, PlanMonitor } from '../plan/monitoring-plan.js';

/** A plan monitor placed on one variable of the station's own device model. */
export interface PlacedMonitor {
  /** One key per placement and type: the observer's name for it across boots. */
  key: string;
  component: ComponentRefJson;
  variable: VariableRefJson;
  type: PlanMonitor['type'];
  value: number;
  severity: number;
  why: string;
}

/** A plan monitor the station's device model has no place for. */
export interface UnplacedMonitor {
  monitor: PlanMonitor;
  why: string;
}

/**
 * Places the plan's monitors on the station's own inventory: a plan line names a component and a
 * variable (and, when it wants one, an instance or EVSE); every reported variable it matches that
 * supports monitoring gets the monitor (one per EVSE or connector when the station has several).
 * A line nothing matches, or only variables that do not support monitoring, is not set: the
 * station is not asked for what its own device model says it cannot do.
 */
export function placePlan(plan: MonitoringPlan, entries: readonly DeviceModelEntry[]): { placed: PlacedMonitor[]; unplaced: UnplacedMonitor[] } {
  const placed: PlacedMonitor[] = [];
  const unplaced: UnplacedMonitor[] = [];
  const keys = new Set<string>();
  for (const monitor of plan.monitors) {
    const matching = entries.filter((entry) => matches(monitor, entry));
    const monitorable = matching.filter((entry) => entry.variableCharacteristics?.supportsMonitoring === true);
    if (monitorable.length === 0) {
      unplaced.push({ monitor, why: matching.length === 0 ? 'the station does not report this variable' : 'the station reports this variable without monitoring support (supportsMonitoring is not true)' });
      continue;
    }
    for (const entry of monitorable) {
      const component = componentOf(entry.component);
      const variable: VariableRefJson = { name: entry.variable.name, ...(entry.variable.instance ? { instance: entry.variable.instance } : {}) };
      const key = placementKey(component, variable, monitor.type);
      if (keys.has(key)) continue;
      keys.add(key);
      placed.push({ key, component, variable, type: monitor.type, value: monitor.value, severity: monitor.severity, why: monitor.why });
    }
  }
  return { placed, unplaced };
}

/** The observer's name for a monitor's place and type (component, instance, EVSE, connector, variable, instance, type). */
export function placementKey(component: ComponentRefJson, variable: VariableRefJson, type: string): string {
  const evse = component.evse ? `${component.evse.id}/${component.evse.connectorId ?? ''}` : '';
  return [component.name, component.instance ?? '', evse, variable.name, variable.instance ?? '', type].join('|');
}

function matches(monitor: PlanMonitor, entry: DeviceModelEntry): boolean {
  const want = monitor.component;
  if (entry.component.name.toLowerCase() !== want.name.toLowerCase()) return false;
  if (want.instance !== undefined && entry.component.instance !== want.instance) return false;
  if (want.evse !== undefined) {
    if (entry.component.evse?.id !== want.evse.id) return false;
    if (want.evse.connectorId !== undefined && entry.component.evse.connectorId !== want.evse.connectorId) return false;
  }
  if (entry.variable.name.toLowerCase() !== monitor.variable.name.toLowerCase()) return false;
  return monitor.variable.instance === undefined || entry.variable.instance === monitor.variable.instance;
}

function componentOf(component: ComponentRefJson): ComponentRefJson {
  return {
    name: component.name,
    ...(component.instance ? { instance: component.instance } : {}),
    ...(component.evse ? { evse: { id: component.evse.id, ...(component.evse.connectorId !== undefined ? { connectorId: component.evse.connectorId } : {}) } } : {}),
  };
}
