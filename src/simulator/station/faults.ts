import { isOcpp16FaultName, type Ocpp16FaultName } from '../ocpp16/faults.js';

/**
 * Named faults: switches that make the virtual station behave like the bad stations met in the
 * field (shared/reference/field-notes.md), so the audit can be tested against each one. They
 * combine freely.
 */
export const FAULTS = {
  'report-seqno-from-1': 'NotifyReport parts are numbered from 1 instead of 0',
  'report-stops-tbc': 'the last NotifyReport part is never sent: the report ends with tbc=true',
  'monitoring-accepted-empty': 'SetVariableMonitoring answers Accepted without monitor ids and nothing is behind it',
  'monitors-never-fire': 'monitors are stored and reported but never send NotifyEvent',
  'ignore-monitoring-level': 'SetMonitoringLevel is accepted but events of every severity keep coming',
  'base-keeps-custom': 'SetMonitoringBase FactoryDefault/HardWiredOnly is accepted but changes nothing: custom monitors stay',
  'periodic-wrong-interval': 'periodic monitors fire at twice the requested interval',
  'periodic-jitter': 'periodic events come with heavy random jitter (up to half the interval)',
  'clock-aligned-from-set-time': 'PeriodicClockAligned monitors fire at set time + k × interval instead of on clock boundaries',
  'threshold-without-cleared': 'threshold monitors never send the cleared=true event on return',
  'threshold-every-change': 'threshold monitors send an Alerting event on every change of the value, exceeded or not',
  'delta-every-change': 'numeric Delta monitors fire on every change of the value, whatever its size',
  'delta-not-rebased': 'numeric Delta monitors keep the value at set time as their reference instead of the value of their last event',
  'schema-violations': 'reports carry over-long component names and null fields',
  'ocpp16-error-code': 'CALLERRORs for too many elements use the OCPP 1.6 spelling OccurenceConstraintViolation',
  'silent-after-periodic-set': 'after a periodic monitor is set, the next SetVariables wedges the station: it answers nothing more',
  'wedge-while-monitors-active': 'while any periodic monitor is active, requests are carried out but never answered; answers resume once none is left',
  'slow-responses': 'every answer is delayed by 3 s',
  'disconnect-mid-report': 'the connection drops in the middle of a multi-part report',
  'summary-full-model': 'GetBaseReport(SummaryInventory) returns the whole device model instead of availability and problems',
  'report-criteria-ignored': 'GetReport ignores componentCriteria and returns every component (componentVariable still filters)',
  'not-implemented-known': 'every OCPP 2.0.1 action the station does not handle, and the monitoring actions, are answered CALLERROR NotImplemented instead of NotSupported',
  'evse-id-zero': 'the FullInventory also reports an EVSE with evse.id 0 and a connector 0 (the station-level EVSE of some simulators)',
  'unknown-tech-code': 'once after boot, a fault with the vendor code E-4711 (not a ChargeX code) is raised and cleared on PowerModule[PM1].Problem, which the device model does not report (needs a profile with monitoring)',
  'event-flood': 'ChargingStation.Problem flaps and every flap is sent as a NotifyEvent, 50 a second, while connected (needs a profile with monitoring)',
  // Behaviours of correct or common firmware the audit must judge right (issue 13's corpus).
  'strict-boot': 'a CSMS request that arrives before the station has its BootNotification answer is ignored, never answered (SAP simulator)',
  'reconnect-without-reboot': 'the station starts as accepted by an earlier CSMS: it connects without a BootNotification (Part 4), sends its StatusNotifications and boots only when asked (TriggerMessage)',
  'no-get-variables': 'GetVariables is answered CALLERROR NotSupported (ocpp-go example)',
  'tiny-model': 'a tiny device model without OCPPCommCtrlr.HeartbeatInterval, OCPPCommCtrlr.OfflineThreshold and DeviceDataCtrlr.ItemsPerMessage[GetReport] (Get/SetVariables answer UnknownVariable; heartbeats follow the boot interval)',
  'accepts-everything': 'says Accepted to every device-model and monitoring request and does nothing: GetVariables without values, writes not applied, monitors without ids, GetMonitoringReport with no report, no NotifyEvent ever',
  'no-base-report': 'GetBaseReport and GetReport are answered CALLERROR NotSupported: the station reports no device model',
  'chargex-fault-codes': 'once after boot, hard-wired fault notifications with ChargeX codes: CX002 on RCD.Tripped (or ChargingStation.Problem), cleared 2 s later, and CX025 on ConnectorPlugRetentionLock.Problem (or EVRetentionLock.Problem), left raised (needs a profile with monitoring)',
  'operator-monitors': 'starts with custom monitors an operator set: a daily Periodic and an UpperThreshold (severity 4) on a connector temperature, a transaction-only Delta on EVSE power, and a preconfigured threshold changed (needs a profile with monitoring)',
} as const;

/**
 * Faults of OCPP 2.1 behaviours (periodic event streams, N11–N15): only the 2.1 station has them
 * (STATIONS in start-virtual-station.ts), and only with a profile that has monitoring.
 */
export const OCPP21_FAULTS = {
  'stream-never-opens': 'a monitor set with periodicEventStream is accepted, but no OpenPeriodicEventStream follows: it reports with NotifyEvent',
  'stream-as-call': 'NotifyPeriodicEventStream is sent as a CALL (type 2) instead of a SEND (type 6)',
  'stream-wrong-interval': 'periodic event streams send their messages at twice the requested interval',
  'stream-first-t-not-zero': 'a NotifyPeriodicEventStream basetime is the previous message\'s time, not its first value\'s: the first t is not 0',
  'stream-ignores-values': 'periodic event streams ignore values: everything buffered goes in one message every interval',
  'stream-ignores-reject': 'a periodic event stream the CSMS rejected is used anyway, and the monitor sends no NotifyEvent',
  'stream-not-closed-on-clear': 'clearing a monitor leaves its periodic event stream open: no flush, no ClosePeriodicEventStream',
  'adjust-ignored': 'AdjustPeriodicEventStream is answered Accepted and the stream keeps its old rate',
  'streams-beyond-max': 'periodic event streams are opened beyond MonitoringCtrlr.MaxPeriodicEventStreams',
} as const;

/** A fault of the OCPP 2.x station (FAULTS). */
export type Ocpp2FaultName = keyof typeof FAULTS;
/** A fault of the OCPP 2.1 station alone (OCPP21_FAULTS). */
export type Ocpp21FaultName = keyof typeof OCPP21_FAULTS;
/** A fault of any station: 2.x (FAULTS), 2.1 (OCPP21_FAULTS) or 1.6 (OCPP16_FAULTS); each station refuses the others'. */
export type FaultName = Ocpp2FaultName | Ocpp21FaultName | Ocpp16FaultName;

export function isFaultName(name: string): name is FaultName {
  return Object.hasOwn(FAULTS, name) || Object.hasOwn(OCPP21_FAULTS, name) || isOcpp16FaultName(name);
}

/** The faults a station runs with. */
export class FaultSet {
  readonly #active: ReadonlySet<FaultName>;

  constructor(names: Iterable<FaultName> = []) {
    this.#active = new Set(names);
  }

  has(name: FaultName): boolean {
    return this.#active.has(name);
  }

  list(): FaultName[] {
    return [...this.#active];
  }
}
