import { ToolError } from '../errors.js';
import { hasWildcard, valueAt, valuesAt } from './json-path.js';

/**
 * A `${...}` reference with nothing (or no number) behind it. The message names the test case
 * place for its author; `path` and `problem` let the runner say in words what the station did
 * not give (see unresolved-reason.ts).
 */
export class UnresolvedReference extends ToolError {
  readonly path: string;
  readonly problem: 'absent' | 'not-a-number';

  constructor(where: string, expression: string, path: string, problem: 'absent' | 'not-a-number') {
    super('ERR_UNRESOLVED_REFERENCE', problem === 'absent' ? `${where}: \${${expression}} has no value (${path} is not known at this point)` : `${where}: \${${expression}}: ${path} is not a number`);
    this.name = 'UnresolvedReference';
    this.path = path;
    this.problem = problem;
  }
}

/**
 * Fills `${path}` references in test case data from the case context. A string that is one
 * whole reference takes the referenced value with its type (a number stays a number, an object
 * an object); references inside longer strings are interpolated. `${path + 2}` and
 * `${path - 2}` add to a number; `${path | string}` gives the value as text. An unresolved reference is an error of the test case.
 */
export function fill(template: unknown, context: Record<string, unknown>, where: string): unknown {
  if (typeof template === 'string') return fillString(template, context, where);
  if (Array.isArray(template)) return template.map((item, i) => fill(item, context, `${where}/${i}`));
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, fill(value, context, `${where}/${key}`)]));
  }
  return template;
}

const WHOLE = /^\$\{([^}]+)\}$/;
const ANY = /\$\{([^}]+)\}/g;

function fillString(text: string, context: Record<string, unknown>, where: string): unknown {
  const whole = WHOLE.exec(text);
  if (whole) return evaluate(whole[1] ?? '', context, where);
  return text.replace(ANY, (_, expression: string) => {
    const value = evaluate(expression, context, where);
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

function evaluate(full: string, context: Record<string, unknown>, where: string): unknown {
  // `${path | string}`: the value as text (SetVariables values are strings in OCPP).
  const asText = /\|\s*string\s*$/.test(full);
  const expression = full.replace(/\|\s*string\s*$/, '').trim();
  const value = compute(expression, context, where);
  return asText ? String(value) : value;
}

function compute(expression: string, context: Record<string, unknown>, where: string): unknown {
  // The operator needs spaces around it, so a path like `captures.read-1` stays a path.
  const arithmetic = /^\s*([\w.*-]+?)\s+([+-])\s+(-?\d+(?:\.\d+)?)\s*$/.exec(expression);
  const path = (arithmetic ? arithmetic[1] : expression)?.trim() ?? '';
  // With `*` the reference is the list of every value found (e.g. every monitor id of a result).
  if (!arithmetic && hasWildcard(path)) return valuesAt(context, path).filter((v) => v !== undefined && v !== null);
  const value = valueAt(context, path);
  if (value === undefined) throw new UnresolvedReference(where, expression, path, 'absent');
  if (!arithmetic) return value;
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) throw new UnresolvedReference(where, expression, path, 'not-a-number');
  const operand = Number(arithmetic[3]);
  return arithmetic[2] === '+' ? number + operand : number - operand;
}

/** The references a template uses (for load-time checks of the paths' roots). */
export function referencesIn(template: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') for (const m of value.matchAll(ANY)) found.push((m[1] ?? '').trim());
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(template);
  return found;
}
