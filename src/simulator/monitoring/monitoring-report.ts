import { matchesFilter } from '../device-model/component-variable-filter.js';
import type { GetMonitoringReportRequest, MonitoringData, NotifyMonitoringReportRequest, VariableMonitoring } from './messages.js';
import { addressKey, cleanComponent, cleanVariable, type Monitor, toVariableMonitoring, typesOfCriterion } from './monitor.js';

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
      (!filters || filters.length === 0 || filters.some((filter) => matchesFilter(monitor.component, monitor.variable, filter))),
  );
}

/**
 * Splits a monitoring report into NotifyMonitoringReport payloads: monitors on the same
 * component/variable share one `monitor` element, at most `itemsPerMessage` elements per
 * message; every message carries the request's id (N02.FR.03/04), seqNo counts from 0
 * (N02.FR.09) and tbc is true on all but the last. No monitors → no messages (the response was
 * EmptyResultSet, N02.FR.10). `toReported` gives a monitor's report form (MonitoringState.reported
 * adds the fields of the station's OCPP version).
 */
export function notifyMonitoringReportPages(
  requestId: number,
  monitors: readonly Monitor[],
  itemsPerMessage: number,
  generatedAt: string,
  toReported: (monitor: Monitor) => VariableMonitoring = toVariableMonitoring,
): NotifyMonitoringReportRequest[] {
  const groups = new Map<string, MonitoringData>();
  for (const monitor of monitors) {
    if (!monitor.active) continue;
    const key = addressKey(monitor.component, monitor.variable);
    let group = groups.get(key);
    if (!group) {
      group = { component: cleanComponent(monitor.component), variable: cleanVariable(monitor.variable), variableMonitoring: [] };
      groups.set(key, group);
    }
    group.variableMonitoring.push(toReported(monitor));
  }
  const items = [...groups.values()];
  const size = Math.max(1, Math.floor(itemsPerMessage));
  const pages: NotifyMonitoringReportRequest[] = [];
  for (let start = 0; start < items.length; start += size) {
    pages.push({ requestId, seqNo: pages.length, generatedAt, tbc: start + size < items.length, monitor: items.slice(start, start + size) });
  }
  return pages;
}
