import type { Verdict } from '../checks/check.js';

/** The CSS class of each verdict, the same on every page (scorecard, comparison, certification). */
export const VERDICT_CSS: Record<Verdict, string> = { PASS: 'pass', FAIL: 'fail', WARN: 'warn', INCONCLUSIVE: 'inconclusive', 'NOT APPLICABLE': 'na' };

/** Verdicts from the one that matters most to the one that matters least: the order findings are listed in. */
export const WORST_FIRST: readonly Verdict[] = ['FAIL', 'WARN', 'INCONCLUSIVE', 'PASS', 'NOT APPLICABLE'];
