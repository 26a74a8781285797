/**
 * One audit round of the fleet benchmark: the real CLI (`bin/ocpp-audit.js run`, built in dist/)
 * in its own process with the loop-delay preload, and the stations in a second process
 * (bench/fleet/stations.ts). Waits until the CLI exits by itself (all audits done) or the time
 * limit passes (then SIGINT: running audits are interrupted and keep their evidence), stops the
 * stations and reads every station's result.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FleetStationSpec, StationsReport } from './stations.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PRELOAD = pathToFileURL(join(ROOT, 'bench', 'fleet', 'loop-delay.js')).href;
const STATIONS = join(ROOT, 'bench', 'fleet', 'stations.ts');

/** What the preload (loop-delay.js) writes when the auditing process exits. */
export interface LoopDelayReport {
  delayMs: { p50: number; p90: number; p99: number; max: number; mean: number; count: number };
  rssAtPreload: number;
  idle?: { at: number; rss: number; heapUsed: number; cpu: { user: number; system: number } };
  exitAt: number;
  maxRssBytes: number;
  cpuMs: { user: number; system: number };
  /** [epoch ms, ms late] of every 100 ms probe more than 50 ms late. */
  stalls: Array<[number, number]>;
  /** [epoch ms, RSS bytes, JS heap used bytes], one a second. */
  rssSamples: Array<[number, number, number]>;
}

export type Verdict = 'PASS' | 'FAIL' | 'WARN' | 'NOT APPLICABLE' | 'INCONCLUSIVE';

export interface StationResult {
  identity: string;
  durationMs: number;
  startedAt: number;
  finishedAt: number;
  /** mtime of result.json. */
  writtenAt: number;
  interrupted?: string;
  verdicts: Map<string, Verdict>;
  reasons: Map<string, string>;
  cases: Map<string, string>;
}

export interface RoundOutcome {
  exitCode: number | null;
  timedOut: boolean;
  loop: LoopDelayReport;
  stations: StationsReport;
  results: Map<string, StationResult>;
  outDir: string;
  logFile: string;
}

export interface RoundOptions {
  name: string;
  directory: string;
  stations: FleetStationSpec[];
  concurrency: number;
  staggerMs: number;
  timeLimitMs: number;
  /** Extra node flags for the auditing process (e.g. --cpu-prof). */
  nodeFlags?: string[];
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function readResult(file: string): StationResult {
  const result = JSON.parse(readFileSync(file, 'utf8')) as {
    station: { identity: string };
    timings: { startedAt: string; finishedAt: string; durationMs: number };
    interrupted?: { reason: string };
    cases: Array<{ id: string; status: string }>;
    checks: Array<{ id: string; verdict: Verdict; reason?: string }>;
  };
  return {
    identity: result.station.identity,
    durationMs: result.timings.durationMs,
    startedAt: Date.parse(result.timings.startedAt),
    finishedAt: Date.parse(result.timings.finishedAt),
    writtenAt: statSync(file).mtimeMs,
    ...(result.interrupted ? { interrupted: result.interrupted.reason } : {}),
    verdicts: new Map(result.checks.map((c) => [c.id, c.verdict])),
    reasons: new Map(result.checks.map((c) => [c.id, c.reason ?? ''])),
    cases: new Map(result.cases.map((c) => [c.id, c.status])),
  };
}

export async function runRound(options: RoundOptions): Promise<RoundOutcome> {
  const dir = join(options.directory, options.name);
  mkdirSync(dir, { recursive: true });
  const outDir = join(dir, 'out');
  const logFile = join(dir, 'auditor.log');
  const loopFile = join(dir, 'loop-delay.json');
  const specFile = join(dir, 'stations.json');
  const stationsReportFile = join(dir, 'stations-report.json');
  const count = options.stations.length;

  const log = openSync(logFile, 'w');
  const auditor = spawn(
    process.execPath,
    [
      ...(options.nodeFlags ?? []),
      '--import',
      PRELOAD,
      join(ROOT, 'bin', 'ocpp-audit.js'),
      'run',
      '--port', '0',
      '--out', outDir,
      '--max-stations', String(count),
      '--concurrency', String(options.concurrency),
      '--non-interactive',
      '--fail-on', 'none',
      '--wait', '120',
    ],
    { cwd: dir, stdio: ['ignore', log, log], env: { ...process.env, FLEET_LOOP_DELAY_FILE: loopFile } },
  );
  closeSync(log);
  const auditorExit = exited(auditor);
  const url = await waitFor('the CLI to listen', () => /CSMS listening on (\S+)/.exec(readFileSync(logFile, 'utf8'))?.[1], 30_000);
  // Idle sample and histogram reset (the preload handles SIGUSR2); give the CLI a moment to settle.
  await new Promise((r) => setTimeout(r, 300));
  auditor.kill('SIGUSR2');
  await new Promise((r) => setTimeout(r, 100));

  writeFileSync(specFile, JSON.stringify({ url, staggerMs: options.staggerMs, stations: options.stations }));
  const stationsLog = openSync(join(dir, 'stations.log'), 'w');
  const stations = spawn(process.execPath, ['--import', 'tsx', STATIONS, specFile, stationsReportFile], { cwd: ROOT, stdio: ['ignore', stationsLog, stationsLog] });
  closeSync(stationsLog);
  const stationsExit = exited(stations);

  let timedOut = false;
  const limit = setTimeout(() => {
    timedOut = true;
    auditor.kill('SIGINT');
  }, options.timeLimitMs);
  const exitCode = await auditorExit;
  clearTimeout(limit);
  stations.kill('SIGTERM');
  const killer = setTimeout(() => stations.kill('SIGKILL'), 15_000);
  await stationsExit;
  clearTimeout(killer);

  const loop = JSON.parse(readFileSync(loopFile, 'utf8')) as LoopDelayReport;
  const stationsReport = existsSync(stationsReportFile)
    ? (JSON.parse(readFileSync(stationsReportFile, 'utf8')) as StationsReport)
    : { started: [], cpuMs: { user: NaN, system: NaN }, maxRssBytes: NaN, loopDelayMs: { p99: NaN, max: NaN }, stoppedAt: NaN };
  const results = new Map<string, StationResult>();
  for (const station of options.stations) {
    const file = join(outDir, station.identity, 'result.json');
    if (existsSync(file)) results.set(station.identity, readResult(file));
  }
  return { exitCode, timedOut, loop, stations: stationsReport, results, outDir, logFile };
}
