import { expect } from 'chai';
import { type PayloadKind, sharedSchemaValidator } from '../../../../src/ocpp/schema-validator.js';
import { DeviceModel } from '../../../../src/simulator/device-model/device-model.js';
import type { ComponentRef, DataType, Mutability, VariableEntry, VariableRef } from '../../../../src/simulator/device-model/types.js';
import type { EventData } from '../../../../src/simulator/monitoring/messages.js';
import { MonitorEngine, type MonitorEngineOptions } from '../../../../src/simulator/monitoring/monitor-engine.js';
import { MonitoringState } from '../../../../src/simulator/monitoring/monitoring-state.js';
import type { FactoryMonitor } from '../../../../src/simulator/station-profile.js';
import { FakeClock } from './fake-clock.js';

interface EntryOptions {
  min?: number;
  max?: number;
  mutability?: Mutability;
  monitoring?: boolean;
  valuesList?: string;
}

/** One variable with an Actual attribute; monitorable unless told otherwise. */
export function entry(component: ComponentRef, variable: VariableRef | string, dataType: DataType, value: string, options: EntryOptions = {}): VariableEntry {
  const result: VariableEntry = {
    component,
    variable: typeof variable === 'string' ? { name: variable } : variable,
    attributes: [{ type: 'Actual', value, mutability: options.mutability ?? 'ReadOnly', persistent: false, constant: false }],
    characteristics: { dataType, supportsMonitoring: options.monitoring ?? true },
  };
  if (options.min !== undefined) result.characteristics.minLimit = options.min;
  if (options.max !== undefined) result.characteristics.maxLimit = options.max;
  if (options.valuesList !== undefined) result.characteristics.valuesList = options.valuesList;
  return result;
}

export const MONITORING_CTRLR: ComponentRef = { name: 'MonitoringCtrlr' };
export const STATION: ComponentRef = { name: 'ChargingStation' };
export const EVSE1: ComponentRef = { name: 'EVSE', evse: { id: 1 } };
export const EVSE2: ComponentRef = { name: 'EVSE', evse: { id: 2 } };
export const CONNECTOR11: ComponentRef = { name: 'Connector', evse: { id: 1, connectorId: 1 } };
export const CONNECTOR12: ComponentRef = { name: 'Connector', evse: { id: 1, connectorId: 2 } };
export const CONNECTOR21: ComponentRef = { name: 'Connector', evse: { id: 2, connectorId: 1 } };
export const CONVERTER_A: ComponentRef = { name: 'PowerConverter', instance: 'A' };
export const CONVERTER_B: ComponentRef = { name: 'PowerConverter', instance: 'B' };
export const SECURITY: ComponentRef = { name: 'SecurityCtrlr' };
export const TEMPERATURE: VariableRef = { name: 'Temperature' };
export const POWER: VariableRef = { name: 'Power' };

/** A small two-EVSE station with a MonitoringCtrlr, built inline (not from a profile file). */
export function buildModel(): DeviceModel {
  return new DeviceModel([
    entry(MONITORING_CTRLR, 'Enabled', 'boolean', 'true', { mutability: 'ReadWrite' }),
    // The appendix spells the option HardwiredOnly; the state must mirror that spelling.
    entry(MONITORING_CTRLR, 'ActiveMonitoringBase', 'OptionList', 'All', { valuesList: 'All,FactoryDefault,HardwiredOnly' }),
    entry(MONITORING_CTRLR, 'ActiveMonitoringLevel', 'integer', '9', { min: 0, max: 9 }),
    entry(MONITORING_CTRLR, 'OfflineQueuingSeverity', 'integer', '5', { min: 0, max: 9, mutability: 'ReadWrite' }),
    entry(MONITORING_CTRLR, { name: 'ItemsPerMessage', instance: 'SetVariableMonitoring' }, 'integer', '3'),
    entry(MONITORING_CTRLR, { name: 'BytesPerMessage', instance: 'SetVariableMonitoring' }, 'integer', '1000'),
    entry(MONITORING_CTRLR, { name: 'ItemsPerMessage', instance: 'ClearVariableMonitoring' }, 'integer', '4'),
    entry(MONITORING_CTRLR, { name: 'BytesPerMessage', instance: 'ClearVariableMonitoring' }, 'integer', '30'),
    entry(STATION, 'Problem', 'boolean', 'false'),
    entry(STATION, 'AvailabilityState', 'OptionList', 'Available', { valuesList: 'Available,Occupied,Reserved,Unavailable,Faulted' }),
    entry(EVSE1, 'Power', 'decimal', '0', { min: 0, max: 22000 }),
    entry(EVSE1, 'Tripped', 'boolean', 'false'),
    entry(EVSE2, 'Power', 'decimal', '0', { min: 0, max: 22000 }),
    entry(CONNECTOR11, 'Temperature', 'decimal', '25', { min: -40, max: 120 }),
    entry(CONNECTOR12, 'Temperature', 'decimal', '25', { min: -40, max: 120 }),
    entry(CONNECTOR21, 'Temperature', 'decimal', '25', { min: -40, max: 120 }),
    entry(CONVERTER_A, 'Temperature', 'integer', '30', { min: -40, max: 150 }),
    entry(CONVERTER_B, 'Temperature', 'integer', '30', { min: -40, max: 150 }),
    entry(SECURITY, 'BasicAuthPassword', 'string', 'initial-password-0001', { mutability: 'WriteOnly' }),
    entry({ name: 'ClockCtrlr' }, 'DateTime', 'dateTime', '2025-01-01T00:00:00Z'),
    entry({ name: 'TxCtrlr' }, 'EVConnectionTimeOut', 'integer', '60', { monitoring: false, mutability: 'ReadWrite' }),
  ]);
}

