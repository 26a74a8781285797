/**
 * The OCPP 2.0.1 actions by who initiates them (Part 2). DataTransfer goes both ways.
 * Together the two lists cover the 64 request/response schema pairs of the OCA 2.0.1 schemas
 * (a unit test keeps them in step).
 */
export const STATION_INITIATED_ACTIONS = [
  'Authorize',
  'BootNotification',
  'ClearedChargingLimit',
  'DataTransfer',
  'FirmwareStatusNotification',
  'Get15118EVCertificate',
  'GetCertificateStatus',
  'Heartbeat',
  'LogStatusNotification',
  'MeterValues',
  'NotifyChargingLimit',
  'NotifyCustomerInformation',
  'NotifyDisplayMessages',
  'NotifyEVChargingNeeds',
  'NotifyEVChargingSchedule',
  'NotifyEvent',
  'NotifyMonitoringReport',
  'NotifyReport',
  'PublishFirmwareStatusNotification',
  'ReportChargingProfiles',
  'ReservationStatusUpdate',
  'SecurityEventNotification',
  'SignCertificate',
  'StatusNotification',
  'TransactionEvent',
] as const;

export const CSMS_INITIATED_ACTIONS = [
  'CancelReservation',
  'CertificateSigned',
  'ChangeAvailability',
  'ClearCache',
  'ClearChargingProfile',
  'ClearDisplayMessage',
  'ClearVariableMonitoring',
  'CostUpdated',
  'CustomerInformation',
  'DataTransfer',
  'DeleteCertificate',
  'GetBaseReport',
  'GetChargingProfiles',
  'GetCompositeSchedule',
  'GetDisplayMessages',
  'GetInstalledCertificateIds',
  'GetLocalListVersion',
  'GetLog',
  'GetMonitoringReport',
  'GetReport',
  'GetTransactionStatus',
  'GetVariables',
  'InstallCertificate',
  'PublishFirmware',
  'RequestStartTransaction',
  'RequestStopTransaction',
  'ReserveNow',
  'Reset',
  'SendLocalList',
  'SetChargingProfile',
  'SetDisplayMessage',
  'SetMonitoringBase',
  'SetMonitoringLevel',
  'SetNetworkProfile',
  'SetVariableMonitoring',
  'SetVariables',
  'TriggerMessage',
  'UnlockConnector',
  'UnpublishFirmware',
  'UpdateFirmware',
] as const;

export type StationInitiatedAction = (typeof STATION_INITIATED_ACTIONS)[number];
export type CsmsInitiatedAction = (typeof CSMS_INITIATED_ACTIONS)[number];
export type OcppAction = StationInitiatedAction | CsmsInitiatedAction;

const allActions = new Set<string>([...STATION_INITIATED_ACTIONS, ...CSMS_INITIATED_ACTIONS]);

/** True for any action name OCPP 2.0.1 defines (case-sensitive, as Part 4 says). */
export function isOcppAction(name: string): name is OcppAction {
  return allActions.has(name);
}
