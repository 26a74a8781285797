import type { Verdict } from '../checks/check.js';
import { WORST_FIRST } from './verdict-style.js';
import type { AuditResult } from '../result/audit-result.js';
import { CERTIFICATION_PROFILES, type CaseStatus, type CertificationProfile, type NotRehearsedWhy } from './certification-profiles.js';
import { tcIdOf } from './tc-rehearsals.js';
import { appliesToVersion, ocppVersionOf, versionLabel } from '../evidence/ocpp-version.js';

/** Worst first: the verdict a TC gets is the first of these among the checks that cite it. */

/** What the audit says about one certification test case. */
export type CaseOutcome =
  /** Checks of this audit cite the TC: the worst of their verdicts, and which checks. */
  | { kind: 'verdict'; verdict: Verdict; checks: Array<{ id: string; verdict: Verdict }> }
  /** The catalogue rehearses it, but no check of this audit cites it (a case subset, an interrupted run). */
  | { kind: 'not run'; detail: string }
  /** Nothing shipped rehearses it, and why. */
  | { kind: 'not rehearsed'; why: NotRehearsedWhy; detail: string };

export interface CertificationCaseView {
  id: string;
  title: string;
  status: CaseStatus;
  condition?: string;
  outcome: CaseOutcome;
}

export interface CertificationProfileView {
  id: CertificationProfile['id'];
  title: string;
  about: string;
  cases: CertificationCaseView[];
  /** How many cases have each outcome: a verdict by name, `not run`, `not rehearsed`. */
  counts: Record<string, number>;
}

export interface CertificationView {
  station: AuditResult['station'];
  startedAt: string;
  /** False for a case subset, an interrupted run or a station that left: some cases could not be rehearsed. */
  complete: boolean;
  profiles: CertificationProfileView[];
  /** Why no profile applies, when none is for the station's OCPP version (1.6 has no TC_B / TC_N cases). */
  noProfile?: string;
}

const NOT_RUN = 'no check of this audit cites it: the test cases that rehearse it did not run';

/**
 * The certification rehearsal view of a result: for each profile, every mandatory and conditional
 * TC with the worst verdict among the checks whose refs cite it (so one failed check fails the
 * case), or why the audit says nothing about it. Pure: the result and the profile data only.
 */
export function buildCertificationView(result: AuditResult, all: readonly CertificationProfile[] = CERTIFICATION_PROFILES): CertificationView {
  // A profile certifies stations of its versions: a 1.6 station's checks cite no TC_B / TC_N case.
  const version = ocppVersionOf(result);
  const profiles = all.filter((profile) => appliesToVersion(profile, version));
  const citing = new Map<string, Array<{ id: string; verdict: Verdict }>>();
  for (const check of result.checks) {
    for (const tc of new Set(check.refs.map(tcIdOf).filter((id): id is string => id !== undefined))) {
      citing.set(tc, [...(citing.get(tc) ?? []), { id: check.id, verdict: check.verdict }]);
    }
  }
  return {
    station: result.station,
    startedAt: result.timings.startedAt,
    complete: result.coverage?.complete ?? true,
    ...(profiles.length === 0
      ? { noProfile: `None of the certification profiles this audit rehearses is for ${versionLabel(version)} stations (they are OCPP 2.0.1 Part 5 profiles, test cases TC_B and TC_N), so nothing here says how this station would fare in a certification test.` }
      : {}),
    profiles: profiles.map((profile) => {
      const cases = profile.cases.filter((c) => appliesToVersion({ versions: c.versions ?? profile.versions }, version)).map((c): CertificationCaseView => ({
        id: c.id,
        title: c.title,
        status: c.status,
        ...(c.condition ? { condition: c.condition } : {}),
        outcome: outcomeOf(citing.get(c.id), c.notRehearsed),
      }));
      return { id: profile.id, title: profile.title, about: profile.about, cases, counts: countOutcomes(cases) };
    }),
  };
}

function outcomeOf(checks: Array<{ id: string; verdict: Verdict }> | undefined, notRehearsed: { why: NotRehearsedWhy; detail: string } | undefined): CaseOutcome {
  if (checks?.length) {
    const verdict = WORST_FIRST.find((v) => checks.some((c) => c.verdict === v)) ?? 'INCONCLUSIVE';
    const ordered = [...checks].sort((a, b) => WORST_FIRST.indexOf(a.verdict) - WORST_FIRST.indexOf(b.verdict));
    return { kind: 'verdict', verdict, checks: ordered };
  }
  if (notRehearsed) return { kind: 'not rehearsed', why: notRehearsed.why, detail: notRehearsed.detail };
  return { kind: 'not run', detail: NOT_RUN };
}

function countOutcomes(cases: readonly CertificationCaseView[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of cases) {
    const key = c.outcome.kind === 'verdict' ? c.outcome.verdict : c.outcome.kind;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
