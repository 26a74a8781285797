import { basename, dirname, isAbsolute, relative } from 'node:path';
import type { CheckResult, Verdict } from '../checks/check.js';
import type { CaseStatus, Evidence } from '../evidence/evidence.js';
import type { ArchetypeConfidence, ArchetypeSignal } from '../scoring/archetype.js';
import type { ScoredEvidence } from '../scoring/score-evidence.js';
import { eventTimeline, monitorPhases, type EventTimeline, type MonitorPhase } from './observations.js';
import type { CategoryScore } from '../scoring/score.js';
import type { MustHaveOutcome } from '../scoring/must-haves.js';
import type { Coverage } from '../scoring/coverage.js';
import type { GuidelineSource } from '../config/guideline.js';
import { monitorabilityMatrix, type MatrixRow } from '../scoring/monitorability-matrix.js';
import { buildTopology, type Topology } from '../scoring/topology.js';
import { upgradeVerdict, type UpgradeVerdict } from './upgrade.js';

/** Version of result.json; bump on any incompatible change. */
export const RESULT_VERSION = 1;

/** The contract between the audit core and every report (HTML, JUnit, comparison). */
export interface AuditResult {
  resultVersion: typeof RESULT_VERSION;
  tool: { name: string; version: string };
  station: Evidence['station'];
  options: Record<string, unknown>;
  timings: { startedAt: string; finishedAt: string; durationMs: number };
  interrupted?: { reason: string };
  summary: Record<Verdict, number> & { checks: number };
  /** `prerequisiteOf`: not selected, run first because these selected cases needed it. */
  cases: Array<{ id: string; title: string; status: CaseStatus; reason?: string; prerequisiteOf?: string[] }>;
  checks: CheckResult[];
  /** NotifyEvents per monitor over time, and the monitors of each base-switch phase (for the scorecard). */
  observations: { events: EventTimeline; monitorPhases: MonitorPhase[] };
  /** The guideline scored against, and how it was chosen (forced or detected from the device model). */
  guideline?: {
    id: string;
    version: string;
    title: string;
    chain: string[];
    archetype: string;
    how: 'forced' | 'detected';
    reason: string;
    /** How one-sided the device model's evidence for the archetype was (absent in results of older versions). */
    archetypeConfidence?: ArchetypeConfidence;
    /** The evidence the archetype detection weighed. */
    archetypeSignals?: ArchetypeSignal[];
    /** The public references its lines cite (absent in results of older versions). */
    sources?: GuidelineSource[];
  };
  categories?: CategoryScore[];
  /** The station as a tree, components marked present / non-standard / missing. */
  topology?: Topology;
  /** The guideline's monitorable variables × monitor types, as the audit found them. */
  monitorability?: MatrixRow[];
  /** Overall 0–100 and its grade (null when nothing could be scored), capped by a failed must-have. */
  score?: number | null;
  grade?: string | null;
  /** The grade the score alone gives, when a failed must-have capped it. */
  uncappedGrade?: string;
  /** Checks every station must pass (scoring configuration) and the guideline's critical lines. */
  mustHaves?: { gradeCap: string; items: MustHaveOutcome[] };
  /** Applicable cases run against the whole catalogue; an incomplete run has no letter grade. */
  coverage?: Coverage;
  /**
   * A station whose OCPP version has no device-model diagnostics (1.6): the version that brings
   * them and what this station would gain there (page one's verdict). Absent for 2.0.1 and later.
   */
  upgrade?: UpgradeVerdict;
  files: { journal: string; journalSha256?: string; connections?: string; connectionsSha256?: string; evidence: string };
}

export const VERDICTS: readonly Verdict[] = ['PASS', 'FAIL', 'WARN', 'NOT APPLICABLE', 'INCONCLUSIVE'];

export function buildResult(evidence: Evidence, checks: CheckResult[], evidenceFile: string, scored?: Pick<ScoredEvidence, 'choice' | 'scores' | 'coverage'>): AuditResult {
  const summary = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const check of checks) summary[check.verdict] += 1;
  const finishedAt = evidence.finishedAt ?? new Date().toISOString();
  const upgrade = scored ? upgradeVerdict(evidence) : undefined;
  return {
    resultVersion: RESULT_VERSION,
    tool: evidence.tool,
    station: evidence.station,
    options: evidence.options,
    timings: { startedAt: evidence.startedAt, finishedAt, durationMs: Date.parse(finishedAt) - Date.parse(evidence.startedAt) },
    ...(evidence.interrupted ? { interrupted: evidence.interrupted } : {}),
    summary: { ...summary, checks: checks.length },
    cases: evidence.cases.map((c) => ({ id: c.id, title: c.title, status: c.status, ...(c.reason ? { reason: c.reason } : {}), ...(c.prerequisiteOf ? { prerequisiteOf: c.prerequisiteOf } : {}) })),
    checks,
    observations: { events: eventTimeline(evidence), monitorPhases: monitorPhases(evidence) },
    ...(scored
      ? {
          guideline: {
            id: scored.choice.guideline.id,
            version: scored.choice.guideline.version,
            title: scored.choice.guideline.title,
            chain: scored.choice.guideline.chain,
            archetype: scored.choice.archetype,
            how: scored.choice.how,
            reason: scored.choice.reason,
            archetypeConfidence: scored.choice.confidence,
            archetypeSignals: scored.choice.signals,
            sources: scored.choice.guideline.sources,
          },
          categories: scored.scores.categories,
          // A version without a device model has no topology tree and no monitorable variables to show.
          ...(upgrade ? {} : { topology: buildTopology(evidence, checks), monitorability: monitorabilityMatrix(scored.choice.guideline, evidence) }),
          score: scored.scores.overall,
          grade: scored.scores.grade,
          ...(scored.scores.uncappedGrade !== undefined ? { uncappedGrade: scored.scores.uncappedGrade } : {}),
          mustHaves: { gradeCap: scored.scores.mustHaves.gradeCap, items: scored.scores.mustHaves.items },
          coverage: scored.coverage,
          ...(upgrade ? { upgrade } : {}),
        }
      : {}),
    // Relative to the result's own folder (beside evidence.json): no path of the auditor's machine
    // goes into a result that is shared, and the folder can be moved whole.
    files: {
      journal: besideResult(evidenceFile, evidence.journal.file),
      ...(evidence.journal.sha256 ? { journalSha256: evidence.journal.sha256 } : {}),
      ...(evidence.journal.connections ? { connections: besideResult(evidenceFile, evidence.journal.connections.file), connectionsSha256: evidence.journal.connections.sha256 } : {}),
      evidence: besideResult(evidenceFile, evidenceFile),
    },
  };
}

/** `file` relative to the folder of `evidenceFile` (where result.json is written), when both are absolute. */
function besideResult(evidenceFile: string, file: string): string {
  if (!isAbsolute(evidenceFile) || !isAbsolute(file)) return file;
  return relative(dirname(evidenceFile), file) || basename(file);
}

/** Whether the verdicts reach the --fail-on level (fail: any FAIL; warn: any FAIL or WARN). */
export function reachesFailLevel(result: AuditResult, level: 'fail' | 'warn' | 'none'): boolean {
  if (level === 'none') return false;
  return result.summary.FAIL > 0 || (level === 'warn' && result.summary.WARN > 0);
}
