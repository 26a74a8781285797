import type { Evidence } from '../evidence/evidence.js';
import { componentLabel, toComponent, toVariable, variableLabel } from '../evidence/component-ref.js';
import { asArray, asRecord } from '../evidence/payload-read.js';

/** NotifyEvents per monitor over the audit, for the scorecard's timeline. */
export interface EventTimeline {
  /** Seconds from the audit's start to its end. */
  durationS: number;
  /** `times` holds at most MAX_EVENTS_PER_ROW of the row's `events`, spread from its first to its last. */
  rows: Array<{ label: string; kind: string; times: number[]; events: number }>;
  /** Rows or events left out to keep the page light. */
  omitted: { rows: number; events: number };
}

/** The monitors a monitoring report listed in each phase of the base switches. */
export interface MonitorPhase {
  phase: string;
  complete: boolean;
  monitors: Array<{ id: number; label: string; type: string; severity: number }>;
}

const MAX_ROWS = 24;
const MAX_EVENTS_PER_ROW = 200;

export function eventTimeline(evidence: Evidence): EventTimeline {
  const start = Date.parse(evidence.startedAt);
  const end = Date.parse(evidence.finishedAt ?? evidence.startedAt);
  const rows = new Map<string, { label: string; kind: string; times: number[] }>();
  for (const message of evidence.notifyEvents) {
    for (const element of asArray(message.payload['eventData'])) {
      // The evidence keeps schema-violating messages too: read every field as untrusted.
      const item = asRecord(element);
      if (!item) continue;
      const where = `${componentLabel(toComponent(item['component']))}.${variableLabel(toVariable(item['variable']))}`;
      const id = item['variableMonitoringId'];
      const key = typeof id === 'number' ? `monitor ${id}` : where;
      const row = rows.get(key) ?? { label: typeof id === 'number' ? `${where} (monitor ${id})` : where, kind: typeof item['eventNotificationType'] === 'string' ? item['eventNotificationType'] : '', times: [] };
      const at = Date.parse(typeof item['timestamp'] === 'string' ? item['timestamp'] : message.receivedAt);
      row.times.push(Math.max(0, Math.round(((Number.isFinite(at) ? at : Date.parse(message.receivedAt)) - start) / 100) / 10));
      rows.set(key, row);
    }
  }
  const all = [...rows.values()].sort((a, b) => (a.times[0] ?? 0) - (b.times[0] ?? 0));
  const kept = all.slice(0, MAX_ROWS).map((row) => ({ ...row, times: spreadOut(row.times, MAX_EVENTS_PER_ROW), events: row.times.length }));
  const omittedEvents = all.reduce((n, row) => n + row.times.length, 0) - kept.reduce((n, row) => n + row.times.length, 0);
  return { durationS: Math.max(1, Math.round((end - start) / 100) / 10), rows: kept, omitted: { rows: all.length - kept.length, events: omittedEvents } };
}

/**
 * At most `limit` of the times, evenly spaced from the first to the last. The first `limit` alone
 * would draw an audit-long flood as a burst in its first seconds.
 */
function spreadOut(times: readonly number[], limit: number): number[] {
  if (times.length <= limit) return [...times];
  return Array.from({ length: limit }, (_, i) => times[Math.round((i * (times.length - 1)) / (limit - 1))]);
}

const PHASES: Array<[string, string, string]> = [
  ['as found', 'monitoring-preflight', 'baseline-report'],
  ['base All, with a custom monitor', 'monitoring-bases', 'all-report'],
  ['after FactoryDefault', 'monitoring-bases', 'factory-report'],
  ['after HardWiredOnly', 'monitoring-bases', 'after-hardwired-report'],
];

export function monitorPhases(evidence: Evidence): MonitorPhase[] {
  const phases: MonitorPhase[] = [];
  for (const [phase, caseId, capture] of PHASES) {
    const found = evidence.cases.find((c) => c.id === caseId)?.captures[capture];
    if (found?.kind !== 'messages') continue;
    const monitors: MonitorPhase['monitors'] = [];
    for (const message of found.messages) {
      for (const monitor of asArray(message.payload['monitor']).map(asRecord)) {
        if (!monitor) continue;
        const label = `${componentLabel(toComponent(monitor['component']))}.${variableLabel(toVariable(monitor['variable']))}`;
        for (const item of asArray(monitor['variableMonitoring']).map(asRecord)) {
          if (!item) continue;
          monitors.push({ id: Number(item['id']), label, type: typeof item['type'] === 'string' ? item['type'] : '?', severity: Number(item['severity']) });
        }
      }
    }
    phases.push({ phase, complete: found.complete, monitors: monitors.sort((a, b) => a.id - b.id) });
  }
  return phases;
}
