import { sameComponent, sameVariable, toComponent, toVariable } from '../../evidence/component-ref.js';
import { monitorsIn, type StationMonitor } from '../../evidence/station-monitors.js';
import { asArray, asRecord, asString } from '../../evidence/payload-read.js';
import { describeFailure } from '../../ocpp/call-outcome.js';
import type { StationSession } from '../../session/station-session.js';
import type { PlanOutcome } from '../plan/plan-outcome.js';
import { reconcileMonitors, type CycleReason, type HeldMonitor } from './plan-reconcile.js';
import { requestReport } from './report-request.js';
import type { PlacedMonitor } from './resolve-plan.js';

export interface MonitorCycleContext {
  session: StationSession;
  placed: readonly PlacedMonitor[];
  held: ReadonlyMap<string, HeldMonitor>;
  /** How many monitors one SetVariableMonitoring may carry (MonitoringCtrlr.ItemsPerMessage[SetVariableMonitoring]). */
  itemsPerMessage: number;
  reportWindowMs: number;
  nextRequestId: () => number;
  record: (placed: PlacedMonitor, outcome: PlanOutcome, detail: string, monitorId?: number) => void;
}

/**
 * One look at the plan's monitors on a station: read its monitors (GetMonitoringReport, N02),
 * record what was lost or drifted, set what is missing (SetVariableMonitoring, N04) in messages of
 * the size the station allows, and read the monitors again to verify: a monitor the station said
 * Accepted to and does not list is `missing` (a station that says yes and does nothing).
 */
export async function monitorCycle(context: MonitorCycleContext, reason: CycleReason): Promise<void> {
  const { session } = context;
  if (context.placed.length === 0) return;
  const before = await readMonitors(context);
  const decisions = reconcileMonitors(context.placed, before.monitors, context.held, reason);
  const setAgain = new Set<string>();
  for (const decision of decisions) {
    if (!decision.record) continue;
    context.record(decision.placed, decision.record.outcome, decision.record.detail, decision.found?.id ?? context.held.get(decision.placed.key)?.id);
    if (decision.record.outcome === 'lost' || decision.record.outcome === 'drifted') setAgain.add(decision.placed.key);
  }
  const toSet = decisions.filter((d) => d.set !== undefined);
  const accepted: Array<{ placed: PlacedMonitor; id?: number }> = [];
  for (let i = 0; i < toSet.length; i += context.itemsPerMessage) {
    const batch = toSet.slice(i, i + context.itemsPerMessage);
    const setMonitoringData = batch.map(({ placed, set }) => ({
      ...(set?.replaceId !== undefined ? { id: set.replaceId } : {}),
      value: placed.value,
      type: placed.type,
      severity: placed.severity,
      component: placed.component,
      variable: placed.variable,
    }));
    const outcome = await session.call('SetVariableMonitoring', { setMonitoringData });
    if (!outcome.ok) {
      for (const { placed } of batch) context.record(placed, 'error', `SetVariableMonitoring: ${describeFailure(outcome.failure)}`);
      if (outcome.failure.kind === 'disconnected') return;
      continue;
    }
    const results = asArray(outcome.payload['setMonitoringResult']).map(asRecord);
    batch.forEach(({ placed }, index) => {
      const result = results.find((r) => r !== undefined && answers(r, placed)) ?? results[index];
      const status = asString(result?.['status']);
      if (status === 'Accepted') {
        const id = typeof result?.['id'] === 'number' ? result['id'] : undefined;
        accepted.push({ placed, ...(id !== undefined ? { id } : {}) });
        return;
      }
      const reasonCode = asString(asRecord(result?.['statusInfo'])?.['reasonCode']);
      context.record(placed, 'refused', status ? `SetVariableMonitoring answered ${status}${reasonCode ? ` (${reasonCode})` : ''}` : 'SetVariableMonitoring gave no result for it');
    });
  }
  if (accepted.length === 0) return;
  const after = before.monitors === undefined ? { why: before.why } : await readMonitors(context);
  for (const { placed, id } of accepted) {
    const wasLost = setAgain.has(placed.key);
    if (after.monitors === undefined) {
      context.record(placed, 'unverified', `the station answered Accepted; its monitors could not be read to check (${after.why})`, id);
      continue;
    }
    const found = after.monitors.find((m) => (id === undefined || m.id === id) && sameComponent(m.component, placed.component) && sameVariable(m.variable, placed.variable) && m.type === placed.type && m.value === placed.value && m.severity === placed.severity);
    if (found) context.record(placed, wasLost ? 'reapplied' : 'accepted', wasLost ? `set again and listed by the station (id ${found.id})` : `set and listed by the station (id ${found.id})`, found.id);
    else context.record(placed, 'missing', `the station answered Accepted${id !== undefined ? ` (id ${id})` : ''} but its monitoring report does not list it`, id);
  }
}

/** The station's monitors, or why they could not be read. */
async function readMonitors(context: MonitorCycleContext): Promise<{ monitors?: StationMonitor[]; why?: string }> {
  const answer = await requestReport(context.session, 'GetMonitoringReport', { requestId: context.nextRequestId() }, context.reportWindowMs);
  if (!answer.complete) return { why: answer.why ?? 'no monitoring report' };
  return { monitors: monitorsIn(answer.parts) };
}

/** Whether a SetMonitoringResult is the answer for this monitor (same place, type and severity). */
function answers(result: Record<string, unknown>, placed: PlacedMonitor): boolean {
  return sameComponent(toComponent(result['component']), placed.component) && sameVariable(toVariable(result['variable']), placed.variable) && result['type'] === placed.type && result['severity'] === placed.severity;
}
