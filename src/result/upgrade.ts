import type { Evidence } from '../evidence/evidence.js';
import { ocppVersionOf, versionLabel } from '../evidence/ocpp-version.js';
import { OCPP_VERSIONS, type OcppVersion, protocolFor } from '../ocpp/protocol.js';
import { type Capability, type CapabilityId, diagnosticCapabilities } from './capabilities.js';

/**
 * Page one's verdict for a station whose OCPP version has no device-model diagnostics (1.6): the
 * version that brings them, and what this station would gain there, each gain saying what the
 * station does now (from its evidence) and what the newer version gives.
 */
export interface UpgradeVerdict {
  /** The version the station speaks, and the first one with device-model diagnostics. */
  from: OcppVersion;
  to: OcppVersion;
  /** One plain paragraph, naming this station's gains. */
  headline: string;
  /** The capabilities the station lacks or has only in part (ids of `capabilities`, in their order). */
  gains: CapabilityId[];
  /** Every capability as the station showed it: what it does now, what the newer version gives. */
  capabilities: Capability[];
}

/** A version has device-model diagnostics when a CSMS can set monitors on it (its action list says). */
export const hasDeviceModelDiagnostics = (version: OcppVersion): boolean => protocolFor(version).csmsActions.has('SetVariableMonitoring');

/** The oldest version with device-model diagnostics (OCPP_VERSIONS lists the newest first). */
export function firstDeviceModelVersion(): OcppVersion {
  const found = [...OCPP_VERSIONS].reverse().find(hasDeviceModelDiagnostics);
  if (!found) throw new Error('no OCPP version with device-model diagnostics');
  return found;
}

/** The verdict for a station of a version without device-model diagnostics; undefined for the others. */
export function upgradeVerdict(evidence: Evidence): UpgradeVerdict | undefined {
  const from = ocppVersionOf(evidence);
  if (hasDeviceModelDiagnostics(from)) return undefined;
  const to = firstDeviceModelVersion();
  const capabilities = diagnosticCapabilities(evidence);
  const gains = capabilities.filter((c) => c.has === 'no' || c.has === 'partly');
  const named = gains.map((g) => g.title);
  const list = named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named[named.length - 1] ?? ''}` : (named[0] ?? '');
  const headline =
    `Vendor-agnostic device-model diagnostics (an inventory with data types and limits, monitors with severities, NotifyEvent per component) need ${versionLabel(to)} or later. ` +
    `This station speaks ${versionLabel(from)}` +
    (gains.length > 0 ? `; on ${versionLabel(to)} firmware it would gain ${list}.` : `, and its evidence shows nothing a newer version would add that the audit could judge.`);
  return { from, to, headline, gains: gains.map((g) => g.id), capabilities };
}
