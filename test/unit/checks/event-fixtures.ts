/**
 * Small builders of audit evidence for the event checks: deterministic times, journal seqs
 * handed out in order, no sockets and no timers.
 */
import type { CallCapture, CaseEvidence, CollectedMessage, ComponentRefJson, Evidence, MessagesCapture, VariableRefJson } from '../../../src/evidence/evidence.js';
import { makeEvidence } from '../../helpers/evidence-fixture.js';

/** 2025-01-01T00:00:00.000Z: a whole hour, so clock boundaries are easy to read. */
export const T0 = Date.UTC(2025, 0, 1, 0, 0, 0);
export const EVSE1: ComponentRefJson = { name: 'EVSE', evse: { id: 1 } };
export const POWER: VariableRefJson = { name: 'Power' };
export const STATION: ComponentRefJson = { name: 'ChargingStation' };
export const PROBLEM: VariableRefJson = { name: 'Problem' };

/** ISO text of T0 + seconds. */
export function at(seconds: number): string {
  return new Date(T0 + Math.round(seconds * 1000)).toISOString();
}

/** The shared minimal evidence, over the ten minutes from T0, with a complete (empty) device model. */
export function evidence(overrides: Partial<Evidence> = {}): Evidence {
  return makeEvidence({ startedAt: at(0), finishedAt: at(600), deviceModel: { complete: true, entries: [] }, ...overrides });
}

export function caseOf(id: string, captures: CaseEvidence['captures'], overrides: Partial<CaseEvidence> = {}): CaseEvidence {
  return { id, title: id, proves: '', refs: [], category: 'events', status: 'completed', steps: [], captures, ...overrides };
}

export interface EventDataInput {
  eventId?: number;
  /** Seconds after T0 (or an ISO text as is). */
  timestamp?: number | string;
  trigger?: string;
  actualValue?: unknown;
  variableMonitoringId?: number;
  eventNotificationType?: string;
  component?: ComponentRefJson;
  variable?: VariableRefJson;
  cleared?: boolean;
  techCode?: string;
}

let nextEventId = 1;

/** One eventData item; defaults: a CustomMonitor Periodic event on EVSE@1.Power. */
export function eventData(input: EventDataInput = {}): Record<string, unknown> {
  const data: Record<string, unknown> = {
    eventId: input.eventId ?? nextEventId++,
    timestamp: typeof input.timestamp === 'string' ? input.timestamp : at(input.timestamp ?? 0),
    trigger: input.trigger ?? 'Periodic',
    actualValue: 'actualValue' in input ? input.actualValue : '7400',
    eventNotificationType: input.eventNotificationType ?? 'CustomMonitor',
    component: input.component ?? EVSE1,
    variable: input.variable ?? POWER,
  };
  if (input.variableMonitoringId !== undefined) data.variableMonitoringId = input.variableMonitoringId;
  if (input.cleared !== undefined) data.cleared = input.cleared;
  if (input.techCode !== undefined) data.techCode = input.techCode;
  if (data.actualValue === undefined) delete data.actualValue;
  return data;
}

/** One NotifyEvent CALL as collected. `receivedS`: seconds after T0. */
export function notifyEvent(seq: number, receivedS: number, items: Array<Record<string, unknown>>, part: { seqNo?: number; tbc?: boolean } = {}): CollectedMessage {
  const payload: Record<string, unknown> = { generatedAt: at(receivedS), seqNo: part.seqNo ?? 0, eventData: items };
  if (part.tbc !== undefined) payload.tbc = part.tbc;
  return { seq, action: 'NotifyEvent', receivedAt: at(receivedS), valid: true, connection: 1, payload };
}

export interface MonitorCallInput {
  type: string;
  value: number;
  id?: number;
  status?: string;
  component?: ComponentRefJson;
  variable?: VariableRefJson;
  severity?: number;
  /** CALL and CALLRESULT seqs. */
  seqs?: number[];
  sentS?: number;
}

/** A SetVariableMonitoring exchange with one element. */
export function setMonitoring(input: MonitorCallInput): CallCapture {
  const component = input.component ?? EVSE1;
  const variable = input.variable ?? POWER;
  const severity = input.severity ?? 8;
  const result: Record<string, unknown> = { status: input.status ?? 'Accepted', type: input.type, severity, component, variable };
  if (input.id !== undefined) result.id = input.id;
  return {
    kind: 'call',
    action: 'SetVariableMonitoring',
    request: { setMonitoringData: [{ value: input.value, type: input.type, severity, component, variable }] },
    ok: true,
    response: { setMonitoringResult: [result] },
    durationMs: 40,
    sentAt: at(input.sentS ?? 0),
    seqs: input.seqs ?? [1, 2],
  };
}

/** Any other answered CALL of the audit. */
export function call(action: string, request: Record<string, unknown>, response: Record<string, unknown>, seqs: number[], sentS = 0): CallCapture {
  return { kind: 'call', action, request, ok: true, response, durationMs: 40, sentAt: at(sentS), seqs };
}

export function messages(list: CollectedMessage[], startedS: number, endedS: number, complete = true): MessagesCapture {
  return { kind: 'messages', action: 'NotifyEvent', after: 0, startedAt: at(startedS), endedAt: at(endedS), complete, messages: list };
}

export interface SeriesInput {
  monitorId: number;
  /** Station timestamps, seconds after T0. */
  times: number[];
  /** Receive delay in seconds (default 0.05), or one per event. */
  delayS?: number | number[];
  firstSeq?: number;
}

/** One NotifyEvent per time, seqs counting up from `firstSeq` (default 10). */
export function series(input: SeriesInput): CollectedMessage[] {
  return input.times.map((t, i) => {
    const delay = Array.isArray(input.delayS) ? (input.delayS[i] ?? 0.05) : (input.delayS ?? 0.05);
    return notifyEvent((input.firstSeq ?? 10) + i, t + delay, [eventData({ timestamp: t, variableMonitoringId: input.monitorId })]);
  });
}

/**
 * Evidence of a periodic case: the monitor set at `setS` (default 0) with `intervalS`, the events
 * of `times` collected from the set until `endS`; also listed in evidence.notifyEvents.
 */
export function periodicEvidence(input: { caseId: string; type: string; intervalS: number; times: number[]; endS: number; monitorId?: number; delayS?: number | number[]; setS?: number; options?: Record<string, unknown> }): Evidence {
  const monitorId = input.monitorId ?? 42;
  const events = series({ monitorId, times: input.times, ...(input.delayS !== undefined ? { delayS: input.delayS } : {}) });
  const set = setMonitoring({ type: input.type, value: input.intervalS, id: monitorId, sentS: input.setS ?? 0 });
  return evidence({
    cases: [caseOf(input.caseId, { set, events: messages(events, input.setS ?? 0, input.endS) })],
    notifyEvents: events,
    options: input.options ?? {},
  });
}
