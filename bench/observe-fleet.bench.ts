/**
 * Benchmark: 1,000 connected observed stations in one `observe` process (issue 16). Goal: under
 * 1 GB RSS.
 *
 * Method:
 * - ONE `ocpp-audit observe` process: the real CLI as installed (`bin/ocpp-audit.js` running the
 *   compiled dist/, built by `npm run build`, as bench/fleet.bench.ts runs `run`), so the memory
 *   measured is the product's and not tsx's compiler and its caches. A preload
 *   (bench/observe-fleet/phase-probe.js) measures RSS, JS heap, CPU time and event-loop delay per
 *   phase. Options: `--port 0`, `--out` a fresh directory (journals and the SQLite store),
 *   `--status-interval` a day (the status lines come once, at shutdown), `--duration` the time
 *   limit; defaults otherwise (heartbeat 300 s, drift check every hour, the plan of each
 *   station's guideline).
 * - The stations: real virtual stations (src/simulator, the same code as `simulate`), in
 *   OBSFLEET_PROCESSES other processes (bench/observe-fleet/stations.ts), stations dealt round
 *   robin (500 of them take about 280 MB and 17 s of CPU in their process on this machine, so
 *   no scripted stand-in is needed). Time scale OBSFLEET_TIME_SCALE, sensor values moving every
 *   OBSFLEET_SENSOR_INTERVAL_S of station time, first connections spread evenly over
 *   OBSFLEET_STAGGER_S. Seeds differ, so the sensor waves are out of phase.
 * - Phases, each closed by a SIGUSR2 to the observe process: start-up (listening, no station);
 *   ramp (the stations connect, each gets its inventory read and its plan applied and verified:
 *   until observe has said "plan … after a boot" for every station, or OBSFLEET_PLAN_LIMIT_S);
 *   steady (OBSFLEET_STEADY_S with every station connected, sending heartbeats, StatusNotifications
 *   and the NotifyEvents of the plan's periodic and delta monitors); shutdown (Ctrl-C: SIGINT, the
 *   way a pilot stops it: status lines, journals closed, the store flushed).
 * - Whether each plan got applied is read from the evidence: the `plan-outcome` records in each
 *   station's journals (the last outcome of every plan item: accepted, reapplied or absent, where
 *   the station's device model has no place for the item).
 * - The indexing rate is the store's own count: rows of its events and messages tables, read at
 *   both ends of the steady period (SQLite WAL, a reader in the benchmark's process).
 *
 * Environment: OBSFLEET_STATIONS (1000), OBSFLEET_PROCESSES (2), OBSFLEET_PROFILES (ac-wallbox;
 * a comma list is dealt round robin), OBSFLEET_SENSOR_INTERVAL_S (120), OBSFLEET_STAGGER_S (180),
 * OBSFLEET_PLAN_LIMIT_S (600, after the stagger), OBSFLEET_STEADY_S (360), OBSFLEET_TIME_SCALE (1;
 * more compresses days of a station's traffic into the steady period, to see what observe keeps
 * per station as messages accumulate), OBSFLEET_DIR (a temporary directory).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { printTable } from './machine.js';
import { ObserveLog } from './observe-fleet/observe-log.js';
import { describeFinal, stationPlan } from './observe-fleet/plan-outcomes.js';
import type { ObservedStationsReport, ObservedStationsSpec } from './observe-fleet/stations.js';
import { storeCounts, type StoreCounts } from './observe-fleet/store-counts.js';

function envInt(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, not "${text}"`);
  return value;
}

const STATIONS = envInt('OBSFLEET_STATIONS', 1000);
const PROCESSES = envInt('OBSFLEET_PROCESSES', 2);
const PROFILES = (process.env['OBSFLEET_PROFILES'] ?? 'ac-wallbox').split(',').map((p) => p.trim()).filter(Boolean);
const SENSOR_INTERVAL_S = envInt('OBSFLEET_SENSOR_INTERVAL_S', 120);
const STAGGER_S = envInt('OBSFLEET_STAGGER_S', 180);
const PLAN_LIMIT_S = envInt('OBSFLEET_PLAN_LIMIT_S', 600);
const STEADY_S = envInt('OBSFLEET_STEADY_S', 360);
const TIME_SCALE = envInt('OBSFLEET_TIME_SCALE', 1);
const ROOT = resolve(import.meta.dirname, '..');
const PROBE = pathToFileURL(join(ROOT, 'bench', 'observe-fleet', 'phase-probe.js')).href;
const STATIONS_SCRIPT = join(ROOT, 'bench', 'observe-fleet', 'stations.ts');
if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');

/** What phase-probe.js writes when the observe process exits. */
interface ProbeReport {
  phases: Array<{ endedAt: number; rss: number; heapUsed: number; cpuMs: { user: number; system: number }; delayMs: { p50: number; p99: number; max: number; count: number }; stalls: Array<[number, number]> }>;
  exitAt: number;
  maxRssBytes: number;
  cpuMs: { user: number; system: number };
  /** [epoch ms, RSS, JS heap used, external + array buffers], one a second. */
  rssSamples: Array<[number, number, number, number]>;
}

