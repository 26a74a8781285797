import { Command } from 'commander';
import { join } from 'node:path';
import { renderFleetIndex } from '../report/fleet-index.js';
import { isToolError, ToolError } from '../errors.js';
import type { JournalFailure } from '../evidence/journal.js';
import { Csms, CSMS_DEFAULTS } from '../session/csms.js';
import type { BootStatus } from '../session/default-replies.js';
import { serveAudits, type FinishedAudit } from '../audit/audit-server.js';
import { reachesFailLevel } from '../result/audit-result.js';
import { TOOL_VERSION } from '../tool-version.js';
import { addAuditOptions, resolveAudit, type AuditFlags } from './audit-options.js';
import { reportToConsole } from './console-reporter.js';
import { ExitCode, exitCodeForSignal } from './exit-codes.js';
import { parseBootStatus, parsePositiveInteger, parseSeconds } from './option-parsers.js';
import { writeOutputFile } from './output-file.js';
import { reportProgress } from './progress-reporter.js';
import { WaitStatus } from './wait-status.js';
import { addListenOptions, describeProfile, resolveListen, type ListenFlags } from './listen-options.js';

interface RunOptions extends AuditFlags, ListenFlags {
  recordOnly?: boolean;
  pendingWindow: number;
  maxStations: number;
  concurrency: number;
  wait: number;
  bootStatus: BootStatus;
}

/** Where the CLI talks to people; tests and the library swap it. */
export interface Terminal {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Resolves when the user asks to stop (SIGINT/SIGTERM). */
  stopSignal: () => Promise<string>;
  /** Asks the operator for a physical action and resolves when they confirm. */
  prompt: (message: string) => Promise<void>;
  /**
   * A status line that changes in place (the countdown of a long wait), or erases it when given
   * undefined. Only present when standard output is a terminal: logs and pipes get whole lines.
   */
  status?: (text: string | undefined) => void;
}

/** Where a command leaves its exit code when it completes (0, or 3 for --fail-on). */
export interface ExitHolder {
  code: number;
}

export function runCommand(terminal: Terminal, exit: ExitHolder): Command {
  const command = addListenOptions(
    new Command('run').description('start the mock CSMS and audit each charging station that connects; every frame is recorded as evidence'),
    'evidence directory: <dir>/<station>/trace.jsonl',
    'audit-out',
  )
    .option('--boot-status <status>', 'answer to BootNotification: Accepted, Pending or Rejected', parseBootStatus, CSMS_DEFAULTS.bootStatus)
    .option('--max-stations <n>', 'exit after auditing this many stations', parsePositiveInteger, 1)
    .option('--concurrency <n>', 'audit this many stations at once', parsePositiveInteger, 1)
    .option('--wait <seconds>', 'give up (exit 1) when no station is accepted within this time (0: wait for ever)', parseSeconds, 0)
    .option('--pending-window <seconds>', 'answer the first boot Pending for this long (what the station sends meanwhile is judged), then accept it with a TriggerMessage', parseSeconds, 0)
    .option('--record-only', 'do not audit: accept stations and record every frame until Ctrl-C');
  return addAuditOptions(command, { failOn: 'fail' }).action(async (options: RunOptions) => {
    exit.code = await run(options, terminal);
  });
}

async function run(options: RunOptions, terminal: Terminal): Promise<number> {
  // Listen for Ctrl-C before anything starts, so an early one is not lost.
  const stopping = terminal.stopSignal();
  const listen = resolveListen(options, terminal.err);
  const profile = options.securityProfile;
  const outDir = listen.outDir;
  // Test cases, config and targets are checked before any socket opens.
  const audit = options.recordOnly ? undefined : resolveAudit(options, { callTimeoutMs: options.callTimeout * 1000, securityProfile: profile, version: TOOL_VERSION, prompt: terminal.prompt });
  const csms = await Csms.start({
    ...listen.csms,
    outDir,
    // A provisioning window starts every station Pending; the audit accepts it when the window ends.
    bootStatus: options.pendingWindow > 0 && !options.recordOnly ? 'Pending' : options.bootStatus,
  });
  terminal.out(`CSMS listening on ${csms.url} (${describeProfile(profile)}, subprotocols ${csms.server.subprotocols.join(', ')})`);
  terminal.out(`Point a charging station at ${csms.url}<identity>; evidence goes to ${outDir}. Press Ctrl-C to stop.`);
  reportToConsole(csms, terminal.out);
  const writeFailures = watchWriteFailures(csms);
  if (!audit) {
    const signal = await Promise.race([stopping, writeFailures.nothingWritable.then(() => 'the output directory takes no more writes')]);
    terminal.out(`${signal}: closing connections and journals`);
    await closeAndList(csms, terminal);
    return writeFailures.exitCode(outDir, terminal) ?? ExitCode.OK;
  }
  terminal.out(`Auditing up to ${options.maxStations} station(s) with ${audit.cases.length} test case(s)${options.wait > 0 ? `; giving up after ${options.wait} s without a station` : ''}.`);
  if (options.pendingWindow > 0) audit.options.caseOptions['pendingWindowS'] = options.pendingWindow;
  // On a terminal, long waits count down on a status line; elsewhere they are a line each.
  const waits = terminal.status ? new WaitStatus(terminal.status) : undefined;
  const serving = serveAudits(csms, audit.cases, audit.options, {
    maxStations: options.maxStations,
    concurrency: options.concurrency,
    waitS: options.wait,
    pendingWindowS: options.pendingWindow,
    onRunner: (runner, session) => reportProgress(runner, session.identity, terminal.out, waits),
    // An output that cannot be written is one line (the tool's own bugs keep their stack).
    onAuditError: (session, error) => terminal.err(`ocpp-audit: the audit of ${session.identity} failed: ${isToolError(error) ? error.message : (error.stack ?? error.message)}`),
  });
  // A signal that comes while audits run interrupts them: the run then ends with 130 or 143.
  let interruptedBy: string | undefined;
  let served = false;
  void stopping.then((signal) => {
    if (served) return;
    interruptedBy = signal;
    terminal.out(`${signal}: interrupting the audit; evidence so far is kept`);
    serving.stop(`${signal} received`);
  });
  void writeFailures.nothingWritable.then((failure) => serving.stop(`the output directory takes no more writes: ${failure.message}`));
  const outcome = await serving.done;
  served = true;
  waits?.endAll();
  await closeAndList(csms, terminal);
  if (outcome.noStation) throw new ToolError('ERR_NO_STATION', `no charging station was accepted within ${options.wait} s on ${csms.url}`);
  for (const audited of outcome.audits) printAuditSummary(audited, terminal);
  if (options.maxStations > 1 && outcome.audits.length > 0) {
    const index = join(outDir, 'index.html');
    writeOutputFile(index, renderFleetIndex(outcome.audits.map((a) => ({ result: a.result, scorecard: a.files.scorecard })), outDir));
    terminal.out(`fleet index: ${index}`);
  }
  const failedWrites = writeFailures.exitCode(outDir, terminal);
  if (failedWrites !== undefined) return failedWrites;
  if (interruptedBy !== undefined) return exitCodeForSignal(interruptedBy);
  return outcome.audits.some((a) => reachesFailLevel(a.result, options.failOn)) ? ExitCode.AUDIT_FAILED : ExitCode.OK;
}

