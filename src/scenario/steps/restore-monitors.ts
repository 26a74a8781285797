import { describeFailure } from '../../ocpp/call-outcome.js';
import { protocolFor } from '../../ocpp/protocol.js';
import type { Capture, LostMonitor, MonitorRestoreCapture } from '../../evidence/evidence.js';
import { compareMonitors, describeLost, describeManufacturerLost, monitorsIn, sameSettings, sameSlot, type StationMonitor } from '../../evidence/station-monitors.js';
import { asArray, asNumber, asRecord, asString } from '../../evidence/payload-read.js';
import { splitPayload } from '../batching.js';
import type { RestoreMonitorsStep } from '../testcase.js';
import { fill } from '../template.js';
import type { StepResult, StepRun } from '../step-run.js';
import { incompleteReason, listed, readMonitors } from './snapshot-monitors.js';

/**
 * Puts back what a case removed from the station's monitors. SetMonitoringBase FactoryDefault and
 * HardWiredOnly delete every custom monitor (N03, the table of the 2025 errata), also those an
 * operator set long before the audit. The step compares the monitors recorded before the case
 * with those listed now; each one gone that no report after a deleting base listed (so not the
 * manufacturer's) is set again with its type, value, severity and transaction flag on the same
 * component and variable. The station gives it a new id (N04.FR.11); a monitor the operator had
 * changed from the manufacturer's settings (it became custom, N04.FR.15) is set back on the
 * manufacturer's monitor now in its place, by that id (N04.FR.12). A last report verifies.
 */
export async function runRestoreMonitors(step: RestoreMonitorsStep, run: StepRun): Promise<StepResult> {
  const found = run.context.captures[step.from];
  if (found?.kind !== 'monitors') return { status: 'skipped', detail: `no monitors were recorded as "${step.from}" (the case stopped before), so none are set again`, seqs: [] };
  const windowMs = Number(fill(step.withinS, run.context, `${run.where}/withinS`)) * 1000 * run.timeoutScale;
  // Also after Ctrl-C: the operator's monitors must not stay deleted because the audit was cut short.
  const present = await readMonitors(run, Number(fill(step.requestId, run.context, `${run.where}/requestId`)), windowMs, true);
  const capture: MonitorRestoreCapture = {
    kind: 'monitor-restore',
    found: { count: found.monitors.length, complete: found.complete },
    present: { status: present.status, complete: present.complete, count: present.monitors.length },
    custom: [],
    manufacturer: [],
    seqs: [...present.seqs],
  };
  const result = (status: StepResult['status'], detail: string, inconclusive = false): StepResult => ({ status, detail, seqs: capture.seqs, capture, ...(inconclusive ? { inconclusive } : {}) });
  // Without the list of what is there now, setting monitors again could double them.
  if (!present.complete) return result('unmet', `the monitors present now could not be read (${incompleteReason(present, windowMs)}), so none was set again`, present.unanswered);

  const { onlyInA: gone, onlyInB: unmatched } = compareMonitors(found.monitors, present.monitors);
  const manufacturers = (step.manufacturerReports ?? []).flatMap((name) => listedIn(run.context.captures[name]));
  for (const monitor of gone) {
    if (manufacturers.some((m) => sameSettings(m, monitor))) capture.manufacturer.push(monitor);
    else capture.custom.push({ monitor });
  }
  if (gone.length === 0) return result('ok', `all ${found.monitors.length} monitor(s) recorded before are still there: nothing to set again`);

  capture.seqs.push(...(await setAgain(capture.custom, unmatched, run)));
  if (capture.custom.some((l) => l.recreate !== undefined && l.recreate.status !== 'not sent')) {
    const verified = await readMonitors(run, Number(fill(step.verifyRequestId, run.context, `${run.where}/verifyRequestId`)), windowMs, true);
    capture.seqs.push(...verified.seqs);
    capture.verified = { status: verified.status, complete: verified.complete, count: verified.monitors.length };
    const pool = [...verified.monitors];
    for (const lost of capture.custom) {
      const index = pool.findIndex((m) => sameSettings(m, lost.monitor));
      if (index >= 0) lost.verifiedAs = pool.splice(index, 1)[0]?.id;
    }
  }
  const lines = [...capture.custom.map((l) => describeLost(l, capture.verified)), ...capture.manufacturer.map(describeManufacturerLost)];
  const detail = `${gone.length} of ${found.monitors.length} monitor(s) recorded before were gone: ${listed(lines)}`;
  const missing = capture.custom.filter((l) => l.verifiedAs === undefined);
  // Unknown rather than unmet when the station stopped answering or the verifying report did not come complete.
  const unknown = missing.length > 0 && (missing.some((l) => l.recreate?.unanswered === true) || (capture.verified !== undefined && !capture.verified.complete));
  return result(missing.length === 0 ? 'ok' : 'unmet', detail, unknown);
}

