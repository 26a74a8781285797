import type { CheckResult, Verdict } from '../checks/check.js';
import { VERDICT_CSS, WORST_FIRST as VERDICT_ORDER } from './verdict-style.js';
import type { AuditResult } from '../result/audit-result.js';
import { versionLabel } from '../evidence/ocpp-version.js';

/** What page one decides with: the banner, the must-have box, what to fix first, the coverage. */
export interface PageOne {
  /** An incomplete audit (interrupted, a subset, the station gone): why, and how much ran. */
  incomplete: string | undefined;
  /** Each must-have with its verdict; `capped` says why the grade is lower than the score's. */
  mustHaves: { capped: string; items: Array<{ title: string; check: string; verdict: Verdict; css: string; why: string; reason: string }> } | undefined;
  /** The three findings to fix first: failed must-haves, then what costs the score most. */
  fixFirst: Array<{ id: string; title: string; verdict: Verdict; css: string; reason: string; refs: string }>;
  /** "28 of 30 applicable cases ran (93 %)", or undefined for results without coverage. */
  coverage: string | undefined;
  /** The grade as the verdict sentence names it: "grade D, capped from A: 1 must-have(s) failed", or "no grade: incomplete". */
  grade: string;
  /**
   * For a station of a version without device-model diagnostics (1.6): the plain verdict that
   * they need a newer version, and each thing this station would gain, with what it does now.
   */
  upgrade: { title: string; headline: string; gains: Array<{ title: string; now: string; then: string }> } | undefined;
}

/** How many findings page one puts first. */
const FIX_FIRST = 3;

export function pageOne(result: AuditResult): PageOne {
  const coverage = result.coverage;
  const failedMustHaves = (result.mustHaves?.items ?? []).filter((m) => m.verdict === 'FAIL');
  return {
    incomplete:
      coverage && !coverage.complete
        ? `Incomplete audit, so no grade: ${coverage.incompleteBecause.join('; ')}. ${coverage.cases.run} of ${coverage.cases.applicable} applicable cases ran (${percent(coverage.ratio)}); the score covers only what was examined.`
        : undefined,
    mustHaves:
      result.mustHaves && result.mustHaves.items.length > 0
        ? {
            capped:
              failedMustHaves.length > 0
                ? `${failedMustHaves.length} must-have(s) failed: the grade is no better than ${result.mustHaves.gradeCap}, whatever the score.`
                : 'Every must-have that could be judged passed.',
            // Failed first: they decide the grade.
            items: [...result.mustHaves.items]
              .sort((a, b) => VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict))
              .map((m) => ({ title: m.title, check: m.check, verdict: m.verdict, css: VERDICT_CSS[m.verdict], why: m.why, reason: m.reason })),
          }
        : undefined,
    fixFirst: fixFirst(result),
    coverage: coverage ? `${coverage.cases.run} of ${coverage.cases.applicable} applicable cases ran (${percent(coverage.ratio)})` : undefined,
    grade:
      coverage && !coverage.complete
        ? 'no grade: incomplete'
        : `grade ${result.grade ?? '–'}${result.uncappedGrade !== undefined ? `, capped from ${result.uncappedGrade}: ${failedMustHaves.length} must-have(s) failed` : ''}`,
    upgrade: upgradeView(result),
  };
}

function upgradeView(result: AuditResult): PageOne['upgrade'] {
  const upgrade = result.upgrade;
  if (!upgrade) return undefined;
  const gains = upgrade.capabilities.filter((c) => upgrade.gains.includes(c.id));
  return {
    title: `What ${versionLabel(upgrade.to)} would give this station`,
    headline: upgrade.headline,
    gains: gains.map((g) => ({ title: g.title.charAt(0).toUpperCase() + g.title.slice(1), now: g.now, then: g.then })),
  };
}

const percent = (ratio: number): string => `${Math.round(ratio * 100)} %`;

/**
 * What to fix first, for a manufacturer: failed must-haves (they cap the grade), then FAILs before
 * WARNs, heavier checks first (a required guideline line weighs more than a recommended one).
 * Ties keep the findings' own order.
 */
function fixFirst(result: AuditResult): PageOne['fixFirst'] {
  const mustHave = new Set((result.mustHaves?.items ?? []).filter((m) => m.verdict === 'FAIL').map((m) => m.check));
  const rank = (check: CheckResult): number[] => [mustHave.has(check.id) ? 0 : 1, check.verdict === 'FAIL' ? 0 : 1, -(check.weight ?? 1)];
  return result.checks
    .map((check, index) => ({ check, index, key: rank(check) }))
    // A finding that follows from another (root-causes.ts) is fixed with its root: the root is listed, not its followers.
    .filter(({ check }) => (check.verdict === 'FAIL' || check.verdict === 'WARN') && check.causedBy === undefined)
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2] || a.index - b.index)
    .slice(0, FIX_FIRST)
    .map(({ check }) => ({ id: check.id, title: check.title, verdict: check.verdict, css: VERDICT_CSS[check.verdict], reason: check.reason, refs: check.refs.join(', ') }));
}
