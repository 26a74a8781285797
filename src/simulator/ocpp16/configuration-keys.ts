import type { Configuration, ConfigurationKey } from './configuration.js';
import type { Connectors } from './connectors.js';

/** How many keys one GetConfiguration.req may name on this station (GetConfigurationMaxKeys). */
export const GET_CONFIGURATION_MAX_KEYS = 20;
/** How many measurands each MeterValues/StopTxn data key may list (the *MaxLength keys). */
const MEASURANDS_MAX = 4;

/** The Measurand values of OCPP 1.6 §7.31 this station's meter can actually sample. */
export const METERED_MEASURANDS = ['Energy.Active.Import.Register', 'Power.Active.Import', 'Current.Import', 'Voltage', 'Current.Offered', 'Power.Offered', 'Temperature'] as const;
/** All Measurand values of OCPP 1.6 §7.31: a valid one the meter lacks is refused, as is an invalid one. */
const ALL_MEASURANDS = new Set([
  'Current.Export', 'Current.Import', 'Current.Offered',
  'Energy.Active.Export.Register', 'Energy.Active.Import.Register', 'Energy.Reactive.Export.Register', 'Energy.Reactive.Import.Register',
  'Energy.Active.Export.Interval', 'Energy.Active.Import.Interval', 'Energy.Reactive.Export.Interval', 'Energy.Reactive.Import.Interval',
  'Frequency', 'Power.Active.Export', 'Power.Active.Import', 'Power.Factor', 'Power.Offered', 'Power.Reactive.Export', 'Power.Reactive.Import',
  'RPM', 'SoC', 'Temperature', 'Voltage',
]);
const PHASE_ROTATIONS = new Set(['NotApplicable', 'Unknown', 'RST', 'RTS', 'SRT', 'STR', 'TRS', 'TSR']);

/** The feature profiles this station implements (1.6 §3.3): what SupportedFeatureProfiles claims. */
export const FEATURE_PROFILES = ['Core', 'FirmwareManagement', 'RemoteTrigger'];

export interface KeyOptions {
  connectors: Connectors;
  /** The security profile the station connects with (security WP §2): 0 none, 1 Basic auth, 2 TLS + Basic auth, 3 client certificate. */
  securityProfile: number;
}

/**
 * The configuration of the 1.6 virtual station: every required Core key with the access 1.6 §9.1
 * gives it (as amended by the errata), a few optional ones, the file transfer key, and the keys of
 * the security white paper (Edition 3, §7). Values are those of a plausible AC or DC charger built
 * from the profile.
 */
export function configurationKeys({ connectors, securityProfile }: KeyOptions): ConfigurationKey[] {
  const phaseRotation = [0, ...connectors.ids()].map((id) => `${id}.${id > 0 && connectors.isAc(id) ? 'RST' : 'NotApplicable'}`).join(',');
  return [
    // Core profile, required (1.6 §9.1).
    rw('AuthorizeRemoteTxRequests', 'false', boolean),
    rw('ClockAlignedDataInterval', '0', integer()),
    rw('ConnectionTimeOut', '60', integer()),
    rw('ConnectorPhaseRotation', phaseRotation, phaseRotationList(connectors)),
    ro('GetConfigurationMaxKeys', String(GET_CONFIGURATION_MAX_KEYS)),
    rw('HeartbeatInterval', '300', integer()),
    rw('LocalAuthorizeOffline', 'true', boolean),
    rw('LocalPreAuthorize', 'false', boolean),
    rw('MeterValuesAlignedData', 'Energy.Active.Import.Register', measurands('MeterValuesAlignedDataMaxLength')),
    rw('MeterValuesSampledData', 'Energy.Active.Import.Register,Power.Active.Import', measurands('MeterValuesSampledDataMaxLength')),
    rw('MeterValueSampleInterval', '60', integer()),
    ro('NumberOfConnectors', String(connectors.count)),
    rw('ResetRetries', '3', integer()),
    rw('StopTransactionOnEVSideDisconnect', 'true', boolean),
    rw('StopTransactionOnInvalidId', 'true', boolean),
    rw('StopTxnAlignedData', 'Energy.Active.Import.Register', measurands('StopTxnAlignedDataMaxLength')),
    rw('StopTxnSampledData', 'Energy.Active.Import.Register', measurands('StopTxnSampledDataMaxLength')),
    ro('SupportedFeatureProfiles', FEATURE_PROFILES.join(',')),
    rw('TransactionMessageAttempts', '3', integer()),
    rw('TransactionMessageRetryInterval', '60', integer()),
    rw('UnlockConnectorOnEVSideDisconnect', 'true', boolean),
    // Core profile, optional.
    ro('ConnectorPhaseRotationMaxLength', String(connectors.count + 1)),
    ro('MeterValuesAlignedDataMaxLength', String(MEASURANDS_MAX)),
    ro('MeterValuesSampledDataMaxLength', String(MEASURANDS_MAX)),
    rw('MinimumStatusDuration', '0', integer()),
    ro('StopTxnAlignedDataMaxLength', String(MEASURANDS_MAX)),
    ro('StopTxnSampledDataMaxLength', String(MEASURANDS_MAX)),
    // File transfer for GetDiagnostics and GetLog: this station uploads over HTTP(S) only.
    ro('SupportedFileTransferProtocols', 'HTTP,HTTPS'),
    // Security white paper Edition 3, §7.
    ro('AdditionalRootCertificateCheck', 'false'),
    { key: 'AuthorizationKey', readonly: false, value: '', writeOnly: true, check: authorizationKey },
    ro('CertificateSignedMaxChainSize', '10000'),
    ro('CertificateStoreMaxLength', '10'),
    rw('CpoName', '', (value) => (value.length > 500 ? 'longer than 500 characters' : undefined)),
    rw('SecurityProfile', String(securityProfile), securityProfileChange),
  ];
}

