/**
 * Benchmark 5: hostile neighbours. A virtual station (ac-wallbox, in a child process) is audited
 * on a short catalogue subset twice by one CSMS in this process: first alone (the quiet run), then
 * while hostile stations, each in its own process, attack the same CSMS:
 *   - HOSTILE_FLOODERS stations flooding valid Heartbeat CALLs in bursts of FLOOD_BURST;
 *   - HOSTILE_LARGE stations sending DataTransfer CALLs of LARGE_FRAME_BYTES (near the frame limit);
 *   - one process holding SLOWLORIS_SOCKETS sockets that dribble an upgrade request byte by byte.
 * Prints the audited station's worst answer delay (its journal: CALL received → CALLRESULT sent,
 * both runs), the event loop's worst delay, the process's peak RSS, and the verdicts of the
 * hostile run against the quiet run.
 *
 * Goals (issue 14): verdicts identical, worst answer delay under 250 ms, peak RSS under 500 MB.
 *
 * Environment: HOSTILE_CASES (comma list; default below), HOSTILE_FLOODERS (3), HOSTILE_LARGE (1),
 * FLOOD_BURST (10000), LARGE_FRAME_BYTES (1000000), LARGE_FRAMES (100 per station),
 * SLOWLORIS_SOCKETS (50), HOSTILE_HANDSHAKE_TIMEOUT_MS (5000), HOSTILE_DIR (a temporary directory).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { auditStation } from '../src/audit/audit-station.js';
import { CASE_OPTION_DEFAULTS, RUNNER_DEFAULTS } from '../src/audit/audit-defaults.js';
import type { Verdict } from '../src/checks/check.js';
import { loadTestCases } from '../src/scenario/testcase-loader.js';
import { Csms, CSMS_DEFAULTS } from '../src/session/csms.js';
import { readJournal } from '../test/helpers/csms-fixture.js';
import { printTable } from './machine.js';

function envInt(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not "${text}"`);
  return value;
}

const CASES = (process.env['HOSTILE_CASES'] ?? 'session-boot,inventory-full,variables-get-set,monitoring-level,events-periodic').split(',');
const FLOODERS = envInt('HOSTILE_FLOODERS', 3);
const LARGE = envInt('HOSTILE_LARGE', 1);
const HANDSHAKE_TIMEOUT_MS = envInt('HOSTILE_HANDSHAKE_TIMEOUT_MS', 5000);
const DIRECTORY = process.env['HOSTILE_DIR'] ?? mkdtempSync(join(tmpdir(), 'bench-hostile-'));

interface RunOutcome {
  verdicts: Map<string, Verdict>;
  reasons: Map<string, string>;
  worstAnswerMs: number;
  answers: number;
  worstLoopDelayMs: number;
  rssAfterMb: number;
  auditMs: number;
  refusals: number;
  hostileCounts: string[];
}

function startHostiles(csms: Csms): ChildProcess[] {
  const children: ChildProcess[] = [];
  const hostile = (args: string[]): void => {
    children.push(spawn(process.execPath, ['--import', 'tsx', 'bench/hostile/hostile-station.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] }));
  };
  for (let i = 0; i < FLOODERS; i += 1) hostile(['heartbeat-flood', `${csms.url}FLOOD-${i}`]);
  for (let i = 0; i < LARGE; i += 1) hostile(['large-frames', `${csms.url}LARGE-${i}`]);
  const { port } = new URL(csms.url);
  hostile(['slowloris', `127.0.0.1:${port}`]);
  return children;
}

async function stopHostiles(children: ChildProcess[]): Promise<string[]> {
  return Promise.all(
    children.map(
      (child) =>
        new Promise<string>((resolve) => {
          let out = '';
          child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
          child.once('exit', () => resolve(out.trim()));
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** The audited station's worst delay from a CALL it sent arriving to our answer leaving. */
function worstAnswer(journalPath: string): { worstMs: number; answers: number } {
  const calls = new Map<string, number>();
  let worstMs = 0;
  let answers = 0;
  for (const record of readJournal(journalPath)) {
    if (record.record !== 'frame' || record.messageId === undefined) continue;
    const { direction, messageType, messageId, monotonicMs } = record;
    const callAt = calls.get(messageId);
    if (direction === 'cp-to-csms' && messageType === 'CALL') calls.set(messageId, monotonicMs);
    else if (direction === 'csms-to-cp' && messageType !== 'CALL' && callAt !== undefined) {
      worstMs = Math.max(worstMs, monotonicMs - callAt);
      answers += 1;
      calls.delete(messageId);
    }
  }
  return { worstMs, answers };
}

