import type { EventEmitter } from 'node:events';
import type { CaseEvidence, Evidence } from '../evidence/evidence.js';
import { printableLine } from '../report/printable.js';
import type { RunnerEvents } from '../scenario/runner.js';
import { isLongWait, type WaitStatus } from './wait-status.js';

/** What the console follows of one audit: a ScenarioRunner. */
export type ProgressSource = EventEmitter<RunnerEvents> & { readonly evidence: Pick<Evidence, 'cases'> };

/**
 * Live progress of one audit on the console, in plain lines (fit for a TTY and for a log):
 * each case with its outcome and time, and long waits with what is awaited and for how long.
 * Given `waits` (a terminal), a long wait is a countdown on the status line instead of a line.
 */
export function reportProgress(runner: ProgressSource, identity: string, write: (line: string) => void, waits?: WaitStatus): void {
  const say = (text: string): void => write(`[${new Date().toISOString().slice(11, 23)}] ${printableLine(`${identity} ${text}`)}`);
  runner.on('case-start', ({ id, title, index, total, prerequisiteOf }) =>
    say(`case ${index + 1}/${total} ${id}: ${title}${prerequisiteOf ? ` (not selected: runs first as a prerequisite of ${prerequisiteOf.join(', ')})` : ''}`),
  );
  runner.on('step', ({ step }) => {
    // The step that waited is over: so is its wait.
    waits?.end(runner);
    if (step.authoringError) say(`  test case error: ${step.authoringError}`);
  });
  runner.on('waiting', ({ what, untilMs }) => {
    if (waits) return waits.begin(runner, identity, what, untilMs);
    const leftMs = untilMs - Date.now();
    if (isLongWait(leftMs)) say(`  waiting for ${what} (up to ${Math.round(leftMs / 1000)} s)`);
  });
  runner.on('case-end', ({ id, status, reason, durationMs }) => {
    waits?.end(runner);
    const evidence = runner.evidence.cases.find((c) => c.id === id);
    say(`  ${outcomeLine(status, evidence, reason)} (${(durationMs / 1000).toFixed(1)} s)`);
  });
}

/** A case's outcome in words: its declared checks met and unmet (probes that did not apply apart), or why it did not run. */
function outcomeLine(status: CaseEvidence['status'], evidence: CaseEvidence | undefined, reason: string | undefined): string {
  if (status === 'not-applicable') return `NOT APPLICABLE: ${reason ?? ''}`;
  const declared = (evidence?.steps ?? []).filter((s) => s.check);
  // A case that only collects (an upload, a report) is judged by the checks after the audit, not here.
  if (declared.length === 0 && status === 'completed') return 'done: collected for the checks (no expectations of its own)';
  const checked = declared.filter((s) => !s.notApplicable);
  const notApplicable = declared.length - checked.length;
  const unmet = checked.filter((s) => s.status === 'unmet' && !s.inconclusive && s.check?.level !== 'warn');
  const warned = checked.filter((s) => s.status === 'unmet' && !s.inconclusive && s.check?.level === 'warn');
  const met = checked.filter((s) => s.status === 'ok').length;
  const head = status === 'inconclusive' ? `INCONCLUSIVE: ${reason ?? ''};` : unmet.length > 0 ? 'FAIL:' : warned.length > 0 ? 'WARN:' : 'PASS:';
  const firstUnmet = unmet[0] ?? warned[0];
  return `${head} ${met}/${checked.length} expectations met${notApplicable > 0 ? ` (${notApplicable} not applicable)` : ''}${firstUnmet ? `; first unmet: ${firstUnmet.id} (${firstUnmet.detail})` : ''}`;
}
