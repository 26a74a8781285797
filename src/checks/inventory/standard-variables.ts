/**
 * Standardized variable names of the OCPP 2.0.1 device model, as data: the generic variables any
 * component may carry (Part 2 Appendix 4) and the variables the appendix names for specific
 * components (Appendix 3: controllers and physical components). Names only, restated from
 * shared/reference/ocpp-2.0.1-facts.md §3.3–§3.5 and the appendix's component/variable table
 * (v1.4), with the ERR25 additions. Names compare case-insensitively.
 */

import type { OcppVersion } from '../../ocpp/protocol.js';
import { STANDARD_NAMES_ADDED } from './standard-names-21.js';

/** Appendix 4: variables with a standardized meaning on any component. */
const GENERIC_VARIABLES: readonly string[] = [
  'ACCurrent', 'Active', 'ACVoltage', 'AllowReset', 'Angle', 'Attempts', 'AvailabilityState', 'Available', 'Certificate',
  'ChargeProtocol', 'ChargingCompleteBulk', 'ChargingCompleteFull', 'ChargingTime', 'Color', 'Complete', 'ConnectedTime',
  'ConnectorType', 'Count', 'Currency', 'CurrentImbalance', 'DataText', 'DateTime', 'DCCurrent', 'DCVoltage', 'DepartureTime',
  'ECVariant', 'Enabled', 'Energy', 'EnergyCapacity', 'EnergyExport', 'EnergyExportRegister', 'EnergyImport', 'EnergyImportRegister',
  'Entries', 'EvseId', 'Fallback', 'FanSpeed', 'FirmwareVersion', 'Force', 'Formats', 'Frequency', 'FuseRating', 'Height',
  'Humidity', 'Hysteresis', 'ICCID', 'Impedance', 'IMSI', 'Interval', 'Length', 'Light', 'Manufacturer', 'Message',
  'MinimumStatusDuration', 'Mode', 'Model', 'NetworkAddress', 'Operated', 'OperatingTimes', 'Overload', 'Percent', 'PhaseRotation',
  'PostChargingTime', 'Power', 'Problem', 'Protecting', 'RemainingTimeBulk', 'RemainingTimeFull', 'SeccId', 'SerialNumber',
  'SignalStrength', 'State', 'StateOfCharge', 'StateOfChargeBulk', 'Storage', 'SupplyPhases', 'Suspending', 'Suspension',
  'Temperature', 'Time', 'TimeOffset', 'Timeout', 'Token', 'TokenType', 'Tries', 'Tripped', 'VehicleId', 'VendorName',
  'VersionDate', 'VersionNumber', 'VoltageImbalance',
];

