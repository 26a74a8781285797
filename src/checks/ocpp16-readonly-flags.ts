import { configurationKeysOf } from '../evidence/configuration-keys.js';
import type { Evidence } from '../evidence/evidence.js';
import { standardKey } from '../ocpp/ocpp16-configuration.js';
import { resultOf, type Check, type CheckResult } from './check.js';

/** Up to five names, then how many more. */
const some = (names: readonly string[]): string => (names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', '));

/**
 * The read-only flags of the standard keys the station lists, against who 1.6 says may write them
 * (1.6 §9 "Accessibility", errata §3.80/§3.84, security WP §7). A key 1.6 makes read-only
 * (NumberOfConnectors, GetConfigurationMaxKeys, SupportedFeatureProfiles, the *MaxLength keys …)
 * listed as writable FAILs: a Central System would try to change a fact of the hardware. A key 1.6
 * makes read-write listed as read-only is a WARN: a station may lock a setting, but a Central System
 * then cannot configure what 1.6 lets it. AuthorizationKey is write-only: listed with a value, the
 * station shows its Basic-auth password (WARN). Vendor keys are not judged.
 */
export const ocpp16ReadonlyFlags: Check = {
  id: 'ocpp16-readonly-flags',
  title: 'Configuration keys are read-only or writable as 1.6 defines them',
  refs: ['OCPP 1.6 §9', 'OCPP 1.6 §9.1', 'OCPP 1.6 §6.24', 'OCPP 1.6 errata §3.80', 'OCPP 1.6 errata §3.84', '1.6 security WP §7'],
  category: 'inventory',
  versions: ['1.6'],
  evaluate(evidence: Evidence): CheckResult {
    const configuration = configurationKeysOf(evidence);
    const standard = configuration.keys.flatMap((entry) => {
      const definition = standardKey(entry.key);
      return definition ? [{ entry, definition }] : [];
    });
    if (standard.length === 0) {
      return resultOf(this, 'INCONCLUSIVE', configuration.keys.length === 0 ? 'The station listed no configuration keys, so their read-only flags are unknown.' : 'The station listed none of the standard 1.6 keys, so no read-only flag could be compared with 1.6.', configuration.seqs);
    }
    const writableReadOnly = standard.filter(({ entry, definition }) => definition.access === 'R' && !entry.readonly).map(({ entry }) => entry.key);
    const lockedSettings = standard.filter(({ entry, definition }) => definition.access === 'RW' && entry.readonly).map(({ entry }) => entry.key);
    const shownSecrets = standard.filter(({ entry, definition }) => definition.access === 'W' && entry.value !== undefined && entry.value !== '').map(({ entry }) => entry.key);
    const details = { judged: standard.length, writableButReadOnlyIn16: writableReadOnly, readOnlyButWritableIn16: lockedSettings, writeOnlyShown: shownSecrets };
    if (writableReadOnly.length > 0) {
      return resultOf(this, 'FAIL', `The station lists ${some(writableReadOnly)} as writable, but 1.6 makes ${writableReadOnly.length === 1 ? 'it' : 'them'} read-only: a Central System would try to change what only the station can know.${lockedSettings.length > 0 ? ` It also lists ${some(lockedSettings)} as read-only, which 1.6 lets a Central System write.` : ''}`, configuration.seqs, details);
    }
    const warnings: string[] = [];
    if (lockedSettings.length > 0) warnings.push(`lists ${some(lockedSettings)} as read-only, which 1.6 lets a Central System write, so ${lockedSettings.length === 1 ? 'it' : 'they'} cannot be configured remotely`);
    if (shownSecrets.length > 0) warnings.push(`shows a value for ${some(shownSecrets)}, which is write-only: it is the Basic-auth password of the connection`);
    if (warnings.length > 0) return resultOf(this, 'WARN', `The station ${warnings.join('; and ')}.`, configuration.seqs, details);
    return resultOf(this, 'PASS', `All ${standard.length} standard keys the station lists are read-only or writable as 1.6 defines them.`, configuration.seqs, details);
  },
};
