import type { CallCapture, Evidence } from '../evidence/evidence.js';
import { resultOf, type Check, type CheckResult } from './check.js';

const MONITORING_ACTIONS = new Set(['SetVariableMonitoring', 'ClearVariableMonitoring', 'SetMonitoringBase', 'SetMonitoringLevel', 'GetMonitoringReport']);

/**
 * Tells the three ways a station can lack monitoring apart, because a buyer acts differently on
 * each: unsupported (no MonitoringCtrlr, requests refused: a feature gap), disabled
 * (MonitoringCtrlr.Enabled false: a setting), or claimed but not implemented (the device model
 * or an Accepted answer says yes, the behaviour says no: a defect).
 */
export const monitoringSupport: Check = {
  id: 'monitoring-support',
  title: 'Monitoring is supported, enabled and really implemented',
  refs: ['N02', 'N03', 'N04', 'N05', 'N06', 'N07', 'N08'],
  category: 'monitoring',
  evaluate(evidence: Evidence): CheckResult {
    const { entries, complete } = evidence.deviceModel;
    const controller = entries.filter((e) => e.component.name.toLowerCase() === 'monitoringctrlr');
    const enabledEntry = controller.find((e) => e.variable.name.toLowerCase() === 'enabled');
    const enabled = enabledEntry?.variableAttribute.find((a) => (a.type ?? 'Actual') === 'Actual')?.value;
    const calls = evidence.cases.flatMap((c) => Object.values(c.captures)).filter((c): c is CallCapture => c.kind === 'call' && MONITORING_ACTIONS.has(c.action));
    const refusals = calls.filter((c) => /^Not(Supported|Implemented)$/.test(c.failure?.errorCode ?? ''));
    const answered = calls.filter((c) => c.ok);
    const emptyAccepts = calls.filter(
      (c) => c.action === 'SetVariableMonitoring' && c.ok && ((c.response?.['setMonitoringResult'] as Array<{ status?: string; id?: unknown }> | undefined) ?? []).some((r) => r.status === 'Accepted' && typeof r.id !== 'number'),
    );
    const seqs = [...(enabledEntry ? [enabledEntry.seq] : []), ...refusals.flatMap((c) => c.seqs), ...emptyAccepts.flatMap((c) => c.seqs)];
    const details = { monitoringCtrlrReported: controller.length > 0, enabled: enabled ?? null, monitoringRequests: calls.length, refused: refusals.length, answered: answered.length };

    if (emptyAccepts.length > 0) {
      return resultOf(this, 'FAIL', `claimed but not implemented: SetVariableMonitoring answered Accepted without a monitor id (${emptyAccepts.length} time(s)), so nothing can be managed afterwards (N04.FR.11)`, seqs, { ...details, verdict: 'claimed-not-implemented' });
    }
    if (refusals.length > 0 && (controller.length > 0 || answered.length > 0)) {
      const refused = [...new Set(refusals.map((c) => `${c.action} (CALLERROR ${c.failure?.errorCode ?? ''})`))].join(', ');
      const why = controller.length > 0 ? `the device model reports a MonitoringCtrlr${enabled === 'true' ? ' with Enabled = true' : ''}` : 'other monitoring requests are answered';
      return resultOf(this, 'FAIL', `claimed but not implemented: ${why}, yet the station refuses ${refused}`, seqs, { ...details, verdict: 'claimed-not-implemented' });
    }
    if (enabled === 'false') {
      return resultOf(this, 'WARN', 'monitoring disabled: MonitoringCtrlr.Enabled is false, so no monitor reports anything until it is switched on', seqs, { ...details, verdict: 'disabled' });
    }
    if (controller.length === 0 && complete) {
      const how = refusals.length > 0 ? ` and refuses ${[...new Set(refusals.map((c) => c.action))].join(', ')}` : '';
      return resultOf(this, 'WARN', `monitoring unsupported: the device model has no MonitoringCtrlr${how} (Advanced Device Management is optional, but without it the station gives no diagnostics events)`, seqs, { ...details, verdict: 'unsupported' });
    }
    if (controller.length === 0 && refusals.length > 0) {
      return resultOf(this, 'WARN', `monitoring unsupported: the station refuses ${[...new Set(refusals.map((c) => c.action))].join(', ')}`, seqs, { ...details, verdict: 'unsupported' });
    }
    if (!complete && calls.length === 0) return resultOf(this, 'INCONCLUSIVE', 'neither a complete device model nor any monitoring request to judge by', seqs, details);
    if (calls.length === 0) return resultOf(this, 'INCONCLUSIVE', 'the station reports a MonitoringCtrlr but the audit sent no monitoring request', seqs, details);
    return resultOf(this, 'PASS', `supported and enabled: MonitoringCtrlr reported, ${answered.length} monitoring request(s) answered, none refused`, seqs, { ...details, verdict: 'supported' });
  },
};
