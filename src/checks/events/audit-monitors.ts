import type { CallCapture, ComponentRefJson, Evidence, VariableRefJson } from '../../evidence/evidence.js';
import { toComponent, toVariable } from '../../evidence/component-ref.js';
import { asArray, asNumber, asRecord, asString } from '../../evidence/payload-read.js';

/**
 * A custom monitor the audit set: an Accepted SetVariableMonitoring result with an id, and the
 * journal span in which events carrying that id belong to it.
 */
export interface AuditMonitor {
  id: number;
  type: string;
  severity: number | undefined;
  value: number | undefined;
  component: ComponentRefJson | undefined;
  variable: VariableRefJson | undefined;
  caseId: string;
  capture: string;
  /** Journal seq of the SetVariableMonitoring CALL (events before it are not this monitor's). */
  fromSeq: number;
  /**
   * Seq of the request that ended it: an accepted ClearVariableMonitoring of its id, an accepted
   * SetMonitoringBase FactoryDefault / HardWiredOnly (which delete custom monitors, N03; a replaced
   * preconfigured monitor becomes preconfigured again), or a later set with the same id
   * (replacement, N04.FR.12). Infinity while it lived to the end of the audit.
   */
  untilSeq: number;
  seqs: number[];
}

/** The NotifyEvent trigger each monitor type fires with (N07, N08.FR.05). */
export const TRIGGER_OF_TYPE: Readonly<Record<string, string>> = {
  UpperThreshold: 'Alerting',
  LowerThreshold: 'Alerting',
  Delta: 'Delta',
  Periodic: 'Periodic',
  PeriodicClockAligned: 'Periodic',
  // OCPP 2.1: leaving the band around Target is an alert, like a threshold (N07.FR.22/23).
  TargetDelta: 'Alerting',
  TargetDeltaRelative: 'Alerting',
};

interface NamedCall {
  caseId: string;
  name: string;
  capture: CallCapture;
  /** First journal seq of the exchange (the CALL); -Infinity when the capture has none. */
  at: number;
}

/** Every answered CALL of the audit with the given action, in journal order. */
export function auditCalls(evidence: Evidence, action: string): NamedCall[] {
  const calls: NamedCall[] = [];
  for (const c of evidence.cases) {
    for (const [name, capture] of Object.entries(c.captures)) {
      if (capture.kind !== 'call' || capture.action !== action || !capture.ok || capture.response === undefined) continue;
      calls.push({ caseId: c.id, name, capture, at: capture.seqs.length > 0 ? Math.min(...capture.seqs) : -Infinity });
    }
  }
  return calls.sort((a, b) => a.at - b.at);
}

/** The custom monitors the audit set in any case, in the order they were set. */
export function auditMonitors(evidence: Evidence): AuditMonitor[] {
  const monitors: AuditMonitor[] = [];
  for (const call of auditCalls(evidence, 'SetVariableMonitoring')) {
    const requested = asArray(call.capture.request.setMonitoringData);
    asArray(call.capture.response?.setMonitoringResult).forEach((raw, index) => {
      const result = asRecord(raw);
      const id = asNumber(result?.id);
      if (result === undefined || asString(result.status) !== 'Accepted' || id === undefined) return;
      // Results echo type, component and variable (N04.FR.01/02); the request element fills gaps.
      const request = asRecord(requested[index]) ?? {};
      monitors.push({
        id,
        type: asString(result.type) ?? asString(request.type) ?? '?',
        severity: asNumber(result.severity) ?? asNumber(request.severity),
        value: asNumber(request.value),
        component: toComponent(result.component) ?? toComponent(request.component),
        variable: toVariable(result.variable) ?? toVariable(request.variable),
        caseId: call.caseId,
        capture: call.name,
        fromSeq: call.at,
        untilSeq: Infinity,
        seqs: call.capture.seqs,
      });
    });
  }
  endMonitors(evidence, monitors);
  return monitors;
}

function endMonitors(evidence: Evidence, monitors: AuditMonitor[]): void {
  const end = (monitor: AuditMonitor, at: number): void => {
    if (at > monitor.fromSeq && at < monitor.untilSeq) monitor.untilSeq = at;
  };
  for (const [i, monitor] of monitors.entries()) {
    const replacement = monitors.slice(i + 1).find((later) => later.id === monitor.id && later.fromSeq > monitor.fromSeq);
    if (replacement) end(monitor, replacement.fromSeq);
  }
  for (const call of auditCalls(evidence, 'ClearVariableMonitoring')) {
    for (const raw of asArray(call.capture.response?.clearMonitoringResult)) {
      const result = asRecord(raw);
      if (asString(result?.status) !== 'Accepted') continue;
      for (const monitor of monitors) if (monitor.id === asNumber(result?.id)) end(monitor, call.at);
    }
  }
  for (const call of auditCalls(evidence, 'SetMonitoringBase')) {
    const base = asString(call.capture.request.monitoringBase);
    if (asString(call.capture.response?.status) !== 'Accepted' || (base !== 'FactoryDefault' && base !== 'HardWiredOnly')) continue;
    for (const monitor of monitors) end(monitor, call.at);
  }
}

/** The audit monitor an event with this id at this journal seq belongs to, if any. */
export function monitorAt(monitors: readonly AuditMonitor[], id: number | undefined, seq: number): AuditMonitor | undefined {
  if (id === undefined) return undefined;
  return monitors.find((m) => m.id === id && seq > m.fromSeq && seq < m.untilSeq);
}
