/**
 * Benchmark 4: the fleet. 200 virtual stations (mixed profiles, some with faults) audited at once
 * by ONE `ocpp-audit run --max-stations 200 --concurrency 200` process; the stations run in a
 * second process (bench/fleet/stations.ts). The auditor is the real CLI (dist/, built by
 * `npm run bench`) with a preload (bench/fleet/loop-delay.js) that measures event-loop delay,
 * RSS and CPU time.
 *
 * Goals (the issue): total wall time at most 1.5 × one station's audit; no check turned FAIL or
 * INCONCLUSIVE by the tool's own lateness (event-loop delay p99 under 100 ms); memory per
 * audited station printed.
 *
 * Method:
 * - Baseline, "one station's audit": the same CLI, first, with one station of each distinct
 *   (profile, faults) combination of the fleet (9 stations, concurrency 9: light load, each
 *   effectively solo). Its figure is the slowest of these stations' audit durations
 *   (result.json timings.durationMs: boot accepted → last case done). The fleet's wall time runs
 *   from the first station's first connection attempt to the exit of the CLI (all 200 audits,
 *   evidence, reports and the fleet index written), so it also holds the 2 s connection stagger
 *   and the time to write every output: the ratio is, if anything, pessimistic.
 * - Faults, on ~14 % of the stations (every 7th), one per profile, chosen among those that change
 *   verdicts but not the length of the audit (tried solo: each audit 78–80 s, like a clean one):
 *   ac-wallbox + ignore-monitoring-level, dc-fast + report-seqno-from-1,
 *   hpc + base-keeps-custom, minimal + schema-violations. Left out: slow-responses,
 *   silent-after-periodic-set, report-stops-tbc, disconnect-mid-report, monitors-never-fire
 *   (they wait out timeouts: minutes), periodic-jitter and threshold-without-cleared (+8–10 s),
 *   monitoring-accepted-empty (stops the monitoring cases early: a 12 s audit), and
 *   ocpp16-error-code (changes nothing with the shipped profiles). On top, every 50th station
 *   (dc-fast) runs event-flood: 50 NotifyEvents a second for its whole audit.
 * - Every station has seed 1, so a fleet station and its baseline twin only differ in timing:
 *   a verdict that differs is a timing effect (the tool's lateness, the station process's, or
 *   the phase of a sensor wave or clock boundary), not a different sensor series.
 * - Lateness: for each fleet station, the checks that are PASS or NOT APPLICABLE in its baseline
 *   twin but FAIL or INCONCLUSIVE in the fleet are listed; other differences are printed too.
 *
 * Environment: FLEET_STATIONS (200), FLEET_CONCURRENCY (= stations), FLEET_STAGGER_MS (2000),
 * FLEET_TIME_LIMIT_S (900), FLEET_CPU_PROF=1 (the fleet auditor writes a .cpuprofile),
 * FLEET_DIR (a temporary directory).
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runRound, type RoundOutcome, type StationResult, type Verdict } from './fleet/audit-round.js';
import type { FleetStationSpec } from './fleet/stations.js';
import type { FaultName } from '../src/simulator/station/faults.js';
import { printTable } from './machine.js';

function envInt(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, not "${text}"`);
  return value;
}

const STATIONS = envInt('FLEET_STATIONS', 200);
const CONCURRENCY = envInt('FLEET_CONCURRENCY', STATIONS);
const STAGGER_MS = envInt('FLEET_STAGGER_MS', 2000);
const TIME_LIMIT_MS = envInt('FLEET_TIME_LIMIT_S', 900) * 1000;
const ROOT = resolve(import.meta.dirname, '..');
if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` (or `npm run bench`) first');

/** The fault each profile carries on its faulty stations. */
const FAULT_OF: Record<string, FaultName> = {
  'ac-wallbox': 'ignore-monitoring-level',
  'dc-fast': 'report-seqno-from-1',
  hpc: 'base-keeps-custom',
  minimal: 'schema-violations',
};

/**
 * Every 50th station (a dc-fast one, never one of the 7th) floods NotifyEvent at 50/s for its
 * whole audit: 4 in 200. Its neighbours must not notice.
 */
const FLOODS_AT = (index: number): boolean => index % 50 === 11;

/** Per block of 20: 8 ac-wallbox, 5 dc-fast, 3 hpc, 4 minimal; every 7th station has its profile's fault. */
function fleetStation(index: number): FleetStationSpec {
  const slot = index % 20;
  const profile = slot < 8 ? 'ac-wallbox' : slot < 13 ? 'dc-fast' : slot < 16 ? 'hpc' : 'minimal';
  const fault = FAULT_OF[profile];
  const faults: FaultName[] = FLOODS_AT(index) ? ['event-flood'] : index % 7 === 3 && fault ? [fault] : [];
  return { identity: `FLEET-${String(index + 1).padStart(3, '0')}`, profile, faults, seed: 1 };
}

