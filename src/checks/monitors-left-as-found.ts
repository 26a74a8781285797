import type { Evidence, MonitorRestoreCapture } from '../evidence/evidence.js';
import { asArray, asNumber, asRecord, asString } from '../evidence/payload-read.js';
import { compareMonitors, describeLost, describeManufacturerLost, describeMonitor, monitorsIn, sameSettings, type StationMonitor } from '../evidence/station-monitors.js';
import { type Check, type CheckResult, resultOf, type Verdict } from './check.js';
import { auditCalls, auditMonitors } from './events/audit-monitors.js';

/** What one line of the reason says about the station: `info` is the audit's doing or judged elsewhere. */
type LineVerdict = 'PASS' | 'FAIL' | 'WARN' | 'INCONCLUSIVE' | 'info';

interface Line {
  verdict: LineVerdict;
  text: string;
}

/** How many lines the reason lists (details keep them all). */
const LISTED_LINES = 10;

/**
 * The station is left with the monitors it had, one by one. SetMonitoringBase FactoryDefault and
 * HardWiredOnly (monitoring-bases, like OCTT TC_N_06) delete every custom monitor, an operator's
 * too (N03); the audit records them first and sets them again (restore-monitors). Each is named
 * with what became of it ("monitor #6 Connector@1/1.Temperature Periodic 86400 s, severity 8:
 * re-created as #41"), and the monitors at the end are compared with those found at the start.
 *
 * Only the station's own doing counts. The deletion is the audit's, never the station's fault.
 * Setting an operator's monitor again is an ordinary SetVariableMonitoring of a monitor the
 * station held minutes before: Accepted (N04.FR.08) and then not listed is a yes that did nothing
 * (FAIL); a refusal is a WARN, since a station may refuse a monitor for its own reasons (N04.FR.07)
 * and Duplicate is right when it has one already (N04.FR.10). A monitor the audit set and did not
 * clear is the audit's leftover; one it cleared (Accepted) that is still listed is the station's.
 */
export const monitorsLeftAsFound: Check = {
  id: 'monitors-left-as-found',
  title: "The station's own monitors are back after the audit (those the base switches deleted set again)",
  refs: ['N02', 'N03', 'N04.FR.07', 'N04.FR.08', 'N04.FR.10', 'N04.FR.12', 'N04.FR.15', 'N06.FR.01', 'TC_N_06'],
  category: 'monitoring',
  evaluate(evidence: Evidence): CheckResult {
    const restores = evidence.cases.flatMap((c) => Object.values(c.captures).filter((capture): capture is MonitorRestoreCapture => capture.kind === 'monitor-restore'));
    const lines: Line[] = restores.flatMap(restoreLines);
    const seqs = restores.flatMap((r) => r.seqs);
    const endState = endStateLines(evidence, restores);
    if (endState) {
      lines.push(...endState.lines);
      seqs.push(...endState.seqs);
    }
    const details = { lines: lines.map((l) => ({ verdict: l.verdict, text: l.text })) };
    if (lines.length === 0) return resultOf(monitorsLeftAsFound, 'NOT APPLICABLE', `Nothing to judge: ${whyNothing(evidence)}.`, [], details);
    const verdict = worst(lines);
    // The worst first; the rest keep their order (monitor by monitor).
    const shown = [...lines].sort((a, b) => RANK.indexOf(a.verdict) - RANK.indexOf(b.verdict));
    const text = shown.slice(0, LISTED_LINES).map((l) => l.text).join('; ');
    const more = shown.length > LISTED_LINES ? `; and ${shown.length - LISTED_LINES} more` : '';
    return resultOf(monitorsLeftAsFound, verdict, `${text}${more}.`, [...new Set(seqs)].sort((a, b) => a - b).slice(0, 50), details);
  },
};

function whyNothing(evidence: Evidence): string {
  const bases = evidence.cases.find((c) => c.id === 'monitoring-bases');
  if (bases?.status === 'not-applicable') return `monitoring-bases did not apply (${bases.reason ?? ''})`;
  // Evidence of an audit from before the audit recorded the monitors it was about to remove.
  if (bases?.status === 'completed' && !bases.steps.some((s) => s.kind === 'snapshot-monitors')) return 'monitoring-bases kept no record of the monitors before it switched the base';
  return 'the audit recorded no monitors to compare';
}

const RANK: readonly LineVerdict[] = ['FAIL', 'WARN', 'INCONCLUSIVE', 'PASS', 'info'];

/** FAIL before WARN before INCONCLUSIVE before PASS; only `info` lines: PASS (nothing the station did wrong). */
function worst(lines: readonly Line[]): Verdict {
  for (const verdict of ['FAIL', 'WARN', 'INCONCLUSIVE'] as const) if (lines.some((l) => l.verdict === verdict)) return verdict;
  return 'PASS';
}

