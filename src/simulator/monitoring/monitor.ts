import { componentKey, variableKey } from '../device-model/device-model.js';
import type { ComponentRef, DataType, VariableRef } from '../device-model/types.js';
import type { FactoryMonitor, MonitorType } from '../station-profile.js';
import type { EventTrigger, MonitoringCriterion, VariableMonitoring } from './messages.js';

/** Who put a monitor there: the manufacturer (fixed or overridable) or the CSMS. */
export type MonitorKind = 'HardWiredMonitor' | 'PreconfiguredMonitor' | 'CustomMonitor';

/**
 * One variable monitor of the station (Part 1 §4.4, N04): a factory monitor's fields (address,
 * type, value, severity, transaction, factoryDefault) plus what the station adds to every monitor.
 */
export interface Monitor extends Omit<FactoryMonitor, 'origin'> {
  id: number;
  /** Also the eventNotificationType of its events (N07). */
  origin: MonitorKind;
  /** Deactivated preconfigured monitors (SetMonitoringBase) neither fire nor appear in reports. */
  active: boolean;
}

/** MonitorEnumType of 2.0.1: what every station accepts. */
export const MONITOR_TYPES: readonly MonitorType[] = ['UpperThreshold', 'LowerThreshold', 'Delta', 'Periodic', 'PeriodicClockAligned'];

/** The monitor types OCPP 2.1 adds: a band around the Target attribute (N07.FR.22/23). */
export const TARGET_MONITOR_TYPES: readonly MonitorType[] = ['TargetDelta', 'TargetDeltaRelative'];

/** A copy of a component with only the schema fields, so no request object is shared or echoed with extras. */
export function cleanComponent(component: ComponentRef): ComponentRef {
  const copy: ComponentRef = { name: component.name };
  if (component.instance !== undefined) copy.instance = component.instance;
  if (component.evse) {
    copy.evse = { id: component.evse.id };
    if (component.evse.connectorId !== undefined) copy.evse.connectorId = component.evse.connectorId;
  }
  return copy;
}

/** A copy of a variable with only name and instance. */
export function cleanVariable(variable: VariableRef): VariableRef {
  return variable.instance !== undefined ? { name: variable.name, instance: variable.instance } : { name: variable.name };
}

/** One key per component/variable address, with the device model's case rules. */
export function addressKey(component: ComponentRef, variable: VariableRef): string {
  return `${componentKey(component)}#${variableKey(variable)}`;
}

/** Whether two monitors or requests name the same component/variable (N04.FR.10/12/16). */
export function sameAddress(a: { component: ComponentRef; variable: VariableRef }, b: { component: ComponentRef; variable: VariableRef }): boolean {
  return addressKey(a.component, a.variable) === addressKey(b.component, b.variable);
}

/** Upper/LowerThreshold: the types that alert and clear (N07.FR.02). */
export function isThreshold(type: MonitorType): boolean {
  return type === 'UpperThreshold' || type === 'LowerThreshold';
}

/** Periodic/PeriodicClockAligned: the types driven by time, not by value changes (N08). */
export function isPeriodic(type: MonitorType): boolean {
  return type === 'Periodic' || type === 'PeriodicClockAligned';
}

/** TargetDelta/TargetDeltaRelative: the 2.1 types that alert when Actual leaves a band around Target and clear on return (N07.FR.22/23, N07.FR.02). */
export function isTargetDelta(type: MonitorType): boolean {
  return type === 'TargetDelta' || type === 'TargetDeltaRelative';
}

/** The types that alert once and report cleared on return: thresholds and, in 2.1, the target bands. */
export function alertsAndClears(type: MonitorType): boolean {
  return isThreshold(type) || isTargetDelta(type);
}

/**
 * Which monitor types a dataType allows (Part 1 §4.4 table; N04.FR.05): thresholds only on
 * numbers, Delta on everything, the periodic and target types (2.1 Part 1 §3.4) on everything
 * except dateTime.
 */
export function typeSupported(dataType: DataType, type: MonitorType): boolean {
  if (isThreshold(type)) return dataType === 'integer' || dataType === 'decimal';
  if (isPeriodic(type) || isTargetDelta(type)) return dataType !== 'dateTime';
  return true;
}

/** NotifyEvent trigger per monitor type (N07.FR.06, N08.FR.05, N07.FR.22/23; libocpp uses the same mapping). */
export function triggerOf(type: MonitorType): EventTrigger {
  if (alertsAndClears(type)) return 'Alerting';
  return type === 'Delta' ? 'Delta' : 'Periodic';
}

/**
 * GetMonitoringReport criteria → monitor types (N02.FR.12–14). DeltaMonitoring also selects the
 * target monitors: N02.FR.13 as rewritten by the 2.1 errata 2025-06, which deleted the
 * TargetDeltaMonitoring criterion (N02.FR.23). A 2.0.1 station has no such monitors.
 */
export function typesOfCriterion(criterion: MonitoringCriterion): MonitorType[] {
  if (criterion === 'ThresholdMonitoring') return ['UpperThreshold', 'LowerThreshold'];
  if (criterion === 'DeltaMonitoring') return ['Delta', 'TargetDelta', 'TargetDeltaRelative'];
  return ['Periodic', 'PeriodicClockAligned'];
}

/** The report form of a monitor (NotifyMonitoringReport VariableMonitoringType). */
export function toVariableMonitoring(monitor: Monitor): VariableMonitoring {
  return { id: monitor.id, transaction: monitor.transaction, value: monitor.value, type: monitor.type, severity: monitor.severity };
}

/** A monitor built from a profile's factory monitor, with the id the station gives it. */
export function fromFactory(id: number, factory: FactoryMonitor): Monitor {
  return {
    id,
    component: cleanComponent(factory.component),
    variable: cleanVariable(factory.variable),
    type: factory.type,
    value: factory.value,
    severity: factory.severity,
    transaction: factory.transaction,
    origin: factory.origin,
    factoryDefault: factory.origin === 'HardWiredMonitor' || factory.factoryDefault,
    active: true,
  };
}
