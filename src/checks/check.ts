import type { Evidence } from '../evidence/evidence.js';
import type { OcppVersion } from '../ocpp/protocol.js';

export type Verdict = 'PASS' | 'FAIL' | 'WARN' | 'NOT APPLICABLE' | 'INCONCLUSIVE';

/** The judgement of one check: a verdict, a reason for people, and the frames that prove it. */
export interface CheckResult {
  id: string;
  title: string;
  /** Requirement ids (N04.FR.10), use cases (N04) and OCTT test cases (TC_N_08). */
  refs: string[];
  /** Scoring category (protocol, inventory, variables, monitoring, events, robustness). */
  category: string;
  verdict: Verdict;
  reason: string;
  /** Journal sequence numbers of the frames that show the verdict. */
  seqs: number[];
  /** Optional structured facts (counts, measured intervals) for reports. */
  details?: Record<string, unknown>;
  /** Credit 0–1 for scoring when the verdict alone is too coarse (present on 3 of 4 EVSEs: 0.75). */
  score?: number;
  /** Importance in its category (default 1); guideline requirements weigh by level and section. */
  weight?: number;
  /** A guideline line marked critical: a must-have whose FAIL caps the grade. */
  critical?: true;
  /** The check whose failure this one follows from (src/scoring/root-causes.ts): it does not weigh again. */
  causedBy?: string;
}

/** A check: static meta plus a pure function of the evidence. */
export interface Check {
  id: string;
  title: string;
  refs: string[];
  category: string;
  /** The OCPP versions the check judges (default DEFAULT_VERSIONS, 2.0.1 and 2.1); on others it is not run. */
  versions?: readonly OcppVersion[];
  /** One result normally; a few when the check judges several things of one kind (e.g. one per report). */
  evaluate(evidence: Evidence): CheckResult | CheckResult[];
}

/** Builds a result for a check's own meta. */
export function resultOf(check: Pick<Check, 'id' | 'title' | 'refs' | 'category'>, verdict: Verdict, reason: string, seqs: number[] = [], details?: Record<string, unknown>): CheckResult {
  return { id: check.id, title: check.title, refs: check.refs, category: check.category, verdict, reason, seqs, ...(details ? { details } : {}) };
}