/** The keys the security white paper adds (§7): absent from firmware without it. */
export const SECURITY_KEYS = ['AdditionalRootCertificateCheck', 'AuthorizationKey', 'CertificateSignedMaxChainSize', 'CertificateStoreMaxLength', 'CpoName', 'SecurityProfile'];

type Check = NonNullable<ConfigurationKey['check']>;

function ro(key: string, value: string): ConfigurationKey {
  return { key, readonly: true, value };
}

function rw(key: string, value: string, check: Check): ConfigurationKey {
  return { key, readonly: false, value, check, ...(check === boolean ? { normalise: (v: string) => v.toLowerCase() } : {}) };
}

/** 1.6 §9: boolean values are "true" or "false" (read case-insensitively, stored in lower case). */
function boolean(value: string): string | undefined {
  return /^(true|false)$/i.test(value) ? undefined : 'not true or false';
}

function integer(max = 2_147_483_647): Check {
  return (value) => (/^\d+$/.test(value) && Number(value) <= max ? undefined : 'not a whole number of 0 or more');
}

/** A comma-separated list of measurands this meter can sample, no longer than the key's MaxLength key says (1.6 §9.1). */
function measurands(maxLengthKey: string): Check {
  return (value, configuration) => {
    const items = splitList(value);
    const unknown = items.find((item) => !ALL_MEASURANDS.has(item));
    if (unknown !== undefined) return `${unknown} is not a measurand`;
    const unmetered = items.find((item) => !(METERED_MEASURANDS as readonly string[]).includes(item));
    if (unmetered !== undefined) return `this meter cannot sample ${unmetered}`;
    const max = configuration.number(maxLengthKey, MEASURANDS_MAX);
    return items.length > max ? `${items.length} measurands, at most ${max}` : undefined;
  };
}

/** `0.RST,1.RST`: connector ids of this station, each with a rotation of 1.6 §9.1.7. */
function phaseRotationList(connectors: Connectors): Check {
  return (value, configuration) => {
    const items = splitList(value);
    for (const item of items) {
      const match = /^(\d+)\.(\w+)$/.exec(item);
      if (!match || !PHASE_ROTATIONS.has(match[2] ?? '')) return `${item} is not connector.rotation`;
      if (!connectors.has(Number(match[1]))) return `${item} names a connector the station does not have`;
    }
    const max = configuration.number('ConnectorPhaseRotationMaxLength', connectors.count + 1);
    return items.length > max ? `${items.length} items, at most ${max}` : undefined;
  };
}

/** Security WP §7: at least 16 bytes, written as up to 40 hexadecimal characters. */
function authorizationKey(value: string): string | undefined {
  return /^[0-9a-fA-F]{32,40}$/.test(value) ? undefined : 'not 16 to 20 bytes in hexadecimal';
}

/**
 * Security WP §2 and §7: the profile may only go up; and going up needs TLS material (and for 3 a
 * client certificate) this virtual station does not hold, so only the current value is accepted.
 */
function securityProfileChange(value: string, configuration: Configuration): string | undefined {
  if (!/^[0-3]$/.test(value)) return 'not a security profile 0 to 3';
  const current = configuration.number('SecurityProfile', 0);
  if (Number(value) < current) return `lower than the current profile ${current}`;
  if (Number(value) > current) return `the station holds no certificates for profile ${value}`;
  return undefined;
}

function splitList(value: string): string[] {
  return value === '' ? [] : value.split(',').map((item) => item.trim());
}
