import type { CheckResult, Verdict } from '../checks/check.js';
import type { Level } from '../config/guideline.js';

/** What a guideline line's absence is: a required line FAILs, a recommended one WARNs. */
export const missingVerdict = (level: Level): Verdict => (level === 'required' ? 'FAIL' : 'WARN');

/** A check id part from a name: anything but letters and digits becomes `-`, `*` becomes `any`. */
export const slug = (text: string): string => text.replace(/[^A-Za-z0-9*]+/g, '-').replace(/\*/g, 'any');

/** A guideline line's check result: `score` its credit (0–1), `weight` its importance in the guideline. */
export function lineResult(id: string, title: string, refs: string[], category: string, verdict: Verdict, reason: string, seqs: number[], score: number, weight: number): CheckResult {
  // An INCONCLUSIVE requirement earns what the scoring configuration gives INCONCLUSIVE, not a fixed 0.
  return { id, title, refs, category, verdict, reason, seqs: [...new Set(seqs)].sort((a, b) => a - b).slice(0, 50), ...(verdict === 'INCONCLUSIVE' ? {} : { score }), weight };
}
