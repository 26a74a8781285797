import { configurationKeysOf, supportedFeatureProfiles } from '../evidence/configuration-keys.js';
import type { Evidence } from '../evidence/evidence.js';
import { OCPP16_FEATURE_PROFILES, OCPP16_STANDARD_KEYS, type FeatureProfile } from '../ocpp/ocpp16-configuration.js';
import { resultOf, type Check, type CheckResult } from './check.js';

/**
 * The configuration keys 1.6 requires of every profile the station supports (1.6 §9: a required key
 * "only has to be supported … if it supports that profile"), with the errata: Core always (it is
 * mandatory), the others as SupportedFeatureProfiles claims them. Keys are case-insensitive
 * (CiString50), so a differently cased key counts. Only a full listing (GetConfiguration without
 * keys) can show a key missing.
 */
export const ocpp16RequiredKeys: Check = {
  id: 'ocpp16-required-keys',
  title: 'The configuration has every key 1.6 requires of the feature profiles the station supports',
  refs: ['OCPP 1.6 §9', 'OCPP 1.6 §9.1', 'OCPP 1.6 §9.2', 'OCPP 1.6 §9.4', 'OCPP 1.6 errata §3.80', 'OCPP 1.6 errata §3.84'],
  category: 'inventory',
  versions: ['1.6'],
  evaluate(evidence: Evidence): CheckResult {
    const configuration = configurationKeysOf(evidence);
    if (!configuration.complete) return resultOf(this, 'INCONCLUSIVE', 'The station never answered a GetConfiguration for all its keys, so which keys it lacks is unknown.', configuration.seqs);
    const listed = new Set(configuration.keys.map((entry) => entry.key.toLowerCase()));
    const claimed = supportedFeatureProfiles(configuration);
    const profiles = OCPP16_FEATURE_PROFILES.filter((profile) => profile === 'Core' || claimed.includes(profile));
    const required = OCPP16_STANDARD_KEYS.filter((entry) => entry.required && (profiles as readonly string[]).includes(entry.profile));
    const missing = required.filter((entry) => !listed.has(entry.key.toLowerCase()));
    const byProfile: Record<string, string[]> = {};
    for (const entry of missing) (byProfile[entry.profile] ??= []).push(entry.key);
    const details = { profiles, required: required.length, missing: byProfile, listed: configuration.keys.length };
    if (missing.length > 0) {
      const lines = Object.entries(byProfile).map(([profile, keys]) => `${profile}: ${keys.join(', ')}`);
      return resultOf(this, 'FAIL', `The station lacks ${missing.length} of the ${required.length} keys 1.6 requires of the profiles it supports (${lines.join('; ')}); a Central System cannot read or set what they control.`, configuration.seqs, details);
    }
    return resultOf(this, 'PASS', `All ${required.length} keys 1.6 requires of ${listProfiles(profiles)} are in the station's configuration (${configuration.keys.length} keys listed).`, configuration.seqs, details);
  },
};

function listProfiles(profiles: readonly FeatureProfile[]): string {
  return profiles.length === 1 ? `the ${profiles[0] ?? ''} profile` : `the ${profiles.slice(0, -1).join(', ')} and ${profiles.at(-1) ?? ''} profiles`;
}
