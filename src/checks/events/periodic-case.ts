import type { CallCapture, CaseEvidence, Evidence, MessagesCapture } from '../../evidence/evidence.js';
import type { Verdict } from '../check.js';
import { sameComponent, sameVariable, toComponent, toVariable } from '../../evidence/component-ref.js';
import { eventItems, type EventItem } from './event-items.js';
import { asArray, asNumber, asRecord, asString, timeMs } from '../../evidence/payload-read.js';
import { roundS } from './interval-stats.js';

/** Default tolerance, in seconds, for periodic timing (overridden by `options.periodicToleranceS`). */
export const DEFAULT_PERIODIC_TOLERANCE_S = 1;

/** What a periodic case collected, ready to be timed. */
export interface PeriodicRun {
  caseEvidence: CaseEvidence;
  set: CallCapture;
  events: MessagesCapture;
  intervalS: number;
  monitorId: number | undefined;
  /** This monitor's events, without repeats, ordered by when the station stamped them (else received them). */
  items: EventItem[];
  /**
   * The collection window: from the set request (or the start of the wait, if that came later:
   * earlier events are not in the capture) to the end of the wait; undefined if unreadable.
   */
  windowStartMs: number | undefined;
  windowEndMs: number | undefined;
  toleranceS: number;
  /**
   * The auditor's own worst stall while it collected the events, in s (0: it kept time). Receive
   * times can be off by that much through no fault of the station's.
   */
  toolLateS: number;
}

/** Why a periodic case cannot be timed: the verdict to give and its reason. */
export interface PeriodicSkip {
  verdict: Verdict;
  reason: string;
  seqs: number[];
}

/** The tolerance the audit was run with, in seconds. */
export function periodicTolerance(evidence: Evidence): number {
  const value = asNumber(evidence.options.periodicToleranceS);
  return value !== undefined && value >= 0 ? value : DEFAULT_PERIODIC_TOLERANCE_S;
}

/**
 * Reads the case `caseId` (captures `set`: SetVariableMonitoring of one monitor of `type`;
 * `events`: the NotifyEvents collected afterwards) or says why it cannot be judged: NOT
 * APPLICABLE when the case did not apply or the station does not take such a monitor,
 * INCONCLUSIVE when the evidence is missing.
 */
export function loadPeriodicCase(evidence: Evidence, caseId: string, type: string): PeriodicRun | PeriodicSkip {
  const found = evidence.cases.find((c) => c.id === caseId);
  if (found === undefined) return skip('NOT APPLICABLE', `The audit did not run the ${caseId} case.`);
  if (found.status === 'not-applicable') return skip('NOT APPLICABLE', `The ${caseId} case did not apply: ${found.reason ?? 'no reason given'}.`);
  if (found.status === 'inconclusive') return skip('INCONCLUSIVE', `The ${caseId} case could not be completed: ${found.reason ?? 'no reason given'}.`);

  const set = found.captures.set;
  if (set?.kind !== 'call') return skip('INCONCLUSIVE', `The ${caseId} case holds no SetVariableMonitoring exchange to time events against.`);
  if (!set.ok || set.response === undefined) {
    const failure = set.failure ? `${set.failure.errorCode ?? set.failure.kind}: ${set.failure.description}` : 'no response';
    const unsupported = set.failure?.errorCode === 'NotSupported' || set.failure?.errorCode === 'NotImplemented';
    return skip(unsupported ? 'NOT APPLICABLE' : 'INCONCLUSIVE', `Setting the ${type} monitor failed (${failure}), so there are no events to time.`, set.seqs);
  }
  const request = asRecord(asArray(set.request.setMonitoringData)[0]) ?? {};
  const result = asRecord(asArray(set.response.setMonitoringResult)[0]) ?? {};
  const status = asString(result.status);
  if (status !== 'Accepted') return skip('NOT APPLICABLE', `The station answered ${status ?? 'nothing usable'} to the ${type} monitor, so there are no events to time.`, set.seqs);
  const intervalS = asNumber(request.value);
  if (intervalS === undefined || intervalS <= 0) return skip('INCONCLUSIVE', `The ${type} monitor request carries no positive interval.`, set.seqs);

  const events = found.captures.events;
  if (events?.kind !== 'messages') return skip('INCONCLUSIVE', `The ${caseId} case collected no NotifyEvents.`, set.seqs);

  const monitorId = asNumber(result.id);
  const component = toComponent(request.component);
  const variable = toVariable(request.variable);
  // Without an id in the result, the periodic events on the monitored variable are the best guess.
  const mine = eventItems(events.messages).filter((item) =>
    monitorId !== undefined ? item.variableMonitoringId === monitorId : item.trigger === 'Periodic' && sameComponent(item.component, component) && sameVariable(item.variable, variable),
  );
  return {
    caseEvidence: found,
    set,
    events,
    intervalS,
    monitorId,
    items: orderByTime(dedupe(mine)),
    windowStartMs: windowStart(timeMs(set.sentAt), timeMs(events.startedAt)),
    windowEndMs: timeMs(events.endedAt),
    toleranceS: periodicTolerance(evidence),
    toolLateS: (events.toolLateMs ?? 0) / 1000,
  };
}

