import type { CaseEvidence } from '../evidence/evidence.js';
import { printableLine } from '../report/printable.js';
import type { ScenarioRunner } from '../scenario/runner.js';

/**
 * Live progress of one audit on the console, in plain lines (fit for a TTY and for a log):
 * each case with its outcome and time, and long waits with what is awaited and for how long.
 */
export function reportProgress(runner: ScenarioRunner, identity: string, write: (line: string) => void): void {
  const say = (text: string): void => write(`[${new Date().toISOString().slice(11, 23)}] ${printableLine(`${identity} ${text}`)}`);
  runner.on('case-start', ({ id, title, index, total, prerequisiteOf }) =>
    say(`case ${index + 1}/${total} ${id}: ${title}${prerequisiteOf ? ` (not selected: runs first as a prerequisite of ${prerequisiteOf.join(', ')})` : ''}`),
  );
  runner.on('step', ({ step }) => {
    if (step.authoringError) say(`  test case error: ${step.authoringError}`);
  });
  runner.on('waiting', ({ what, untilMs }) => {
    const seconds = Math.round((untilMs - Date.now()) / 1000);
    if (seconds >= 5) say(`  waiting for ${what} (up to ${seconds} s)`);
  });
  runner.on('case-end', ({ id, status, reason, durationMs }) => {
    const evidence = runner.evidence.cases.find((c) => c.id === id);
    say(`  ${outcomeLine(status, evidence, reason)} (${(durationMs / 1000).toFixed(1)} s)`);
  });
}

/** A case's outcome in words: its declared checks met and unmet (probes that did not apply apart), or why it did not run. */
function outcomeLine(status: CaseEvidence['status'], evidence: CaseEvidence | undefined, reason: string | undefined): string {
  if (status === 'not-applicable') return `NOT APPLICABLE: ${reason ?? ''}`;
  const declared = (evidence?.steps ?? []).filter((s) => s.check);
  const checked = declared.filter((s) => !s.notApplicable);
  const notApplicable = declared.length - checked.length;
  const unmet = checked.filter((s) => s.status === 'unmet' && !s.inconclusive && s.check?.level !== 'warn');
  const warned = checked.filter((s) => s.status === 'unmet' && !s.inconclusive && s.check?.level === 'warn');
  const met = checked.filter((s) => s.status === 'ok').length;
  const head = status === 'inconclusive' ? `INCONCLUSIVE: ${reason ?? ''};` : unmet.length > 0 ? 'FAIL:' : warned.length > 0 ? 'WARN:' : 'PASS:';
  const firstUnmet = unmet[0] ?? warned[0];
  return `${head} ${met}/${checked.length} expectations met${notApplicable > 0 ? ` (${notApplicable} not applicable)` : ''}${firstUnmet ? `; first unmet: ${firstUnmet.id} (${firstUnmet.detail})` : ''}`;
}
