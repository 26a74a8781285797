import { EventEmitter } from 'node:events';
import type { DeviceModel } from '../device-model/device-model.js';
import type { ComponentRef, StatusInfo, VariableRef } from '../device-model/types.js';
import type { FactoryMonitor } from '../station-profile.js';
import { exceedsLimits, type LimitedMonitoringAction, type LimitViolation, monitoringMessageLimits } from './message-limits.js';
import {
  type ClearMonitoringResult,
  type ClearVariableMonitoringRequest,
  type ClearVariableMonitoringResponse,
  type GetMonitoringReportRequest,
  MONITORING_BASES,
  type MonitoringBase,
  type SetMonitoringBaseResponse,
  type SetMonitoringData,
  type SetMonitoringLevelResponse,
  type SetMonitoringResult,
  type SetVariableMonitoringRequest,
  type SetVariableMonitoringResponse,
  type VariableMonitoring,
} from './messages.js';
import { addressKey, cleanComponent, cleanVariable, fromFactory, MONITOR_TYPES, type Monitor, sameAddress, toVariableMonitoring } from './monitor.js';
import type { MonitorType } from '../station-profile.js';
import { checkMonitoringData } from './monitoring-data-check.js';
import { notifyMonitoringReportPages, selectMonitors } from './monitoring-report.js';

/** What the engine listens to: a monitor starts acting, is replaced (N07.FR.11) or stops acting. */
export interface MonitoringStateEvents {
  added: [monitor: Monitor];
  replaced: [monitor: Monitor, previous: Monitor];
  removed: [monitor: Monitor];
}

/** Result of a GetMonitoringReport: the response status and the monitors to send in NotifyMonitoringReport. */
export interface MonitoringReport {
  status: 'Accepted' | 'EmptyResultSet';
  monitors: Monitor[];
}

const CONTROLLER: ComponentRef = { name: 'MonitoringCtrlr' };
// Appendix 3 lists both names; libocpp implements only the Active* ones ([conflict] in the facts), so both are kept in step.
const BASE_VARIABLES = ['ActiveMonitoringBase', 'MonitoringBase'];
const LEVEL_VARIABLES = ['ActiveMonitoringLevel', 'MonitoringLevel'];

/**
 * The station's variable monitors and its monitoring base and level (N02–N06). Survives a
 * reboot of the virtual station (N07.FR.13): keep one instance per station and hand it to each
 * new MonitorEngine. Monitor objects are never mutated; a change replaces the object.
 */
export class MonitoringState extends EventEmitter<MonitoringStateEvents> {
  /** N04.FR.09 / N06.FR.06–07 check; see message-limits.ts. */
  static readonly exceedsLimits = exceedsLimits;
  /** NotifyMonitoringReport paging (N02.FR.03/04/09); see monitoring-report.ts. */
  static readonly notifyMonitoringReportPages = notifyMonitoringReportPages;

  readonly model: DeviceModel;
  readonly #monitors = new Map<number, Monitor>();
  /** Preconfigured monitors as the manufacturer made them, for FactoryDefault/HardWiredOnly resets. */
  readonly #preconfigured: Monitor[] = [];
  /** Threshold monitors currently exceeded; kept here so a restarted engine can clear them (N07.FR.14). */
  readonly #exceeded = new Set<number>();
  #nextId = 1;
  #base: MonitoringBase = 'All';
  #level = 9;
  /** MonitorEnumType values this station takes: 2.0.1's, plus what its OCPP version adds (acceptTypes). */
  readonly #types = new Set<MonitorType>(MONITOR_TYPES);
  /** Fields the station's OCPP version adds to each reported monitor (2.1: eventNotificationType, N02.FR.22). */
  #reportFields: ((reported: VariableMonitoring, monitor: Monitor) => void) | undefined;

