import type { Check, CheckResult } from '../../../src/checks/check.js';
import type { CaseEvidence, Evidence } from '../../../src/evidence/evidence.js';
import { makeCallCapture, makeCase, makeEvidence } from '../../helpers/evidence-fixture.js';

/** Evidence of an audit of an OCPP 1.6 station. */
export function evidence16(overrides: Partial<Evidence> = {}): Evidence {
  const base = makeEvidence(overrides);
  return { ...base, station: { ...base.station, protocol: { version: '1.6', subprotocol: 'ocpp1.6', offered: ['ocpp1.6'] } } };
}

/** A configuration key as GetConfiguration.conf lists it: `[key, readonly, value?]`. */
export type Key = [string, boolean, string?];

/** A case with one full GetConfiguration (no key asked) answered with these keys. */
export function configurationCase(keys: readonly Key[], seqs: number[] = [10, 11]): CaseEvidence {
  const configurationKey = keys.map(([key, readonly, value]) => ({ key, readonly, ...(value !== undefined ? { value } : {}) }));
  return makeCase('ocpp16-configuration', { captures: { 'all-keys': makeCallCapture('GetConfiguration', {}, { response: { configurationKey } }, seqs) } });
}

/** Every key 1.6 requires of Core (§9.1 with the errata), read-only where 1.6 says so, and SupportedFeatureProfiles. */
export function coreKeys(profiles = 'Core'): Key[] {
  const readOnly = ['GetConfigurationMaxKeys', 'NumberOfConnectors', 'SupportedFeatureProfiles'];
  const names = ['AuthorizeRemoteTxRequests', 'ClockAlignedDataInterval', 'ConnectionTimeOut', 'ConnectorPhaseRotation', 'GetConfigurationMaxKeys', 'HeartbeatInterval', 'LocalAuthorizeOffline', 'LocalPreAuthorize', 'MeterValuesAlignedData', 'MeterValuesSampledData', 'MeterValueSampleInterval', 'NumberOfConnectors', 'ResetRetries', 'StopTransactionOnInvalidId', 'StopTxnAlignedData', 'StopTxnSampledData', 'TransactionMessageAttempts', 'TransactionMessageRetryInterval', 'UnlockConnectorOnEVSideDisconnect'];
  return [...names.map((key): Key => [key, readOnly.includes(key), '1']), ['SupportedFeatureProfiles', true, profiles]];
}

/** The one result of a check that gives one. */
export function evaluateOne(check: Check, evidence: Evidence): CheckResult {
  const result = check.evaluate(evidence);
  if (Array.isArray(result)) throw new Error(`${check.id} gave ${result.length} results`);
  return result;
}
