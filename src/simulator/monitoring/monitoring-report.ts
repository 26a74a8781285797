import type { ComponentRef, VariableRef } from '../device-model/types.js';
import type { ComponentVariable, GetMonitoringReportRequest, MonitoringData, NotifyMonitoringReportRequest } from './messages.js';
import { addressKey, cleanComponent, cleanVariable, type Monitor, toVariableMonitoring, typesOfCriterion } from './monitor.js';

/**
 * Whether a monitor's address is selected by one componentVariable element, with the wildcards
 * of N02.FR.18–21 (= B08.FR.22–25, ERR23): no evse → every EVSE and the top-level component;
 * evse without connectorId → that EVSE and all its connectors; no instance → every instance;
 * no variable → every variable of the component; variable without instance → every instance.
 */
export function matchesComponentVariable(component: ComponentRef, variable: VariableRef, filter: ComponentVariable): boolean {
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

/**
 * The monitors a GetMonitoringReport asks for: an element of componentVariable must select the
 * monitor's address and one of monitoringCriteria its type (N02.FR.12–14); an absent filter
 * selects everything (N02.FR.11; ERR25 2.59). Inactive monitors are never reported.
 */
export function selectMonitors(monitors: readonly Monitor[], request: Pick<GetMonitoringReportRequest, 'componentVariable' | 'monitoringCriteria'>): Monitor[] {
  const types = request.monitoringCriteria ? new Set(request.monitoringCriteria.flatMap(typesOfCriterion)) : undefined;
  const filters = request.componentVariable;
  return monitors.filter(
    (monitor) =>
      monitor.active &&
      (!types || types.has(monitor.type)) &&
      (!filters || filters.length === 0 || filters.some((filter) => matchesComponentVariable(monitor.component, monitor.variable, filter))),
  );
}

/**
 * Splits a monitoring report into NotifyMonitoringReport payloads: monitors on the same
 * component/variable share one `monitor` element, at most `itemsPerMessage` elements per
 * message; every message carries the request's id (N02.FR.03/04), seqNo counts from 0
 * (N02.FR.09) and tbc is true on all but the last. No monitors → no messages (the response was
 * EmptyResultSet, N02.FR.10).
 */
export function notifyMonitoringReportPages(requestId: number, monitors: readonly Monitor[], itemsPerMessage: number, generatedAt: string): NotifyMonitoringReportRequest[] {
  const groups = new Map<string, MonitoringData>();
  for (const monitor of monitors) {
    if (!monitor.active) continue;
    const key = addressKey(monitor.component, monitor.variable);
    let group = groups.get(key);
    if (!group) {
      group = { component: cleanComponent(monitor.component), variable: cleanVariable(monitor.variable), variableMonitoring: [] };
      groups.set(key, group);
    }
    group.variableMonitoring.push(toVariableMonitoring(monitor));
  }
  const items = [...groups.values()];
  const size = Math.max(1, Math.floor(itemsPerMessage));
  const pages: NotifyMonitoringReportRequest[] = [];
  for (let start = 0; start < items.length; start += size) {
    pages.push({ requestId, seqNo: pages.length, generatedAt, tbc: start + size < items.length, monitor: items.slice(start, start + size) });
  }
  return pages;
}
