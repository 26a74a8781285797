import type { AuditResult } from '../result/audit-result.js';

/**
 * What tells one audit run from another, in words for the comparison page and the fleet index:
 * its label, when it ran, its grade as it stands (capped, or none for an incomplete run), how much
 * of the catalogue it covered and the verdicts that are not a plain PASS or FAIL.
 */
export interface RunFacts {
  /** The user's label (`--label`), else the station and its firmware. */
  label: string;
  /** When the audit started, `YYYY-MM-DD HH:MM:SS UTC`. */
  auditedAt: string;
  /** The start as ISO 8601, for sorting. */
  startedAt: string;
  score: string;
  /** The letter, "D (capped from B)", or "no grade (incomplete)". */
  grade: string;
  capped: boolean;
  /** The must-haves that FAILed (their titles): any one caps the grade. */
  failedMustHaves: string[];
  incomplete: boolean;
  /** "12 of 25 cases (48%)", or "–" for a result from before coverage was recorded. */
  coverage: string;
  /** The coverage ratio 0–1 (-1 when unknown), for sorting. */
  coverageRatio: number;
  /** Why the run is incomplete, in words. */
  incompleteBecause: string[];
  fails: number;
  warns: number;
  inconclusive: number;
}

/** The label a run was given at `run --label` / `demo --label` (kept in result.json's options). */
export function storedLabel(result: AuditResult): string | undefined {
  const label = result.options?.['label'];
  return typeof label === 'string' && label.trim() !== '' ? label : undefined;
}

export function defaultLabel(result: AuditResult): string {
  const firmware = result.station.boot?.firmwareVersion;
  return storedLabel(result) ?? `${result.station.identity}${firmware ? ` (${firmware})` : ''}`;
}

/** ISO 8601 to `YYYY-MM-DD HH:MM:SS UTC` (the tool writes UTC timestamps). */
export function auditedAt(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : `${new Date(time).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function runFacts(result: AuditResult, label?: string): RunFacts {
  const coverage = result.coverage;
  const incomplete = coverage?.complete === false || result.interrupted !== undefined;
  const capped = typeof result.uncappedGrade === 'string' && typeof result.grade === 'string' && result.uncappedGrade !== result.grade;
  const letter = result.grade ?? undefined;
  const grade = letter === undefined ? (incomplete ? 'no grade (incomplete)' : '–') : capped ? `${letter} (capped from ${result.uncappedGrade})` : letter;
  const incompleteBecause = coverage?.incompleteBecause.length ? coverage.incompleteBecause : result.interrupted ? [`the audit was interrupted (${result.interrupted.reason})`] : [];
  return {
    label: label ?? defaultLabel(result),
    auditedAt: auditedAt(result.timings.startedAt),
    startedAt: result.timings.startedAt,
    score: result.score === null || result.score === undefined ? '–' : String(result.score),
    grade,
    capped,
    failedMustHaves: (result.mustHaves?.items ?? []).filter((item) => item.verdict === 'FAIL').map((item) => item.title),
    incomplete,
    coverage: coverage ? `${coverage.cases.run} of ${coverage.cases.applicable} cases (${Math.round(coverage.ratio * 100)}%)` : '–',
    coverageRatio: coverage ? coverage.ratio : -1,
    incompleteBecause,
    fails: result.summary.FAIL,
    warns: result.summary.WARN,
    inconclusive: result.summary.INCONCLUSIVE,
  };
}
