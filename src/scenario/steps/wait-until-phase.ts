import { ToolError } from '../../errors.js';
import { carriesStamp, estimateStationClock } from '../station-clock.js';
import type { WaitUntilPhaseStep } from '../testcase.js';
import { fill } from '../template.js';
import { sleep, type StepResult, type StepRun } from '../step-run.js';

/**
 * Waits until the station's clock stands at `phase` (0–1, default 0.5) of an interval, so that
 * the next request goes out there. A clock-aligned monitor set mid-interval tells a station that
 * counts from the set time (events at set + k × interval) from one that fires on the clock's
 * boundaries (N08.FR.07); a Periodic monitor set there tells the opposite mistake (N08.FR.06).
 * The station's clock is estimated from the time stamps it has sent; without any, ours is used.
 * Not scaled by --timeout-scale: it places a measurement, it does not wait for the station.
 */
export async function runWaitUntilPhase(step: WaitUntilPhaseStep, run: StepRun): Promise<StepResult> {
  const intervalS = Number(fill(step.intervalS, run.context, `${run.where}/intervalS`));
  if (!(intervalS > 0) || !Number.isFinite(intervalS)) throw new ToolError('ERR_INVALID_TESTCASE', `${run.where}/intervalS: ${JSON.stringify(step.intervalS)} gives ${intervalS}, not a positive number of seconds`);
  const phase = step.phase ?? 0.5;
  const intervalMs = intervalS * 1000;
  const clock = estimateStationClock(run.session.messages(carriesStamp));
  const lagMs = clock?.lagMs ?? 0;
  const waitMs = msUntilPhase(Date.now() - lagMs, intervalMs, phase);
  run.waiting(`${Math.round(phase * 100)} % of a ${intervalS} s interval`, Date.now() + waitMs);
  await sleep(waitMs, run.signal);
  if (run.signal.aborted) return { status: 'failed', detail: 'interrupted', seqs: [] };
  const whose = clock
    ? `the station's clock (${formatLag(lagMs)}, from ${clock.samples} time stamp(s) it sent)`
    : "our clock (the station has sent no time stamps yet)";
  return { status: 'ok', detail: `waited ${(waitMs / 1000).toFixed(1)} s, to ${Math.round(phase * 100)} % of a ${intervalS} s interval on ${whose}`, seqs: [] };
}

/** Milliseconds from `nowMs` until a clock showing it next stands at `phase` (0–1) of an interval. */
export function msUntilPhase(nowMs: number, intervalMs: number, phase: number): number {
  return (((phase * intervalMs - (nowMs % intervalMs)) % intervalMs) + intervalMs) % intervalMs;
}

function formatLag(lagMs: number): string {
  const seconds = Math.abs(lagMs / 1000).toFixed(1);
  return lagMs >= 0 ? `${seconds} s behind ours` : `${seconds} s ahead of ours`;
}
