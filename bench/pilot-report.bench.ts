/**
 * Benchmark: the pilot evidence report over a month of a fleet (issue 16). Goals: 30 days × 50
 * stations × 20 sampled variables every 5 minutes (about 8.6 million samples) built in under
 * 20 s, a page under 20 MB, opening in Chromium in under 3 s.
 *
 * Method: a SQLite store filled from generated journals (test/fixtures/pilot-journal.ts: what
 * observe journals, one NotifyEvent of 20 periodic samples per station and tick; every tenth
 * station has a failure with its temperature rising before it, an offline spell with queued
 * samples, and a failure note), ingested in large batches. Filling it takes minutes, so the file
 * is kept under /tmp (PILOT_BENCH_CACHE) and reused by the next run with the same figures. Timed:
 * the report built from the store (loadPilotData, the page model, the HTML written), its size,
 * and the system Chromium opening it (navigation to the load event, then until the charts in
 * view are drawn). Environment: PILOT_STATIONS (50), PILOT_DAYS (30), PILOT_VARIABLES (20),
 * PILOT_BENCH_CACHE (/tmp/ocpp-audit-bench-pilot-report).
 */
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writePilotReport } from '../src/observe/report/write-pilot-report.js';
import { SqliteStore } from '../src/observe/store/sqlite-store.js';
import type { ObservationStore } from '../src/observe/store/store.js';
import { pilotJournal, TRIP_HOUR } from '../test/fixtures/pilot-journal.js';
import { launchChromium } from '../test/helpers/browser.js';
import { printTable } from './machine.js';

const envInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};
const STATIONS = envInt('PILOT_STATIONS', 50);
const DAYS = envInt('PILOT_DAYS', 30);
const VARIABLES = Math.min(20, envInt('PILOT_VARIABLES', 20));
const START = new Date('2026-11-01T00:00:00Z');
// The generator's version is in the name: a changed generator fills a new file.
const CACHE = join(process.env['PILOT_BENCH_CACHE'] ?? '/tmp/ocpp-audit-bench-pilot-report', `v1-${STATIONS}x${DAYS}x${VARIABLES}`);
const STORE = join(CACHE, 'pilot.sqlite');
const COMPLETE = join(CACHE, 'complete');

const identity = (i: number): string => `CS-${String(i + 1).padStart(3, '0')}`;
const failureDay = (i: number): number | undefined => (i % 10 === 0 ? (i * 7) % DAYS : undefined);

/** Fills the store once; a file left half-filled by an interrupted run is started again. */
async function fillStore(): Promise<number> {
  if (existsSync(COMPLETE)) return 0;
  rmSync(CACHE, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  const started = performance.now();
  const store = new SqliteStore(STORE);
  await store.migrate();
  for (let i = 0; i < STATIONS; i++) {
    const day = failureDay(i);
    for (const records of pilotJournal({ identity: identity(i), start: START, days: DAYS, variables: VARIABLES, ...(day !== undefined ? { failureDay: day } : {}) }, 20_000)) {
      await store.ingest(`${identity(i)}/trace.jsonl`, records);
    }
    if (day !== undefined) {
      const dayStart = START.getTime() + day * 86_400_000;
      await store.annotate({ station: identity(i), at: new Date(dayStart + TRIP_HOUR * 3_600_000 + 30_000).toISOString(), kind: 'failure', text: 'power module 1 tripped, fan seized', author: 'bench' });
      await store.annotate({ station: identity(i), at: new Date(dayStart + 3 * 3_600_000).toISOString(), until: new Date(dayStart + 3.25 * 3_600_000).toISOString(), kind: 'excluded', text: 'utility outage' });
    }
    process.stdout.write(`\rfilling the store: ${i + 1}/${STATIONS} stations`);
  }
  await store.close();
  process.stdout.write('\n');
  writeFileSync(COMPLETE, new Date().toISOString());
  return (performance.now() - started) / 1000;
}

/** The store with the time spent in each of its methods added up (a stream's until it ends): where the build's time goes. */
function timedStore(inner: ObservationStore): { store: ObservationStore; seconds: Map<string, number> } {
  const seconds = new Map<string, number>();
  const add = (method: string, since: number): void => {
    seconds.set(method, (seconds.get(method) ?? 0) + (performance.now() - since) / 1000);
  };
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        const since = performance.now();
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (result instanceof Promise) return result.finally(() => add(property, since));
        add(property, since);
        return result;
      };
    },
  });
  return { store, seconds };
}

