import { dirname, join } from 'node:path';
import { writeReports } from '../report/write-reports.js';
import type { Check } from '../checks/check.js';
import type { Guideline } from '../config/guideline.js';
import { chooseGuideline, monitoringProbes } from '../scoring/choose-guideline.js';
import { scoreEvidence } from '../scoring/score-evidence.js';
import { loadScoringConfig, type ScoringConfig } from '../scoring/scoring-config.js';
import { writeEvidenceFile } from '../evidence/evidence-file.js';
import { throttled } from './throttled.js';
import { appliesToVersion } from '../evidence/ocpp-version.js';
import type { Evidence } from '../evidence/evidence.js';
import { buildResult, type AuditResult } from '../result/audit-result.js';
import { ScenarioRunner, type RunnerOptions } from '../scenario/runner.js';
import type { LoadedTestCase } from '../scenario/testcase-loader.js';
import type { StationSession } from '../session/station-session.js';

export type AuditOptions = Omit<RunnerOptions, 'journalFile' | 'chooseGuideline'> & {
  checks?: readonly Check[];
  /** Score against this guideline (--guideline); default: the shipped one of the detected archetype. */
  guideline?: Guideline;
  scoring?: ScoringConfig;
};

export interface AuditOutcome {
  evidence: Evidence;
  result: AuditResult;
  files: { journal: string; evidence: string; result: string; scorecard: string; junit: string; summary: string; findings: string };
}

/**
 * How often evidence.json is rewritten while cases end. Rewriting it after every case cost a
 * 200-station fleet more CPU than anything else (25 rewrites of a growing file per station);
 * quick cases come in bursts, so one save covers several. The journal is written frame by frame
 * whatever this is, so a crash loses no evidence, only this file's last few seconds.
 */
export const EVIDENCE_SAVE_INTERVAL_MS = 5_000;

/**
 * Audits one connected station: plays the test cases, saves the evidence as cases end (at most
 * every EVIDENCE_SAVE_INTERVAL_MS, so an abort keeps what was collected), closes the journal for
 * its SHA-256, evaluates the checks and writes evidence.json and result.json next to trace.jsonl.
 */
export async function auditStation(
  session: StationSession,
  cases: readonly LoadedTestCase[],
  options: AuditOptions,
  onRunner: (runner: ScenarioRunner) => void = () => undefined,
): Promise<AuditOutcome> {
  const directory = dirname(session.journal.path);
  // The station's version decides its catalogue: cases (and the coverage counted against them) of other versions are not its.
  const version = session.protocol?.version ?? '2.0.1';
  cases = cases.filter((testCase) => appliesToVersion(testCase, version));
  if (options.catalogue) options = { ...options, catalogue: options.catalogue.filter((entry) => appliesToVersion(entry, version)) };
  const files = { journal: session.journal.path, evidence: join(directory, 'evidence.json'), result: join(directory, 'result.json') };
  const runner = new ScenarioRunner(session, cases, {
    ...options,
    journalFile: files.journal,
    chooseGuideline: (entries) => {
      const { guideline } = chooseGuideline(entries, options.guideline);
      return { id: guideline.id, monitoringProbes: monitoringProbes(guideline, entries) };
    },
  });
  onRunner(runner);
  // Frames that cannot be recorded cannot be judged: the audit stops with the reason (the session has ended).
  const interruptUnrecorded = (failure: { message: string }): void => runner.interrupt(`the evidence could not be written: ${failure.message}`);
  if (session.journal.failure) interruptUnrecorded(session.journal.failure);
  session.journal.onFailure(interruptUnrecorded);
  const saving = throttled(() => {
    try {
      writeEvidenceFile(files.evidence, runner.evidence);
    } catch {
      // A save that fails mid-audit (disk full, directory gone) must not end the audit, nor,
      // thrown from a timer, the whole process with a fleet's audits in it: the journal already
      // holds every frame, and the final save below fails the same way and is reported.
    }
  }, EVIDENCE_SAVE_INTERVAL_MS);
  runner.on('case-end', saving.request);
  let evidence: Evidence;
  try {
    evidence = await runner.run();
  } catch (error) {
    saving.cancel();
    // Whatever was collected is kept even when the audit itself fails; on success the evidence
    // is written once more below, with the journal's SHA-256.
    writeEvidenceFile(files.evidence, runner.evidence);
    throw error;
  }
  saving.cancel();
  const summary = await session.close();
  evidence.journal = { file: summary.path, sha256: summary.sha256, ...(summary.connections ? { connections: { file: summary.connections.path, sha256: summary.connections.sha256 } } : {}) };
  writeEvidenceFile(files.evidence, evidence);
  const scored = scoreEvidence(evidence, options.guideline, options.scoring ?? loadScoringConfig(), options.checks);
  const result = buildResult(evidence, scored.checks, files.evidence, scored);
  const reports = writeReports(result, directory);
  return { evidence, result, files: { ...files, scorecard: reports.html, junit: reports.junit, summary: reports.md, findings: reports.csv } };
}
