// Preload for the `observe` process of the observed-fleet benchmark:
// `node --import <this file> bin/ocpp-audit.js observe ...`. Plain JavaScript, so that Node 20
// loads it without a TypeScript loader in the measured process (as bench/fleet/loop-delay.js).
//
// The run has phases (start-up, stations connecting and plans applied, steady, shutdown) and the
// figures are wanted per phase: each SIGUSR2 from the benchmark closes the current phase and
// starts the next. Per phase: its end, RSS and JS heap at its end, CPU time spent in it, and the
// event-loop delay (perf_hooks.monitorEventLoopDelay, 10 ms resolution, reset at each phase)
// with the probes of a 100 ms timer that came more than 50 ms late. One memory sample a second
// for the whole run. On exit the last phase is closed and everything written as JSON to the file
// named by OBSERVE_PROBE_FILE.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setInterval } from 'node:timers';

const file = process.env.OBSERVE_PROBE_FILE;
const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();

const phases = [];
const rssSamples = [];
let phaseCpu = process.cpuUsage();
let stalls = [];
let expected = Date.now() + 100;
let probeCount = 0;
const probe = setInterval(() => {
  const now = Date.now();
  const late = now - expected;
  if (late > 50) stalls.push([now, late]);
  expected = now + 100;
  // [epoch ms, RSS, JS heap used, external + array buffers]
  if (++probeCount % 10 === 0) {
    const memory = process.memoryUsage();
    rssSamples.push([now, memory.rss, memory.heapUsed, memory.external + memory.arrayBuffers]);
  }
}, 100);
probe.unref();

function closePhase() {
  const ms = (ns) => ns / 1e6;
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage(phaseCpu);
  phases.push({
    endedAt: Date.now(),
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    cpuMs: { user: cpu.user / 1000, system: cpu.system / 1000 },
    delayMs: { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), count: histogram.count },
    stalls,
  });
  histogram.reset();
  stalls = [];
  phaseCpu = process.cpuUsage();
}

process.on('SIGUSR2', closePhase);

process.on('exit', () => {
  closePhase();
  histogram.disable();
  const usage = process.resourceUsage();
  const report = {
    phases,
    exitAt: Date.now(),
    maxRssBytes: usage.maxRSS * 1024,
    cpuMs: { user: usage.userCPUTime / 1000, system: usage.systemCPUTime / 1000 },
    rssSamples,
  };
  if (file) writeFileSync(file, JSON.stringify(report));
});