const comboOf = (station: FleetStationSpec): string => [station.profile, ...station.faults].join('+');

const fleet = Array.from({ length: STATIONS }, (_, i) => fleetStation(i));
const combos = [...new Map(fleet.map((s) => [comboOf(s), s])).values()];
const baseline = combos.map((s, i) => ({ ...s, identity: `BASE-${i + 1}` }));
const baselineOf = new Map(baseline.map((s) => [comboOf(s), s.identity]));

const directory = process.env['FLEET_DIR'] ?? mkdtempSync(join(tmpdir(), 'bench-fleet-'));
mkdirSync(directory, { recursive: true });
const say = (line: string): void => void process.stdout.write(`${line}\n`);
say(`fleet benchmark in ${directory}: ${STATIONS} stations, concurrency ${CONCURRENCY}, ${combos.length} combinations: ${combos.map(comboOf).join(', ')}`);

say(`baseline: ${baseline.length} stations, one per combination …`);
const base = await runRound({ name: 'baseline', directory, stations: baseline, concurrency: baseline.length, staggerMs: 500, timeLimitMs: TIME_LIMIT_MS });
say(`fleet: ${STATIONS} stations …`);
const run = await runRound({
  name: 'fleet',
  directory,
  stations: fleet,
  concurrency: CONCURRENCY,
  staggerMs: STAGGER_MS,
  timeLimitMs: TIME_LIMIT_MS,
  ...(process.env['FLEET_CPU_PROF'] === '1' ? { nodeFlags: ['--cpu-prof', '--cpu-prof-dir', join(directory, 'cpu-prof')] } : {}),
});

// ---- verdict comparison
const GOOD: ReadonlySet<Verdict> = new Set(['PASS', 'NOT APPLICABLE']);
const BAD: ReadonlySet<Verdict> = new Set(['FAIL', 'INCONCLUSIVE']);
const turned: Array<{ station: string; check: string; from: string; to: string; reason: string }> = [];
const otherDiffs = new Map<string, Map<string, string[]>>();
for (const station of fleet) {
  const fleetResult = run.results.get(station.identity);
  const twin = base.results.get(baselineOf.get(comboOf(station)) ?? '');
  if (!fleetResult || !twin) continue;
  for (const check of new Set([...twin.verdicts.keys(), ...fleetResult.verdicts.keys()])) {
    const from = twin.verdicts.get(check) ?? '(absent)';
    const to = fleetResult.verdicts.get(check) ?? '(absent)';
    if (from === to) continue;
    if (GOOD.has(from as Verdict) && (BAD.has(to as Verdict) || to === '(absent)')) {
      turned.push({ station: station.identity, check, from, to, reason: fleetResult.reasons.get(check) ?? '' });
      continue;
    }
    const transitions = otherDiffs.get(check) ?? new Map<string, string[]>();
    otherDiffs.set(check, transitions);
    const key = `${from} → ${to}`;
    transitions.set(key, [...(transitions.get(key) ?? []), station.identity]);
  }
}

// ---- figures
const finished = fleet.filter((s) => run.results.get(s.identity) && !run.results.get(s.identity)?.interrupted).length;
const firstStart = Math.min(...run.stations.started.map((s) => s.startAt));
const fleetResults = [...run.results.values()];
const lastWritten = Math.max(...fleetResults.map((r) => r.writtenAt));
const wallExitMs = run.loop.exitAt - firstStart;
const wallLastResultMs = lastWritten - firstStart;
const slowestBase = [...base.results.values()].reduce<StationResult | undefined>((a, b) => (!a || b.durationMs > a.durationMs ? b : a), undefined);
const slowestBaseMs = slowestBase?.durationMs ?? NaN;
const slowestTwin = baseline.find((b) => b.identity === slowestBase?.identity);
const slowestCombo = slowestTwin ? comboOf(slowestTwin) : '?';
const baseWallMs = base.loop.exitAt - Math.min(...base.stations.started.map((s) => s.startAt));
const durations = fleetResults.map((r) => r.durationMs).sort((a, b) => a - b);
const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const ratio = wallExitMs / slowestBaseMs;
const idleRss = run.loop.idle?.rss ?? NaN;
const perStationMb = (run.loop.maxRssBytes - idleRss) / STATIONS / 2 ** 20;
const cpu = (o: RoundOutcome['loop']['cpuMs']): string => `${((o.user + o.system) / 1000).toFixed(1)} s`;
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const sampleAt = (at: number): [number, number, number] | undefined =>
  run.loop.rssSamples.reduce<[number, number, number] | undefined>((best, sample) => (!best || Math.abs(sample[0] - at) < Math.abs(best[0] - at) ? sample : best), undefined);
const halfway = sampleAt(firstStart + wallExitMs / 2);
const heapPeak = run.loop.rssSamples.reduce((max, sample) => Math.max(max, sample[2]), 0);
const connectSpread = Math.max(...run.stations.started.map((x) => x.connectedAt)) - firstStart;

