/**
 * OCPP 1.6 facts about configuration and feature profiles, as data: which standard keys each
 * feature profile defines (1.6 §9, with the 2025-04 errata), whether a station that claims the
 * profile must have them, and who may write them; and which actions belong to which profile
 * (1.6 §3.3). Names, ids and section numbers only, never the spec's prose.
 */

/** The six feature profiles of OCPP 1.6 (§3.3); only Core is mandatory. */
export const OCPP16_FEATURE_PROFILES = ['Core', 'FirmwareManagement', 'LocalAuthListManagement', 'Reservation', 'SmartCharging', 'RemoteTrigger'] as const;
export type FeatureProfile = (typeof OCPP16_FEATURE_PROFILES)[number];

/**
 * Who may write a key: `R` read-only, `RW` read-write, `R or RW` the station's choice (1.6 §9.1.3;
 * errata §3.80, §3.84), `W` write-only (security white paper AuthorizationKey).
 */
export type KeyAccess = 'R' | 'RW' | 'R or RW' | 'W';

export interface StandardKey {
  key: string;
  /** The feature profile (or the security white paper) that defines the key. */
  profile: FeatureProfile | 'Security';
  /** A station that supports the profile must have the key (1.6 §9: "only … if it supports that profile"). */
  required: boolean;
  access: KeyAccess;
  /** Where it is defined: "OCPP 1.6 §9.1", "OCPP 1.6 errata §3.80", "1.6 security WP §7". */
  ref: string;
}

const core = (key: string, required: boolean, access: KeyAccess, ref = 'OCPP 1.6 §9.1'): StandardKey => ({ key, profile: 'Core', required, access, ref });

/** Every standard configuration key of 1.6 Edition 2, its errata (2025-04) and the security white paper (Edition 3). */
export const OCPP16_STANDARD_KEYS: readonly StandardKey[] = [
  core('AllowOfflineTxForUnknownId', false, 'RW'),
  core('AuthorizationCacheEnabled', false, 'RW'),
  core('AuthorizeRemoteTxRequests', true, 'R or RW'),
  core('BlinkRepeat', false, 'RW'),
  core('ClockAlignedDataInterval', true, 'RW'),
  core('ConnectionTimeOut', true, 'RW'),
  core('ConnectorPhaseRotation', true, 'RW'),
  core('ConnectorPhaseRotationMaxLength', false, 'R'),
  core('GetConfigurationMaxKeys', true, 'R'),
  core('HeartbeatInterval', true, 'RW'),
  core('LightIntensity', false, 'RW'),
  core('LocalAuthorizeOffline', true, 'RW'),
  core('LocalPreAuthorize', true, 'RW'),
  core('MaxEnergyOnInvalidId', false, 'RW'),
  core('MessageTimeout', false, 'RW', 'OCPP 1.6 errata §3.83'),
  core('MeterValuesAlignedData', true, 'RW'),
  core('MeterValuesAlignedDataMaxLength', false, 'R'),
  core('MeterValuesSampledData', true, 'RW'),
  core('MeterValuesSampledDataMaxLength', false, 'R'),
  core('MeterValueSampleInterval', true, 'RW'),
  core('MinimumStatusDuration', false, 'RW'),
  core('NumberOfConnectors', true, 'R'),
  core('ResetRetries', true, 'RW'),
  core('StopTransactionMaxMeterValues', false, 'R', 'OCPP 1.6 errata §3.91'),
  // Required and RW in Edition 2; optional, R or RW since errata §3.80.
  core('StopTransactionOnEVSideDisconnect', false, 'R or RW', 'OCPP 1.6 errata §3.80'),
  core('StopTransactionOnInvalidId', true, 'RW'),
  core('StopTxnAlignedData', true, 'RW'),
  core('StopTxnAlignedDataMaxLength', false, 'R'),
  core('StopTxnSampledData', true, 'RW'),
  core('StopTxnSampledDataMaxLength', false, 'R'),
  core('SupportedFeatureProfiles', true, 'R'),
  // Errata §3.81: not needed at all.
  core('SupportedFeatureProfilesMaxLength', false, 'R', 'OCPP 1.6 errata §3.81'),
  core('TransactionMessageAttempts', true, 'RW'),
  core('TransactionMessageRetryInterval', true, 'RW'),
  // R allowed since errata 2025-04 §3.84 (fixed cables and more).
  core('UnlockConnectorOnEVSideDisconnect', true, 'R or RW', 'OCPP 1.6 errata §3.84'),
  core('WebSocketPingInterval', false, 'RW'),
  { key: 'LocalAuthListEnabled', profile: 'LocalAuthListManagement', required: true, access: 'RW', ref: 'OCPP 1.6 §9.2' },
  { key: 'LocalAuthListMaxLength', profile: 'LocalAuthListManagement', required: true, access: 'R', ref: 'OCPP 1.6 §9.2' },
  { key: 'SendLocalListMaxLength', profile: 'LocalAuthListManagement', required: true, access: 'R', ref: 'OCPP 1.6 §9.2' },
  { key: 'ReserveConnectorZeroSupported', profile: 'Reservation', required: false, access: 'R', ref: 'OCPP 1.6 §9.3' },
  { key: 'ChargeProfileMaxStackLevel', profile: 'SmartCharging', required: true, access: 'R', ref: 'OCPP 1.6 §9.4' },
  { key: 'ChargingScheduleAllowedChargingRateUnit', profile: 'SmartCharging', required: true, access: 'R', ref: 'OCPP 1.6 §9.4' },
  { key: 'ChargingScheduleMaxPeriods', profile: 'SmartCharging', required: true, access: 'R', ref: 'OCPP 1.6 §9.4' },
  { key: 'ConnectorSwitch3to1PhaseSupported', profile: 'SmartCharging', required: false, access: 'R', ref: 'OCPP 1.6 §9.4' },
  { key: 'MaxChargingProfilesInstalled', profile: 'SmartCharging', required: true, access: 'R', ref: 'OCPP 1.6 §9.4' },
  { key: 'SupportedFileTransferProtocols', profile: 'FirmwareManagement', required: false, access: 'R', ref: 'OCPP 1.6 errata §3.90' },
  // The security white paper's keys are judged only where a station lists them: the white paper is an extension.
  { key: 'AdditionalRootCertificateCheck', profile: 'Security', required: false, access: 'R', ref: '1.6 security WP §7' },
  { key: 'AuthorizationKey', profile: 'Security', required: false, access: 'W', ref: '1.6 security WP §7' },
  { key: 'CertificateSignedMaxChainSize', profile: 'Security', required: false, access: 'R', ref: '1.6 security WP §7' },
  { key: 'CertificateStoreMaxLength', profile: 'Security', required: false, access: 'R', ref: '1.6 security WP §7' },
  { key: 'CpoName', profile: 'Security', required: false, access: 'RW', ref: '1.6 security WP §7' },
  { key: 'SecurityProfile', profile: 'Security', required: false, access: 'RW', ref: '1.6 security WP §7' },
];

