import type { Capture, Evidence } from '../evidence/evidence.js';
import { componentLabel, variableLabel } from '../evidence/component-ref.js';
import { filterConditions, valueAt } from './json-path.js';
import { roleNoun } from './targets.js';

/**
 * Why a step could not be filled in, in words. A gap the station left (a value it did not return,
 * a result it did not send, a variable it does not report) is said as what the station did:
 * "the station returned no value for OCPPCommCtrlr.OfflineThreshold (it answered UnknownVariable)".
 * A gap of the test case itself (an option nobody set, a name no step captures) is the tool's:
 * `station` is false and the text says so without the test case's file or template.
 */
export function unresolvedReason(
  reference: { path: string; problem: 'absent' | 'not-a-number' },
  context: Record<string, unknown>,
  evidence: Pick<Evidence, 'deviceModel' | 'missingTargets'>,
): { station: boolean; text: string; defect?: true } {
  const [root, name, ...rest] = reference.path.split('.');
  const found = reference.problem === 'not-a-number' ? valueAt(context, reference.path) : undefined;
  const notANumber = reference.problem === 'not-a-number' ? (what: string): string => `${what} is ${JSON.stringify(found)}, not a number` : undefined;
  switch (root) {
    case 'targets':
      return { station: true, text: targetGap(name ?? '', rest, context, evidence, notANumber) };
    case 'captures': {
      const capture = (context['captures'] as Record<string, Capture> | undefined)?.[name ?? ''];
      if (!capture) return { station: true, text: `step ${name ?? ''} did not run, so there is nothing to use from it` };
      const text = captureGap(capture, rest, notANumber);
      // B06: a value may be left out only when the status is not Accepted. Left out anyway, that is a finding, not a gap.
      return acceptedWithoutValue(capture, rest) ? { station: true, text, defect: true } : { station: true, text };
    }
    case 'known':
      return { station: true, text: `no earlier case found ${words(name ?? '')} on this station` };
    case 'guideline':
      return { station: true, text: `the guideline chosen for this station has no ${words(name ?? '')}` };
    case 'boot':
      return { station: true, text: 'no BootNotification of the station was accepted in this session (it was taken as it was, already booted)' };
    default:
      return { station: false, text: `the test case uses ${root === 'options' ? `the option ${name ?? ''}, which is not set` : 'a value nothing provides'}` };
  }
}

function targetGap(role: string, rest: string[], context: Record<string, unknown>, evidence: Pick<Evidence, 'deviceModel' | 'missingTargets'>, notANumber: ((what: string) => string) | undefined): string {
  const target = (context['targets'] as Record<string, { component: Parameters<typeof componentLabel>[0]; variable: Parameters<typeof variableLabel>[0] }> | undefined)?.[role];
  if (!target) {
    if (evidence.deviceModel.source === undefined) return `no FullInventory was collected to choose a ${roleNoun(role)} from`;
    if (!evidence.deviceModel.complete) return `the station's FullInventory did not complete, so no ${roleNoun(role)} could be chosen`;
    return evidence.missingTargets.find((m) => m.role === role)?.reason ?? `the station reports no ${roleNoun(role)}`;
  }
  const label = `${componentLabel(target.component)}.${variableLabel(target.variable)}`;
  if (notANumber) return notANumber(`the value the station reported for ${label}`);
  return `the station reported no ${TARGET_FIELDS[rest[0] ?? ''] ?? words(rest[0] ?? 'value')} for ${label}`;
}

/** Derived target fields, as what the station's report lacked for them. */
const TARGET_FIELDS: Record<string, string> = {
  value: 'value',
  above: 'value with room above it',
  delta: 'value with room above it',
  outOfRange: 'minLimit or maxLimit',
  other: 'second valid value',
  invalid: 'data type, limits or values list that rule out a value',
};

function acceptedWithoutValue(capture: Capture, rest: string[]): boolean {
  if (capture.kind !== 'variables' || rest[0] !== 'values') return false;
  const read = capture.values[Number(rest[1])];
  return read?.status === 'Accepted' && read.value === undefined;
}

function captureGap(capture: Capture, rest: string[], notANumber: ((what: string) => string) | undefined): string {
  if (capture.kind === 'variables') {
    const index = rest[0] === 'values' ? Number(rest[1]) : Number.NaN;
    const read = Number.isInteger(index) ? capture.values[index] : undefined;
    if (!read) return 'the station returned fewer GetVariables results than it was asked for';
    const label = `${componentLabel(read.component)}.${variableLabel(read.variable)}${read.attributeType !== 'Actual' ? ` (${read.attributeType})` : ''}`;
    if (notANumber) return notANumber(`the value the station returned for ${label}`);
    return read.status === 'Accepted' ? `the station returned no value for ${label}, although it answered Accepted` : `the station returned no value for ${label} (it answered ${read.status})`;
  }
  if (capture.kind === 'call') {
    if (!capture.ok) return `the station gave no ${capture.action} response (${capture.failure?.description ?? 'no answer'})`;
    const field = fieldOf(rest[0] === 'response' ? rest.slice(1) : rest);
    return notANumber ? notANumber(`${field} in the station's ${capture.action} response`) : `the station's ${capture.action} response has no ${field}`;
  }
  if (capture.kind !== 'messages') {
    // A monitor snapshot or restore record: what is missing is the station's monitoring report.
    return `the station's monitoring report has no ${fieldOf(rest)}`;
  }
  const index = rest[0] === 'messages' ? Number(rest[1]) : Number.NaN;
  if (Number.isInteger(index) && index >= capture.messages.length) {
    return capture.messages.length === 0 ? `the station sent no ${capture.action}` : `the station sent only ${capture.messages.length} ${capture.action}`;
  }
  const field = fieldOf(rest[0] === 'messages' ? rest.slice(rest[2] === 'payload' ? 3 : 2) : rest);
  return notANumber ? notANumber(`${field} in the station's ${capture.action}`) : `the station's ${capture.action} has no ${field}`;
}

/**
 * An OCPP field path as people write it: `setMonitoringResult[0].id`. A filter segment ends it in
 * words, since what is missing is an element of that kind: `configurationKey with readonly true
 * and a value`.
 */
function fieldOf(parts: string[]): string {
  let text = '';
  for (const part of parts) {
    const conditions = filterConditions(part);
    if (conditions) return `${text} with ${conditions.map((c) => (c.equals !== undefined ? `${c.field} ${c.equals}` : `a ${c.field}`)).join(' and ')}`;
    text = /^\d+$/.test(part) ? `${text}[${part}]` : text ? `${text}.${part}` : part;
  }
  return text;
}

/** `hardWiredMonitor` → `hard wired monitor`. */
function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}
