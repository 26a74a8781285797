import type { Capture } from '../evidence/evidence.js';
import type { Condition } from './testcase.js';

/**
 * An expectation's outcome in words a reader of the scorecard understands ("one NotifyEvent came
 * where none was allowed"), for the shapes the catalogue uses most: how many messages came, and
 * what a response said. Undefined for any other shape: the step then keeps the exact path and
 * values, which are precise if less friendly.
 */
export function expectationInWords(capture: Capture, at: string, condition: Condition, values: unknown[], met: boolean): string | undefined {
  if (capture.kind === 'messages' && at === 'messages.length') return countInWords(capture.action, values[0], condition, met);
  if (capture.kind === 'call' && at.startsWith('response.')) return answerInWords(capture.action, at.slice('response.'.length), condition, values, met);
  return undefined;
}

function countInWords(action: string, value: unknown, condition: Condition, met: boolean): string | undefined {
  if (typeof value !== 'number') return undefined;
  const came = value === 0 ? `no ${action} came` : value === 1 ? `one ${action} came` : `${value} ${action} messages came`;
  if (met) return condition.atMost === 0 ? `${came}, as required` : came;
  if (condition.atMost !== undefined && value > condition.atMost) return `${came} where ${condition.atMost === 0 ? 'none was' : `at most ${condition.atMost} were`} allowed`;
  if (condition.atLeast !== undefined && value < condition.atLeast) return `${value === 0 ? came : `only ${came}`}, where at least ${condition.atLeast} were wanted`;
  return undefined;
}

function answerInWords(action: string, path: string, condition: Condition, values: unknown[], met: boolean): string | undefined {
  const parts = path.split('.');
  const field = parts.at(-1) ?? path;
  if (!/^[A-Za-z]+$/.test(field) || condition.exists !== undefined || condition.matches !== undefined || condition.atLeast !== undefined || condition.atMost !== undefined) return undefined;
  const index = parts.find((part) => /^\d+$/.test(part));
  const every = parts.includes('*');
  const which = index !== undefined ? ` (result ${Number(index) + 1})` : '';
  const wanted = condition.equals !== undefined ? quoted(condition.equals) : condition.oneOf !== undefined ? oneOf(condition.oneOf) : undefined;
  if (wanted === undefined) return undefined;
  if (values.length === 0) return met ? undefined : `${action} was answered without ${field}${which}, where ${wanted} was wanted`;
  if (met) return `${action} was answered with ${field} ${every ? values.map(quoted).join(', ') : quoted(values[0])}${which}`;
  if (!every) return `${action} was answered with ${field} ${quoted(values[0])}${which}, not ${wanted}`;
  // Of several results, name the ones that are wrong.
  const allowed = (condition.equals !== undefined ? [condition.equals] : (condition.oneOf ?? [])).map((v) => JSON.stringify(v));
  const wrong = values.filter((v) => !allowed.includes(JSON.stringify(v)));
  return `${action} was answered with ${field} ${(wrong.length > 0 ? wrong : values).map(quoted).join(', ')}, where each should be ${wanted}`;
}

function quoted(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `"${text.slice(0, 77)}…"` : `"${text}"`;
}

function oneOf(options: unknown[]): string {
  return options.length === 1 ? quoted(options[0]) : `one of ${options.map(quoted).join(', ')}`;
}
