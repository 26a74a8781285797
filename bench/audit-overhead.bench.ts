/**
 * Benchmark 3: audit overhead. The full demo audit (the real CLI, its in-process virtual
 * station, default options) against the floor the protocol imposes on it: the waits the audit
 * cannot shorten. Per step, from the evidence:
 * - a `wait` step: its dwell;
 * - an await or report collection that completed: from its start to the arrival of the last
 *   message it waited for (the station's periodic intervals, clock boundaries, heartbeats);
 * - one that did not complete: its whole window, which it must let pass.
 * Everything else (round trips, case set-up, liveness probes, checks, scoring, writing the
 * outputs, start-up) is overhead. Printed per phase (the test cases' category) and in all.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readEvidenceFile } from '../src/evidence/evidence-file.js';
import type { CaseEvidence, MessagesCapture } from '../src/evidence/evidence.js';
import { printTable } from './machine.js';

const GOAL = 1.15;

/** The protocol's share of one case, ms. */
function caseFloorMs(testCase: CaseEvidence): number {
  let floor = 0;
  for (const step of testCase.steps) {
    const dwell = step.kind === 'wait' ? /waited ([\d.]+) s/.exec(step.detail) : null;
    if (dwell) floor += Number(dwell[1]) * 1000;
  }
  for (const capture of Object.values(testCase.captures)) {
    if (capture.kind === 'messages') floor += captureFloorMs(capture);
  }
  return floor;
}

function captureFloorMs(capture: MessagesCapture): number {
  const started = Date.parse(capture.startedAt);
  if (!capture.complete) return capture.windowMs ?? Date.parse(capture.endedAt) - started;
  const last = Math.max(...capture.messages.map((m) => Date.parse(m.receivedAt)));
  return Math.max(0, last - started);
}

const seconds = (ms: number): string => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);

const out = mkdtempSync(join(tmpdir(), 'bench-overhead-'));
const started = performance.now();
const startedAt = Date.now();
const demo = spawn(process.execPath, ['bin/ocpp-audit.js', 'demo', '--out', out], { stdio: ['ignore', 'pipe', 'inherit'] });
let output = '';
demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
const code = await new Promise<number | null>((resolve) => demo.on('exit', resolve));
const wallMs = performance.now() - started;
if (code !== 0) throw new Error(`demo exited ${code}:\n${output}`);

const evidence = readEvidenceFile(join(out, 'VIRTUAL-DEMO', 'evidence.json'));
const ran = evidence.cases.filter((c) => c.startedAt && c.finishedAt);
const phases = new Map<string, { wall: number; floor: number; cases: number }>();
for (const testCase of ran) {
  const phase = phases.get(testCase.category) ?? { wall: 0, floor: 0, cases: 0 };
  phase.wall += Date.parse(testCase.finishedAt!) - Date.parse(testCase.startedAt!);
  phase.floor += caseFloorMs(testCase);
  phase.cases += 1;
  phases.set(testCase.category, phase);
}
const firstCase = Math.min(...ran.map((c) => Date.parse(c.startedAt!)));
const lastCase = Math.max(...ran.map((c) => Date.parse(c.finishedAt!)));
const inCases = [...phases.values()].reduce((sum, p) => sum + p.wall, 0);
const floorMs = [...phases.values()].reduce((sum, p) => sum + p.floor, 0);
const ratio = wallMs / floorMs;

printTable(`Audit overhead: demo (${ran.length} cases run); per phase: wall / protocol floor`, [
  ...[...phases].map(([name, p]) => ({ figure: `${name} (${p.cases} cases)`, value: `${seconds(p.wall)} / ${seconds(p.floor)}${p.floor >= 1000 ? ` = ${(p.wall / p.floor).toFixed(3)}×` : ''}` })),
  { figure: 'start-up (process start → first case)', value: seconds(firstCase - startedAt) },
  { figure: 'between cases (liveness probes, targets)', value: seconds(lastCase - firstCase - inCases) },
  { figure: 'checks, scoring, outputs, exit', value: seconds(startedAt + wallMs - lastCase) },
  { figure: 'whole demo: wall / floor', value: `${seconds(wallMs)} / ${seconds(floorMs)}`, goal: `≤ ${GOAL}×`, ok: ratio <= GOAL },
  { figure: 'ratio', value: `${ratio.toFixed(3)}×` },
]);
