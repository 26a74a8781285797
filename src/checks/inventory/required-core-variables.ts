/**
 * The variables OCTT TC_B_53_CS expects in a FullInventory (Part 6, "Required Core" and the
 * per-functional-block lists), as data. Restated from shared/reference/ocpp-2.0.1-facts.md §3.2;
 * where the appendix and the test case disagree on a dataType (facts §3.3/§3.5), both are accepted.
 */

/** Where a component sits: once for the station, on every EVSE, on every connector. */
export type Tier = 'station' | 'evse' | 'connector';

export type Mutability = 'ReadOnly' | 'ReadWrite' | 'WriteOnly';

export interface RequiredVariable {
  component: string;
  variable: string;
  /** Variable instance the test case names (DeviceDataCtrlr.ItemsPerMessage[GetReport]). */
  instance?: string;
  tier: Tier;
  /** Mutabilities the test case accepts for the Actual attribute. */
  mutability: readonly Mutability[];
  /** dataTypes accepted. */
  dataTypes: readonly string[];
  /** Units accepted, when the test case names one. */
  units?: readonly string[];
  /** The test case expects maxLimit > 0 (a capacity or list length). */
  maxLimitPositive?: true;
  /**
   * The base variable Available may be left out when it is read-only and true, and the CSMS must
   * then assume it true (Part 1 §4.2), while TC_B_53 lists it: absence only warns.
   */
  omittable?: true;
  /** Required only when the station implements this functional block (reports this controller). */
  block?: string;
}

const RO = ['ReadOnly'] as const;
const RW = ['ReadWrite'] as const;
const RO_OR_RW = ['ReadOnly', 'ReadWrite'] as const;
const ANY = ['ReadOnly', 'ReadWrite', 'WriteOnly'] as const;
const SECONDS = ['s'] as const;

function rows(
  component: string,
  variables: readonly string[],
  shape: Omit<RequiredVariable, 'component' | 'variable' | 'tier'> & { tier?: Tier; instances?: readonly string[] },
): RequiredVariable[] {
  const { instances, tier = 'station', ...rest } = shape;
  return variables.flatMap((variable) =>
    (instances ?? [undefined]).map((instance) => ({ component, variable, ...(instance !== undefined ? { instance } : {}), tier, ...rest })),
  );
}

/** TC_B_53 "Required Core": every station must report these. */
export const REQUIRED_CORE_VARIABLES: readonly RequiredVariable[] = [
  ...rows('AlignedDataCtrlr', ['Interval', 'TxEndedInterval'], { mutability: RW, dataTypes: ['integer'], units: SECONDS }),
  ...rows('AlignedDataCtrlr', ['Measurands', 'TxEndedMeasurands'], { mutability: RW, dataTypes: ['MemberList'], maxLimitPositive: true }),
  ...rows('AuthCtrlr', ['AuthorizeRemoteStart'], { mutability: RO_OR_RW, dataTypes: ['boolean'] }),
  ...rows('AuthCtrlr', ['LocalAuthorizeOffline', 'LocalPreAuthorize'], { mutability: RW, dataTypes: ['boolean'] }),
  ...rows('ChargingStation', ['AvailabilityState'], { mutability: RO, dataTypes: ['OptionList'] }),
  ...rows('ChargingStation', ['Available'], { mutability: RO, dataTypes: ['boolean'], omittable: true }),
  ...rows('ChargingStation', ['SupplyPhases'], { mutability: RO, dataTypes: ['integer'] }),
  ...rows('ClockCtrlr', ['DateTime'], { mutability: RO, dataTypes: ['dateTime'] }),
  // Appendix: string or SequenceList; TC_B_53: SequenceList.
  ...rows('ClockCtrlr', ['TimeSource'], { mutability: RW, dataTypes: ['SequenceList', 'string'] }),
  ...rows('Connector', ['AvailabilityState'], { tier: 'connector', mutability: RO, dataTypes: ['OptionList'] }),
  ...rows('Connector', ['Available'], { tier: 'connector', mutability: RO, dataTypes: ['boolean'], omittable: true }),
  // TC_B_53: string; Appendix 4: OptionList.
  ...rows('Connector', ['ConnectorType'], { tier: 'connector', mutability: RO, dataTypes: ['string', 'OptionList'] }),
  ...rows('Connector', ['SupplyPhases'], { tier: 'connector', mutability: RO, dataTypes: ['integer'] }),
  ...rows('DeviceDataCtrlr', ['BytesPerMessage', 'ItemsPerMessage'], { instances: ['GetReport', 'GetVariables', 'SetVariables'], mutability: RO, dataTypes: ['integer'] }),
  ...rows('EVSE', ['AvailabilityState'], { tier: 'evse', mutability: RO, dataTypes: ['OptionList'] }),
  ...rows('EVSE', ['Available'], { tier: 'evse', mutability: RO, dataTypes: ['boolean'], omittable: true }),
  ...rows('EVSE', ['Power'], { tier: 'evse', mutability: RO, dataTypes: ['decimal'], units: ['W', 'kW'], maxLimitPositive: true }),
  ...rows('EVSE', ['SupplyPhases'], { tier: 'evse', mutability: RO, dataTypes: ['integer'] }),
  ...rows('OCPPCommCtrlr', ['FileTransferProtocols'], { mutability: RO, dataTypes: ['MemberList'] }),
  ...rows('OCPPCommCtrlr', ['MessageTimeout'], { instances: ['Default'], mutability: RO, dataTypes: ['integer'], units: SECONDS }),
  ...rows('OCPPCommCtrlr', ['MessageAttemptInterval'], { instances: ['TransactionEvent'], mutability: RW, dataTypes: ['integer'], units: SECONDS }),
  ...rows('OCPPCommCtrlr', ['MessageAttempts'], { instances: ['TransactionEvent'], mutability: RW, dataTypes: ['integer'] }),
  // Appendix: string or SequenceList; TC_B_53: SequenceList.
  ...rows('OCPPCommCtrlr', ['NetworkConfigurationPriority'], { mutability: RW, dataTypes: ['SequenceList', 'string'] }),
  ...rows('OCPPCommCtrlr', ['NetworkProfileConnectionAttempts', 'ResetRetries'], { mutability: RW, dataTypes: ['integer'] }),
  ...rows('OCPPCommCtrlr', ['OfflineThreshold'], { mutability: RW, dataTypes: ['integer'], units: SECONDS }),
  ...rows('OCPPCommCtrlr', ['UnlockOnEVSideDisconnect'], { mutability: RO_OR_RW, dataTypes: ['boolean'] }),
  ...rows('SampledDataCtrlr', ['TxEndedInterval', 'TxUpdatedInterval'], { mutability: RW, dataTypes: ['integer'], units: SECONDS }),
  ...rows('SampledDataCtrlr', ['TxEndedMeasurands', 'TxStartedMeasurands', 'TxUpdatedMeasurands'], { mutability: RW, dataTypes: ['MemberList'], maxLimitPositive: true }),
  ...rows('SecurityCtrlr', ['CertificateEntries'], { mutability: RO, dataTypes: ['integer'], maxLimitPositive: true }),
  ...rows('SecurityCtrlr', ['OrganizationName'], { mutability: RW, dataTypes: ['string'] }),
  ...rows('SecurityCtrlr', ['SecurityProfile'], { mutability: RO, dataTypes: ['integer'] }),
  ...rows('TxCtrlr', ['EVConnectionTimeOut'], { mutability: RW, dataTypes: ['integer'], units: SECONDS }),
  ...rows('TxCtrlr', ['StopTxOnEVSideDisconnect'], { mutability: RO_OR_RW, dataTypes: ['boolean'] }),
  ...rows('TxCtrlr', ['StopTxOnInvalidId'], { mutability: RW, dataTypes: ['boolean'] }),
  ...rows('TxCtrlr', ['TxStartPoint', 'TxStopPoint'], { mutability: RO_OR_RW, dataTypes: ['MemberList'] }),
];