/** Ids 1–3: a hard-wired, a FactoryDefault preconfigured and an optional preconfigured monitor. */
export function factoryMonitors(): FactoryMonitor[] {
  return [
    { origin: 'HardWiredMonitor', component: CONNECTOR11, variable: TEMPERATURE, type: 'UpperThreshold', value: 90, severity: 1, transaction: false, factoryDefault: true },
    { origin: 'PreconfiguredMonitor', component: EVSE1, variable: POWER, type: 'UpperThreshold', value: 20000, severity: 4, transaction: false, factoryDefault: true },
    { origin: 'PreconfiguredMonitor', component: STATION, variable: { name: 'AvailabilityState' }, type: 'Delta', value: 1, severity: 7, transaction: false, factoryDefault: false },
  ];
}

/** Asserts a payload is valid against its OCA 2.0.1 schema. */
export function expectValid(action: string, kind: PayloadKind, payload: unknown): void {
  const outcome = sharedSchemaValidator().validate(action, kind, payload);
  expect(outcome, `${action} ${kind}: ${JSON.stringify(outcome)}\n${JSON.stringify(payload)}`).to.deep.equal({ valid: true });
}

export interface Recorded {
  eventData: EventData;
  severity: number;
}

export interface Harness {
  model: DeviceModel;
  state: MonitoringState;
  engine: MonitorEngine;
  clock: FakeClock;
  events: Recorded[];
}

/**
 * Model, state and a started engine on a fake clock; every emitted event is checked against the
 * NotifyEvent schema (wrapped as a one-item message) and recorded.
 */
export function harness(options: { factory?: FactoryMonitor[]; model?: DeviceModel } & Partial<Omit<MonitorEngineOptions, 'clock'>> = {}): Harness {
  const model = options.model ?? buildModel();
  const state = new MonitoringState(model, options.factory ?? []);
  const clock = new FakeClock();
  const engineOptions: MonitorEngineOptions = { clock };
  if (options.isTransactionActive) engineOptions.isTransactionActive = options.isTransactionActive;
  if (options.transactionId) engineOptions.transactionId = options.transactionId;
  if (options.periodicIntervalFactor !== undefined) engineOptions.periodicIntervalFactor = options.periodicIntervalFactor;
  if (options.periodicJitterMs) engineOptions.periodicJitterMs = options.periodicJitterMs;
  if (options.quirks) engineOptions.quirks = options.quirks;
  const engine = new MonitorEngine(model, state, engineOptions);
  const events: Recorded[] = [];
  engine.on('event', (eventData, severity) => {
    expectValid('NotifyEvent', 'request', { generatedAt: new Date(clock.now()).toISOString(), seqNo: 0, eventData: [eventData] });
    events.push({ eventData, severity });
  });
  engine.start();
  return { model, state, engine, clock, events };
}

/** Sets one monitor and returns its id (the test fails when it is not Accepted). */
export function addMonitor(state: MonitoringState, data: { component: ComponentRef; variable: VariableRef; type: FactoryMonitor['type']; value: number; severity?: number; transaction?: boolean }): number {
  const response = state.setVariableMonitoring({ setMonitoringData: [{ severity: 5, ...data }] });
  expectValid('SetVariableMonitoring', 'response', response);
  const [result] = response.setMonitoringResult;
  expect(result?.status, JSON.stringify(result)).to.equal('Accepted');
  return result.id!;
}
