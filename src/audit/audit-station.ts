import { dirname, join } from 'node:path';
import { ALL_CHECKS } from '../checks/index.js';
import type { Check } from '../checks/check.js';
import { runChecks } from '../checks/run-checks.js';
import { writeJsonFile } from '../evidence/evidence-file.js';
import type { Evidence } from '../evidence/evidence.js';
import { buildResult, type AuditResult } from '../result/audit-result.js';
import { ScenarioRunner, type RunnerOptions } from '../scenario/runner.js';
import type { LoadedTestCase } from '../scenario/testcase-loader.js';
import type { StationSession } from '../session/station-session.js';

export type AuditOptions = Omit<RunnerOptions, 'journalFile'> & { checks?: readonly Check[] };

export interface AuditOutcome {
  evidence: Evidence;
  result: AuditResult;
  files: { journal: string; evidence: string; result: string };
}

/**
 * Audits one connected station: plays the test cases, saves the evidence after every case
 * (so an abort keeps what was collected), closes the journal for its SHA-256, evaluates the
 * checks and writes evidence.json and result.json next to trace.jsonl.
 */
export async function auditStation(
  session: StationSession,
  cases: readonly LoadedTestCase[],
  options: AuditOptions,
  onRunner: (runner: ScenarioRunner) => void = () => undefined,
): Promise<AuditOutcome> {
  const directory = dirname(session.journal.path);
  const files = { journal: session.journal.path, evidence: join(directory, 'evidence.json'), result: join(directory, 'result.json') };
  const runner = new ScenarioRunner(session, cases, { ...options, journalFile: files.journal });
  onRunner(runner);
  runner.on('case-end', () => writeJsonFile(files.evidence, runner.evidence));
  let evidence: Evidence;
  try {
    evidence = await runner.run();
  } finally {
    writeJsonFile(files.evidence, runner.evidence);
  }
  const summary = await session.close();
  evidence.journal = { file: summary.path, sha256: summary.sha256 };
  writeJsonFile(files.evidence, evidence);
  const result = buildResult(evidence, runChecks(options.checks ?? ALL_CHECKS, evidence), files.evidence);
  writeJsonFile(files.result, result);
  return { evidence, result, files };
}
