import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { summaryInventory } from '../../../src/checks/summary-inventory.js';
import type { Evidence } from '../../../src/evidence/evidence.js';
import { deviceModelFrom, makeCase, makeEvidence, makeReportCase, makeReportItem, type ReportCaseOptions, type ReportItem } from '../../helpers/evidence-fixture.js';

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

  describe('content (B07: availability and current problems, not the whole model)', () => {
    const availability = (evse?: number, connector?: number): ReportItem =>
      makeReportItem(evse === undefined ? 'ChargingStation' : connector === undefined ? 'EVSE' : 'Connector', 'AvailabilityState', {
        ...(evse !== undefined ? { evse } : {}),
        ...(connector !== undefined ? { connector } : {}),
        dataType: 'OptionList',
        valuesList: 'Available,Unavailable',
        value: 'Available',
      });
    const heartbeat = makeReportItem('OCPPCommCtrlr', 'HeartbeatInterval', { dataType: 'integer', value: '300' });
    const offline = makeReportItem('OCPPCommCtrlr', 'OfflineThreshold', { dataType: 'integer', value: '60' });
    const problem = makeReportItem('Connector', 'Problem', { evse: 1, connector: 1, dataType: 'boolean', value: 'true' });
    const temperature = makeReportItem('Connector', 'Temperature', { evse: 1, connector: 1, dataType: 'decimal', value: '91' });
    const fullModel = [availability(), availability(1), availability(1, 1), heartbeat, offline, problem, temperature];

    function withFull(summaryItems: ReportItem[]): Evidence {
      const full = makeReportCase('inventory-full', { items: fullModel, firstSeq: 100 });
      return makeEvidence({ cases: [full, makeReportCase('inventory-summary', { items: summaryItems })], deviceModel: deviceModelFrom(full) });
    }

    it('passes availability states and a component with a problem, its other diagnostics included', () => {
      const result = evaluate(withFull([availability(), availability(1), availability(1, 1), problem, temperature]));
      expect(result.verdict).to.equal('PASS');
      expect(result.reason).to.contain('3 availability states and 1 raised problem flag');
    });

    it('fails the whole device model returned as the summary', () => {
      const result = evaluate(withFull(fullModel));
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.contain('returned its whole device model for SummaryInventory: 7 of the 7 FullInventory items, 2 items of them neither availability nor the state of a component with a problem (e.g. OCPPCommCtrlr.HeartbeatInterval, OCPPCommCtrlr.OfflineThreshold)');
      expect(result.seqs).to.deep.equal([10, 11, 12]);
    });

    it('warns about configuration in a summary that is not the whole model', () => {
      const result = evaluate(withFull([availability(), heartbeat]));
      expect(result.verdict).to.equal('WARN');
      expect(result.reason).to.contain('1 item that is neither availability nor the state of a component with a problem: OCPPCommCtrlr.HeartbeatInterval');
    });

    it('without a FullInventory, judges the summary on its own', () => {
      expect(evaluate(summary({ items: [availability(), heartbeat, offline] })).verdict).to.equal('WARN');
      expect(evaluate(summary({ items: [availability(), problem, temperature] })).verdict).to.equal('PASS');
    });
  });
});
