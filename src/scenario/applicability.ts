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
    if (need === 'dataCollector') {
      const problem = dataCollectorProblem(evidence);
      if (problem) return problem;
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
    const listed = listedNeed(need, context);
    if (listed) return listed;
  }
  return undefined;
}

/**
 * Needs on what an OCPP 1.6 station says of itself in its configuration (1.6 §9.1): a comma-separated
 * key that an earlier case remembered as `known.<known>` (ocpp16-configuration). `featureProfile:P`:
 * SupportedFeatureProfiles lists P (the optional profiles' messages are only asked of a station that
 * claims them); `fileTransfer:P`: SupportedFileTransferProtocols, an optional key, does not leave P out.
 */
export const LISTED_NEEDS: Readonly<Record<string, { known: string; key: string; unlisted: (value: string) => string | undefined; lacking: (value: string, listed: string) => string }>> = {
  featureProfile: {
    known: 'featureProfiles',
    key: 'SupportedFeatureProfiles',
    unlisted: (profile) => `the station did not list SupportedFeatureProfiles, so whether it supports the ${profile} feature profile is unknown`,
    lacking: (profile, listed) => `the station does not support the ${profile} feature profile (its SupportedFeatureProfiles: ${listed})`,
  },
  fileTransfer: {
    known: 'fileTransferProtocols',
    key: 'SupportedFileTransferProtocols',
    // The key is optional: a station that does not list it is asked in the audit's protocol.
    unlisted: () => undefined,
    lacking: (protocol, listed) => `the station uploads files only by ${listed} (its SupportedFileTransferProtocols); the audit receives files by ${protocol}`,
  },
};

/** The rule of a need on the station's configuration, or undefined for any other need. */
export function listedNeedRule(need: string): (typeof LISTED_NEEDS)[string] | undefined {
  const word = need.split(':')[0] ?? '';
  return Object.hasOwn(LISTED_NEEDS, word) ? LISTED_NEEDS[word] : undefined;
}

function listedNeed(need: string, context: Record<string, unknown>): string | undefined {
  const rule = listedNeedRule(need);
  if (!rule) return undefined;
  const wanted = need.slice(need.indexOf(':') + 1);
  const value = valueAt(context, `known.${rule.known}`);
  if (typeof value !== 'string') return rule.unlisted(wanted);
  const items = value.split(',').map((item) => item.trim()).filter(Boolean);
  return items.includes(wanted) ? undefined : rule.lacking(wanted, items.length > 0 ? items.join(', ') : 'nothing');
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

/**
 * Why a station has no DataCollectorLog to give (OCPP 2.1 N01.FR.24 asks for it only when
 * supported): its device model has no DataCollector component, or none is Enabled.
 */
function dataCollectorProblem(evidence: Evidence): string | undefined {
  const { entries, complete } = evidence.deviceModel;
  const collectors = entries.filter((e) => e.component.name.toLowerCase() === 'datacollector');
  if (collectors.length === 0) {
    return complete ? 'the station reports no DataCollector in its device model, so it keeps no DataCollectorLog' : 'the station did not report its whole device model, so whether it has a DataCollector is unknown';
  }
  const enabled = collectors.filter((e) => e.variable.name.toLowerCase() === 'enabled' && e.variableAttribute.find((a) => (a.type ?? 'Actual') === 'Actual')?.value === 'true');
  if (enabled.length === 0) return 'the station\'s DataCollector is not enabled (DataCollector.Enabled is not true), so it collects no DataCollectorLog';
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