/** One line per monitor a restore-monitors step found gone. */
function restoreLines(capture: MonitorRestoreCapture): Line[] {
  if (capture.present && !capture.present.complete) {
    return [{ verdict: 'INCONCLUSIVE', text: `after the base switches the monitors could not be read (GetMonitoringReport ${capture.present.status}), so none of the ${capture.found.count} recorded before was set again` }];
  }
  const lines: Line[] = capture.custom.map((lost) => {
    const text = describeLost(lost, capture.verified);
    if (lost.verifiedAs !== undefined) return { verdict: 'PASS', text };
    const recreate = lost.recreate;
    if (recreate === undefined || recreate.unanswered) return { verdict: 'INCONCLUSIVE', text };
    if (recreate.status === 'Accepted') return { verdict: capture.verified?.complete === true ? 'FAIL' : 'INCONCLUSIVE', text };
    return { verdict: 'WARN', text };
  });
  // Judged by monitoring-bases-restored (the manufacturer's monitors back after All): named here, not counted twice.
  lines.push(...capture.manufacturer.map((monitor): Line => ({ verdict: 'info', text: describeManufacturerLost(monitor) })));
  return lines;
}

/**
 * The monitors at the end (cleanup-verified) against those at the start (monitoring-preflight),
 * ids aside; what a restore already explained is not repeated. Undefined when either report is
 * missing or incomplete.
 */
function endStateLines(evidence: Evidence, restores: readonly MonitorRestoreCapture[]): { lines: Line[]; seqs: number[] } | undefined {
  const start = evidence.cases.find((c) => c.id === 'monitoring-preflight')?.captures['baseline-report'];
  const end = evidence.cases.find((c) => c.id === 'cleanup-verified')?.captures['final-report'];
  if (start?.kind !== 'messages' || !start.complete || end?.kind !== 'monitors' || !end.complete) return undefined;
  const before = monitorsIn(start.messages);
  const { onlyInA: gone, onlyInB: added, pairs } = compareMonitors(before, end.monitors);
  const explained: StationMonitor[] = restores.flatMap((r) => [...r.custom.filter((l) => l.verifiedAs === undefined).map((l) => l.monitor), ...r.manufacturer]);
  const cleared = clearedIds(evidence);
  const ours = auditMonitors(evidence);
  const lines: Line[] = [];
  let alreadyNamed = 0;
  for (const monitor of gone) {
    if (explained.some((m) => m.id === monitor.id && sameSettings(m, monitor))) {
      alreadyNamed += 1;
      continue;
    }
    const by = cleared.find((c) => c.id === monitor.id)?.caseId;
    // The audit only clears ids it was given for its own monitors (and, in monitoring-clear-hard-wired, a hard-wired one, judged there).
    lines.push(by ? { verdict: 'info', text: `${describeMonitor(monitor)}: gone after the audit cleared #${monitor.id} in ${by} (judged there)` } : { verdict: 'WARN', text: `${describeMonitor(monitor)}: gone by the end of the audit, which neither cleared it nor switched it off` });
  }
  for (const monitor of added) {
    const mine = [...ours].reverse().find((m) => m.id === monitor.id && m.type === monitor.type && m.severity === monitor.severity);
    if (!mine) {
      // E.g. a monitor set by someone else meanwhile, or one the audit set without learning its id (a lost answer): not the station's doing as far as the evidence shows.
      lines.push({ verdict: 'info', text: `${describeMonitor(monitor)}: there at the end but not before the audit, and not set by it` });
    } else if (cleared.some((c) => c.id === monitor.id && c.at > mine.fromSeq)) {
      lines.push({ verdict: 'WARN', text: `${describeMonitor(monitor)}: set by the audit in ${mine.caseId} and cleared (Accepted, N06.FR.01), but still listed` });
    } else {
      lines.push({ verdict: 'info', text: `${describeMonitor(monitor)}: set by the audit in ${mine.caseId} and not cleared by it (the audit's leftover: remove it with ClearVariableMonitoring)` });
    }
  }
  if (lines.length === 0 && alreadyNamed === 0) {
    const renumbered = pairs.filter(([a, b]) => a.id !== b.id).length;
    lines.push({ verdict: 'PASS', text: `at the end the station lists the ${end.monitors.length} monitor(s) it listed before the audit${renumbered > 0 ? ` (${renumbered} with a new id)` : ''}` });
  }
  return { lines, seqs: end.seqs };
}

/** Every id the audit cleared with an Accepted result (N06.FR.01): which case, and the journal seq of the request. */
function clearedIds(evidence: Evidence): Array<{ id: number; caseId: string; at: number }> {
  const cleared: Array<{ id: number; caseId: string; at: number }> = [];
  for (const call of auditCalls(evidence, 'ClearVariableMonitoring')) {
    for (const raw of asArray(call.capture.response?.clearMonitoringResult)) {
      const result = asRecord(raw);
      const id = asNumber(result?.id);
      if (id !== undefined && asString(result?.status) === 'Accepted') cleared.push({ id, caseId: call.caseId, at: call.at });
    }
  }
  return cleared;
}
