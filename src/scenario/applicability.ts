import type { Evidence } from '../evidence/evidence.js';
import { actualValue } from '../evidence/device-model-assembly.js';
import { monitoringAnswers } from '../evidence/monitoring-answers.js';
import { valueAt } from './json-path.js';
import { unresolvedReason } from './unresolved-reason.js';
import type { TestCase } from './testcase.js';

/**
 * Why a test case does not apply to this station, from its `needs` and what the audit knows so
 * far (evidence and case context); undefined when it applies. The reason is shown as the case's
 * NOT APPLICABLE verdict, so it says what is missing in plain words.
 */
export function unmetNeed(testCase: Pick<TestCase, 'needs'>, context: Record<string, unknown>, evidence: Evidence, nonInteractive: boolean): string | undefined {
  for (const need of testCase.needs ?? []) {
    if (need === 'interactive' && nonInteractive) return 'needs physical action (--non-interactive)';
    if (need === 'monitoring') {
      const problem = monitoringProblem(evidence);
      if (problem) return problem;
    }
    if (need === 'customReport' && refusal(evidence, 'GetReport')) return 'the station does not support GetReport';
    // OCPP 2.1: a station may say it has no periodic event streams at all.
    if (need === 'periodicEventStreams' && actualValue(evidence.deviceModel.entries, 'MonitoringCtrlr', 'MaxPeriodicEventStreams')?.trim() === '0') {
      return 'the station supports no periodic event streams: MonitoringCtrlr.MaxPeriodicEventStreams is 0';
    }
    if (need.startsWith('has:')) {
      const path = need.slice(4);
      if (valueAt(context, path) === undefined) return unresolvedReason({ path, problem: 'absent' }, context, evidence).text;
    }
    // E.g. a written value read back only when the station did not say it takes effect at the next reboot.
    if (need.startsWith('unless:')) {
      const [path = '', value] = need.slice(7).split('=');
      if (String(valueAt(context, path)) === value) return `not applicable: the station answered ${value}`;
    }
    // The fallback cases: e.g. a threshold on a live reading only when nothing can be written.
    if (need.startsWith('lacks:') && valueAt(context, need.slice(6)) !== undefined) return `not needed: the station has ${need.slice(6)}, and the cases that use it apply`;
  }
  return undefined;
}

/**
 * Why monitoring cases cannot run: unsupported, said by the station itself (a refused monitoring
 * request or probe monitor, or no MonitoringCtrlr; and no monitoring request accepted), or
 * disabled. A station that accepts monitoring requests is audited on them whatever its
 * inventory says, and each case judges its own refusals: "Accepted" with nothing behind it must
 * fail, not be skipped.
 */
function monitoringProblem(evidence: Evidence): string | undefined {
  const answers = monitoringAnswers(evidence);
  const refused = answers.refusals[0];
  if (refused && answers.acceptances.length === 0) return `monitoring unsupported: the station answers ${refused.what}`;
  const { entries, complete } = evidence.deviceModel;
  if (complete && !entries.some((e) => e.component.name.toLowerCase() === 'monitoringctrlr') && answers.acceptances.length === 0) return 'monitoring unsupported: the device model has no MonitoringCtrlr';
  if (actualValue(entries, 'MonitoringCtrlr', 'Enabled') === 'false') return 'monitoring disabled: MonitoringCtrlr.Enabled is false';
  return undefined;
}

/** The CALLERROR meaning "not there" (NotSupported/NotImplemented) a station gave to an action so far, if any. */
function refusal(evidence: Evidence, action: string): string | undefined {
  for (const testCase of evidence.cases) {
    for (const capture of Object.values(testCase.captures)) {
      if (capture.kind === 'call' && capture.action === action && capture.failure?.kind === 'call-error' && /^Not(Supported|Implemented)$/.test(capture.failure.errorCode ?? '')) {
        return `${action} with CALLERROR ${capture.failure.errorCode}`;
      }
    }
  }
  return undefined;
}
