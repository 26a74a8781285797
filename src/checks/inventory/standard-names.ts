import type { OcppVersion } from '../../ocpp/protocol.js';
import { STANDARD_NAMES_ADDED } from './standard-names-21.js';

/**
 * Standardized names of the OCPP 2.0.1 device model (Part 2 appendices, v1.3), as data:
 * controller components (Appendix 3.1), physical components (Appendix 3.2) and units
 * (Appendix 2). Restated from shared/reference/ocpp-2.0.1-facts.md §3.3, §3.4 and §3.6.
 */

/** Appendix 3.1: one controller component per functional block. */
export const CONTROLLER_COMPONENTS: readonly string[] = [
  'AlignedDataCtrlr',
  'AuthCacheCtrlr',
  'AuthCtrlr',
  'CHAdeMOCtrlr',
  'ClockCtrlr',
  'CustomizationCtrlr',
  'DeviceDataCtrlr',
  'DisplayMessageCtrlr',
  'ISO15118Ctrlr',
  'LocalAuthListCtrlr',
  'MonitoringCtrlr',
  'OCPPCommCtrlr',
  'ReservationCtrlr',
  'SampledDataCtrlr',
  'SecurityCtrlr',
  'SmartChargingCtrlr',
  'TariffCostCtrlr',
  'TxCtrlr',
];

/** Appendix 3.2: physical components that must use these names when they match the description. */
export const PHYSICAL_COMPONENTS: readonly string[] = [
  'AccessBarrier',
  'AcDcConverter',
  'AcPhaseSelector',
  'Actuator',
  'AirCoolingSystem',
  'AreaVentilation',
  'BayOccupancySensor',
  'BeaconLighting',
  'CableBreakawaySensor',
  'CaseAccessSensor',
  'ChargingStation',
  'ChargingStatusIndicator',
  'ConnectedEV',
  'Connector',
  'ConnectorHolsterRelease',
  'ConnectorHolsterSensor',
  'ConnectorPlugRetentionLock',
  'ConnectorProtectionRelease',
  'Controller',
  'ControlMetering',
  'CPPWMController',
  'DataLink',
  'Display',
  'DistributionPanel',
  'ElectricalFeed',
  'ELVSupply',
  'EmergencyStopSensor',
  'EnvironmentalLighting',
  'EVRetentionLock',
  'EVSE',
  'ExternalTemperatureSensor',
  'FiscalMetering',
  'FloodSensor',
  'GroundIsolationProtection',
  'Heater',
  'HumiditySensor',
  'LightSensor',
  'LiquidCoolingSystem',
  'LocalAvailabilitySensor',
  'LocalController',
  'LocalEnergyStorage',
  'OverCurrentProtection',
  'OverCurrentProtectionRecloser',
  'PowerContactor',
  'RCD',
  'RCDRecloser',
  'RealTimeClock',
  'ShockSensor',
  'SpacesCountSignage',
  'Switch',
  'TemperatureSensor',
  'TiltSensor',
  'TokenReader',
  'UIInput',
  'UpstreamProtectionTrigger',
  'VehicleIdSensor',
];

/**
 * Older names from the Part 1 §4.1 example tables that the appendix replaced, with the name to
 * use instead (facts §3.4, marked conflict: the sources disagree, so these only warn).
 */
export const COMPONENT_ALIASES: Readonly<Record<string, string>> = {
  RadioLink: 'DataLink',
  OverCurrentBreaker: 'OverCurrentProtection',
  PlugRetentionLock: 'ConnectorPlugRetentionLock',
  AccessProtection: 'ConnectorProtectionRelease',
  Clock: 'RealTimeClock or ClockCtrlr',
};

const STANDARD_BY_LOWER = new Map([...CONTROLLER_COMPONENTS, ...PHYSICAL_COMPONENTS].map((name) => [name.toLowerCase(), name]));

/** The standardized spelling of a component name (names compare case-insensitively) in the station's OCPP version (default 2.0.1), if any. */
export function standardComponentName(name: string, version: OcppVersion = '2.0.1'): string | undefined {
  const lower = name.toLowerCase();
  return STANDARD_BY_LOWER.get(lower) ?? STANDARD_NAMES_ADDED[version]?.components.find((added) => added.toLowerCase() === lower);
}

/** The replacement for an outdated component name, if it is one. */
export function componentAlias(name: string): string | undefined {
  const key = Object.keys(COMPONENT_ALIASES).find((alias) => alias.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : COMPONENT_ALIASES[key];
}

/** Appendix 2 units (Wh is the default when a measurand has no unit). */
export const STANDARD_UNITS: ReadonlySet<string> = new Set([
  'A',
  'ASU',
  'B',
  'Celsius',
  'dB',
  'dBm',
  'Deg',
  'Fahrenheit',
  'Hz',
  'K',
  'lx',
  'm',
  'ms2',
  'N',
  'Ohm',
  'kPa',
  'Percent',
  'RH',
  'RPM',
  's',
  'V',
  'VA',
  'kVA',
  'VAh',
  'kVAh',
  'var',
  'kvar',
  'varh',
  'kvarh',
  'W',
  'kW',
  'Wh',
  'kWh',
]);

/** Schema limit on ComponentType/VariableType name and instance (facts §1.1). */
export const NAME_MAX_LENGTH = 50;

/** VariableCharacteristicsType.dataType values (DataEnumType). */
export const DATA_TYPES: readonly string[] = ['string', 'decimal', 'integer', 'dateTime', 'boolean', 'OptionList', 'SequenceList', 'MemberList'];

/** The dataTypes whose values come from valuesList. */
export const LIST_DATA_TYPES: readonly string[] = ['OptionList', 'SequenceList', 'MemberList'];
