import type { Guideline } from '../config/guideline.js';
import type { Evidence } from '../evidence/evidence.js';
import { addressKey } from './station-facts.js';
import { sameName } from '../evidence/payload-read.js';

export const MATRIX_TYPES = ['UpperThreshold', 'LowerThreshold', 'Delta', 'Periodic', 'PeriodicClockAligned'] as const;

/** One cell: what the station did with a monitor of that type, or why none could be tried. */
export type MatrixCell = 'accepted' | 'rejected' | 'type n/a' | 'not probed' | 'not monitorable' | 'not present' | 'unknown';

export interface MatrixRow {
  variable: string;
  level: string;
  cells: Record<(typeof MATRIX_TYPES)[number], { state: MatrixCell; detail?: string }>;
}

/** Monitor types a dataType can take (the N04.FR.05 table: thresholds only on numbers; dateTime takes Delta only). */
function typeApplies(dataType: string | undefined, type: string): boolean {
  const numeric = dataType === 'integer' || dataType === 'decimal';
  if (type === 'UpperThreshold' || type === 'LowerThreshold') return numeric;
  if (dataType === 'dateTime') return type === 'Delta';
  return true;
}

/**
 * The guideline's monitorable variables × monitor types: accepted or rejected where the audit
 * set such a monitor (its probes and its custom cases), otherwise why not (type does not apply,
 * not probed, not monitorable, not reported, or unknown when the FullInventory was cut off).
 */
export function monitorabilityMatrix(guideline: Guideline, evidence: Evidence): MatrixRow[] {
  const answers = new Map<string, { status: string }>();
  for (const testCase of evidence.cases) {
    for (const capture of Object.values(testCase.captures)) {
      if (capture.kind !== 'call' || capture.action !== 'SetVariableMonitoring' || !capture.ok) continue;
      const requested = (capture.request['setMonitoringData'] as Array<{ component: never; variable: never; type: string }> | undefined) ?? [];
      const results = (capture.response?.['setMonitoringResult'] as Array<{ status?: string }> | undefined) ?? [];
      requested.forEach((data, i) => {
        const key = `${addressKey(data.component, data.variable)}|${data.type}`;
        const status = results[i]?.status ?? 'missing';
        // Accepted once is accepted: later refusals (Duplicate) are about the monitor, not the variable.
        if (answers.get(key)?.status !== 'Accepted') answers.set(key, { status });
      });
    }
  }
  const cutOff = !evidence.deviceModel.complete && evidence.deviceModel.entries.length > 0;
  return guideline.variables
    .filter((v) => v.monitoring)
    .map((spec) => {
      const entries = evidence.deviceModel.entries.filter(
        (e) => sameName(e.component.name, spec.component) && sameName(e.variable.name, spec.variable) && (spec.instance === undefined || spec.instance === '*' || sameName(e.variable.instance, spec.instance)),
      );
      const cells = {} as MatrixRow['cells'];
      for (const type of MATRIX_TYPES) {
        // Absent from a FullInventory cut off mid-way: unknown, not missing (issue 13, one cause one finding).
        if (entries.length === 0) cells[type] = cutOff ? { state: 'unknown', detail: 'report incomplete' } : { state: 'not present' };
        else if (!entries.some((e) => e.variableCharacteristics?.supportsMonitoring === true)) cells[type] = { state: 'not monitorable' };
        else if (!typeApplies(entries[0]?.variableCharacteristics?.dataType, type)) cells[type] = { state: 'type n/a' };
        else {
          const answer = entries.map((e) => answers.get(`${addressKey(e.component, e.variable)}|${type}`)).find((a) => a !== undefined);
          cells[type] = !answer ? { state: 'not probed' } : answer.status === 'Accepted' ? { state: 'accepted' } : { state: 'rejected', detail: answer.status };
        }
      }
      return { variable: `${spec.component}.${spec.variable}${spec.instance && spec.instance !== '*' ? `[${spec.instance}]` : ''}`, level: spec.monitoring ?? 'recommended', cells };
    });
}
