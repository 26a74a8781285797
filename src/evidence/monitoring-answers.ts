import { actualValue } from './device-model-assembly.js';
import type { CallCapture, CaseEvidence, CollectedMessage, Evidence } from './evidence.js';
import { asArray, asRecord, asString } from './payload-read.js';

/** The monitoring requests of N02–N06. */
export const MONITORING_ACTIONS: ReadonlySet<string> = new Set(['SetVariableMonitoring', 'ClearVariableMonitoring', 'SetMonitoringBase', 'SetMonitoringLevel', 'GetMonitoringReport']);

/** A station's answer that shows something, with the frames that show it. */
export interface Answer {
  /** In plain words: `GetMonitoringReport with CALLERROR NotSupported`. */
  what: string;
  seqs: number[];
}

/**
 * What the station answered to the audit's monitoring requests, sorted into the kinds of answer
 * that tell support apart (field notes: honest refusals, NotImplemented behind an advertised
 * MonitoringCtrlr, and "Accepted" with nothing behind it):
 * - `refusals`: the station says it does not do monitoring: CALLERROR NotSupported/NotImplemented
 *   to any monitoring request; NotSupported or Rejected to the preflight's GetMonitoringReport
 *   (N02.FR.02); the probe monitor refused (Rejected, UnsupportedMonitorType) on a variable the
 *   station itself calls monitorable.
 * - `acceptances`: a GetMonitoringReport or a SetVariableMonitoring result Accepted: the station
 *   says it does.
 * - `hollow`: acceptances with nothing behind them: a monitor Accepted without an id (N04.FR.11);
 *   a GetMonitoringReport Accepted and no NotifyMonitoringReport for it (N02.FR.03); the probe
 *   monitor missing from its own report (N02.FR.11) or never firing (N08.FR.06).
 */
export interface MonitoringAnswers {
  /** Every monitoring request the audit made (any case). */
  calls: CallCapture[];
  refusals: Answer[];
  acceptances: Answer[];
  hollow: Answer[];
  /** The probe monitor worked: it fired (a NotifyEvent with its id came) and its report listed it. */
  probeWorking: boolean;
}

/** The case that probes monitoring with one Periodic monitor on a monitorable variable. */
export const PROBE_CASE = 'monitoring-probe';
/** The case that records the station's monitoring as found (MonitoringCtrlr, GetMonitoringReport). */
export const PREFLIGHT_CASE = 'monitoring-preflight';

export function monitoringAnswers(evidence: Evidence): MonitoringAnswers {
  const calls = evidence.cases.flatMap((c) => Object.values(c.captures)).filter((c): c is CallCapture => c.kind === 'call' && MONITORING_ACTIONS.has(c.action));
  const refusals: Answer[] = [];
  const acceptances: Answer[] = [];
  const hollow: Answer[] = [];
  for (const call of calls) {
    const code = call.failure?.kind === 'call-error' ? call.failure.errorCode : undefined;
    if (code === 'NotSupported' || code === 'NotImplemented') refusals.push({ what: `${call.action} with CALLERROR ${code}`, seqs: call.seqs });
    if (!call.ok) continue;
    const status = asRecord(call.response)?.['status'];
    // EmptyResultSet is no claim: a station without monitoring may answer it too (field notes: shiv3).
    if (call.action === 'GetMonitoringReport' && status === 'Accepted') acceptances.push({ what: 'GetMonitoringReport Accepted', seqs: call.seqs });
    if (call.action === 'SetVariableMonitoring') {
      const results = asArray(asRecord(call.response)?.['setMonitoringResult']).map(asRecord);
      const accepted = results.filter((r) => r?.['status'] === 'Accepted');
      if (accepted.length > 0) acceptances.push({ what: 'SetVariableMonitoring Accepted', seqs: call.seqs });
      if (accepted.some((r) => typeof r?.['id'] !== 'number')) hollow.push({ what: 'SetVariableMonitoring answered Accepted without a monitor id (N04.FR.11), so nothing can report, change or clear that monitor', seqs: call.seqs });
    }
  }
  const preflight = evidence.cases.find((c) => c.id === PREFLIGHT_CASE);
  const probeStatus = asRecord(asCall(preflight?.captures['probe'])?.response)?.['status'];
  if (probeStatus === 'NotSupported' || probeStatus === 'Rejected') refusals.push({ what: `GetMonitoringReport with status ${probeStatus}`, seqs: asCall(preflight?.captures['probe'])?.seqs ?? [] });
  hollow.push(...reportsNeverSent(evidence));
  const probe = probeFacts(evidence.cases.find((c) => c.id === PROBE_CASE), eventsExpected(evidence), evidence.notifyEvents);
  refusals.push(...probe.refusals);
  hollow.push(...probe.hollow);
  return { calls, refusals, acceptances, hollow: dedupe(hollow), probeWorking: probe.working };
}

