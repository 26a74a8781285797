import type { Capture } from '../../evidence/evidence.js';
import { hasWildcard, partialMatch, valuesAt } from '../json-path.js';
import type { Condition, ExpectStep } from '../testcase.js';
import { fill } from '../template.js';
import { expectationInWords } from '../expectation-words.js';
import type { StepResult, StepRun } from '../step-run.js';
import { readsValue, unvaluedAcceptances } from '../unvalued-acceptances.js';

/**
 * Judges a condition on an earlier capture: the value at `at` (every value, with `*`) must be
 * one of / equal to / match what the step says. A call that got no response makes the
 * expectation unmet, and INCONCLUSIVE when the station timed out or went away.
 */
export function runExpect(step: ExpectStep, run: StepRun): StepResult {
  const capture = run.context.captures[step.of];
  if (!capture) return { status: 'failed', detail: `nothing was captured as "${step.of}"`, seqs: [], inconclusive: true };
  const seqs = capturedSeqs(capture);
  const condition = fill(conditionOf(step), run.context, run.where) as Condition;
  if (capture.kind === 'call' && !capture.ok && step.at.startsWith('response')) {
    const inconclusive = capture.failure?.kind === 'timeout' || capture.failure?.kind === 'disconnected';
    return { status: 'unmet', detail: `no response to judge: ${capture.failure?.description ?? 'unknown failure'}`, seqs, inconclusive, ...(capture.failure?.kind === 'call-error' ? { refused: true } : {}) };
  }
  const values = valuesAt(capture, step.at);
  const problem = judge(values, condition, hasWildcard(step.at));
  // An Accepted GetVariables result without a value is no answer (B06): it fails whatever the
  // expectation's level, unless the expectation already failed on something else it asked.
  const unvalued = unvaluedAcceptances(capture, step.at);
  if (unvalued.length > 0 && (!problem || readsValue(step.at))) {
    const list = unvalued.length > 3 ? `${unvalued.slice(0, 3).join(', ')} and ${unvalued.length - 3} more` : unvalued.join(', ');
    return { status: 'unmet', detail: `the station answered GetVariables Accepted for ${list} but returned no value (a value may be left out only when the status is not Accepted)`, seqs, defect: true };
  }
  // In words where the shape allows it ("one NotifyEvent came where none was allowed"), else the exact path and values.
  const words = expectationInWords(capture, step.at, condition, values, !problem);
  if (problem) return { status: 'unmet', detail: words ?? `${step.at}: ${problem}`, seqs };
  return { status: 'ok', detail: words ?? `${step.at}: ${describe(values, hasWildcard(step.at))}`, seqs };
}

function conditionOf(step: ExpectStep): Condition {
  const { at, oneOf, equals, exists, atLeast, atMost, matches } = step;
  return { at, ...(oneOf !== undefined ? { oneOf } : {}), ...(equals !== undefined ? { equals } : {}), ...(exists !== undefined ? { exists } : {}), ...(atLeast !== undefined ? { atLeast } : {}), ...(atMost !== undefined ? { atMost } : {}), ...(matches !== undefined ? { matches } : {}) };
}

/** Undefined when the condition holds; otherwise what was wrong. */
export function judge(values: unknown[], condition: Condition, every: boolean): string | undefined {
  if (condition.exists !== undefined) {
    const present = values.length > 0 && values.some((v) => v !== undefined && v !== null);
    if (present !== condition.exists) return condition.exists ? 'is absent' : `is present (${describe(values, every)})`;
    if (!present) return undefined;
  }
  const tests: Array<[boolean, (v: unknown) => boolean, string]> = [
    [condition.oneOf !== undefined, (v) => (condition.oneOf ?? []).some((o) => partialMatch(v, o)), `one of ${JSON.stringify(condition.oneOf)}`],
    [condition.equals !== undefined, (v) => partialMatch(v, condition.equals) && partialMatch(condition.equals, v), `equal to ${JSON.stringify(condition.equals)}`],
    [condition.atLeast !== undefined, (v) => numeric(v) >= (condition.atLeast ?? 0), `at least ${condition.atLeast}`],
    [condition.atMost !== undefined, (v) => numeric(v) <= (condition.atMost ?? 0), `at most ${condition.atMost}`],
    [condition.matches !== undefined, (v) => partialMatch(v, condition.matches), `matching ${JSON.stringify(condition.matches)}`],
  ];
  for (const [applies, test, wanted] of tests) {
    if (!applies) continue;
    if (values.length === 0) return `is absent (wanted ${wanted})`;
    const bad = values.filter((v) => !test(v));
    if (bad.length > 0) return `${describe(every ? bad : values, every)}, wanted ${every ? 'each to be ' : ''}${wanted}`;
  }
  return undefined;
}

/** A number, or a string that is one; anything else (null, '', booleans) compares as NaN, so never passes. */
function numeric(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

/** JSON of a value for a step's detail, cut so a whole report does not become the reason. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function describe(values: unknown[], every: boolean): string {
  if (!every) return values.length === 0 ? 'absent' : shown(values[0]);
  const list = values.slice(0, 5).map(shown).join(', ');
  return `[${list}${values.length > 5 ? `, … ${values.length} in all` : ''}]`;
}

export function capturedSeqs(capture: Capture): number[] {
  return capture.kind === 'messages' ? capture.messages.map((m) => m.seq) : capture.seqs;
}
