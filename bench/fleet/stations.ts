/**
 * Many virtual stations in ONE process, for the fleet benchmark (bench/fleet.bench.ts).
 *
 *   node --import tsx bench/fleet/stations.ts <spec.json> <report.json>
 *
 * The spec names the CSMS URL, the stations (identity, profile, faults, seed) and the time over
 * which their first connections are spread (a fleet reconnecting after an outage). Prints
 * `ready` when every station has made its first connection attempt. On SIGTERM or SIGINT it
 * stops every station (close 1000, no reconnection) and writes the report: when each station
 * started and connected, and the process's CPU time and peak RSS.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readFileSync, writeFileSync } from 'node:fs';
import { startVirtualStation } from '../../src/simulator/start-virtual-station.js';
import type { FaultName } from '../../src/simulator/station/faults.js';
import type { VirtualStation } from '../../src/simulator/station/virtual-station.js';
import { loadStationProfile, type StationProfile } from '../../src/simulator/station-profile.js';

export interface FleetStationSpec {
  identity: string;
  profile: string;
  faults: FaultName[];
  seed: number;
}

export interface FleetSpec {
  url: string;
  /** First connections are spread evenly over this many ms. */
  staggerMs: number;
  stations: FleetStationSpec[];
}

export interface StationsReport {
  /** Epoch ms of each station's first connection attempt and of its first connection's end (accepted or not). */
  started: Array<{ identity: string; startAt: number; connectedAt: number }>;
  cpuMs: { user: number; system: number };
  maxRssBytes: number;
  /** The stations' own event-loop delay: how late the station side was (the auditor's is measured apart). */
  loopDelayMs: { p99: number; max: number };
  stoppedAt: number;
}

const [specFile, reportFile] = process.argv.slice(2);
if (!specFile || !reportFile) throw new Error('usage: stations.ts <spec.json> <report.json>');
const spec = JSON.parse(readFileSync(specFile, 'utf8')) as FleetSpec;

// How late the station side is, to tell it from the auditor's lateness when a verdict differs.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
// The process lives until told to stop: the stations' own timers are unref'd.
const keepAlive = setInterval(() => undefined, 60_000);
const profiles = new Map<string, StationProfile>();
const stations: VirtualStation[] = [];
const started: StationsReport['started'] = [];
let stopping = false;

async function startOne(station: FleetStationSpec, delayMs: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  if (stopping) return;
  let profile = profiles.get(station.profile);
  if (!profile) profiles.set(station.profile, (profile = loadStationProfile(station.profile)));
  const startAt = Date.now();
  const virtual = await startVirtualStation({ url: spec.url, identity: station.identity, profile, faults: station.faults, seed: station.seed });
  stations.push(virtual);
  started.push({ identity: station.identity, startAt, connectedAt: Date.now() });
}

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(stations.map((station) => station.stop()));
  const usage = process.resourceUsage();
  const report: StationsReport = {
    started,
    cpuMs: { user: usage.userCPUTime / 1000, system: usage.systemCPUTime / 1000 },
    maxRssBytes: usage.maxRSS * 1024,
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
process.stdout.write('ready\n');