/** Why the preflight has no monitoring report of the station as found, when the station's answer says why. */
export function baselineMissing(evidence: Evidence): string | undefined {
  const preflight = evidence.cases.find((c) => c.id === PREFLIGHT_CASE);
  const probe = asCall(preflight?.captures['probe']);
  if (!preflight || !probe) return undefined;
  const code = probe.failure?.kind === 'call-error' ? probe.failure.errorCode : undefined;
  if (code === 'NotSupported' || code === 'NotImplemented') return `the station does not support monitoring: it answers GetMonitoringReport with CALLERROR ${code}`;
  const status = asRecord(probe.response)?.['status'];
  if (status === 'NotSupported' || status === 'Rejected') return `the station does not support monitoring: it answers GetMonitoringReport with ${status}`;
  const step = preflight.steps.find((s) => s.id === 'baseline-report');
  const report = preflight.captures['baseline-report'];
  if (status === 'Accepted' && step?.status === 'unmet' && step.inconclusive !== true && report?.kind === 'messages' && report.messages.length === 0) {
    return 'the station accepted GetMonitoringReport and never sent the report';
  }
  return undefined;
}

/** GetMonitoringReport Accepted, and a wait for its report that ended with no part of it while the station stayed connected. */
function reportsNeverSent(evidence: Evidence): Answer[] {
  const answered = new Set<unknown>();
  for (const testCase of evidence.cases) {
    for (const capture of Object.values(testCase.captures)) {
      if (capture.kind === 'messages' && capture.action === 'NotifyMonitoringReport') for (const m of capture.messages) answered.add(m.payload['requestId']);
    }
  }
  const waitedInVain = (testCase: CaseEvidence): boolean =>
    testCase.steps.some((s) => s.kind === 'collect-report' && s.status === 'unmet' && s.inconclusive !== true && testCase.captures[s.id]?.kind === 'messages');
  const never: Answer[] = [];
  for (const testCase of evidence.cases.filter(waitedInVain)) {
    for (const capture of Object.values(testCase.captures)) {
      const call = asCall(capture);
      if (call?.action !== 'GetMonitoringReport' || asRecord(call.response)?.['status'] !== 'Accepted') continue;
      const requestId = call.request['requestId'];
      if (!answered.has(requestId)) never.push({ what: 'GetMonitoringReport answered Accepted (N02.FR.03) and no NotifyMonitoringReport followed', seqs: call.seqs });
    }
  }
  return never;
}

