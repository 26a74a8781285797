import type { Capture } from '../evidence/evidence.js';
import { valuesAt } from './json-path.js';

interface GetVariableResult {
  status: unknown;
  value: unknown;
  component: unknown;
  variable: unknown;
}

/**
 * The GetVariables results an expectation at `at` reads that say Accepted and carry no value.
 * B06 (TC_B_06): attributeValue may be left out only when the status is not Accepted, so such
 * a result is an acceptance with nothing behind it, whatever the expectation itself asks.
 * Reads both a read-variables capture (`values.0.status`) and a GetVariables send
 * (`response.getVariableResult.*.attributeStatus`); any other capture or path gives none.
 */
export function unvaluedAcceptances(capture: Capture, at: string): string[] {
  const results = resultsAt(capture, at);
  return results.filter((r) => r.status === 'Accepted' && (r.value === undefined || r.value === null)).map((r) => label(r.component, r.variable));
}

/** True when the path reads the value itself (so an absent value is the whole complaint). */
export function readsValue(at: string): boolean {
  return /\.(value|attributeValue)$/.test(at);
}

function resultsAt(capture: Capture, at: string): GetVariableResult[] {
  if (capture.kind === 'variables') {
    const index = /^values\.(\d+|\*)(\.|$)/.exec(at)?.[1];
    if (index === undefined) return [];
    return (valuesAt(capture, `values.${index}`) as Array<Record<string, unknown>>).map((v) => ({ status: v['status'], value: v['value'], component: v['component'], variable: v['variable'] }));
  }
  if (capture.kind === 'call' && capture.action === 'GetVariables' && capture.ok) {
    const index = /^response\.getVariableResult\.(\d+|\*)(\.|$)/.exec(at)?.[1];
    if (index === undefined) return [];
    return (valuesAt(capture, `response.getVariableResult.${index}`) as Array<Record<string, unknown>>)
      .filter((r) => r !== null && typeof r === 'object')
      .map((r) => ({ status: r['attributeStatus'], value: r['attributeValue'], component: r['component'], variable: r['variable'] }));
  }
  return [];
}

/** `Component[instance].Variable[instance]`, from whatever the station echoed. */
function label(component: unknown, variable: unknown): string {
  const name = (part: unknown): string => {
    const record = part !== null && typeof part === 'object' ? (part as Record<string, unknown>) : {};
    const instance = typeof record['instance'] === 'string' ? `[${record['instance']}]` : '';
    return `${typeof record['name'] === 'string' ? record['name'] : '?'}${instance}`;
  };
  return `${name(component)}.${name(variable)}`;
}