const say = (line: string): void => void process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', (code) => r(code)));

const directory = process.env['OBSFLEET_DIR'] ?? mkdtempSync(join(tmpdir(), 'bench-observe-fleet-'));
const outDir = join(directory, 'out');
mkdirSync(outDir, { recursive: true });
const logFile = join(directory, 'observe.log');
const probeFile = join(directory, 'probe.json');
const limitS = STAGGER_S + PLAN_LIMIT_S + STEADY_S + 120;
say(`observed fleet in ${directory}: ${STATIONS} stations (${PROFILES.join(', ')}) in ${PROCESSES} process(es), sensor interval ${SENSOR_INTERVAL_S} s, time scale ${TIME_SCALE}, connections over ${STAGGER_S} s, steady ${STEADY_S} s`);

// ---- the observe process
const log = openSync(logFile, 'w');
const observe = spawn(
  process.execPath,
  ['--import', PROBE, join(ROOT, 'bin', 'ocpp-audit.js'), 'observe', '--port', '0', '--out', outDir, '--status-interval', '86400', '--duration', String(limitS)],
  { cwd: directory, stdio: ['ignore', log, log], env: { ...process.env, OBSERVE_PROBE_FILE: probeFile } },
);
closeSync(log);
const observeExit = exited(observe);
const observeLog = new ObserveLog(logFile);
let url: string | undefined;
for (const until = Date.now() + 30_000; url === undefined; await sleep(100)) {
  if (Date.now() > until || observe.exitCode !== null) throw new Error(`observe did not start listening: see ${logFile}`);
  url = /CSMS listening on (\S+)/.exec(readFileSync(logFile, 'utf8'))?.[1];
}
await sleep(1000);
observe.kill('SIGUSR2'); // start-up ends

