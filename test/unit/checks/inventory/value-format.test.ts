import { expect } from 'chai';
import { listMembers, valueProblem } from '../../../../src/checks/inventory/value-format.js';

describe('value-format: reading values by dataType', () => {
  it('reads integers and decimals, with limits', () => {
    expect(valueProblem('42', { dataType: 'integer' })).to.equal(undefined);
    expect(valueProblem('-7', { dataType: 'integer', minLimit: -10 })).to.equal(undefined);
    expect(valueProblem('4.2', { dataType: 'integer' })?.kind).to.equal('bad-value');
    expect(valueProblem('1e3', { dataType: 'decimal', maxLimit: 1000 })).to.equal(undefined);
    expect(valueProblem('.5', { dataType: 'decimal' })).to.equal(undefined);
    expect(valueProblem('NaN', { dataType: 'decimal' })?.kind).to.equal('bad-value');
    expect(valueProblem('1001', { dataType: 'decimal', maxLimit: 1000 })?.kind).to.equal('out-of-limits');
  });

  it('reads booleans as lower-case true/false only', () => {
    expect(valueProblem('false', { dataType: 'boolean' })).to.equal(undefined);
    expect(valueProblem('TRUE', { dataType: 'boolean' })?.kind).to.equal('bad-value');
    expect(valueProblem('1', { dataType: 'boolean' })?.kind).to.equal('bad-value');
  });

  it('reads dateTime as ISO 8601 with a zone', () => {
    expect(valueProblem('2025-01-01T10:00:00Z', { dataType: 'dateTime' })).to.equal(undefined);
    expect(valueProblem('2025-01-01T10:00:00.123+01:00', { dataType: 'dateTime' })).to.equal(undefined);
    expect(valueProblem('2025-01-01 10:00:00', { dataType: 'dateTime' })?.kind).to.equal('bad-value');
    expect(valueProblem('2025-13-45T10:00:00Z', { dataType: 'dateTime' })?.kind).to.equal('bad-value');
  });

  it('measures strings and lists by length', () => {
    expect(valueProblem('abcd', { dataType: 'string', maxLimit: 3 })?.kind).to.equal('out-of-limits');
    expect(valueProblem('ab', { dataType: 'string', minLimit: 3 })?.kind).to.equal('out-of-limits');
    expect(valueProblem('A,B', { dataType: 'MemberList', valuesList: 'A,B', maxLimit: 2 })?.kind).to.equal('out-of-limits');
  });

  it('checks list members against valuesList', () => {
    expect(valueProblem('B', { dataType: 'OptionList', valuesList: 'A, B' })).to.equal(undefined);
    expect(valueProblem('A,B', { dataType: 'OptionList', valuesList: 'A,B' })?.kind).to.equal('not-in-values-list');
    expect(valueProblem('B,A', { dataType: 'SequenceList', valuesList: 'A,B,C' })).to.equal(undefined);
    expect(valueProblem('A,D', { dataType: 'MemberList', valuesList: 'A,B' })?.message).to.contain('"D"');
    expect(listMembers(' A , ,B')).to.deep.equal(['A', 'B']);
  });
});
