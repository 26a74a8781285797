/**
 * Benchmark 2: the largest station. A generated profile with 100,000 variables over ~2,000
 * components, simulated in a child process; the FullInventory audit end to end in this one.
 * Prints: inventory time and the lag after the last part, peak RSS, scorecard render time and
 * size, and Chromium's DOMContentLoaded for the scorecard.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { auditStation } from '../src/audit/audit-station.js';
import { CASE_OPTION_DEFAULTS, RUNNER_DEFAULTS } from '../src/audit/audit-defaults.js';
import { renderScorecard } from '../src/report/html-renderer.js';
import { buildViewModel } from '../src/report/view-model.js';
import { loadTestCases } from '../src/scenario/testcase-loader.js';
import { Csms, CSMS_DEFAULTS } from '../src/session/csms.js';
import { PROFILE_DIRECTORY } from '../src/simulator/station-profile.js';
import { printTable } from './machine.js';

const COMPONENTS = 2000;
const VARIABLES_PER_COMPONENT = 50;

function generateProfile(directory: string): string {
  const base = JSON.parse(readFileSync(join(PROFILE_DIRECTORY, 'minimal.json'), 'utf8')) as { components: unknown[]; id: string; $schema?: string };
  delete base.$schema;
  base.id = 'largest';
  for (let c = 0; c < COMPONENTS; c++) {
    base.components.push({
      name: 'PowerModule',
      instance: `M${String(c).padStart(4, '0')}`,
      variables: Array.from({ length: VARIABLES_PER_COMPONENT }, (_, v) => ({ name: 'Reading', instance: `R${v}`, dataType: 'decimal', unit: 'W', value: '1.5', minLimit: 0, maxLimit: 100000, supportsMonitoring: true })),
    });
  }
  const file = join(directory, 'largest.json');
  writeFileSync(file, JSON.stringify(base));
  return file;
}

const directory = mkdtempSync(join(tmpdir(), 'bench-largest-'));
const profile = generateProfile(directory);
const csms = await Csms.start({ ...CSMS_DEFAULTS, securityProfile: 0, port: 0, outDir: join(directory, 'out'), callTimeoutMs: 60_000, pingIntervalMs: 0 });
const station = spawn(process.execPath, ['bin/ocpp-audit.js', 'simulate', '--url', csms.url, '--id', 'LARGEST', '--profile', profile], { stdio: 'ignore' });
const session = await csms.waitForStation('LARGEST', 120_000);
if (!session) throw new Error('the station did not connect');
await new Promise((resolve) => setTimeout(resolve, 500));

let inventoryEnded = 0;
const started = performance.now();
const { result, files, evidence } = await auditStation(
  session,
  loadTestCases(['inventory-full']),
  { ...RUNNER_DEFAULTS, callTimeoutMs: 60_000, nonInteractive: true, targets: {}, caseOptions: { ...CASE_OPTION_DEFAULTS, reportWindowS: 600 }, prompt: () => Promise.resolve(), tool: { name: 'bench', version: '0' }, securityProfile: 0 },
  (runner) => runner.on('case-end', () => (inventoryEnded = performance.now())),
);
const auditMs = performance.now() - started;
const lastPart = Date.parse(evidence.cases[0]?.captures['report']?.kind === 'messages' ? (evidence.cases[0].captures['report'].messages.at(-1)?.receivedAt ?? '') : '');
const lagAfterLastPartMs = Date.now() - (performance.now() - inventoryEnded) - lastPart;
const renderStart = performance.now();
const html = renderScorecard(buildViewModel(result));
const renderMs = performance.now() - renderStart;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage();
const openStart = performance.now();
await page.goto(`file://${files.scorecard}`, { waitUntil: 'domcontentloaded' });
const openMs = performance.now() - openStart;
await browser.close();
station.kill('SIGINT');
await csms.close();

const rssMb = process.resourceUsage().maxRSS / 1024;
printTable(`Largest station: ${evidence.deviceModel.entries.length} variables reported`, [
  { figure: 'inventory case', value: `${(evidence.cases[0] ? Date.parse(evidence.cases[0].finishedAt ?? '') - Date.parse(evidence.cases[0].startedAt ?? '') : 0).toFixed(0)} ms` },
  { figure: 'lag after last part', value: `${lagAfterLastPartMs.toFixed(0)} ms`, goal: '≤ 2000 ms', ok: lagAfterLastPartMs <= 2000 },
  { figure: 'whole audit', value: `${auditMs.toFixed(0)} ms` },
  { figure: 'peak RSS (audit side)', value: `${rssMb.toFixed(0)} MB`, goal: '< 400 MB', ok: rssMb < 400 },
  { figure: 'scorecard render', value: `${renderMs.toFixed(0)} ms`, goal: '< 5000 ms', ok: renderMs < 5000 },
  { figure: 'scorecard size', value: `${(statSync(files.scorecard).size / 1e6).toFixed(1)} MB`, goal: '< 30 MB', ok: statSync(files.scorecard).size < 30e6 },
  { figure: 'Chromium DOMContentLoaded', value: `${openMs.toFixed(0)} ms`, goal: '< 3000 ms', ok: openMs < 3000 },
  { figure: 'evidence.json', value: `${(statSync(files.evidence).size / 1e6).toFixed(1)} MB` },
]);
void html;