if (turned.length > 0) {
  say(`\nchecks PASS/NOT APPLICABLE in the baseline twin but FAIL/INCONCLUSIVE in the fleet (${turned.length}):`);
  const byCheck = new Map<string, typeof turned>();
  for (const t of turned) byCheck.set(t.check, [...(byCheck.get(t.check) ?? []), t]);
  for (const [check, list] of [...byCheck].sort((a, b) => b[1].length - a[1].length)) {
    say(`  ${check}: ${list.length} station(s): ${list.slice(0, 12).map((t) => `${t.station} ${t.from}→${t.to}`).join(', ')}${list.length > 12 ? ', …' : ''}`);
    say(`    e.g. ${list[0]?.station}: ${(list[0]?.reason ?? '').slice(0, 240)}`);
  }
}
if (otherDiffs.size > 0) {
  say(`\nother verdict differences from the baseline twin:`);
  for (const [check, transitions] of otherDiffs) {
    for (const [key, stations] of transitions) say(`  ${check}: ${key} on ${stations.length} station(s): ${stations.slice(0, 8).join(', ')}${stations.length > 8 ? ', …' : ''}`);
  }
}
const stalls = run.loop.stalls.filter(([at]) => at >= firstStart);
if (stalls.length > 0) {
  say(`\nauditor event loop: ${stalls.length} probe(s) of 100 ms more than 50 ms late; worst: ${[...stalls].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([at, late]) => `${late} ms at +${((at - firstStart) / 1000).toFixed(1)} s`).join(', ')}`);
}
if (run.timedOut) say(`\nthe fleet run hit its time limit (${TIME_LIMIT_MS / 1000} s) and was interrupted`);
say(`\nauditor exit code ${run.exitCode}; log ${run.logFile}; outputs ${run.outDir}`);

printTable(`Fleet: ${STATIONS} stations, concurrency ${CONCURRENCY}, stations in a second process`, [
  { figure: 'stations audited and finished', value: `${finished} / ${STATIONS}`, goal: 'all', ok: finished === STATIONS },
  { figure: 'first connections spread over', value: s(connectSpread) },
  { figure: 'fleet wall time (1st connect → CLI exit)', value: s(wallExitMs) },
  { figure: 'fleet wall time (1st connect → last result)', value: s(wallLastResultMs) },
  { figure: `slowest baseline audit (${slowestCombo})`, value: s(slowestBaseMs) },
  { figure: 'baseline round wall time (same definition)', value: s(baseWallMs) },
  { figure: 'ratio fleet wall / slowest baseline audit', value: `${ratio.toFixed(2)} ×`, goal: '≤ 1.5 ×', ok: ratio <= 1.5 },
  { figure: 'fleet audit duration p50 / max', value: `${s(quantile(durations, 0.5))} / ${s(durations.at(-1) ?? NaN)}` },
  { figure: 'event-loop delay p50 (10 ms timer, incl. 10)', value: `${run.loop.delayMs.p50.toFixed(1)} ms` },
  { figure: 'event-loop delay p99', value: `${run.loop.delayMs.p99.toFixed(1)} ms`, goal: '< 100 ms', ok: run.loop.delayMs.p99 < 100 },
  { figure: 'event-loop delay max', value: `${run.loop.delayMs.max.toFixed(0)} ms` },
  { figure: 'baseline event-loop delay p99 / max', value: `${base.loop.delayMs.p99.toFixed(1)} / ${base.loop.delayMs.max.toFixed(0)} ms` },
  { figure: 'auditor peak RSS', value: mb(run.loop.maxRssBytes) },
  { figure: 'auditor idle RSS (listening, no station)', value: mb(idleRss) },
  { figure: 'auditor RSS / JS heap halfway through', value: `${mb(halfway?.[1] ?? NaN)} / ${mb(halfway?.[2] ?? NaN)}` },
  { figure: 'auditor JS heap peak (1 s samples)', value: mb(heapPeak) },
  { figure: 'memory per audited station', value: `${perStationMb.toFixed(2)} MB` },
  { figure: 'auditor CPU time (user + system)', value: cpu(run.loop.cpuMs) },
  { figure: 'station process CPU time', value: cpu(run.stations.cpuMs) },
  { figure: 'station process peak RSS', value: mb(run.stations.maxRssBytes) },
  { figure: 'station process event-loop delay p99 / max', value: `${run.stations.loopDelayMs.p99.toFixed(1)} / ${run.stations.loopDelayMs.max.toFixed(0)} ms` },
  { figure: 'checks turned PASS/NA → FAIL/INCONCLUSIVE', value: String(turned.length), goal: '0', ok: turned.length === 0 },
  { figure: 'other verdict differences (check × station)', value: String([...otherDiffs.values()].reduce((n, t) => n + [...t.values()].reduce((m, l) => m + l.length, 0), 0)) },
]);