/** What the probe case showed: the monitor refused, or accepted and then not listed or not firing. */
function probeFacts(testCase: CaseEvidence | undefined, expectEvents: boolean, notifyEvents: readonly CollectedMessage[]): { refusals: Answer[]; hollow: Answer[]; working: boolean } {
  const none = { refusals: [], hollow: [], working: false };
  const set = asCall(testCase?.captures['set']);
  if (!testCase || testCase.status !== 'completed' || !set?.ok) return none;
  const result = asRecord(asArray(asRecord(set.response)?.['setMonitoringResult'])[0]);
  const status = result?.['status'];
  const target = describeTarget(set);
  if (status === 'Rejected' || status === 'UnsupportedMonitorType') return { ...none, refusals: [{ what: `SetVariableMonitoring of a Periodic monitor on ${target} (a variable it reports as monitorable) with ${status}`, seqs: set.seqs }] };
  if (status !== 'Accepted' || typeof result?.['id'] !== 'number') return none;
  const outcome = (id: string) => testCase.steps.find((s) => s.id === id);
  const definitelyMissing = (id: string): boolean => outcome(id)?.status === 'unmet' && outcome(id)?.inconclusive !== true;
  const hollow: Answer[] = [];
  const fired = outcome('fired');
  // An event of the monitor that came after the window proves it implemented (late is not never).
  const setData = asRecord(asArray(set.request['setMonitoringData'])[0]);
  const sameTarget = (d: Record<string, unknown> | undefined): boolean =>
    d !== undefined && d['variableMonitoringId'] === result['id'] && asRecord(d['component'])?.['name'] === asRecord(setData?.['component'])?.['name'] && asRecord(d['variable'])?.['name'] === asRecord(setData?.['variable'])?.['name'];
  const cameLater = notifyEvents.some((m) => asArray(m.payload['eventData']).some((d) => sameTarget(asRecord(d))));
  if (expectEvents && definitelyMissing('fired') && !cameLater) hollow.push({ what: `the Periodic monitor it accepted on ${target} (id ${String(result['id'])}) never sent a NotifyEvent (${fired?.detail ?? ''}) (N08.FR.06)`, seqs: set.seqs });
  // Not listed: missing from the report that came, or the report refused outright (EmptyResultSet, a CALLERROR).
  const unlisted = definitelyMissing('listed') ? outcome('listed') : definitelyMissing('report-accepted') ? outcome('report-accepted') : undefined;
  if (unlisted) hollow.push({ what: `the monitor it accepted on ${target} (id ${String(result['id'])}) is missing from its own monitoring report (N02.FR.11)`, seqs: [...set.seqs, ...unlisted.seqs] });
  return { refusals: [], hollow, working: fired?.status === 'ok' && outcome('listed')?.status === 'ok' };
}

/** The probe's severity, 5, reaches the CSMS unless monitoring is off or its level filters it out (N05.FR.03). */
const PROBE_SEVERITY = 5;

/**
 * Whether a monitor that works must send events: not when MonitoringCtrlr.Enabled is false
 * (disabled is its own verdict), nor when ActiveMonitoringLevel is below the probe's severity.
 * Read from the FullInventory or, failing that, the preflight's GetVariables.
 */
function eventsExpected(evidence: Evidence): boolean {
  const read = (name: string): string | undefined => {
    const fromModel = actualValue(evidence.deviceModel.entries, 'MonitoringCtrlr', name);
    if (fromModel !== undefined) return fromModel;
    const controller = evidence.cases.find((c) => c.id === PREFLIGHT_CASE)?.captures['controller'];
    return controller?.kind === 'variables' ? controller.values.find((v) => v.variable.name === name && v.status === 'Accepted')?.value : undefined;
  };
  if (read('Enabled') === 'false') return false;
  // Only a whole number is a level (N05): an empty or odd value says nothing, so events are expected.
  const text = read('ActiveMonitoringLevel')?.trim();
  const level = text !== undefined && /^\d+$/.test(text) ? Number(text) : Number.NaN;
  return !(Number.isInteger(level) && level < PROBE_SEVERITY);
}

function describeTarget(set: CallCapture): string {
  const data = asRecord(asArray(set.request['setMonitoringData'])[0]);
  const name = (part: unknown): string => asString(asRecord(part)?.['name']) ?? '?';
  return `${name(data?.['component'])}.${name(data?.['variable'])}`;
}

function asCall(capture: unknown): CallCapture | undefined {
  const record = asRecord(capture);
  return record?.['kind'] === 'call' ? (record as unknown as CallCapture) : undefined;
}

/** One finding per kind of hollow answer: the same answer to many requests is one defect, counted. */
function dedupe(answers: Answer[]): Answer[] {
  const seen = new Map<string, { answer: Answer; times: number }>();
  for (const answer of answers) {
    const first = seen.get(answer.what);
    if (first) {
      first.answer.seqs.push(...answer.seqs);
      first.times += 1;
    } else seen.set(answer.what, { answer: { what: answer.what, seqs: [...answer.seqs] }, times: 1 });
  }
  return [...seen.values()].map(({ answer, times }) => (times > 1 ? { ...answer, what: `${answer.what} (${times} requests)` } : answer));
}
