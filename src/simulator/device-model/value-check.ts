import type { StatusInfo, VariableCharacteristics } from './types.js';

const INTEGER = /^[-+]?\d+$/;
const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks a value against its variable's characteristics before it is stored (B05.FR.08 and the
 * Appendix 5 reason codes): a value that does not parse as its dataType is InvalidValue; one that
 * parses but lies outside [minLimit, maxLimit] (for strings and lists: is longer than maxLimit)
 * is ValueOutOfRange. Returns undefined when the value is fine.
 */
export function checkValue(value: string, characteristics: VariableCharacteristics): StatusInfo | undefined {
  const { dataType, minLimit, maxLimit } = characteristics;
  const allowed = (characteristics.valuesList ?? '').split(',').map((v) => v.trim()).filter((v) => v.length > 0);
  switch (dataType) {
    case 'integer':
    case 'decimal': {
      if (!(dataType === 'integer' ? INTEGER : DECIMAL).test(value)) return invalid(`${JSON.stringify(value)} is not ${dataType === 'integer' ? 'an integer' : 'a decimal'}`);
      const number = Number(value);
      if (minLimit !== undefined && number < minLimit) return outOfRange(`${value} is below the minimum ${minLimit}`);
      if (maxLimit !== undefined && number > maxLimit) return outOfRange(`${value} is above the maximum ${maxLimit}`);
      return undefined;
    }
    case 'boolean':
      return value === 'true' || value === 'false' ? undefined : invalid(`${JSON.stringify(value)} is not true or false`);
    case 'dateTime':
      return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : invalid(`${JSON.stringify(value)} is not an RFC 3339 date-time`);
    case 'string':
      // For strings the limits are lengths (Part 2, VariableCharacteristicsType).
      if (maxLimit !== undefined && value.length > maxLimit) return outOfRange(`longer than ${maxLimit} characters`);
      if (minLimit !== undefined && value.length < minLimit) return outOfRange(`shorter than ${minLimit} characters`);
      return undefined;
    case 'OptionList':
      if (!allowed.includes(value)) return invalid(`${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
      return undefined;
    case 'MemberList':
    case 'SequenceList': {
      if (maxLimit !== undefined && value.length > maxLimit) return outOfRange(`longer than ${maxLimit} characters`);
      const members = value === '' ? [] : value.split(',').map((v) => v.trim());
      const unknown = members.filter((m) => !allowed.includes(m));
      if (unknown.length > 0) return invalid(`${unknown.join(', ')} not in ${allowed.join(', ')}`);
      if (new Set(members).size !== members.length) return invalid('a member is listed twice');
      return undefined;
    }
  }
}

function invalid(additionalInfo: string): StatusInfo {
  return { reasonCode: 'InvalidValue', additionalInfo: additionalInfo.slice(0, 512) };
}

function outOfRange(additionalInfo: string): StatusInfo {
  return { reasonCode: 'ValueOutOfRange', additionalInfo: additionalInfo.slice(0, 512) };
}

/** Whether a dataType holds numbers (threshold and numeric delta monitors apply, N04/N07). */
export function isNumeric(dataType: VariableCharacteristics['dataType']): boolean {
  return dataType === 'integer' || dataType === 'decimal';
}