/**
 * TC_B_53 per functional block: required only when the block is implemented. The audit takes a
 * reported controller component as the sign that it is.
 */
export const REQUIRED_BLOCK_VARIABLES: readonly RequiredVariable[] = [
  ...rows('DisplayMessageCtrlr', ['DisplayMessages'], { block: 'DisplayMessageCtrlr', mutability: RO, dataTypes: ['integer'] }),
  ...rows('DisplayMessageCtrlr', ['SupportedFormats', 'SupportedPriorities'], { block: 'DisplayMessageCtrlr', mutability: RO, dataTypes: ['MemberList'] }),
  ...rows('ISO15118Ctrlr', ['ContractValidationOffline'], { block: 'ISO15118Ctrlr', mutability: RW, dataTypes: ['boolean'] }),
  ...rows('LocalAuthListCtrlr', ['BytesPerMessage', 'ItemsPerMessage'], { block: 'LocalAuthListCtrlr', mutability: RO, dataTypes: ['integer'] }),
  ...rows('LocalAuthListCtrlr', ['Entries'], { block: 'LocalAuthListCtrlr', mutability: RO, dataTypes: ['integer'], maxLimitPositive: true }),
  ...rows('MonitoringCtrlr', ['BytesPerMessage'], { block: 'MonitoringCtrlr', instances: ['SetVariableMonitoring'], mutability: RO, dataTypes: ['integer'] }),
  ...rows('SmartChargingCtrlr', ['Entries'], { block: 'SmartChargingCtrlr', instances: ['ChargingProfiles'], mutability: ANY, dataTypes: ['integer'], maxLimitPositive: true }),
  // Appendix 3.1 says integer, the referenced-variables text says decimal Percent.
  ...rows('SmartChargingCtrlr', ['LimitChangeSignificance'], { block: 'SmartChargingCtrlr', mutability: RW, dataTypes: ['decimal', 'integer'], units: ['Percent'] }),
  ...rows('SmartChargingCtrlr', ['PeriodsPerSchedule', 'ProfileStackLevel'], { block: 'SmartChargingCtrlr', mutability: RO, dataTypes: ['integer'] }),
  ...rows('SmartChargingCtrlr', ['RateUnit'], { block: 'SmartChargingCtrlr', mutability: RO, dataTypes: ['MemberList'] }),
  ...rows('TariffCostCtrlr', ['Currency'], { block: 'TariffCostCtrlr', mutability: ANY, dataTypes: ['string'] }),
  ...rows('TariffCostCtrlr', ['TariffFallbackMessage', 'TotalCostFallbackMessage'], { block: 'TariffCostCtrlr', mutability: RW, dataTypes: ['string'] }),
];

/** `DeviceDataCtrlr.ItemsPerMessage[GetReport]`, `Connector.AvailabilityState`. */
export function requiredLabel(required: RequiredVariable): string {
  return `${required.component}.${required.variable}${required.instance !== undefined ? `[${required.instance}]` : ''}`;
}
