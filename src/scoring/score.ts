import type { CheckResult } from '../checks/check.js';
import type { ScoringConfig } from './scoring-config.js';
import { cappedGrade, judgeMustHaves, type MustHaves } from './must-haves.js';
import type { Coverage } from './coverage.js';
import { appliesToVersion, type OcppVersion } from '../evidence/ocpp-version.js';

export interface CategoryScore {
  id: string;
  title: string;
  weight: number;
  /** 0–100, one decimal; null when no check of the category could be scored, or it was not examined. */
  score: number | null;
  /** False when none of its cases ran and none of its checks came to a verdict (a subset, an interruption). */
  examined: boolean;
  counts: { scored: number; pass: number; fail: number; warn: number; inconclusive: number; notApplicable: number };
  /** A short verdict in plain words. */
  verdict: string;
}

export interface Scores {
  categories: CategoryScore[];
  /** Weighted mean of the scored categories, 0–100, one decimal. */
  overall: number | null;
  /** The grade of the score, capped by a failed must-have (see `mustHaves`); null for an incomplete run. */
  grade: string | null;
  /** The grade the score alone would give, when a failed must-have capped it. */
  uncappedGrade?: string;
  mustHaves: MustHaves;
}

const round = (value: number): number => Math.round(value * 10) / 10;

/**
 * Scores check results by the configuration: each check weighs `weight` (default 1) and earns
 * its `score` or its verdict's credit; NOT APPLICABLE weighs nothing; INCONCLUSIVE as configured.
 * Pure and deterministic: the same checks give the same numbers.
 */
export function scoreChecks(checks: readonly CheckResult[], config: ScoringConfig, coverage?: Coverage, version: OcppVersion = '2.0.1'): Scores {
  // An incomplete run is scored on what it examined: an INCONCLUSIVE there is mostly a case not
  // run, not the station's doing, so it does not weigh; and it gets no letter grade.
  const incomplete = coverage !== undefined && !coverage.complete;
  const inconclusive = incomplete ? 'exclude' : config.inconclusive;
  // A station is scored in the categories of its OCPP version (1.6: configuration, not device model).
  const categories = config.categories.filter((category) => appliesToVersion(category, version)).map((category): CategoryScore => {
    const members = checks.filter((c) => category.checkCategories.includes(c.category));
    const counts = {
      scored: 0,
      pass: members.filter((c) => c.verdict === 'PASS').length,
      fail: members.filter((c) => c.verdict === 'FAIL').length,
      warn: members.filter((c) => c.verdict === 'WARN').length,
      inconclusive: members.filter((c) => c.verdict === 'INCONCLUSIVE').length,
      notApplicable: members.filter((c) => c.verdict === 'NOT APPLICABLE').length,
    };
    let weighted = 0;
    let total = 0;
    for (const check of members) {
      if (check.verdict === 'NOT APPLICABLE') continue;
      // It follows from another failure, which weighs for both (root-causes.ts).
      if (check.causedBy !== undefined) continue;
      if (check.verdict === 'INCONCLUSIVE' && inconclusive === 'exclude') continue;
      const weight = check.weight ?? 1;
      const credit = check.score ?? config.verdictCredit[check.verdict];
      weighted += weight * Math.min(1, Math.max(0, credit));
      total += weight;
      counts.scored += 1;
    }
    const casesRan = coverage === undefined || coverage.categories.some((c) => category.checkCategories.includes(c.category) && c.run > 0);
    const judged = members.some((c) => c.verdict === 'PASS' || c.verdict === 'FAIL' || c.verdict === 'WARN');
    const examined = casesRan || judged;
    const score = total > 0 && examined ? round((100 * weighted) / total) : null;
    const verdict = examined ? verdictText(category.id, members, counts, score) : 'not examined: none of its cases ran';
    return { id: category.id, title: category.title, weight: category.weight, score, examined, counts, verdict };
  });
  const scored = categories.filter((c) => c.score !== null && c.weight > 0);
  const weightSum = scored.reduce((sum, c) => sum + c.weight, 0);
  const overall = weightSum > 0 ? round(scored.reduce((sum, c) => sum + c.weight * (c.score ?? 0), 0) / weightSum) : null;
  const order = [...config.grades].sort((a, b) => b.min - a.min);
  const scoreGrade = overall === null ? null : (order.find((g) => overall >= g.min)?.grade ?? null);
  // A failed must-have caps the grade: a high score made of many small passes must not hide it.
  const mustHaves = judgeMustHaves(checks, config.mustHaves, version);
  const grade = incomplete ? null : cappedGrade(scoreGrade, mustHaves, order.map((g) => g.grade));
  return { categories, overall, grade, ...(!incomplete && grade !== scoreGrade && scoreGrade !== null ? { uncappedGrade: scoreGrade } : {}), mustHaves };
}

/** "reports 41 of 48 required variables; 3 of 12 monitorable sensors" style summaries. */
function verdictText(categoryId: string, members: readonly CheckResult[], counts: CategoryScore['counts'], score: number | null): string {
  if (score === null) {
    if (members.length === 0) return 'nothing measured';
    return counts.inconclusive > 0 ? `not scored: ${counts.inconclusive} check(s) could not be judged` : 'not applicable to this station';
  }
  const fragments: string[] = [];
  const guideline = (section: string, level?: string) => members.filter((c) => c.id.startsWith(`guideline/${section}/`) && (level === undefined || c.title.startsWith(level)));
  const met = (list: CheckResult[]) => list.filter((c) => c.verdict === 'PASS').length;
  if (categoryId === 'device-model') {
    const components = guideline('components', 'Reports');
    const variables = guideline('variables', 'Reports');
    if (components.length) fragments.push(`reports ${met(components)} of ${components.length} required components`);
    if (variables.length) fragments.push(`${met(variables)} of ${variables.length} required variables`);
  }
  if (categoryId === 'configuration') {
    const keys = guideline('configurationKeys', 'Lists').filter((c) => c.verdict !== 'NOT APPLICABLE');
    if (keys.length) fragments.push(`lists ${met(keys)} of ${keys.length} required configuration keys`);
  }
  if (categoryId === 'monitorability') {
    const monitoring = guideline('monitoring');
    if (monitoring.length) fragments.push(`${met(monitoring)} of ${monitoring.length} variables the guideline wants monitorable accept monitoring`);
  }
  if (categoryId === 'monitoring') {
    const monitors = guideline('monitors');
    if (monitors.length) fragments.push(`${met(monitors)} of ${monitors.length} expected preset monitors present`);
  }
  if (categoryId === 'events') {
    const severities = guideline('severities');
    if (severities.length) fragments.push(`${met(severities)} of ${severities.length} event categories with the expected severity`);
  }
  fragments.push(`${counts.pass} of ${counts.scored} checks passed${counts.fail ? `, ${counts.fail} failed` : ''}${counts.warn ? `, ${counts.warn} warned` : ''}${counts.inconclusive ? `, ${counts.inconclusive} inconclusive` : ''}`);
  return fragments.join('; ');
}
