import type { OcppVersion } from '../ocpp/protocol.js';
import type { Check } from '../checks/check.js';
import type { TestCase } from '../scenario/testcase.js';
import { CERTIFICATION_PROFILES, OUTSIDE_PROFILES, type CaseStatus, type CertificationProfile, type NotRehearsedWhy } from './certification-profiles.js';
import { compareTcIds, rehearsalsByTc } from './tc-rehearsals.js';

/** One line of `list testcases --by-tc`: a TC id, the profiles that list it, and what rehearses it. */
export interface TcListing {
  tc: string;
  /** Our title of the case; null for an id cited by the catalogue but in no profile here (e.g. withdrawn). */
  title: string | null;
  profiles: Array<{ profile: CertificationProfile['id']; status: CaseStatus; condition?: string; versions?: OcppVersion[] }>;
  testCases: string[];
  checks: string[];
  notRehearsed?: { why: NotRehearsedWhy; detail: string };
  /** For an id in no profile: why not. */
  outsideProfiles?: string;
}

/** Every TC of the profiles and every TC the catalogue cites, in id order. */
export function listByTc(testCases: readonly TestCase[], checks: readonly Pick<Check, 'id' | 'refs'>[], profiles: readonly CertificationProfile[] = CERTIFICATION_PROFILES): TcListing[] {
  const rehearsals = rehearsalsByTc(testCases, checks);
  const ids = new Set([...profiles.flatMap((p) => p.cases.map((c) => c.id)), ...rehearsals.keys()]);
  return [...ids].sort(compareTcIds).map((tc) => {
    const listed = profiles.flatMap((p) => p.cases.filter((c) => c.id === tc).map((c) => ({ profile: p.id, c })));
    const first = listed[0]?.c;
    const rehearsal = rehearsals.get(tc);
    return {
      tc,
      title: first?.title ?? null,
      profiles: listed.map(({ profile, c }) => ({ profile, status: c.status, ...(c.condition ? { condition: c.condition } : {}), ...(c.versions ? { versions: c.versions } : {}) })),
      testCases: rehearsal?.testCases ?? [],
      checks: rehearsal?.checks ?? [],
      ...(listed.length === 0 && OUTSIDE_PROFILES[tc] ? { outsideProfiles: OUTSIDE_PROFILES[tc] } : {}),
      ...(!rehearsal && first?.notRehearsed ? { notRehearsed: first.notRehearsed } : {}),
    };
  });
}

/** The two text lines of one TC: id, title and profiles; then what rehearses it or why nothing does. */
export function tcListingLines(entry: TcListing, profileTitle: (id: CertificationProfile['id']) => string): [string, string] {
  const where = entry.profiles.length ? entry.profiles.map((p) => `${profileTitle(p.profile)} ${p.status}${p.versions ? ` (OCPP ${p.versions.join(', ')} only)` : ''}`).join('; ') : `in no profile: ${entry.outsideProfiles ?? 'not a station case of Core or Advanced Device Management'}`;
  const head = `${entry.tc}  ${entry.title ?? ''}${entry.title ? '  ' : ''}[${where}]`;
  if (entry.testCases.length || entry.checks.length) {
    const parts = [entry.testCases.length ? `cases ${entry.testCases.join(', ')}` : '', entry.checks.length ? `checks ${entry.checks.join(', ')}` : ''].filter(Boolean);
    return [head, `    ${parts.join('; ')}`];
  }
  if (entry.notRehearsed) return [head, `    not rehearsed (${entry.notRehearsed.why}): ${entry.notRehearsed.detail}`];
  return [head, '    not rehearsed: no test case of this selection cites it'];
}
