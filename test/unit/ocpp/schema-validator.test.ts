import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { CSMS_INITIATED_ACTIONS, STATION_INITIATED_ACTIONS } from '../../../src/ocpp/actions.js';
import { errorCodeForIssue, ocpp201SchemaDirectory, sharedSchemaValidator } from '../../../src/ocpp/schema-validator.js';

describe('SchemaValidator', () => {
  const validator = sharedSchemaValidator();

  it('compiles all 128 OCA OCPP 2.0.1 schemas', () => {
    const files = readdirSync(ocpp201SchemaDirectory()).filter((f) => f.endsWith('.json'));
    expect(files).to.have.length(128);
    expect(validator.size).to.equal(128);
  });

  it('has a request and a response schema for every action in both direction lists, and no others', () => {
    const actions = new Set<string>([...STATION_INITIATED_ACTIONS, ...CSMS_INITIATED_ACTIONS]);
    expect(actions.size).to.equal(64);
    const expected = [...actions].flatMap((a) => [`${a}Request`, `${a}Response`]).sort();
    expect(validator.schemaNames()).to.deep.equal(expected);
  });

  it('accepts a valid payload', () => {
    const outcome = validator.validate('BootNotification', 'request', {
      reason: 'PowerUp',
      chargingStation: { model: 'M', vendorName: 'V' },
    });
    expect(outcome).to.deep.equal({ valid: true });
  });

  const cases: Array<[string, unknown, string]> = [
    ['a missing required field', { reason: 'PowerUp' }, 'OccurrenceConstraintViolation'],
    ['a wrong JSON type', { reason: 'PowerUp', chargingStation: { model: 7, vendorName: 'V' } }, 'TypeConstraintViolation'],
    ['a value outside the enum', { reason: 'Sunrise', chargingStation: { model: 'M', vendorName: 'V' } }, 'PropertyConstraintViolation'],
    ['a string over maxLength', { reason: 'PowerUp', chargingStation: { model: 'M'.repeat(21), vendorName: 'V' } }, 'PropertyConstraintViolation'],
    ['an unknown property', { reason: 'PowerUp', chargingStation: { model: 'M', vendorName: 'V' }, colour: 'red' }, 'FormatViolation'],
    ['a payload that is not an object', [], 'FormatViolation'],
    ['null for an optional field', { reason: 'PowerUp', chargingStation: { model: 'M', vendorName: 'V', serialNumber: null } }, 'TypeConstraintViolation'],
  ];
  for (const [what, payload, code] of cases) {
    it(`maps ${what} to ${code}`, () => {
      const outcome = validator.validate('BootNotification', 'request', payload);
      expect(outcome.valid).to.equal(false);
      if (!outcome.valid) expect(outcome.errorCode).to.equal(code);
    });
  }

  it('maps a bad date-time to FormatViolation and names the field', () => {
    const outcome = validator.validate('Heartbeat', 'response', { currentTime: 'yesterday' });
    expect(outcome.valid).to.equal(false);
    if (!outcome.valid) {
      expect(outcome.errorCode).to.equal('FormatViolation');
      expect(outcome.issues[0]?.instancePath).to.equal('/currentTime');
    }
  });

  it('maps too few items to OccurrenceConstraintViolation', () => {
    const outcome = validator.validate('GetVariables', 'request', { getVariableData: [] });
    expect(!outcome.valid && outcome.errorCode).to.equal('OccurrenceConstraintViolation');
  });

  it('answers NotImplemented for an action it has no schema for', () => {
    const outcome = validator.validate('Teleport', 'request', {});
    expect(!outcome.valid && outcome.errorCode).to.equal('NotImplemented');
  });

  it('falls back to FormatViolation for a keyword it does not know', () => {
    expect(errorCodeForIssue({ keyword: 'if', instancePath: '/x', message: '' })).to.equal('FormatViolation');
  });
});
