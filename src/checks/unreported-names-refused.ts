import { toComponent, toVariable } from '../evidence/component-ref.js';
import type { CallCapture, Evidence } from '../evidence/evidence.js';
import { asArray, asRecord } from '../evidence/payload-read.js';
import { resultOf, type Check, type CheckResult } from './check.js';
import { fullInventory } from './inventory/full-inventory.js';
import { itemKey, itemLabel } from './inventory/report-items.js';

/** The probe case whose names no station has (testcases/unknown-names.json). */
const PROBE_CASE = 'unknown-names';

interface Judged {
  action: 'SetVariables' | 'SetVariableMonitoring';
  dataKey: string;
  resultKey: string;
  statusKey: string;
  /** Statuses that claim the write or the monitor was taken. */
  taken: readonly string[];
  category: string;
  refs: string[];
  wanted: string;
}

const JUDGED: readonly Judged[] = [
  {
    action: 'SetVariables',
    dataKey: 'setVariableData',
    resultKey: 'setVariableResult',
    statusKey: 'attributeStatus',
    taken: ['Accepted', 'RebootRequired'],
    category: 'variables',
    refs: ['B05', 'B05.FR.04', 'B05.FR.05', 'TC_B_35', 'TC_B_36'],
    wanted: 'UnknownComponent or UnknownVariable (B05.FR.04/05)',
  },
  {
    action: 'SetVariableMonitoring',
    dataKey: 'setMonitoringData',
    resultKey: 'setMonitoringResult',
    statusKey: 'status',
    taken: ['Accepted'],
    category: 'monitoring',
    refs: ['N04', 'N04.FR.03', 'N04.FR.04', 'TC_N_11', 'TC_N_37'],
    wanted: 'UnknownComponent or UnknownVariable (N04.FR.03/04)',
  },
];

/**
 * A write (SetVariables) or a monitor (SetVariableMonitoring) Accepted for a component or
 * variable the station does not report in its FullInventory is a yes with nothing behind it.
 * Judged over every such request of the audit when the FullInventory is complete, and always over
 * the unknown-names case, whose names cannot exist. One result per action, id
 * `unreported-names-refused/<action>`; an action the station does not support at all (CALLERROR
 * NotSupported/NotImplemented) is NOT APPLICABLE, not a failure of behaviour it says it lacks.
 */
export const unreportedNamesRefused: Check = {
  id: 'unreported-names-refused',
  title: 'Writes and monitors on components or variables the station does not report are refused',
  refs: ['B05.FR.04', 'B05.FR.05', 'N04.FR.03', 'N04.FR.04', 'TC_B_35', 'TC_B_36', 'TC_N_11', 'TC_N_37'],
  category: 'variables',
  evaluate(evidence: Evidence): CheckResult[] {
    const inventory = fullInventory(evidence);
    const reported = inventory.kind === 'items' && inventory.complete ? new Set(inventory.items.map(itemKey)) : undefined;
    return JUDGED.map((judged) => judge(evidence, judged, reported));
  },
};

function judge(evidence: Evidence, judged: Judged, reported: ReadonlySet<string> | undefined): CheckResult {
  const meta = { id: `${unreportedNamesRefused.id}/${judged.action}`, title: `${judged.action} on a component or variable the station does not report is refused`, refs: judged.refs, category: judged.category };
  const taken: string[] = [];
  const refusedAs = new Map<string, number>();
  const unsupported: string[] = [];
  const seqs: number[] = [];
  let unknown = 0;
  for (const testCase of evidence.cases) {
    for (const capture of Object.values(testCase.captures)) {
      if (capture.kind !== 'call' || capture.action !== judged.action) continue;
      const asked = unreportedItems(capture, judged, testCase.id === PROBE_CASE, reported);
      if (asked.length === 0) continue;
      const code = capture.failure?.kind === 'call-error' ? capture.failure.errorCode : undefined;
      if (code === 'NotSupported' || code === 'NotImplemented') {
        unsupported.push(`CALLERROR ${code}`);
        continue;
      }
      if (!capture.ok) {
        if (code) count(refusedAs, `CALLERROR ${code}`, asked.length);
        else unknown += asked.length;
        continue;
      }
      const results = asArray(capture.response?.[judged.resultKey]).map(asRecord);
      for (const { index, label } of asked) {
        const status = results[index]?.[judged.statusKey];
        if (typeof status === 'string' && judged.taken.includes(status)) {
          taken.push(label);
          seqs.push(...capture.seqs);
        } else count(refusedAs, typeof status === 'string' ? status : 'no result', 1);
      }
    }
  }
  const unique = [...new Set(seqs)].sort((a, b) => a - b);
  if (taken.length > 0) {
    const names = [...new Set(taken)];
    const shown = names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ');
    return resultOf(meta, 'FAIL', `the station accepted ${judged.action} for ${shown}, which it does not report; it must answer ${judged.wanted}`, unique, { accepted: names });
  }
  if (refusedAs.size > 0) {
    const answers = [...refusedAs].map(([status, times]) => `${status}${times > 1 ? ` ×${times}` : ''}`).join(', ');
    return resultOf(meta, 'PASS', `every ${judged.action} on a name the station does not report was refused (${answers})`, unique);
  }
  if (unsupported.length > 0) return resultOf(meta, 'NOT APPLICABLE', `the station does not support ${judged.action} (it answers ${unsupported[0]})`, unique);
  if (unknown > 0) return resultOf(meta, 'INCONCLUSIVE', `no answer came to the ${judged.action} on names the station does not report`, unique);
  return resultOf(meta, 'NOT APPLICABLE', `the audit made no ${judged.action} on a name the station does not report`, unique);
}

/** The request items naming what the station does not report: all of the probe case's, the others when the inventory is complete. */
function unreportedItems(capture: CallCapture, judged: Judged, probe: boolean, reported: ReadonlySet<string> | undefined): Array<{ index: number; label: string }> {
  const items: Array<{ index: number; label: string }> = [];
  asArray(capture.request[judged.dataKey]).forEach((raw, index) => {
    const item = asRecord(raw);
    const component = toComponent(item?.['component']);
    const variable = toVariable(item?.['variable']);
    if (!component || !variable) return;
    if (probe || (reported !== undefined && !reported.has(itemKey({ component, variable })))) items.push({ index, label: itemLabel({ component, variable }) });
  });
  return items;
}

function count(map: Map<string, number>, key: string, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}
