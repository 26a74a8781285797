// Preload for the auditing process of the fleet benchmark: `node --import <this file> bin/ocpp-audit.js run ...`.
// Plain JavaScript so that Node 20 loads it without a TypeScript loader in the measured process.
//
// - Event-loop delay: perf_hooks.monitorEventLoopDelay({ resolution: 10 }).
// - SIGUSR2 (sent by the benchmark once the CLI listens, before any station connects): takes the
//   "idle" RSS sample and resets the histogram and the stall list, so the figures cover the
//   audits only (not the CLI's start-up).
// - A 100 ms probe timer notes every lateness over 50 ms with its wall-clock time, to see when
//   the loop stalled (the histogram does not say when).
// - On exit: writes JSON to the file named by FLEET_LOOP_DELAY_FILE.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setInterval } from 'node:timers';

const file = process.env.FLEET_LOOP_DELAY_FILE;
const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();

const rssAtPreload = process.memoryUsage.rss();
let idle;
const stalls = [];
const rssSamples = [];
let expected = Date.now() + 100;
let probeCount = 0;
const probe = setInterval(() => {
  const now = Date.now();
  const late = now - expected;
  if (late > 50) stalls.push([now, late]);
  expected = now + 100;
  // One memory sample a second: [epoch ms, RSS, JS heap used].
  if (++probeCount % 10 === 0) {
    const memory = process.memoryUsage();
    rssSamples.push([now, memory.rss, memory.heapUsed]);
  }
}, 100);
probe.unref();

process.on('SIGUSR2', () => {
  idle = { at: Date.now(), rss: process.memoryUsage.rss(), heapUsed: process.memoryUsage().heapUsed, cpu: process.cpuUsage() };
  histogram.reset();
  stalls.length = 0;
});

process.on('exit', () => {
  histogram.disable();
  const usage = process.resourceUsage();
  const ms = (ns) => ns / 1e6;
  const report = {
    delayMs: { p50: ms(histogram.percentile(50)), p90: ms(histogram.percentile(90)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), mean: ms(histogram.mean), count: histogram.count },
    rssAtPreload,
    idle,
    exitAt: Date.now(),
    maxRssBytes: usage.maxRSS * 1024,
    cpuMs: { user: usage.userCPUTime / 1000, system: usage.systemCPUTime / 1000 },
    stalls,
    rssSamples,
  };
  if (file) writeFileSync(file, JSON.stringify(report));
});
