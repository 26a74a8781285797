import type { Evidence } from '../evidence/evidence.js';
import { monitoringAnswers, type Answer } from '../evidence/monitoring-answers.js';
import { resultOf, type Check, type CheckResult } from './check.js';

/**
 * The weight of this verdict in the monitoring category: whether monitoring exists at all decides
 * what every other monitoring answer is worth, so it counts as much as five single behaviours. A
 * station that fakes monitoring then cannot outscore an honest one on a few incidental "Accepted".
 */
export const MONITORING_SUPPORT_WEIGHT = 5;

/**
 * Tells the four states of a station's monitoring apart, because a buyer acts differently on
 * each: supported and working; disabled (MonitoringCtrlr.Enabled false: a setting); unsupported,
 * said by the station (requests refused: a feature gap, not a defect, so the behaviour cases are
 * NOT APPLICABLE); and claimed but not implemented (an advertised MonitoringCtrlr or an Accepted
 * answer says yes, the behaviour says no: a defect). The monitoring-preflight and
 * monitoring-probe cases run on every station so that this does not rest on the inventory alone.
 */
export const monitoringSupport: Check = {
  id: 'monitoring-support',
  title: 'Monitoring is supported, enabled and really implemented',
  refs: ['N02', 'N02.FR.03', 'N03', 'N04', 'N04.FR.11', 'N05', 'N06', 'N07', 'N08', 'N08.FR.06', 'TC_N_08', 'TC_N_24', 'TC_N_47'],
  category: 'monitoring',
  evaluate(evidence: Evidence): CheckResult {
    return { ...judge(evidence), weight: MONITORING_SUPPORT_WEIGHT };
  },
};

function judge(evidence: Evidence): CheckResult {
  const check = monitoringSupport;
  const { entries, complete } = evidence.deviceModel;
  const controller = entries.filter((e) => e.component.name.toLowerCase() === 'monitoringctrlr');
  const enabledEntry = controller.find((e) => e.variable.name.toLowerCase() === 'enabled');
  const enabled = enabledEntry?.variableAttribute.find((a) => (a.type ?? 'Actual') === 'Actual')?.value;
  const { calls, refusals, acceptances, hollow, probeWorking } = monitoringAnswers(evidence);
  const seqsOf = (answers: readonly Answer[]): number[] => answers.flatMap((a) => a.seqs);
  const seqs = [...(enabledEntry ? [enabledEntry.seq] : []), ...seqsOf(hollow), ...seqsOf(refusals)].sort((a, b) => a - b);
  const details = {
    monitoringCtrlrReported: controller.length > 0,
    enabled: enabled ?? null,
    monitoringRequests: calls.length,
    refused: refusals.length,
    accepted: acceptances.length,
    answered: calls.filter((c) => c.ok).length,
    probeWorking,
  };
  const list = (answers: readonly Answer[]): string => [...new Set(answers.map((a) => a.what))].join('; ');

  if (hollow.length > 0) {
    return resultOf(check, 'FAIL', `claimed but not implemented: ${list(hollow)}`, seqs, { ...details, verdict: 'claimed-not-implemented' });
  }
  const claimed = (controller.length > 0 && enabled !== 'false') || acceptances.length > 0;
  if (refusals.length > 0 && claimed) {
    const why = acceptances.length > 0 ? `it accepts ${[...new Set(acceptances.map((a) => a.what))].join(', ')}` : `the device model reports a MonitoringCtrlr${enabled === 'true' ? ' with Enabled = true' : ''}`;
    return resultOf(check, 'FAIL', `claimed but not implemented: ${why}, yet the station answers ${list(refusals)}`, seqs, { ...details, verdict: 'claimed-not-implemented' });
  }
  if (enabled === 'false') {
    return resultOf(check, 'WARN', 'monitoring disabled: MonitoringCtrlr.Enabled is false, so no monitor reports anything until it is switched on', seqs, { ...details, verdict: 'disabled' });
  }
  if (refusals.length > 0) {
    const how = controller.length === 0 && complete ? 'the device model has no MonitoringCtrlr and the station answers' : 'the station answers';
    return resultOf(check, 'WARN', `monitoring unsupported: ${how} ${list(refusals)} (Advanced Device Management is optional, but without it the station gives no diagnostics events)`, seqs, { ...details, verdict: 'unsupported' });
  }
  if (controller.length === 0 && complete && acceptances.length === 0) {
    return resultOf(check, 'WARN', 'monitoring unsupported: the device model has no MonitoringCtrlr and the station accepted no monitoring request (Advanced Device Management is optional, but without it the station gives no diagnostics events)', seqs, { ...details, verdict: 'unsupported' });
  }
  if (acceptances.length === 0) {
    if (!complete && calls.length === 0) return resultOf(check, 'INCONCLUSIVE', 'neither a complete device model nor any monitoring request to judge by', seqs, details);
    return resultOf(check, 'INCONCLUSIVE', 'the station accepted no monitoring request the audit made, nor refused one, so its support is unknown', seqs, details);
  }
  const working = probeWorking ? 'a probe monitor was set, listed in the monitoring report and fired' : `${acceptances.length} monitoring request(s) accepted, none refused`;
  return resultOf(check, 'PASS', `supported and enabled: ${controller.length > 0 ? 'MonitoringCtrlr reported, ' : ''}${working}`, seqs, { ...details, verdict: 'supported' });

}
