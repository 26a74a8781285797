import type { CheckResult } from '../checks/check.js';
import type { GuidelineConfigurationKey, LineCondition } from '../config/guideline.js';
import { type ConfigurationKey, configurationKeysOf } from '../evidence/configuration-keys.js';
import type { Evidence } from '../evidence/evidence.js';
import { sameName } from '../evidence/payload-read.js';
import { lineResult, missingVerdict, slug } from './guideline-result.js';

/** What the station's GetConfiguration answers showed, for the 1.6 guideline lines. */
export interface StationConfiguration {
  keys: ConfigurationKey[];
  /** A GetConfiguration without `key` (all keys) was answered: a key it does not list is missing. */
  complete: boolean;
  /** Some GetConfiguration was answered (a full listing or keys read one by one). */
  answered: boolean;
  /** Why there is no answer, when the station's own reply says (a CALLERROR, silence); undefined when none was asked. */
  unanswered: string | undefined;
  seqs: number[];
}

/** Said in every line that cannot be judged because GetConfiguration went unanswered (root-causes.ts groups them). */
export const NO_CONFIGURATION = 'the station did not answer GetConfiguration';

export function stationConfiguration(evidence: Pick<Evidence, 'cases'>): StationConfiguration {
  const { keys, complete, seqs } = configurationKeysOf(evidence);
  const failures = evidence.cases.flatMap((c) => Object.values(c.captures)).flatMap((capture) => (capture.kind === 'call' && capture.action === 'GetConfiguration' && !capture.ok && capture.failure ? [capture] : []));
  const answered = seqs.length > 0;
  const failure = failures[0]?.failure;
  const why = failure ? (failure.errorCode ? `CALLERROR ${failure.errorCode}` : failure.kind) : undefined;
  return { keys, complete, answered, unanswered: !answered && why !== undefined ? `${NO_CONFIGURATION} (${why})` : undefined, seqs: [...seqs, ...failures.flatMap((f) => f.seqs)] };
}

/** Configuration keys are CiString50 (1.6 §7.29): compared without case. */
export function listedKey(configuration: StationConfiguration, key: string): ConfigurationKey | undefined {
  return configuration.keys.find((entry) => sameName(entry.key, key));
}

/** The feature profiles SupportedFeatureProfiles lists (1.6 §9.1.29), or undefined when the key is not listed. */
export function claimedProfiles(configuration: StationConfiguration): string[] | undefined {
  const listed = listedKey(configuration, 'SupportedFeatureProfiles');
  return listed ? (listed.value ?? '').split(',').map((p) => p.trim()).filter(Boolean) : undefined;
}

/**
 * Why a conditional line does not apply to this station (it does not claim the profile, does not
 * list the key), or undefined when it applies. Only a complete listing can show a key is absent.
 */
export function conditionUnmet(when: LineCondition | undefined, configuration: StationConfiguration): string | undefined {
  if (!when) return undefined;
  if (when.profileClaimed !== undefined) {
    const profiles = claimedProfiles(configuration);
    if (profiles === undefined) return `the station lists no SupportedFeatureProfiles, so it claims no ${when.profileClaimed} profile`;
    if (!profiles.some((p) => sameName(p, when.profileClaimed))) return `the station does not claim the ${when.profileClaimed} profile (SupportedFeatureProfiles: ${profiles.join(', ') || 'empty'})`;
  }
  if (when.keyListed !== undefined && !listedKey(configuration, when.keyListed)) return `the station lists no ${when.keyListed} key`;
  return undefined;
}

const REFS = ['OCPP 1.6 §9'];