  constructor(model: DeviceModel, factoryMonitors: readonly FactoryMonitor[]) {
    super();
    this.model = model;
    for (const factory of factoryMonitors) {
      const monitor = fromFactory(this.#nextId++, factory);
      this.#monitors.set(monitor.id, monitor);
      if (monitor.origin === 'PreconfiguredMonitor') this.#preconfigured.push(monitor);
    }
    const base = this.#readSetting(BASE_VARIABLES);
    this.#base = MONITORING_BASES.find((known) => known.toLowerCase() === base?.toLowerCase()) ?? 'All';
    const level = this.#readSetting(LEVEL_VARIABLES);
    if (level !== undefined && /^\d$/.test(level)) this.#level = Number(level);
    if (this.#base !== 'All') this.#resetPreconfigured(this.#base === 'FactoryDefault');
    this.#mirror();
  }

  /** The last accepted SetMonitoringBase (initially MonitoringCtrlr.ActiveMonitoringBase, else All). */
  get base(): MonitoringBase {
    return this.#base;
  }

  /** Events of monitors with a severity number above this are not reported (N05.FR.03). */
  get level(): number {
    return this.#level;
  }

  /** Every monitor, active or not, in creation order. */
  monitors(): Monitor[] {
    return [...this.#monitors.values()];
  }

  /** A monitor the CSMS can see and address: it exists and is active. */
  monitor(id: number): Monitor | undefined {
    const monitor = this.#monitors.get(id);
    return monitor?.active ? monitor : undefined;
  }

  /** The active monitors on one component/variable. */
  monitorsOn(component: ComponentRef, variable: VariableRef): Monitor[] {
    const key = addressKey(component, variable);
    return this.monitors().filter((m) => m.active && addressKey(m.component, m.variable) === key);
  }

  /** Takes monitor types a newer OCPP version adds (2.1: TargetDelta, TargetDeltaRelative); others stay UnsupportedMonitorType. */
  acceptTypes(types: readonly MonitorType[]): void {
    for (const type of types) this.#types.add(type);
  }

  /** Adds the fields of the station's OCPP version to every monitor it reports (2.1: eventNotificationType). */
  setReportFields(fill: (reported: VariableMonitoring, monitor: Monitor) => void): void {
    this.#reportFields = fill;
  }

  /** A monitor as NotifyMonitoringReport lists it, with the fields of the station's OCPP version. */
  reported(monitor: Monitor): VariableMonitoring {
    const reported = toVariableMonitoring(monitor);
    this.#reportFields?.(reported, monitor);
    return reported;
  }

  /** Whether a threshold (or target) monitor is in its alerting state (between trigger and cleared). */
  isExceeded(id: number): boolean {
    return this.#exceeded.has(id);
  }

  /** Set by the MonitorEngine when a threshold triggers or clears. */
  setExceeded(id: number, exceeded: boolean): void {
    if (exceeded) this.#exceeded.add(id);
    else this.#exceeded.delete(id);
  }

  /** SetVariableMonitoring: one result per element, in order (N04.FR.01). */
  setVariableMonitoring(request: SetVariableMonitoringRequest): SetVariableMonitoringResponse {
    return { setMonitoringResult: request.setMonitoringData.map((data) => this.#setOne(data)) };
  }

  #setOne(data: SetMonitoringData): SetMonitoringResult {
    // N04.FR.02: the result names the request's component/variable, type and severity.
    const result: SetMonitoringResult = { status: 'Accepted', type: data.type, severity: data.severity, component: cleanComponent(data.component), variable: cleanVariable(data.variable) };
    const refuse = (status: SetMonitoringResult['status'], statusInfo?: StatusInfo): SetMonitoringResult => (statusInfo ? { ...result, status, statusInfo } : { ...result, status });
    if (!this.#types.has(data.type)) return refuse('UnsupportedMonitorType', { reasonCode: 'UnsupportedParam', additionalInfo: `this station does not implement ${data.type} monitors` });
    const check = checkMonitoringData(this.model, data);
    if (!check.ok) return refuse(check.status, check.statusInfo);
    let previous: Monitor | undefined;
    if (data.id !== undefined) {
      previous = this.monitor(data.id);
      if (!previous) return refuse('Rejected', { reasonCode: 'NotFound', additionalInfo: `there is no monitor with id ${data.id} to replace` }); // N04.FR.13
      if (previous.origin === 'HardWiredMonitor') return refuse('Rejected', { reasonCode: 'ReadOnly', additionalInfo: `monitor ${data.id} is hard-wired` }); // N04.FR.18
      if (!sameAddress(previous, data)) return refuse('Rejected', { reasonCode: 'InvalidValue', additionalInfo: `monitor ${data.id} watches another component/variable` }); // N04.FR.16
    }
    // N04.FR.10: one monitor per type and severity on a variable; the one being replaced does not count.
    const twin = this.monitorsOn(data.component, data.variable).find((m) => m.type === data.type && m.severity === data.severity && m.id !== data.id);
    if (twin) return refuse('Duplicate');
    const monitor: Monitor = {
      id: previous?.id ?? this.#nextId++, // N04.FR.11 new id, N04.FR.12 same id
      component: cleanComponent(check.entry.component),
      variable: cleanVariable(check.entry.variable),
      type: data.type,
      value: data.value,
      severity: data.severity,
      transaction: data.transaction ?? false,
      origin: 'CustomMonitor', // also for a replaced preconfigured monitor (N04.FR.15)
      factoryDefault: false,
      active: true,
    };
    this.#monitors.set(monitor.id, monitor);
    if (previous) this.emit('replaced', monitor, previous);
    else this.emit('added', monitor);
    return { ...result, id: monitor.id };
  }

  /** ClearVariableMonitoring: one result per id (N06.FR.05). */
  clearVariableMonitoring(request: ClearVariableMonitoringRequest): ClearVariableMonitoringResponse {
    return { clearMonitoringResult: request.id.map((id) => this.#clearOne(id)) };
  }

  #clearOne(id: number): ClearMonitoringResult {
    const monitor = this.monitor(id);
    if (!monitor) return { id, status: 'NotFound' }; // N06.FR.02
    if (monitor.origin === 'HardWiredMonitor') {
      return { id, status: 'Rejected', statusInfo: { reasonCode: 'ReadOnly', additionalInfo: 'a hard-wired monitor cannot be removed' } }; // N06.FR.03
    }
    this.#remove(monitor); // N06.FR.01; no cleared event even when exceeded (N07.FR.12)
    return { id, status: 'Accepted' };
  }

  /**
   * SetMonitoringBase (N03.FR.01, table of ERR25 2.54/2.55). Hard-wired monitors always stay.
   * All: custom monitors stay, every preconfigured monitor still present is activated.
   * FactoryDefault: custom monitors (also those that replaced a preconfigured one) are deleted and
   * every preconfigured monitor returns with its factory values, active when in the FactoryDefault set.
   * HardWiredOnly: custom monitors are deleted, preconfigured ones return to factory values, inactive.
   * A preconfigured monitor the CSMS cleared comes back only with FactoryDefault or HardWiredOnly.
   */
  setMonitoringBase(base: MonitoringBase): SetMonitoringBaseResponse {
    if (base === 'All') {
      for (const monitor of this.monitors()) {
        if (monitor.origin === 'PreconfiguredMonitor' && !monitor.active) this.#put({ ...monitor, active: true });
      }
    } else {
      for (const monitor of this.monitors()) if (monitor.origin === 'CustomMonitor') this.#remove(monitor);
      this.#resetPreconfigured(base === 'FactoryDefault');
    }
    this.#base = base;
    this.#mirror();
    return { status: 'Accepted' };
  }

  /**
   * Drops every custom monitor, as a station that keeps them only in memory does when it
   * reboots (against N07.FR.13; the `reboot-loses-monitors` scenario). Returns how many went.
   */
  forgetCustomMonitors(): number {
    const custom = this.monitors().filter((m) => m.origin === 'CustomMonitor');
    for (const monitor of custom) this.#remove(monitor);
    return custom.length;
  }

  /** SetMonitoringLevel: 0–9 accepted, anything else Rejected (N05.FR.02). */
  setMonitoringLevel(severity: number): SetMonitoringLevelResponse {
    if (!Number.isInteger(severity) || severity < 0 || severity > 9) {
      return { status: 'Rejected', statusInfo: { reasonCode: 'ValueOutOfRange', additionalInfo: `severity ${severity} is outside 0–9` } };
    }
    this.#level = severity;
    this.#mirror();
    return { status: 'Accepted' };
  }

  /**
   * GetMonitoringReport (N02): the active monitors the request selects, in device-model order,
   * and Accepted, or EmptyResultSet when nothing matches (N02.FR.10). Send them with
   * {@link notifyMonitoringReportPages}.
   */
  report(request: GetMonitoringReportRequest): MonitoringReport {
    const position = new Map<string, number>();
    this.model.entries().forEach((entry, index) => position.set(addressKey(entry.component, entry.variable), index));
    const at = (m: Monitor): number => position.get(addressKey(m.component, m.variable)) ?? Number.MAX_SAFE_INTEGER;
    const monitors = selectMonitors(this.monitors(), request).sort((a, b) => at(a) - at(b) || a.id - b.id);
    return { status: monitors.length > 0 ? 'Accepted' : 'EmptyResultSet', monitors };
  }

  /** The N04.FR.09 / N06.FR.04 check with this station's MonitoringCtrlr limits. */
  checkLimits(action: LimitedMonitoringAction, request: SetVariableMonitoringRequest | ClearVariableMonitoringRequest): LimitViolation | undefined {
    const limits = monitoringMessageLimits(this.model, action);
    return exceedsLimits(request, limits.items, limits.bytes);
  }

  /** MonitoringCtrlr.OfflineQueuingSeverity (N07.FR.04); `fallback` when the variable is absent or invalid. */
  offlineQueuingSeverity(fallback = 9): number {
    const text = this.model.actual(CONTROLLER, { name: 'OfflineQueuingSeverity' });
    return text !== undefined && /^\d$/.test(text) ? Number(text) : fallback;
  }

  #resetPreconfigured(activeWhenFactoryDefault: boolean): void {
    for (const template of this.#preconfigured) {
      const restored: Monitor = { ...template, active: activeWhenFactoryDefault && template.factoryDefault };
      const current = this.#monitors.get(template.id);
      // An untouched active monitor keeps running (its exceeded state and timers stay).
      if (current && current.active && restored.active && sameMonitor(current, restored)) continue;
      if (current) this.#remove(current);
      this.#put(restored);
    }
  }

  #put(monitor: Monitor): void {
    this.#monitors.set(monitor.id, monitor);
    if (monitor.active) this.emit('added', monitor);
  }

  #remove(monitor: Monitor): void {
    this.#monitors.delete(monitor.id);
    this.#exceeded.delete(monitor.id);
    if (monitor.active) this.emit('removed', monitor);
  }

  #readSetting(names: readonly string[]): string | undefined {
    for (const name of names) {
      const value = this.model.actual(CONTROLLER, { name });
      if (value !== undefined && value !== '') return value;
    }
    return undefined;
  }

  /** Shows base and level in MonitoringCtrlr, spelled as the variable's valuesList spells it (Appendix: "HardwiredOnly"). */
  #mirror(): void {
    for (const name of BASE_VARIABLES) {
      const found = this.model.lookup(CONTROLLER, { name });
      if (found.status !== 'Found' || found.implicit) continue;
      const spelled = (found.entry.characteristics.valuesList ?? '').split(',').map((v) => v.trim()).find((v) => v.toLowerCase() === this.#base.toLowerCase());
      this.model.setByStation(CONTROLLER, { name }, spelled ?? this.#base);
    }
    for (const name of LEVEL_VARIABLES) this.model.setByStation(CONTROLLER, { name }, String(this.#level));
  }
}

function sameMonitor(a: Monitor, b: Monitor): boolean {
  return a.origin === b.origin && a.type === b.type && a.value === b.value && a.severity === b.severity && a.transaction === b.transaction && sameAddress(a, b);
}
