import { configurationKeysOf, supportedFeatureProfiles } from '../evidence/configuration-keys.js';
import type { CallCapture, Evidence } from '../evidence/evidence.js';
import { OCPP16_FEATURE_PROFILES, profileOfAction, profileOfTriggeredMessage, type FeatureProfile } from '../ocpp/ocpp16-configuration.js';
import { resultOf, type Check, type CheckResult } from './check.js';

/** One request of a feature profile and how the station took it. */
interface ProfileAnswer {
  profile: FeatureProfile;
  /** `TriggerMessage Heartbeat`, `GetDiagnostics`. */
  what: string;
  /** The station said it does not do it: CALLERROR NotImplemented/NotSupported, or TriggerMessage NotImplemented. */
  refusal?: string;
  seqs: number[];
}

const some = (items: readonly string[]): string => (items.length > 4 ? `${items.slice(0, 4).join('; ')} and ${items.length - 4} more` : items.join('; '));

/**
 * SupportedFeatureProfiles (1.6 §9.1) against what the station does: a Central System uses the
 * optional profiles (FirmwareManagement, RemoteTrigger, …) only when this key lists them, so a
 * station that lists a profile and answers its requests "not implemented" (CALLERROR
 * NotImplemented/NotSupported; for TriggerMessage also the status NotImplemented for a message of a
 * profile it claims, §7.44) FAILs, as does one refusing a Core request (Core is mandatory). Names
 * outside the six profiles, or a list without Core, are a WARN: a Central System matches the names
 * exactly. A profile's request answered although the profile is not listed is a WARN too: the
 * Central System will never use it.
 */
export const ocpp16FeatureProfiles: Check = {
  id: 'ocpp16-feature-profiles',
  title: 'SupportedFeatureProfiles is true to what the station does',
  refs: ['OCPP 1.6 §3.3', 'OCPP 1.6 §9.1', 'OCPP 1.6 §7.44', 'OCPP-J 1.6 §4.2.3'],
  category: 'protocol',
  versions: ['1.6'],
  evaluate(evidence: Evidence): CheckResult {
    const configuration = configurationKeysOf(evidence);
    const listed = configuration.keys.some((entry) => entry.key.toLowerCase() === 'supportedfeatureprofiles');
    const claimed = supportedFeatureProfiles(configuration);
    const answers = profileAnswers(evidence);
    const seqs = [...new Set([...configuration.seqs, ...answers.filter((a) => a.refusal).flatMap((a) => a.seqs)])].sort((a, b) => a - b);
    const details = { claimed, requests: answers.map(({ profile, what, refusal }) => ({ profile, what, refusal: refusal ?? null })) };
    if (!listed) return resultOf(this, 'INCONCLUSIVE', 'The station does not list SupportedFeatureProfiles, so there is no claim to compare its behaviour with.', seqs, details);

    const isClaimed = (profile: FeatureProfile): boolean => profile === 'Core' || claimed.includes(profile);
    const lies = answers.filter((a) => a.refusal !== undefined && isClaimed(a.profile));
    if (lies.length > 0) {
      const items = lies.map((a) => `${a.what} (${a.profile}) answered ${a.refusal ?? ''}`);
      return resultOf(this, 'FAIL', `The station claims ${claimed.join(', ')}, yet says it does not implement what those profiles require: ${some(items)}. A Central System that trusts the claim will use features that are not there.`, seqs, details);
    }
    const warnings: string[] = [];
    const unknown = claimed.filter((profile) => !(OCPP16_FEATURE_PROFILES as readonly string[]).includes(profile));
    if (unknown.length > 0) warnings.push(`it lists ${unknown.map((p) => `"${p}"`).join(', ')}, which ${unknown.length === 1 ? 'is not one' : 'are not'} of the six 1.6 profile names a Central System matches exactly`);
    if (!claimed.includes('Core')) warnings.push('its list leaves out Core, which every 1.6 station must support');
    const unclaimed = [...new Set(answers.filter((a) => a.refusal === undefined && !isClaimed(a.profile)).map((a) => a.profile))];
    if (unclaimed.length > 0) warnings.push(`it answers requests of ${unclaimed.join(', ')} without listing ${unclaimed.length === 1 ? 'that profile' : 'those profiles'}, so a Central System will never use them`);
    if (warnings.length > 0) return resultOf(this, 'WARN', `SupportedFeatureProfiles (${claimed.join(', ')}) is not quite right: ${warnings.join('; ')}.`, seqs, details);
    const tried = [...new Set(answers.map((a) => a.profile))];
    return resultOf(this, 'PASS', `The station claims ${claimed.join(', ')}, and answered every request of ${tried.length > 0 ? tried.join(', ') : 'those profiles'} the audit made (${answers.length}) without saying it does not implement it.`, seqs, details);
  },
};

/** Every request of the audit that belongs to a feature profile, with the station's refusal when it refused. */
function profileAnswers(evidence: Evidence): ProfileAnswer[] {
  return evidence.cases.flatMap((testCase) =>
    Object.values(testCase.captures).flatMap((capture): ProfileAnswer[] => {
      if (capture.kind !== 'call') return [];
      const actionProfile = profileOfAction(capture.action);
      if (!actionProfile) return [];
      const requested = capture.action === 'TriggerMessage' && typeof capture.request['requestedMessage'] === 'string' ? capture.request['requestedMessage'] : undefined;
      const what = requested !== undefined ? `${capture.action} ${requested}` : capture.action;
      const refusal = refusalOf(capture, requested);
      // TriggerMessage NotImplemented for a message of another optional profile (FirmwareManagement's
      // DiagnosticsStatusNotification) is a false claim only when that profile is claimed too.
      const owner = requested !== undefined ? profileOfTriggeredMessage(requested) : undefined;
      const profile = refusal === STATUS_NOT_IMPLEMENTED && owner !== undefined && owner !== 'Core' ? owner : actionProfile;
      return [{ profile, what, ...(refusal ? { refusal } : {}), seqs: [...capture.seqs] }];
    }),
  );
}

const STATUS_NOT_IMPLEMENTED = 'status NotImplemented';

function refusalOf(capture: CallCapture, requested: string | undefined): string | undefined {
  const code = capture.failure?.kind === 'call-error' ? capture.failure.errorCode : undefined;
  if (code === 'NotImplemented' || code === 'NotSupported') return `CALLERROR ${code}`;
  if (requested !== undefined && capture.response?.['status'] === 'NotImplemented') return STATUS_NOT_IMPLEMENTED;
  return undefined;
}
