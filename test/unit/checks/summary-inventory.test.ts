import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { summaryInventory } from '../../../src/checks/summary-inventory.js';
import type { Evidence } from '../../../src/evidence/evidence.js';
import { makeCase, makeEvidence, makeReportCase, makeReportItem, type ReportCaseOptions } from '../../helpers/evidence-fixture.js';

function evaluate(evidence: Evidence): CheckResult {
  return summaryInventory.evaluate(evidence) as CheckResult;
}

function summary(options: ReportCaseOptions): Evidence {
  return makeEvidence({ cases: [makeReportCase('inventory-summary', options)] });
}

const items = [makeReportItem('ChargingStation', 'AvailabilityState', { dataType: 'OptionList', valuesList: 'Available,Unavailable', value: 'Available' })];

describe('summary-inventory (TC_B_14 / TC_B_15)', () => {
  it('passes an accepted request with a complete report', () => {
    const result = evaluate(summary({ items }));
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.contain('1 item in 1 part');
    expect(result.seqs).to.deep.equal([10, 11, 12]);
    expect(result.details?.['supported']).to.equal(true);
  });

  it('passes NotSupported and notes that the base is optional', () => {
    const result = evaluate(summary({ status: 'NotSupported' }));
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.contain('NotSupported').and.contain('optional');
    expect(result.details?.['supported']).to.equal(false);
  });

  it('fails any other status', () => {
    for (const status of ['Rejected', 'Unknown']) {
      const result = evaluate(summary({ status }));
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.contain(status);
    }
  });

  it('warns about EmptyResultSet: a summary should at least hold availability', () => {
    const result = evaluate(summary({ status: 'EmptyResultSet' }));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.contain('EmptyResultSet').and.contain('availability');
  });

  it('fails a CALLERROR, naming its code', () => {
    const result = evaluate(summary({ failure: { kind: 'call-error', errorCode: 'NotImplemented', description: 'CALLERROR NotImplemented' } }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('CALLERROR NotImplemented');
    expect(result.details?.['errorCode']).to.equal('NotImplemented');
  });

  it('fails a timeout, but is inconclusive about a dropped connection', () => {
    expect(evaluate(summary({ failure: { kind: 'timeout', description: 'no response within 30000 ms' } })).verdict).to.equal('FAIL');
    expect(evaluate(summary({ failure: { kind: 'disconnected', description: 'disconnected: closed' } })).verdict).to.equal('INCONCLUSIVE');
  });

  it('fails an accepted request whose report never came or never completed', () => {
    const none = evaluate(summary({ parts: [], complete: false }));
    expect(none.verdict).to.equal('FAIL');
    expect(none.reason).to.contain('sent no NotifyReport');
    const partial = evaluate(summary({ parts: [{ tbc: true, reportData: items }], complete: false }));
    expect(partial.verdict).to.equal('FAIL');
    expect(partial.reason).to.contain('never completed');
  });

  it('cannot judge a missing case, capture or report', () => {
    expect(evaluate(makeEvidence()).verdict).to.equal('NOT APPLICABLE');
    expect(evaluate(makeEvidence({ cases: [makeCase('inventory-summary', { status: 'inconclusive', reason: 'x' })] })).verdict).to.equal('INCONCLUSIVE');
    expect(evaluate(makeEvidence({ cases: [makeCase('inventory-summary')] })).verdict).to.equal('INCONCLUSIVE');
    expect(evaluate(summary({ report: false })).verdict).to.equal('INCONCLUSIVE');
  });
});
