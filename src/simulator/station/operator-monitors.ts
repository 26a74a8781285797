import type { VariableEntry } from '../device-model/types.js';
import type { SetMonitoringData } from '../monitoring/messages.js';
import { isThreshold } from '../monitoring/monitor.js';
import type { MonitoringState } from '../monitoring/monitoring-state.js';

/**
 * The `operator-monitors` behaviour: the station starts with monitors its operator set through a
 * CSMS before the audit (custom monitors, N04), as any station in service has. Set through the
 * station's own SetVariableMonitoring rules, on the profile's own variables:
 *
 * - a daily Periodic report (86400 s, severity 9) of the first connector's temperature;
 * - an UpperThreshold at 70 % of that temperature's range, severity 4 (an early warning below the
 *   manufacturer's trip), which fires while the audit runs;
 * - a Delta on the first EVSE's power, only during transactions (transaction true), severity 6;
 * - the first preconfigured threshold monitor raised by 5 (the operator's change makes it a
 *   custom monitor until SetMonitoringBase resets it, N04.FR.15).
 *
 * SetMonitoringBase FactoryDefault or HardWiredOnly deletes them all (N03); an audit must put them
 * back. Returns what was set, for the log.
 */
export function setOperatorMonitors(state: MonitoringState): string[] {
  const entries = state.model.entries();
  const numeric = (entry: VariableEntry): boolean => (entry.characteristics.dataType === 'decimal' || entry.characteristics.dataType === 'integer') && entry.characteristics.supportsMonitoring === true;
  const connectorTemperature = entries.find((e) => e.component.name === 'Connector' && e.variable.name === 'Temperature' && numeric(e));
  const evsePower = entries.find((e) => e.component.name === 'EVSE' && e.variable.name === 'Power' && numeric(e));
  const wanted: SetMonitoringData[] = [];
  if (connectorTemperature) {
    const { component, variable, characteristics } = connectorTemperature;
    wanted.push({ component, variable, type: 'Periodic', value: 86_400, severity: 9 });
    const min = characteristics.minLimit ?? 0;
    const max = characteristics.maxLimit ?? 100;
    wanted.push({ component, variable, type: 'UpperThreshold', value: Math.round(min + (max - min) * 0.7), severity: 4 });
  }
  if (evsePower) {
    const { component, variable, characteristics } = evsePower;
    const range = (characteristics.maxLimit ?? 10_000) - (characteristics.minLimit ?? 0);
    wanted.push({ component, variable, type: 'Delta', value: Math.max(1, Math.round(range / 20)), severity: 6, transaction: true });
  }
  const preconfigured = state.monitors().find((m) => m.origin === 'PreconfiguredMonitor' && m.active && isThreshold(m.type));
  if (preconfigured) {
    const found = state.model.lookup(preconfigured.component, preconfigured.variable);
    const limit = found.status === 'Found' ? found.entry.characteristics.maxLimit : undefined;
    const raised = limit !== undefined && preconfigured.value + 5 > limit ? preconfigured.value - 5 : preconfigured.value + 5;
    wanted.push({ id: preconfigured.id, component: preconfigured.component, variable: preconfigured.variable, type: preconfigured.type, value: raised, severity: preconfigured.severity, transaction: preconfigured.transaction });
  }
  const { setMonitoringResult } = state.setVariableMonitoring({ setMonitoringData: wanted });
  return setMonitoringResult.map((result, index) => `${wanted[index]?.id !== undefined ? 'changed' : 'set'} ${result.type} on ${result.component.name}.${result.variable.name}: ${result.status}${result.id !== undefined ? ` #${result.id}` : ''}`);
}
