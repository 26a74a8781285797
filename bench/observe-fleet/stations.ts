/**
 * Many real virtual stations in ONE process, for the observed-fleet benchmark
 * (bench/observe-fleet.bench.ts). Unlike bench/fleet/stations.ts (audits of ~100 s), these live
 * for minutes at real time, so each takes a sensor interval and a time scale.
 *
 *   node --import tsx bench/observe-fleet/stations.ts <spec.json> <report.json>
 *
 * First connections are spread evenly over `staggerMs` (a fleet coming back after an outage of the
 * backend). Prints `ready` once every station has made its first attempt, and `connected <n>`
 * whenever the number of open connections changes (at most once a second). On SIGTERM or SIGINT
 * it stops every station (close 1000, no reconnection) and writes the report.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startVirtualStation } from '../../src/simulator/start-virtual-station.js';
import type { VirtualStation } from '../../src/simulator/station/virtual-station.js';
import { loadStationProfile, type StationProfile } from '../../src/simulator/station-profile.js';

export interface ObservedStationSpec {
  identity: string;
  profile: string;
  seed: number;
}

export interface ObservedStationsSpec {
  url: string;
  staggerMs: number;
  /** How often sensor values move, ms of station time. */
  sensorIntervalMs: number;
  timeScale: number;
  stations: ObservedStationSpec[];
}

export interface ObservedStationsReport {
  /** Epoch ms of each station's first connection attempt and of its end. */
  started: Array<{ identity: string; startAt: number; connectedAt: number }>;
  /** Connections opened and closed over the run, all stations together (more opens than stations: reconnections). */
  opened: number;
  closed: number;
  cpuMs: { user: number; system: number };
  maxRssBytes: number;
  /** RSS when every station had made its first attempt. */
  rssWhenReady: number;
  loopDelayMs: { p99: number; max: number };
  stoppedAt: number;
}

const [specFile, reportFile] = process.argv.slice(2);
if (!specFile || !reportFile) throw new Error('usage: stations.ts <spec.json> <report.json>');
const spec = JSON.parse(readFileSync(specFile, 'utf8')) as ObservedStationsSpec;

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
// The stations' own timers are unref'd: the process lives until told to stop.
const keepAlive = setInterval(() => undefined, 60_000);
const profiles = new Map<string, StationProfile>();
const stations: VirtualStation[] = [];
const started: ObservedStationsReport['started'] = [];
let opened = 0;
let closed = 0;
let rssWhenReady = 0;
let stopping = false;

// The open-connection count, printed when it changed, at most once a second.
let printed = -1;
const printer = setInterval(() => {
  const open = opened - closed;
  if (open === printed) return;
  printed = open;
  process.stdout.write(`connected ${open}\n`);
}, 1000);

async function startOne(station: ObservedStationSpec, delayMs: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  if (stopping) return;
  let profile = profiles.get(station.profile);
  if (!profile) profiles.set(station.profile, (profile = loadStationProfile(station.profile)));
  const startAt = Date.now();
  const virtual = await startVirtualStation({
    url: spec.url,
    identity: station.identity,
    profile,
    seed: station.seed,
    sensorIntervalMs: spec.sensorIntervalMs,
    timeScale: spec.timeScale,
  });
  virtual.on('connected', () => void (opened += 1));
  virtual.on('disconnected', () => void (closed += 1));
  // The first connection opened inside start(), before the listener: count it here.
  if (virtual.isConnected) opened += 1;
  stations.push(virtual);
  started.push({ identity: station.identity, startAt, connectedAt: Date.now() });
}

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  clearInterval(printer);
  await Promise.all(stations.map((station) => station.stop()));
  const usage = process.resourceUsage();
  const report: ObservedStationsReport = {
    started,
    opened,
    closed,
    cpuMs: { user: usage.userCPUTime / 1000, system: usage.systemCPUTime / 1000 },
    maxRssBytes: usage.maxRSS * 1024,
    rssWhenReady,
    loopDelayMs: { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
    stoppedAt: Date.now(),
  };
  writeFileSync(reportFile, JSON.stringify(report));
  clearInterval(keepAlive);
}

process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());

const count = spec.stations.length;
await Promise.all(spec.stations.map((station, index) => startOne(station, count > 1 ? (spec.staggerMs * index) / (count - 1) : 0)));
rssWhenReady = process.memoryUsage.rss();
process.stdout.write('ready\n');