/**
 * Whether an error in receive times (s) beyond the tolerance could be the auditor's own lateness
 * rather than the station's: a stall of L s moves a receive time by up to L s.
 */
export function toolLatenessExplains(receiveErrorS: number, run: Pick<PeriodicRun, 'toleranceS' | 'toolLateS'>): boolean {
  return run.toolLateS > 0 && receiveErrorS <= run.toleranceS + run.toolLateS;
}

/** ", but the auditor itself was up to 0.8 s late while collecting them, so their delivery is not judged". */
export function toolLatenessClause(run: Pick<PeriodicRun, 'toolLateS'>): string {
  return `the auditor itself was up to ${roundS(run.toolLateS)} s late while collecting them (its event loop was blocked), so their delivery is not held against the station`;
}

export function isSkip(value: PeriodicRun | PeriodicSkip): value is PeriodicSkip {
  return 'verdict' in value;
}

function windowStart(setMs: number | undefined, waitMs: number | undefined): number | undefined {
  if (setMs === undefined) return waitMs;
  return waitMs !== undefined && waitMs > setMs ? waitMs : setMs;
}

function skip(verdict: Verdict, reason: string, seqs: number[] = []): PeriodicSkip {
  return { verdict, reason, seqs };
}

/** A resent event (same eventId and timestamp) counts once. */
function dedupe(items: EventItem[]): EventItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (item.eventId === undefined) return true;
    const key = `${item.eventId}|${item.timestamp ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function orderByTime(items: EventItem[]): EventItem[] {
  const at = (item: EventItem): number => item.timestampMs ?? item.receivedMs ?? 0;
  return [...items].sort((a, b) => at(a) - at(b) || a.seq - b.seq);
}

/**
 * The times to judge: the station's timestamps when every event has a readable one, otherwise
 * the receive times (and which of the two was used).
 */
export function judgedTimes(items: readonly EventItem[]): { source: 'timestamp' | 'received'; timesMs: number[] } {
  const stamped = items.map((item) => item.timestampMs);
  if (stamped.every((t): t is number => t !== undefined)) return { source: 'timestamp', timesMs: stamped };
  return { source: 'received', timesMs: receivedTimes(items) };
}

/** Receive times in ascending order (events whose receive time does not parse are left out). */
export function receivedTimes(items: readonly EventItem[]): number[] {
  return items
    .map((item) => item.receivedMs)
    .filter((t): t is number => t !== undefined)
    .sort((a, b) => a - b);
}

/**
 * How far the station's clock lags ours, from its stamps: an event arrives after it is stamped,
 * so the smallest (receive time − stamp) is the lag plus the quickest delivery.
 */
export function stationLagMs(items: readonly EventItem[]): number | undefined {
  const lags = items.flatMap((item) => (item.receivedMs !== undefined && item.timestampMs !== undefined ? [item.receivedMs - item.timestampMs] : []));
  return lags.length > 0 ? Math.min(...lags) : undefined;
}
