import { describeFailure } from '../../ocpp/call-outcome.js';
import type { MonitorsCapture } from '../../evidence/evidence.js';
import { compareMonitors, describeMonitor, monitorsIn, type StationMonitor, unusedMonitorId } from '../../evidence/station-monitors.js';
import type { StationMessage } from '../../session/station-inbox.js';
import type { SnapshotMonitorsStep } from '../testcase.js';
import { fill } from '../template.js';
import type { StepResult, StepRun } from '../step-run.js';
import { collectUntil } from './await.js';

/** One GetMonitoringReport read to the end: what it listed, and whether that is all there is. */
export interface MonitorReading {
  /** The response status, or the failure in words. */
  status: string;
  complete: boolean;
  monitors: StationMonitor[];
  seqs: number[];
  /** NotifyMonitoringReport parts that came (0: the report was never sent). */
  parts: number;
  /** Neither an answer nor every part came, because the station timed out or went away: nothing to judge it by. */
  unanswered: boolean;
}

/**
 * Asks for every monitor (GetMonitoringReport without criteria, N02) and collects the parts by
 * requestId until the last (tbc false) or the window ends. EmptyResultSet is a complete, empty list
 * (N02.FR.10). `throughInterrupt`: the wait does not end when the audit is interrupted (a cleanup
 * that must still put monitors back).
 */
export async function readMonitors(run: StepRun, requestId: number, windowMs: number, throughInterrupt = false): Promise<MonitorReading> {
  const cursor = run.session.mark();
  const outcome = await run.session.call<{ status: string }>('GetMonitoringReport', { requestId }, { timeoutMs: run.callTimeoutMs * run.timeoutScale });
  const seqs = outcome.messageId ? run.session.framesOf(outcome.messageId) : [];
  if (!outcome.ok) {
    const unanswered = outcome.failure.kind === 'timeout' || outcome.failure.kind === 'disconnected';
    return { status: describeFailure(outcome.failure), complete: false, monitors: [], seqs, parts: 0, unanswered };
  }
  const { status } = outcome.payload;
  if (status === 'EmptyResultSet') return { status, complete: true, monitors: [], seqs, parts: 0, unanswered: false };
  if (status !== 'Accepted') return { status, complete: false, monitors: [], seqs, parts: 0, unanswered: false };
  run.waiting(`NotifyMonitoringReport parts of request ${requestId}`, Date.now() + windowMs);
  const wait = { after: cursor, timeoutMs: windowMs, until: (got: readonly StationMessage[]) => got.some((part) => part.payload['tbc'] !== true) };
  const isPart = (m: StationMessage): boolean => m.action === 'NotifyMonitoringReport' && m.payload['requestId'] === requestId;
  const parts = throughInterrupt ? await run.session.collect(isPart, wait) : await collectUntil(run, isPart, wait);
  const complete = parts.some((part) => part.payload['tbc'] !== true);
  return { status, complete, monitors: monitorsIn(parts), seqs: [...seqs, ...parts.map((p) => p.seq)], parts: parts.length, unanswered: !complete && ((run.signal.aborted && !throughInterrupt) || !run.session.isConnected) };
}

/** Why a reading is not the whole list, in words. */
export function incompleteReason(reading: MonitorReading, windowMs: number): string {
  if (reading.status !== 'Accepted') return `GetMonitoringReport answered ${reading.status}`;
  const seconds = Math.round(windowMs / 1000);
  if (reading.parts === 0) return `the station accepted GetMonitoringReport and never sent the report (no NotifyMonitoringReport part came within ${seconds} s)`;
  return `not every NotifyMonitoringReport part came within ${seconds} s`;
}

/**
 * Records the station's monitors (to put back later, or to compare with an earlier record). With
 * `sameAs`, the step is unmet unless the same monitors are listed; ids may differ, since a monitor
 * the audit had to set again gets a new one (N04.FR.11). Monitors like those in `ignoring` are
 * left out on both sides (what another check already judges).
 */
export async function runSnapshotMonitors(step: SnapshotMonitorsStep, run: StepRun): Promise<StepResult> {
  const requestId = Number(fill(step.requestId, run.context, `${run.where}/requestId`));
  const windowMs = Number(fill(step.withinS, run.context, `${run.where}/withinS`)) * 1000 * run.timeoutScale;
  const expected = step.sameAs !== undefined ? monitorsIn(fill(step.sameAs, run.context, `${run.where}/sameAs`)) : undefined;
  const ignored = step.ignoring !== undefined ? monitorsIn(fill(step.ignoring, run.context, `${run.where}/ignoring`)) : [];
  const reading = await readMonitors(run, requestId, windowMs);
  const capture: MonitorsCapture = { kind: 'monitors', status: reading.status, complete: reading.complete, monitors: reading.monitors, unusedId: unusedMonitorId(reading.monitors), seqs: reading.seqs };
  const result = { seqs: reading.seqs, capture };
  if (!reading.complete) return { ...result, status: 'unmet', detail: `the monitors could not be read: ${incompleteReason(reading, windowMs)}`, inconclusive: reading.unanswered };
  if (expected === undefined) return { ...result, status: 'ok', detail: `${reading.monitors.length} monitor(s) listed` };
  const difference = compareMonitors(withoutIgnored(expected, ignored), withoutIgnored(reading.monitors, ignored));
  if (difference.onlyInA.length === 0 && difference.onlyInB.length === 0) {
    const renumbered = difference.pairs.filter(([before, now]) => before.id !== now.id).length;
    const aside = ignored.length > 0 ? `; ${ignored.length} judged elsewhere left aside` : '';
    return { ...result, status: 'ok', detail: `the ${difference.pairs.length} monitor(s) listed are those recorded before${renumbered > 0 ? ` (${renumbered} with a new id: set again by the audit)` : ''}${aside}` };
  }
  const lines = [...difference.onlyInA.map((m) => `${describeMonitor(m)}: gone`), ...difference.onlyInB.map((m) => `${describeMonitor(m)}: not there before`)];
  return { ...result, status: 'unmet', detail: `${lines.length} difference(s) from the monitors recorded before: ${listed(lines)}` };
}

/** The first lines of a long list, and how many more there are (a verdict's reason stays readable). */
export function listed(lines: readonly string[], shown = 10): string {
  return lines.length <= shown ? lines.join('; ') : `${lines.slice(0, shown).join('; ')}; and ${lines.length - shown} more`;
}

/** The list without one monitor of the same settings per ignored monitor. */
function withoutIgnored(monitors: readonly StationMonitor[], ignored: readonly StationMonitor[]): StationMonitor[] {
  return compareMonitors(monitors, ignored).onlyInA;
}