/** The monitors a report capture lists (collect-report parts or a snapshot). */
function listedIn(capture: Capture | undefined): StationMonitor[] {
  if (capture?.kind === 'monitors') return capture.monitors;
  if (capture?.kind === 'messages') return monitorsIn(capture.messages);
  return [];
}

/**
 * Sends SetVariableMonitoring for each lost custom monitor, within the station's limits
 * (N04.FR.09), and records each result on its monitor. `spare` are monitors listed now that
 * nothing recorded before matches: one in the same place with the same type and severity is the
 * manufacturer's monitor the operator had changed, and gets the operator's settings back by its id.
 * Returns the journal seqs of the exchanges.
 */
async function setAgain(custom: LostMonitor[], spare: StationMonitor[], run: StepRun): Promise<number[]> {
  // The station's own version decides what a request can carry (a 2.1 TargetDelta monitor is no 2.0.1 monitor type).
  const validator = (run.session.protocol ?? protocolFor('2.0.1')).validator();
  const toSend: Array<{ lost: LostMonitor; data: Record<string, unknown> }> = [];
  for (const lost of custom) {
    const { monitor } = lost;
    const twinIndex = spare.findIndex((candidate) => sameSlot(candidate, monitor));
    const twin = twinIndex >= 0 ? spare.splice(twinIndex, 1)[0] : undefined;
    const data: Record<string, unknown> = { ...(twin ? { id: twin.id } : {}), transaction: monitor.transaction, value: monitor.value, type: monitor.type, severity: monitor.severity, component: monitor.component, variable: monitor.variable };
    const check = validator.validate('SetVariableMonitoring', 'request', { setMonitoringData: [data] });
    if (!check.valid) {
      // The station reported it with fields no request can carry (e.g. a name over 50 characters).
      lost.recreate = { status: 'not sent', detail: `the station reported it with ${check.issues.map((i) => `${i.instancePath || '/'} ${i.message}`).join('; ')}` };
      continue;
    }
    lost.recreate = { status: 'not sent', ...(twin ? { replacing: twin.id } : {}) };
    toSend.push({ lost, data });
  }
  const seqs: number[] = [];
  if (toSend.length === 0) return seqs;
  const items = run.limit('MonitoringCtrlr', 'ItemsPerMessage', 'SetVariableMonitoring') ?? Number.POSITIVE_INFINITY;
  const bytes = run.limit('MonitoringCtrlr', 'BytesPerMessage', 'SetVariableMonitoring') ?? Number.POSITIVE_INFINITY;
  const batches = splitPayload('SetVariableMonitoring', { setMonitoringData: toSend.map((t) => t.data) }, items, bytes);
  let next = 0;
  let gone = false;
  for (const batch of batches) {
    const members = toSend.slice(next, next + asArray(batch['setMonitoringData']).length);
    next += members.length;
    const record = (lost: LostMonitor, fields: Omit<NonNullable<LostMonitor['recreate']>, 'replacing'>): void => {
      lost.recreate = { ...(lost.recreate?.replacing !== undefined ? { replacing: lost.recreate.replacing } : {}), ...fields };
    };
    if (gone) {
      for (const { lost } of members) record(lost, { status: 'not sent', detail: 'the station had stopped answering', unanswered: true });
      continue;
    }
    const outcome = await run.session.call<{ setMonitoringResult: unknown[] }>('SetVariableMonitoring', batch, { timeoutMs: run.callTimeoutMs * run.timeoutScale });
    if (outcome.messageId) seqs.push(...run.session.framesOf(outcome.messageId));
    if (!outcome.ok) {
      const unanswered = outcome.failure.kind === 'timeout' || outcome.failure.kind === 'disconnected';
      gone = unanswered;
      const { failure } = outcome;
      const fields = failure.kind === 'call-error' ? { status: `CALLERROR ${failure.errorCode}`, ...(failure.errorDescription ? { detail: failure.errorDescription } : {}) } : { status: 'no answer', detail: describeFailure(failure) };
      for (const { lost } of members) record(lost, { ...fields, ...(unanswered ? { unanswered: true as const } : {}) });
      continue;
    }
    const results = asArray(outcome.payload.setMonitoringResult);
    members.forEach(({ lost }, index) => {
      const answer = asRecord(results[index]);
      const status = asString(answer?.status);
      const info = asRecord(answer?.statusInfo);
      const reason = [asString(info?.reasonCode), asString(info?.additionalInfo)].filter((t) => t !== undefined).join(': ');
      const id = asNumber(answer?.id);
      if (status === undefined) record(lost, { status: 'no result', detail: 'the response held no result for it (N04.FR.01)' });
      else record(lost, { status, ...(id !== undefined ? { id } : {}), ...(reason ? { detail: reason } : {}) });
    });
  }
  return seqs;
}