const BY_KEY = new Map(OCPP16_STANDARD_KEYS.map((entry) => [entry.key, entry]));

/** The standard key of that name (exact spelling), if 1.6 defines one. */
export function standardKey(key: string): StandardKey | undefined {
  return BY_KEY.get(key);
}

/** Where each profile's keys are defined, for refs. */
export const PROFILE_KEY_REFS: Readonly<Record<FeatureProfile, string>> = {
  Core: 'OCPP 1.6 §9.1',
  LocalAuthListManagement: 'OCPP 1.6 §9.2',
  Reservation: 'OCPP 1.6 §9.3',
  SmartCharging: 'OCPP 1.6 §9.4',
  FirmwareManagement: 'OCPP 1.6 errata §3.90',
  RemoteTrigger: 'OCPP 1.6 §3.3',
};

/**
 * The profile each Central System initiated action belongs to (1.6 §3.3, with errata §3.2's
 * corrected columns). The security white paper's actions belong to no profile.
 */
const CSMS_ACTION_PROFILES: Readonly<Record<string, FeatureProfile>> = {
  ChangeAvailability: 'Core',
  ChangeConfiguration: 'Core',
  ClearCache: 'Core',
  DataTransfer: 'Core',
  GetConfiguration: 'Core',
  RemoteStartTransaction: 'Core',
  RemoteStopTransaction: 'Core',
  Reset: 'Core',
  UnlockConnector: 'Core',
  GetDiagnostics: 'FirmwareManagement',
  UpdateFirmware: 'FirmwareManagement',
  GetLocalListVersion: 'LocalAuthListManagement',
  SendLocalList: 'LocalAuthListManagement',
  CancelReservation: 'Reservation',
  ReserveNow: 'Reservation',
  ClearChargingProfile: 'SmartCharging',
  GetCompositeSchedule: 'SmartCharging',
  SetChargingProfile: 'SmartCharging',
  TriggerMessage: 'RemoteTrigger',
};

/** The feature profile a request of the Central System belongs to, if any (the security white paper's have none). */
export function profileOfAction(action: string): FeatureProfile | undefined {
  return Object.hasOwn(CSMS_ACTION_PROFILES, action) ? CSMS_ACTION_PROFILES[action] : undefined;
}

/** The profile of each message TriggerMessage may ask for (1.6 §7.32 MessageTrigger, §3.3). */
const TRIGGERABLE_PROFILES: Readonly<Record<string, FeatureProfile>> = {
  BootNotification: 'Core',
  DiagnosticsStatusNotification: 'FirmwareManagement',
  FirmwareStatusNotification: 'FirmwareManagement',
  Heartbeat: 'Core',
  MeterValues: 'Core',
  StatusNotification: 'Core',
};

/** The feature profile a message asked for with TriggerMessage belongs to, if it is one TriggerMessage names. */
export function profileOfTriggeredMessage(message: string): FeatureProfile | undefined {
  return Object.hasOwn(TRIGGERABLE_PROFILES, message) ? TRIGGERABLE_PROFILES[message] : undefined;
}