async function run(name: string, hostile: boolean): Promise<RunOutcome> {
  const csms = await Csms.start({
    ...CSMS_DEFAULTS,
    securityProfile: 0,
    port: 0,
    outDir: join(DIRECTORY, name),
    pingIntervalMs: 0,
    handshakeTimeoutMs: HANDSHAKE_TIMEOUT_MS,
  });
  const children = hostile ? startHostiles(csms) : [];
  if (hostile) await new Promise((resolve) => setTimeout(resolve, 3000)); // let the attack build up
  const station = spawn(process.execPath, ['bin/ocpp-audit.js', 'simulate', '--url', csms.url, '--id', 'AUDITED', '--profile', 'ac-wallbox'], { stdio: 'ignore' });
  const session = await csms.waitForStation('AUDITED', 60_000);
  if (!session) throw new Error('the audited station did not connect');
  await new Promise((resolve) => setTimeout(resolve, 500));
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = performance.now();
  const { result } = await auditStation(session, loadTestCases(CASES), {
    ...RUNNER_DEFAULTS,
    nonInteractive: true,
    targets: {},
    caseOptions: CASE_OPTION_DEFAULTS,
    prompt: () => Promise.resolve(),
    tool: { name: 'bench', version: '0' },
    securityProfile: 0,
  });
  const auditMs = performance.now() - started;
  loop.disable();
  const hostileCounts = await stopHostiles(children);
  station.kill('SIGINT');
  const journalPath = session.journal.path;
  await csms.close();
  const { worstMs, answers } = worstAnswer(journalPath);
  const refusals = readJournal(join(DIRECTORY, name, 'server-events.jsonl')).filter((r) => r.record === 'connection' && r.event === 'rejected').length;
  return {
    verdicts: new Map(result.checks.map((c) => [c.id, c.verdict])),
    reasons: new Map(result.checks.map((c) => [c.id, c.reason ?? ''])),
    worstAnswerMs: worstMs,
    answers,
    worstLoopDelayMs: loop.max / 1e6,
    rssAfterMb: process.resourceUsage().maxRSS / 1024,
    auditMs,
    refusals,
    hostileCounts,
  };
}

const quiet = await run('quiet', false);
const attacked = await run('hostile', true);
const differing = [...new Set([...quiet.verdicts.keys(), ...attacked.verdicts.keys()])].filter(
  (id) => quiet.verdicts.get(id) !== attacked.verdicts.get(id),
);

printTable(`Hostile neighbours: ${CASES.length} cases, ${quiet.verdicts.size} checks; ${FLOODERS} Heartbeat flooders, ${LARGE} large-frame senders, slowloris`, [
  { figure: 'quiet: audit', value: `${(quiet.auditMs / 1000).toFixed(1)} s` },
  { figure: `quiet: worst answer delay (${quiet.answers} answers)`, value: `${quiet.worstAnswerMs.toFixed(1)} ms` },
  { figure: 'quiet: worst event-loop delay', value: `${quiet.worstLoopDelayMs.toFixed(0)} ms` },
  { figure: 'quiet: peak RSS', value: `${quiet.rssAfterMb.toFixed(0)} MB` },
  { figure: 'hostile: audit', value: `${(attacked.auditMs / 1000).toFixed(1)} s` },
  { figure: `hostile: worst answer delay (${attacked.answers} answers)`, value: `${attacked.worstAnswerMs.toFixed(1)} ms`, goal: '< 250 ms', ok: attacked.worstAnswerMs < 250 },
  { figure: 'hostile: worst event-loop delay', value: `${attacked.worstLoopDelayMs.toFixed(0)} ms` },
  { figure: 'hostile: peak RSS (both runs)', value: `${attacked.rssAfterMb.toFixed(0)} MB`, goal: '< 500 MB', ok: attacked.rssAfterMb < 500 },
  { figure: 'hostile: refusals recorded', value: `${attacked.refusals}` },
  { figure: 'verdicts differing', value: `${differing.length}`, goal: '0', ok: differing.length === 0 },
]);
for (const id of differing) {
  process.stdout.write(`  ${id}: ${quiet.verdicts.get(id) ?? '(absent)'} → ${attacked.verdicts.get(id) ?? '(absent)'}: ${attacked.reasons.get(id) ?? ''}\n`);
}
for (const line of attacked.hostileCounts) process.stdout.write(`  hostile: ${line}\n`);
process.stdout.write(`evidence: ${DIRECTORY}\n`);
