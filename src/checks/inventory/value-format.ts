/**
 * Reading a reported value by its dataType (VariableCharacteristicsType, Part 2 §2): does it parse,
 * does it sit within minLimit/maxLimit, are list members from valuesList. For string and list
 * types the limits are lengths of the (comma-separated) string.
 */

const INTEGER = /^[-+]?\d+$/;
const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
// RFC 3339 / ISO 8601 date-time with a zone, as JSON Schema `format: date-time` reads it.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export type ValueProblemKind = 'bad-value' | 'out-of-limits' | 'not-in-values-list';

export interface ValueProblem {
  kind: ValueProblemKind;
  /** Short, for a reason: `"abc" is not an integer`. */
  message: string;
}

export interface Characteristics {
  dataType?: string;
  minLimit?: number;
  maxLimit?: number;
  valuesList?: string;
}

/** Splits a valuesList or a list value: comma-separated, blanks around members ignored. */
export function listMembers(list: string): string[] {
  return list
    .split(',')
    .map((member) => member.trim())
    .filter((member) => member.length > 0);
}

/** The first thing wrong with `value` for these characteristics, or undefined. `value` is not empty. */
export function valueProblem(value: string, characteristics: Characteristics): ValueProblem | undefined {
  const { dataType, minLimit, maxLimit } = characteristics;
  const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  switch (dataType) {
    case 'integer':
    case 'decimal': {
      const pattern = dataType === 'integer' ? INTEGER : DECIMAL;
      if (!pattern.test(value)) return { kind: 'bad-value', message: `${shown} is not ${dataType === 'integer' ? 'an integer' : 'a decimal'}` };
      const number = Number(value);
      if (minLimit !== undefined && number < minLimit) return { kind: 'out-of-limits', message: `${shown} is below minLimit ${minLimit}` };
      if (maxLimit !== undefined && number > maxLimit) return { kind: 'out-of-limits', message: `${shown} is above maxLimit ${maxLimit}` };
      return undefined;
    }
    case 'boolean':
      return value === 'true' || value === 'false' ? undefined : { kind: 'bad-value', message: `${shown} is not true or false` };
    case 'dateTime':
      return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : { kind: 'bad-value', message: `${shown} is not an ISO 8601 date-time` };
    case 'string':
      return lengthProblem(value, shown, minLimit, maxLimit);
    case 'OptionList': {
      const allowed = listMembers(characteristics.valuesList ?? '');
      if (characteristics.valuesList !== undefined && !allowed.includes(value)) return { kind: 'not-in-values-list', message: `${shown} is not one of its valuesList` };
      return lengthProblem(value, shown, undefined, maxLimit);
    }
    case 'MemberList':
    case 'SequenceList': {
      const allowed = listMembers(characteristics.valuesList ?? '');
      const members = listMembers(value);
      const unknown = members.filter((member) => !allowed.includes(member));
      if (characteristics.valuesList !== undefined && unknown.length > 0) {
        return { kind: 'not-in-values-list', message: `${unknown.map((member) => JSON.stringify(member)).join(', ')} not in its valuesList` };
      }
      return lengthProblem(value, shown, undefined, maxLimit);
    }
    default:
      // An unknown or missing dataType is reported on its own; the value cannot be read.
      return undefined;
  }
}

function lengthProblem(value: string, shown: string, minLimit: number | undefined, maxLimit: number | undefined): ValueProblem | undefined {
  if (maxLimit !== undefined && value.length > maxLimit) return { kind: 'out-of-limits', message: `${shown} is longer than maxLimit ${maxLimit}` };
  if (minLimit !== undefined && value.length < minLimit) return { kind: 'out-of-limits', message: `${shown} is shorter than minLimit ${minLimit}` };
  return undefined;
}