/** A line of the guideline's `configurationKeys`, judged from the station's GetConfiguration answers. */
export function configurationKeyCheck(spec: GuidelineConfigurationKey, configuration: StationConfiguration, weight: number): CheckResult {
  const judgesValue = spec.contains !== undefined || spec.range !== undefined;
  const id = `guideline/configurationKeys/${slug(spec.key)}${spec.contains !== undefined ? `-${slug(spec.contains)}` : ''}${spec.range ? '-range' : ''}`;
  const should = spec.level === 'required' ? '' : 'should ';
  const title =
    spec.contains !== undefined
      ? `${spec.key} ${should ? 'should hold' : 'holds'} ${spec.contains}`
      : spec.range
        ? `${spec.key} ${should ? 'should be' : 'is'} ${rangeText(spec.range)}`
        : `${spec.level === 'required' ? 'Lists' : 'Should list'} the ${spec.key} configuration key`;
  const done = (verdict: CheckResult['verdict'], reason: string, score: number, seqs: number[] = configuration.seqs): CheckResult => lineResult(id, title, REFS, 'configuration', verdict, reason, seqs, score, weight);

  if (!configuration.answered) {
    // Without an answer nothing shows whether a profile is claimed: a conditional line stays unknown.
    if (configuration.unanswered && !spec.when) return done(missingVerdict(spec.level), `${spec.key} is not known to be listed, because ${configuration.unanswered}`, 0);
    return done('INCONCLUSIVE', configuration.unanswered ? `unknown, because ${configuration.unanswered}` : 'no GetConfiguration answer was collected', 0);
  }
  const unmet = conditionUnmet(spec.when, configuration);
  if (unmet !== undefined) return done('NOT APPLICABLE', `${unmet}, so the line does not apply to it`, 0);
  const listed = listedKey(configuration, spec.key);
  if (!listed) {
    if (!configuration.complete) return done('INCONCLUSIVE', `${spec.key} was not among the keys read, and no full GetConfiguration (all keys) was answered`, 0);
    if (judgesValue) return done('NOT APPLICABLE', `the station lists no ${spec.key} key (its presence is judged on its own line)`, 0);
    return done(missingVerdict(spec.level), `${spec.key} is not listed in the full GetConfiguration; ${spec.why}`, 0);
  }
  if (spec.contains !== undefined) {
    const members = (listed.value ?? '').split(',').map((m) => m.trim()).filter(Boolean);
    if (members.some((m) => sameName(m, spec.contains))) return done('PASS', `${listed.key} = ${listed.value ?? ''}`, 1);
    return done(missingVerdict(spec.level), `${listed.key} = ${listed.value === undefined ? '(no value)' : `"${listed.value}"`}, without ${spec.contains}; ${spec.why}`, 0);
  }
  if (spec.range) {
    const value = listed.value?.trim();
    const number = value !== undefined && /^-?\d+$/.test(value) ? Number(value) : undefined;
    if (number === undefined) return done('WARN', `${listed.key} is listed ${value === undefined ? 'without a value' : `as "${value}", not a whole number`}, so its ${rangeText(spec.range)} cannot be checked`, 0.5);
    const { min, max } = spec.range;
    if ((min !== undefined && number < min) || (max !== undefined && number > max)) return done(missingVerdict(spec.level), `${listed.key} = ${number}, outside ${rangeText(spec.range)}; ${spec.why}`, 0);
    return done('PASS', `${listed.key} = ${number}`, 1);
  }
  // The spec gives most keys one accessibility; a station that disagrees misleads a CSMS that writes it.
  if (spec.readonly !== undefined && listed.readonly !== spec.readonly) {
    return done('WARN', `${listed.key} is listed, but ${listed.readonly ? 'read-only' : 'writable'} (1.6 gives it ${spec.readonly ? 'R' : 'RW'})`, 0.75);
  }
  return done('PASS', `${listed.key} listed${listed.value !== undefined ? ` = ${shorten(listed.value)}` : ''}${listed.readonly ? ' (read-only)' : ''}`, 1);
}

function rangeText(range: { min?: number; max?: number }): string {
  if (range.min !== undefined && range.max !== undefined) return `${range.min}–${range.max}`;
  return range.min !== undefined ? `at least ${range.min}` : `at most ${range.max ?? ''}`;
}

/** Values may be up to 500 characters (1.6 §7.29): a reason quotes the start. */
const shorten = (value: string): string => (value === '' ? '(empty)' : value.length > 80 ? `${value.slice(0, 77)}…` : value);