const fillSeconds = await fillStore();
const storeBytes = statSync(STORE).size;

const reportDir = join(CACHE, 'pilot-report');
rmSync(reportDir, { recursive: true, force: true });
const store = new SqliteStore(STORE);
// A store filled by an older release is upgraded here, once (not part of the build).
const migrating = performance.now();
await store.migrate();
const migrateSeconds = (performance.now() - migrating) / 1000;
const timed = timedStore(store);
const built = performance.now();
const written = await writePilotReport(timed.store, {}, reportDir, { integrity: [], openData: [] });
const buildSeconds = (performance.now() - built) / 1000;
await store.close();
const storeSeconds = [...timed.seconds.values()].reduce((sum, s) => sum + s, 0);
const breakdown = [...timed.seconds].sort((a, b) => b[1] - a[1]).map(([method, s]) => `${method} ${s.toFixed(2)}`).join(', ');
const rss = process.resourceUsage().maxRSS / 1024;
const samples = written.model.sensors.stations.reduce((sum, s) => sum + s.charts.reduce((n, c) => n + c.samples, 0), 0);
const series = written.model.sensors.stations.reduce((sum, s) => sum + s.charts.length, 0);
const points = Math.max(...written.model.charts.filter((c) => c.kind === 'envelope').map((c) => c.k?.length ?? 0));

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
const errors: string[] = [];
page.on('pageerror', (error) => errors.push(String(error)));
page.on('console', (message) => {
  if (message.type() === 'error') errors.push(message.text());
});
const opened = performance.now();
await page.goto(`file://${written.page}`, { waitUntil: 'load' });
const loadSeconds = (performance.now() - opened) / 1000;
await page.locator('#sensors').scrollIntoViewIfNeeded();
await page.waitForSelector('#sensors .chart[data-drawn="true"] canvas');
const chartSeconds = (performance.now() - opened) / 1000;
await browser.close();

const mb = written.bytes / 2 ** 20;
printTable(`Pilot evidence report: ${DAYS} days × ${STATIONS} stations × ${VARIABLES} series sampled every 5 minutes`, [
  { figure: 'samples charted (in the store)', value: String(samples) },
  { figure: 'series charted', value: String(series) },
  { figure: 'bucket width, most points in a series', value: `${written.model.sensors.method.match(/into (.+?) buckets/)?.[1] ?? '?'}, ${points}` },
  { figure: 'look-back moments (before the failure)', value: String(written.model.before.length) },
  { figure: 'report built (store read, model, HTML written)', value: `${buildSeconds.toFixed(1)} s`, goal: '< 20 s', ok: buildSeconds < 20 },
  { figure: 'of which reading the store', value: `${storeSeconds.toFixed(1)} s` },
  { figure: 'page size', value: `${mb.toFixed(1)} MB`, goal: '< 20 MB', ok: mb < 20 },
  { figure: 'Chromium: navigation to load event', value: `${loadSeconds.toFixed(2)} s`, goal: '< 3 s', ok: loadSeconds < 3 },
  { figure: 'Chromium: until the first sensor chart is drawn', value: `${chartSeconds.toFixed(2)} s` },
  { figure: 'page errors in Chromium', value: String(errors.length), goal: '0', ok: errors.length === 0 },
  { figure: 'peak RSS of the process (the fill too, when it filled)', value: `${rss.toFixed(0)} MB` },
  { figure: 'store size (SQLite file)', value: `${(storeBytes / 2 ** 20).toFixed(0)} MB` },
  { figure: 'store filled in (0: reused from the cache)', value: `${fillSeconds.toFixed(0)} s` },
  { figure: 'store upgraded to this release first (0: it was)', value: `${migrateSeconds.toFixed(0)} s` },
]);
process.stdout.write(`reading the store, seconds per method: ${breakdown}\n`);
if (errors.length > 0) process.stdout.write(`${errors.join('\n')}\n`);