/**
 * Evidence that could not be written (disk full, read-only file system): each station whose
 * journal failed lost its session (the others went on), and a server-events.jsonl that cannot be
 * written means the directory takes nothing any more, so the run stops. Either way the run exits
 * 1, since its evidence is incomplete.
 */
function watchWriteFailures(csms: Csms): { nothingWritable: Promise<JournalFailure>; exitCode: (outDir: string, terminal: Terminal) => number | undefined } {
  const stations: string[] = [];
  let server: JournalFailure | undefined;
  csms.on('journal-failed', ({ identity, failure }) => stations.push(`${identity} (${failure.code})`));
  const nothingWritable = new Promise<JournalFailure>((resolveFailure) =>
    csms.once('server-journal-failed', (failure) => {
      server = failure;
      resolveFailure(failure);
    }),
  );
  return {
    nothingWritable,
    exitCode: (outDir, terminal) => {
      if (server) terminal.err(`ocpp-audit: ${outDir}: the evidence could not be written (${server.message}); the run was stopped`);
      else if (stations.length > 0) terminal.err(`ocpp-audit: the evidence of ${stations.join(', ')} could not be written; those sessions were ended, the others completed`);
      else return undefined;
      return ExitCode.RUNTIME;
    },
  };
}

async function closeAndList(csms: Csms, terminal: Terminal): Promise<void> {
  const summaries = await csms.close();
  for (const summary of summaries) {
    terminal.out(`${summary.path}: ${summary.records} records, sha256 ${summary.sha256}`);
    if (summary.connections) terminal.out(`${summary.connections.path}: sha256 ${summary.connections.sha256}`);
  }
  if (summaries.length === 0) terminal.out('no station connected');
}

/** The closing lines of one audit: verdict counts and where the outputs are. */
export function printAuditSummary({ result, files }: FinishedAudit, terminal: Terminal): void {
  const { summary } = result;
  if (result.guideline) {
    const capped = result.uncappedGrade !== undefined ? ` (capped from ${result.uncappedGrade}: a must-have failed)` : '';
    const coverage = result.coverage;
    const grade = coverage && !coverage.complete ? 'none (incomplete audit)' : (result.grade ?? '–');
    terminal.out(`${result.station.identity}: score ${result.score ?? '–'}, grade ${grade}${capped} against ${result.guideline.id} (${result.guideline.how}: ${result.guideline.reason})`);
    if (coverage && !coverage.complete) terminal.out(`  INCOMPLETE: ${coverage.incompleteBecause.join('; ')}; ${coverage.cases.run} of ${coverage.cases.applicable} applicable cases ran`);
    for (const mustHave of (result.mustHaves?.items ?? []).filter((m) => m.verdict === 'FAIL')) terminal.out(`  must-have FAILED ${mustHave.check}: ${mustHave.reason}`);
    for (const category of result.categories ?? []) terminal.out(`  ${category.title}: ${category.score ?? '–'} (${category.verdict})`);
  }
  terminal.out(
    `${result.station.identity}: ${summary.checks} checks: ${summary.PASS} pass, ${summary.FAIL} fail, ${summary.WARN} warn, ${summary['NOT APPLICABLE']} not applicable, ${summary.INCONCLUSIVE} inconclusive${result.interrupted ? ` (interrupted: ${result.interrupted.reason})` : ''}`,
  );
  for (const check of result.checks.filter((c) => c.verdict === 'FAIL').slice(0, 10)) terminal.out(`  FAIL ${check.id} [${check.refs.join(', ')}]: ${check.reason}`);
  terminal.out(`  evidence:  ${files.evidence}`);
  terminal.out(`  result:    ${files.result}`);
  terminal.out(`  scorecard: ${files.scorecard}`);
}
