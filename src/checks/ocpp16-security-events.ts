import { configurationKeysOf } from '../evidence/configuration-keys.js';
import type { Evidence } from '../evidence/evidence.js';
import { OCPP16_STANDARD_KEYS } from '../ocpp/ocpp16-configuration.js';
import { resultOf, type Check, type CheckResult } from './check.js';

/** The configuration keys only the security white paper defines (its §7). */
const SECURITY_KEYS = new Set(OCPP16_STANDARD_KEYS.filter((entry) => entry.profile === 'Security').map((entry) => entry.key.toLowerCase()));

/** The security events of the white paper's list (its §8); others may be a vendor's own. */
const KNOWN_EVENTS = new Set([
  'FirmwareUpdated',
  'FailedToAuthenticationAtCentralSystem',
  'CentralSystemFailedToAuthentication',
  'SettingSystemTime',
  'StartupOfTheDevice',
  'ResetOrReboot',
  'SecurityLogWasCleared',
  'ReconfigurationOfSecurityParameters',
  'MemoryExhaustion',
  'InvalidMessages',
  'AttemptedReplayAttacks',
  'TamperDetectionActivated',
  'InvalidFirmwareSignature',
  'InvalidFirmwareSigningCertificate',
  'InvalidCentralSystemCertificate',
  'InvalidChargePointCertificate',
  'InvalidTLSVersion',
  'InvalidTLSCipherSuite',
]);

/**
 * The security events of the OCA white paper for 1.6 (A04), where a station has its extensions: a
 * station that shows none of them (no SecurityEventNotification, GetLog not implemented, none of
 * the white paper's configuration keys) is NOT APPLICABLE, since they are optional in 1.6. One that
 * has them reports StartupOfTheDevice, a critical event (A04.FR.01, queued until delivered,
 * A04.FR.02), after it boots. Missing, that is a WARN: a station that reconnects without having
 * restarted also boots, and sends no such event.
 */
export const ocpp16SecurityEvents: Check = {
  id: 'ocpp16-security-events',
  title: 'Security events (1.6 security white paper): StartupOfTheDevice after boot',
  refs: ['1.6 security WP A04', 'A04.FR.01', 'A04.FR.02', '1.6 security WP §8'],
  category: 'events',
  versions: ['1.6'],
  evaluate(evidence: Evidence): CheckResult {
    const events = [...(evidence.securityEvents ?? [])].sort((a, b) => a.seq - b.seq);
    const signs = signsOfExtensions(evidence);
    const types = [...new Set(events.map((event) => typeof event.payload['type'] === 'string' ? event.payload['type'] : ''))];
    const details = { events: events.length, types, unknownTypes: types.filter((type) => !KNOWN_EVENTS.has(type)), signs };
    if (events.length === 0 && signs.length === 0) {
      return resultOf(this, 'NOT APPLICABLE', 'The station shows no sign of the security white paper\'s extensions (no SecurityEventNotification, GetLog not supported, none of its configuration keys); they are optional in 1.6.', [], details);
    }
    const boot = (evidence.boots ?? [])[0];
    if (!boot) return resultOf(this, 'INCONCLUSIVE', `The station has the security extensions (${signs.join('; ') || `${events.length} security event(s)`}), but no BootNotification came in this session, so whether it reports its start-up is unknown.`, events.map((e) => e.seq), details);
    const startup = events.find((event) => event.payload['type'] === 'StartupOfTheDevice' && event.seq > boot.seq);
    const seqs = [boot.seq, ...events.map((e) => e.seq)];
    if (!startup) {
      return resultOf(this, 'WARN', `The station has the security extensions (${signs.join('; ') || `${events.length} security event(s)`}) but sent no StartupOfTheDevice after its BootNotification${events.length > 0 ? ` (its events: ${types.join(', ')})` : ''}. A station that restarted must report it; one that only reconnected has nothing to report, and the audit cannot tell them apart.`, seqs, details);
    }
    return resultOf(this, 'PASS', `The station reported StartupOfTheDevice after its BootNotification${events.length > 1 ? `, among ${events.length} security events (${types.join(', ')})` : ''}.`, seqs, details);
  },
};

/** What shows the station has the white paper's extensions, in words. */
function signsOfExtensions(evidence: Evidence): string[] {
  const signs: string[] = [];
  const events = evidence.securityEvents ?? [];
  if (events.length > 0) signs.push(`${events.length} SecurityEventNotification(s)`);
  const keys = configurationKeysOf(evidence).keys.filter((entry) => SECURITY_KEYS.has(entry.key.toLowerCase())).map((entry) => entry.key);
  if (keys.length > 0) signs.push(`its configuration lists ${keys.join(', ')}`);
  const getLog = evidence.cases.flatMap((c) => Object.values(c.captures)).some((capture) => capture.kind === 'call' && capture.action === 'GetLog' && capture.ok);
  if (getLog) signs.push('it answers GetLog');
  return signs;
}
