import type { CheckResult, Verdict } from '../checks/check.js';
import { appliesToVersion, type OcppVersion } from '../evidence/ocpp-version.js';

/**
 * A behaviour every station must have, whatever its guideline (guidelines/scoring.json
 * `mustHaves.checks`): `check` is a check id, or a prefix ending in `*` for a case's step checks.
 */
export interface MustHaveRule {
  check: string;
  why: string;
  /** The OCPP versions whose stations the rule holds for (default 2.0.1 and 2.1). */
  versions?: OcppVersion[];
}

export interface MustHaveConfig {
  /** The best grade a station with a failed must-have can get. */
  gradeCap: string;
  checks: MustHaveRule[];
}

/** One must-have as this audit found it. */
export interface MustHaveOutcome {
  check: string;
  title: string;
  verdict: Verdict;
  /** Why it is a must-have: the scoring rule's reason, or the guideline line's. */
  why: string;
  source: 'scoring' | 'guideline';
  /** The check's own reason: what the station did. */
  reason: string;
}

export interface MustHaves {
  gradeCap: string;
  items: MustHaveOutcome[];
  /** The must-haves that FAILed: any one caps the grade at gradeCap. */
  failed: MustHaveOutcome[];
}

const matches = (pattern: string, id: string): boolean => (pattern.endsWith('*') ? id.startsWith(pattern.slice(0, -1)) : id === pattern);

/**
 * The must-haves among the checks: those the scoring configuration names, and the guideline's
 * critical lines. A must-have fails on FAIL only: WARN, INCONCLUSIVE and NOT APPLICABLE say
 * nothing certain against the station.
 */
export function judgeMustHaves(checks: readonly CheckResult[], config: MustHaveConfig | undefined, version: OcppVersion = '2.0.1'): MustHaves {
  const items: MustHaveOutcome[] = [];
  const rules = (config?.checks ?? []).filter((r) => appliesToVersion(r, version));
  for (const check of checks) {
    const rule = rules.find((r) => matches(r.check, check.id));
    if (rule) items.push(outcome(check, rule.why, 'scoring'));
    else if (check.critical) items.push(outcome(check, guidelineWhy(check), 'guideline'));
  }
  return { gradeCap: config?.gradeCap ?? '', items, failed: items.filter((item) => item.verdict === 'FAIL') };
}

function outcome(check: CheckResult, why: string, source: MustHaveOutcome['source']): MustHaveOutcome {
  return { check: check.id, title: check.title, verdict: check.verdict, why, source, reason: check.reason };
}

/** A critical guideline line: the line's own why (kept in its details), else its title. */
function guidelineWhy(check: CheckResult): string {
  const why = check.details?.['why'];
  return `the guideline marks this line critical: ${typeof why === 'string' ? why : check.title}`;
}

/**
 * The grade after the must-haves: `grade` when none failed, else the worse of `grade` and the cap
 * (order: the grades' boundaries, best first).
 */
export function cappedGrade(grade: string | null, mustHaves: MustHaves, order: readonly string[]): string | null {
  if (grade === null || mustHaves.failed.length === 0 || mustHaves.gradeCap === '') return grade;
  const rank = (g: string): number => order.indexOf(g);
  return rank(grade) < rank(mustHaves.gradeCap) ? mustHaves.gradeCap : grade;
}