/** Appendix 3: the variables named for specific components, beyond the generic ones. */
const COMPONENT_VARIABLES: Readonly<Record<string, readonly string[]>> = {
  AlignedDataCtrlr: ['Interval', 'Measurands', 'SendDuringIdle', 'SignReadings', 'TxEndedInterval', 'TxEndedMeasurands'],
  AuthCacheCtrlr: ['DisablePostAuthorize', 'LifeTime', 'Policy', 'Storage'],
  AuthCtrlr: [
    'AdditionalInfoItemsPerMessage', 'AuthorizeRemoteStart', 'DisableRemoteAuthorization', 'LocalAuthorizeOffline', 'LocalPreAuthorize',
    'MasterPassGroupId', 'OfflineTxForUnknownIdEnabled', 'SupportedIdTokenTypes',
  ],
  CHAdeMOCtrlr: ['AutoManufacturerCode', 'CHAdeMOProtocolNumber', 'DynamicControl', 'HighCurrentControl', 'HighVoltageControl', 'SelftestActive', 'VehicleStatus'],
  ChargingStation: ['AllowNewSessionsPendingFirmwareUpdate', 'Identity'],
  ClockCtrlr: ['NextTimeOffsetTransitionDateTime', 'NtpServerUri', 'NtpSource', 'TimeAdjustmentReportingThreshold', 'TimeSource', 'TimeZone'],
  ConnectedEV: ['ChargingState', 'ProtocolAgreed', 'ProtocolSupportedByEV', 'VehicleID'],
  Controller: ['MaxMsgElements', 'SelftestActive'],
  CPPWMController: ['Percentage', 'SelftestActive'],
  CustomizationCtrlr: ['CustomImplementationEnabled'],
  DeviceDataCtrlr: ['BytesPerMessage', 'ConfigurationValueSize', 'ItemsPerMessage', 'ReportingValueSize', 'ValueSize'],
  DisplayMessageCtrlr: ['DisplayMessages', 'PersonalMessageSize', 'SupportedFormats', 'SupportedPriorities'],
  DistributionPanel: ['ChargingStation', 'DistributionPanel', 'Fuse', 'InstanceName'],
  ElectricalFeed: ['PowerType'],
  EVSE: ['ISO15118EvseId'],
  FiscalMetering: ['OptionsSet'],
  ISO15118Ctrlr: [
    'CentralContractValidationAllowed', 'ContractCertificateInstallationEnabled', 'ContractValidationOffline', 'CountryName', 'MaxScheduleEntries',
    'OrganizationName', 'PnCEnabled', 'RequestedEnergyTransferMode', 'RequestMeteringReceipt', 'SelftestActive', 'V2GCertificateInstallationEnabled',
  ],
  LocalAuthListCtrlr: ['BytesPerMessage', 'DisablePostAuthorize', 'ItemsPerMessage'],
  LocalController: ['ChargingStation', 'DistributionPanel', 'Identity'],
  LocalEnergyStorage: ['Capacity', 'Identity'],
  MonitoringCtrlr: ['ActiveMonitoringBase', 'ActiveMonitoringLevel', 'BytesPerMessage', 'ItemsPerMessage', 'MonitoringBase', 'MonitoringLevel', 'OfflineQueuingSeverity'],
  OCPPCommCtrlr: [
    'ActiveNetworkProfile', 'FieldLength', 'FileTransferProtocols', 'HeartbeatInterval', 'MessageAttemptInterval', 'MessageAttempts', 'MessageTimeout',
    'NetworkConfigurationPriority', 'NetworkProfileConnectionAttempts', 'OfflineThreshold', 'PublicKeyWithSignedMeterValue', 'QueueAllMessages',
    'ResetRetries', 'RetryBackOffRandomRange', 'RetryBackOffRepeatTimes', 'RetryBackOffWaitMinimum', 'UnlockOnEVSideDisconnect', 'WebSocketPingInterval',
  ],
  ReservationCtrlr: ['NonEvseSpecific'],
  SampledDataCtrlr: ['RegisterValuesWithoutPhases', 'SignReadings', 'TxEndedInterval', 'TxEndedMeasurands', 'TxStartedMeasurands', 'TxUpdatedInterval', 'TxUpdatedMeasurands'],
  SecurityCtrlr: [
    'AdditionalRootCertificateCheck', 'AllowCSMSTLSWildcards', 'AllowSecurityProfileDowngrade', 'BasicAuthPassword', 'CertificateEntries',
    'CertSigningRepeatTimes', 'CertSigningWaitMinimum', 'Identity', 'MaxCertificateChainSize', 'OrganizationName', 'SecurityProfile',
  ],
  SmartChargingCtrlr: [
    'ACPhaseSwitchingSupported', 'ExternalControlSignalsEnabled', 'LimitChangeSignificance', 'NotifyChargingLimitWithSchedules', 'PeriodsPerSchedule',
    'Phases3to1', 'ProfileStackLevel', 'RateUnit',
  ],
  TariffCostCtrlr: ['TariffFallbackMessage', 'TotalCostFallbackMessage'],
  TxCtrlr: ['EVConnectionTimeOut', 'MaxEnergyOnInvalidId', 'StopTxOnEVSideDisconnect', 'StopTxOnInvalidId', 'TxBeforeAcceptedEnabled', 'TxStartPoint', 'TxStopPoint'],
};

const lower = (names: readonly string[]): Set<string> => new Set(names.map((name) => name.toLowerCase()));
const GENERIC = lower(GENERIC_VARIABLES);
const BY_COMPONENT = new Map(Object.entries(COMPONENT_VARIABLES).map(([component, names]) => [component.toLowerCase(), lower(names)]));

/**
 * Whether `variable` is a standardized variable name for the standardized component `component`
 * in the station's OCPP version (default 2.0.1): a generic one, or one the appendix names for that
 * component. Both compare case-insensitively.
 */
export function isStandardVariable(component: string, variable: string, version: OcppVersion = '2.0.1'): boolean {
  const name = variable.toLowerCase();
  if (GENERIC.has(name) || (BY_COMPONENT.get(component.toLowerCase())?.has(name) ?? false)) return true;
  const added = STANDARD_NAMES_ADDED[version];
  if (!added) return false;
  const same = (other: string): boolean => other.toLowerCase() === name;
  const forComponent = Object.entries(added.componentVariables).find(([owner]) => owner.toLowerCase() === component.toLowerCase())?.[1] ?? [];
  return added.genericVariables.some(same) || forComponent.some(same);
}
