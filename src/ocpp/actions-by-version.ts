import { CSMS_INITIATED_ACTIONS, STATION_INITIATED_ACTIONS } from './actions.js';

/**
 * The actions OCPP 2.1 Edition 1 adds to 2.0.1, by who starts them (2.1 Part 2). Together with the
 * 2.0.1 lists they cover the 90 request/response pairs of the OCA 2.1 schemas (a unit test keeps
 * them in step); NotifyPeriodicEventStream is the one SEND (N15.FR.01) and has no pair.
 */
const OCPP21_STATION_ADDED = [
  'BatterySwap',
  'ClosePeriodicEventStream',
  'GetCertificateChainStatus',
  'NotifyDERAlarm',
  'NotifyDERStartStop',
  'NotifyPriorityCharging',
  'NotifySettlement',
  'OpenPeriodicEventStream',
  'PullDynamicScheduleUpdate',
  'ReportDERControl',
  'VatNumberValidation',
] as const;

const OCPP21_CSMS_ADDED = [
  'AFRRSignal',
  'AdjustPeriodicEventStream',
  'ChangeTransactionTariff',
  'ClearDERControl',
  'ClearTariffs',
  'GetDERControl',
  'GetPeriodicEventStream',
  'GetTariffs',
  'NotifyAllowedEnergyTransfer',
  'NotifyWebPaymentStarted',
  'RequestBatterySwap',
  'SetDERControl',
  'SetDefaultTariff',
  'UpdateDynamicSchedule',
  'UsePriorityCharging',
] as const;

/** OCPP 2.1: the 2.0.1 actions plus the ones 2.1 adds. */
export const OCPP21_STATION_ACTIONS: readonly string[] = [...STATION_INITIATED_ACTIONS, ...OCPP21_STATION_ADDED];
export const OCPP21_CSMS_ACTIONS: readonly string[] = [...CSMS_INITIATED_ACTIONS, ...OCPP21_CSMS_ADDED];

/** The messages OCPP 2.1 sends as SEND (message type 6), never answered (N15.FR.01, N15.FR.02). */
export const OCPP21_SEND_ACTIONS: readonly string[] = ['NotifyPeriodicEventStream'];

/**
 * OCPP 1.6 (Edition 2, 28 actions) plus the 11 of the OCA security white paper (Edition 3), by who
 * starts them; together they cover the 78 schemas `ocpp-rpc` bundles for `ocpp1.6`.
 */
export const OCPP16_STATION_ACTIONS: readonly string[] = [
  'Authorize',
  'BootNotification',
  'DataTransfer',
  'DiagnosticsStatusNotification',
  'FirmwareStatusNotification',
  'Heartbeat',
  'MeterValues',
  'StartTransaction',
  'StatusNotification',
  'StopTransaction',
  // Security white paper.
  'LogStatusNotification',
  'SecurityEventNotification',
  'SignCertificate',
  'SignedFirmwareStatusNotification',
];

export const OCPP16_CSMS_ACTIONS: readonly string[] = [
  'CancelReservation',
  'ChangeAvailability',
  'ChangeConfiguration',
  'ClearCache',
  'ClearChargingProfile',
  'DataTransfer',
  'GetCompositeSchedule',
  'GetConfiguration',
  'GetDiagnostics',
  'GetLocalListVersion',
  'RemoteStartTransaction',
  'RemoteStopTransaction',
  'ReserveNow',
  'Reset',
  'SendLocalList',
  'SetChargingProfile',
  'TriggerMessage',
  'UnlockConnector',
  'UpdateFirmware',
  // Security white paper.
  'CertificateSigned',
  'DeleteCertificate',
  'ExtendedTriggerMessage',
  'GetInstalledCertificateIds',
  'GetLog',
  'InstallCertificate',
  'SignedUpdateFirmware',
];