// ---- the station processes
const stationProcesses = Array.from({ length: PROCESSES }, (_, p) => {
  const spec: ObservedStationsSpec = {
    url,
    staggerMs: STAGGER_S * 1000,
    sensorIntervalMs: SENSOR_INTERVAL_S * 1000,
    timeScale: TIME_SCALE,
    stations: Array.from({ length: STATIONS }, (_, i) => i)
      .filter((i) => i % PROCESSES === p)
      .map((i) => ({ identity: `OBS-${String(i + 1).padStart(4, '0')}`, profile: PROFILES[i % PROFILES.length], seed: i + 1 })),
  };
  const specFile = join(directory, `stations-${p + 1}.json`);
  const reportFile = join(directory, `stations-${p + 1}-report.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  const out = openSync(join(directory, `stations-${p + 1}.log`), 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', STATIONS_SCRIPT, specFile, reportFile], { cwd: ROOT, stdio: ['ignore', out, out] });
  closeSync(out);
  return { child, exit: exited(child), reportFile };
});
const rampStart = Date.now();

// ---- ramp: until every station's plan cycle after its boot has ended
let lastProgress = 0;
const rampLimit = rampStart + (STAGGER_S + PLAN_LIMIT_S) * 1000;
for (;;) {
  await sleep(500);
  observeLog.poll();
  if (observeLog.planned >= STATIONS || Date.now() > rampLimit || observe.exitCode !== null) break;
  if (Date.now() - lastProgress > 15_000) {
    lastProgress = Date.now();
    say(`ramp: ${observeLog.connectedNow} connected, ${observeLog.planned} plan(s) applied`);
  }
}
const rampEnd = Date.now();
const rampComplete = observeLog.planned >= STATIONS;
observe.kill('SIGUSR2'); // ramp ends
say(`ramp ${rampComplete ? 'done' : 'NOT complete'} after ${((rampEnd - rampStart) / 1000).toFixed(0)} s: ${observeLog.connectedNow} connected, ${observeLog.planned} plan(s) applied; steady for ${STEADY_S} s`);
const connectedAtSteadyStart = observeLog.connectedNow;
const disconnectsBeforeSteady = [...observeLog.stations.values()].reduce((n, s) => n + s.disconnects, 0);

// ---- steady
const storeFile = join(outDir, 'pilot.sqlite');
const steadyFrom: StoreCounts = storeCounts(storeFile);
const steadyUntil = steadyFrom.at + STEADY_S * 1000;
while (Date.now() < steadyUntil && observe.exitCode === null) {
  await sleep(Math.min(30_000, steadyUntil - Date.now()));
  observeLog.poll();
  say(`steady: ${observeLog.connectedNow} connected`);
}
const steadyTo: StoreCounts = storeCounts(storeFile);
observe.kill('SIGUSR2'); // steady ends
observeLog.poll();
const disconnectsInSteady = [...observeLog.stations.values()].reduce((n, s) => n + s.disconnects, 0) - disconnectsBeforeSteady;

// ---- shutdown: Ctrl-C, then the stations
const shutdownStart = Date.now();
observe.kill('SIGINT');
const observeCode = await observeExit;
const shutdownMs = Date.now() - shutdownStart;
observeLog.poll();
for (const { child } of stationProcesses) child.kill('SIGTERM');
const killer = setTimeout(() => stationProcesses.forEach(({ child }) => child.kill('SIGKILL')), 30_000);
await Promise.all(stationProcesses.map(({ exit }) => exit));
clearTimeout(killer);

// ---- figures
const probe = JSON.parse(readFileSync(probeFile, 'utf8')) as ProbeReport;
const [startup, ramp, steady, shutdown] = probe.phases;
if (!startup || !ramp || !steady || !shutdown) throw new Error(`the probe recorded ${probe.phases.length} phase(s), not 4: see ${logFile}`);
const stationReports = stationProcesses.map(({ reportFile }) =>
  existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as ObservedStationsReport) : undefined,
);

const identities = Array.from({ length: STATIONS }, (_, i) => `OBS-${String(i + 1).padStart(4, '0')}`);
const plans = identities.map((identity) => stationPlan(outDir, identity));
const applied = plans.filter((p) => p.applied).length;
const shapes = new Map<string, number>();
for (const plan of plans) shapes.set(describeFinal(plan.final), (shapes.get(describeFinal(plan.final)) ?? 0) + 1);
const notApplied = plans.filter((p) => !p.applied);

const samplesIn = (from: number, to: number): ProbeReport['rssSamples'] => probe.rssSamples.filter(([at]) => at >= from && at <= to);
const steadySamples = samplesIn(ramp.endedAt, steady.endedAt);
const beforeShutdown = samplesIn(0, steady.endedAt);
const peakBeforeShutdown = Math.max(...beforeShutdown.map((s) => s[1]));
const steadyMax = Math.max(...steadySamples.map((s) => s[1]));
const steadyMin = Math.min(...steadySamples.map((s) => s[1]));
const steadyMean = steadySamples.reduce((sum, s) => sum + s[1], 0) / steadySamples.length;
const heapSteadyMax = Math.max(...steadySamples.map((s) => s[2]));
const externalSteadyMax = Math.max(...steadySamples.map((s) => s[3]));
const perStationMb = (steadyMean - startup.rss) / STATIONS / 2 ** 20;
const steadySeconds = (steadyTo.at - steadyFrom.at) / 1000;
const rate = (key: keyof Omit<StoreCounts, 'at'>): number => (steadyTo[key] - steadyFrom[key]) / steadySeconds;
const cpuS = (c: { user: number; system: number }): number => (c.user + c.system) / 1000;
const steadyCpuShare = cpuS(steady.cpuMs) / ((steady.endedAt - ramp.endedAt) / 1000);
const firstConnect = Math.min(...[...observeLog.stations.values()].map((s) => s.firstConnectedAt ?? Infinity));
const lastPlan = Math.max(...[...observeLog.stations.values()].map((s) => s.plan?.at ?? 0));
const finalConnected = [...observeLog.stations.values()].filter((s) => s.final?.connected).length;
const problems = [...observeLog.stations.entries()].filter(([, s]) => s.problems.length > 0);

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const ms = (value: number): string => `${value.toFixed(1)} ms`;
const stationsCpu = stationReports.reduce((sum, r) => sum + (r ? cpuS(r.cpuMs) : NaN), 0);
const stationsRss = stationReports.map((r) => (r ? mb(r.maxRssBytes) : '?')).join(' + ');
const stationsDelay = stationReports.map((r) => (r ? `${r.loopDelayMs.p99.toFixed(0)}/${r.loopDelayMs.max.toFixed(0)}` : '?')).join(', ');
// From observe's log: the stations' own count also holds the reconnections refused while observe shuts down.
const reconnections = [...observeLog.stations.values()].reduce((n, s) => n + Math.max(0, s.connects - 1), 0);
const messagesPerStation = (steadyTo.messages - steadyFrom.messages) / STATIONS;
const rssAt = (fraction: number): number => {
  const at = ramp.endedAt + fraction * (steady.endedAt - ramp.endedAt);
  return steadySamples.reduce((best, sample) => (Math.abs(sample[0] - at) < Math.abs(best[0] - at) ? sample : best))[1];
};

say(`plan outcomes per station (last outcome of each item, from the journals):`);
for (const [shape, count] of [...shapes].sort((a, b) => b[1] - a[1])) say(`  ${count} station(s): ${shape}`);
if (notApplied.length > 0) say(`not applied: ${notApplied.slice(0, 12).map((p) => `${p.identity} (${describeFinal(p.final)})`).join(', ')}${notApplied.length > 12 ? ', …' : ''}`);
for (const [identity, station] of problems.slice(0, 8)) say(`  ${identity}: ${station.problems.join('; ')}`);
const stalls = steady.stalls;
if (stalls.length > 0) say(`steady: ${stalls.length} probe(s) of 100 ms more than 50 ms late; worst ${Math.max(...stalls.map((s) => s[1]))} ms`);
say(`observe exit code ${observeCode}; ${observeLog.journalsClosed} journal(s) closed; log ${logFile}; outputs ${outDir}`);
for (const line of observeLog.other.slice(-6)) say(`  observe: ${line}`);

const rssGoal = 2 ** 30;
printTable(`Observed fleet: ${STATIONS} virtual stations (${PROFILES.join(', ')}) on one \`observe\`, stations in ${PROCESSES} other process(es)`, [
  { figure: 'stations connected at the start of steady', value: `${connectedAtSteadyStart} / ${STATIONS}`, goal: 'all', ok: connectedAtSteadyStart === STATIONS },
  { figure: 'stations connected at the end (status lines)', value: `${finalConnected} / ${STATIONS}`, goal: 'all', ok: finalConnected === STATIONS },
  { figure: 'plans applied (journals: all accepted/absent)', value: `${applied} / ${STATIONS}`, goal: 'all', ok: applied === STATIONS },
  { figure: 'ramp: 1st connection → last plan applied', value: `${((lastPlan - firstConnect) / 1000).toFixed(0)} s` },
  { figure: 'disconnections during steady', value: String(disconnectsInSteady), goal: '0', ok: disconnectsInSteady === 0 },
  { figure: 'station reconnections before shutdown', value: String(reconnections) },
  { figure: 'observe RSS, idle (listening, no station)', value: mb(startup.rss) },
  { figure: 'observe RSS peak, start → end of steady', value: mb(peakBeforeShutdown), goal: '< 1 GB', ok: peakBeforeShutdown < rssGoal },
  { figure: 'observe RSS peak, whole life (incl. shutdown)', value: mb(probe.maxRssBytes), goal: '< 1 GB', ok: probe.maxRssBytes < rssGoal },
  { figure: 'observe RSS in steady, min / mean / max', value: `${mb(steadyMin)} / ${mb(steadyMean)} / ${mb(steadyMax)}` },
  { figure: 'observe RSS through steady (0/25/50/75/100 %)', value: [0, 0.25, 0.5, 0.75, 1].map((f) => (rssAt(f) / 2 ** 20).toFixed(0)).join(' / ') + ' MB' },
  { figure: 'observe JS heap / external+buffers, steady max', value: `${mb(heapSteadyMax)} / ${mb(externalSteadyMax)}` },
  { figure: 'memory per connected station (steady mean)', value: `${perStationMb.toFixed(2)} MB` },
  { figure: 'observe CPU, ramp', value: `${cpuS(ramp.cpuMs).toFixed(1)} s` },
  { figure: 'observe CPU, steady (share of one core)', value: `${cpuS(steady.cpuMs).toFixed(1)} s (${(steadyCpuShare * 100).toFixed(1)} %)` },
  { figure: 'observe CPU, shutdown', value: `${cpuS(shutdown.cpuMs).toFixed(1)} s in ${(shutdownMs / 1000).toFixed(1)} s` },
  { figure: 'event-loop delay p99 / max, ramp', value: `${ms(ramp.delayMs.p99)} / ${ramp.delayMs.max.toFixed(0)} ms` },
  { figure: 'event-loop delay p50 / p99, steady', value: `${ms(steady.delayMs.p50)} / ${ms(steady.delayMs.p99)}`, goal: 'p99 < 100 ms', ok: steady.delayMs.p99 < 100 },
  { figure: 'event-loop delay max, steady', value: `${steady.delayMs.max.toFixed(0)} ms` },
  { figure: 'store: events indexed per second, steady', value: rate('events').toFixed(1) },
  { figure: 'store: messages indexed per second, steady', value: `${rate('messages').toFixed(1)} (${rate('notifyEvents').toFixed(1)} NotifyEvent)` },
  { figure: 'messages received per station in steady', value: `${messagesPerStation.toFixed(1)} (${((STEADY_S * TIME_SCALE) / 3600).toFixed(1)} h of station time)` },
  { figure: 'store: records indexed, whole run', value: String(observeLog.indexedAtExit ?? '?') },
  { figure: 'station processes: CPU, whole run', value: `${stationsCpu.toFixed(1)} s` },
  { figure: 'station processes: peak RSS', value: stationsRss },
  { figure: 'station processes: loop delay p99/max (ms)', value: stationsDelay },
]);
if (!rampComplete) say(`the ramp hit its limit (${STAGGER_S + PLAN_LIMIT_S} s) with ${observeLog.planned} plan(s) applied: the steady figures are of a fleet still being planned`);
