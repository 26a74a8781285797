import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { configurationInventoryWritableOnly } from '../../../src/checks/configuration-inventory-writable-only.js';
import type { Evidence } from '../../../src/evidence/evidence.js';
import { makeCase, makeEvidence, makeReportCase, makeReportItem, type ReportCaseOptions } from '../../helpers/evidence-fixture.js';

function evaluate(evidence: Evidence): CheckResult {
  return configurationInventoryWritableOnly.evaluate(evidence) as CheckResult;
}

function configuration(options: ReportCaseOptions): Evidence {
  return makeEvidence({ cases: [makeReportCase('inventory-configuration', options)] });
}

const writable = [
  makeReportItem('OCPPCommCtrlr', 'HeartbeatInterval', { dataType: 'integer', value: '300', mutability: 'ReadWrite' }),
  makeReportItem('SecurityCtrlr', 'BasicAuthPassword', { mutability: 'WriteOnly', value: null }),
  // No mutability: ReadWrite by default.
  makeReportItem('TxCtrlr', 'EVConnectionTimeOut', { dataType: 'integer', value: '60', mutability: null }),
  // Read-only Actual but a writable MaxSet: the operator can set something.
  makeReportItem('EVSE', 'Power', {
    evse: 1,
    dataType: 'decimal',
    attributes: [
      { type: 'Actual', value: '0', mutability: 'ReadOnly' },
      { type: 'MaxSet', value: '11000', mutability: 'ReadWrite' },
    ],
  }),
];

describe('configuration-inventory-writable-only (TC_B_12)', () => {
  it('passes a report of writable variables only', () => {
    const result = evaluate(configuration({ items: writable, perPart: 2 }));
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.contain('All 4 variables');
    expect(result.seqs).to.deep.equal([12, 13]);
  });

  it('fails read-only variables, naming them and their frames', () => {
    const readOnly = makeReportItem('ChargingStation', 'SerialNumber', { value: 'X1', mutability: 'ReadOnly' });
    const result = evaluate(configuration({ items: [...writable, readOnly], perPart: 4 }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('1 variable of 5').and.contain('ChargingStation.SerialNumber');
    expect(result.seqs).to.deep.equal([13]);
  });

  it('judges an incomplete report on the parts that came, and says so', () => {
    const result = evaluate(configuration({ items: writable, complete: false }));
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.contain('never completed');
  });

  it('is inconclusive without report items', () => {
    expect(evaluate(configuration({ parts: [], complete: false })).verdict).to.equal('INCONCLUSIVE');
    expect(evaluate(configuration({ parts: [{ reportData: undefined }] })).reason).to.contain('held no items');
  });

  it('is not applicable when the station refused the report (the case judges the refusal)', () => {
    expect(evaluate(configuration({ status: 'Rejected' })).verdict).to.equal('NOT APPLICABLE');
    const refused = evaluate(configuration({ failure: { kind: 'call-error', errorCode: 'InternalError', description: 'CALLERROR InternalError: boom' } }));
    expect(refused.verdict).to.equal('NOT APPLICABLE');
    expect(refused.reason).to.contain('InternalError');
  });

  it('is not applicable when the case did not run or did not apply', () => {
    expect(evaluate(makeEvidence()).verdict).to.equal('NOT APPLICABLE');
    expect(evaluate(makeEvidence({ cases: [makeCase('inventory-configuration', { status: 'not-applicable', reason: 'excluded' })] })).verdict).to.equal('NOT APPLICABLE');
  });
});
