import { OCPP_VERSIONS, type OcppVersion } from '../ocpp/protocol.js';
import type { Evidence } from './evidence.js';

/**
 * The versions a test case or check applies to when it does not say: the device-model cases and
 * checks of 2.0.1, which 2.1 keeps (2.1 Part 0: 2.1 extends 2.0.1 with optional fields).
 */
export const DEFAULT_VERSIONS: readonly OcppVersion[] = ['2.0.1', '2.1'];

/** The OCPP version the audited station spoke (evidence from before issue 17 is 2.0.1). */
export function ocppVersionOf(evidence: Pick<Evidence, 'station'>): OcppVersion {
  return evidence.station.protocol?.version ?? '2.0.1';
}

/** Whether a case or check that declares `versions` (or not: DEFAULT_VERSIONS) applies to a station of `version`. */
export function appliesToVersion(item: { versions?: readonly OcppVersion[] }, version: OcppVersion): boolean {
  return (item.versions ?? DEFAULT_VERSIONS).includes(version);
}

/** "OCPP 2.1" for people. */
export function versionLabel(version: OcppVersion): string {
  return `OCPP ${version}`;
}

export { OCPP_VERSIONS, type OcppVersion };
