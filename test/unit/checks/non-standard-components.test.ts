import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { nonStandardComponents } from '../../../src/checks/non-standard-components.js';
import type { Evidence } from '../../../src/evidence/evidence.js';
import { makeCase, makeEvidence, makeReportItem } from '../../helpers/evidence-fixture.js';
import { fullInventoryEvidence, requiredItems } from './inventory-fixture.js';

function evaluate(evidence: Evidence): CheckResult {
  return nonStandardComponents.evaluate(evidence) as CheckResult;
}

describe('non-standard-components (Part 2 Appendix 3 names)', () => {
  it('passes controllers and physical components with standardized names, in any letter case', () => {
    const items = [...requiredItems(), makeReportItem('TemperatureSensor', 'Temperature', { evse: 1 }), makeReportItem('rcd', 'Tripped', { evse: 1 }), makeReportItem('MonitoringCtrlr', 'Enabled')];
    const result = evaluate(fullInventoryEvidence(items));
    expect(result.verdict).to.equal('PASS');
    expect(result.category).to.equal('inventory');
  });

  it('warns about vendor components, naming each once, with the frames that carry them', () => {
    const items = [...requiredItems(), makeReportItem('InternalCtrlr', 'A'), makeReportItem('InternalCtrlr', 'B'), makeReportItem('VendorFanBoard', 'Speed')];
    const result = evaluate(fullInventoryEvidence(items));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.contain('2 vendor-specific components: InternalCtrlr, VendorFanBoard');
    expect(result.details?.['nonStandard']).to.deep.equal(['InternalCtrlr', 'VendorFanBoard']);
    expect(result.seqs).to.deep.equal([12]);
  });

  it('names the replacement of outdated Part 1 example names', () => {
    const result = evaluate(fullInventoryEvidence([...requiredItems(), makeReportItem('RadioLink', 'SignalStrength')]));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.contain('RadioLink (standard name: DataLink)');
  });

  it('cannot judge an empty or missing inventory', () => {
    expect(evaluate(fullInventoryEvidence([], { deviceModel: false })).verdict).to.equal('INCONCLUSIVE');
    expect(evaluate(makeEvidence()).verdict).to.equal('NOT APPLICABLE');
    expect(evaluate(makeEvidence({ cases: [makeCase('inventory-full', { status: 'not-applicable', reason: 'skipped' })] })).reason).to.contain('skipped');
  });

  it('OCPP 2.1 names (DataCollector, the DER and V2X controllers) are standard on a 2.1 station, vendor names on a 2.0.1 one', () => {
    const items = [...requiredItems(), makeReportItem('DataCollector', 'SamplingInterval', { evse: 1 }), makeReportItem('V2XChargingCtrlr', 'Enabled', { evse: 1 })];
    const on21 = evaluate(fullInventoryEvidence(items, { evidence: { station: { identity: 'CS-21', securityProfile: 0, protocol: { version: '2.1', subprotocol: 'ocpp2.1', offered: ['ocpp2.1'] } } } }));
    expect(on21.verdict, on21.reason).to.equal('PASS');
    const on201 = evaluate(fullInventoryEvidence(items));
    expect(on201.verdict).to.equal('WARN');
    expect(on201.reason).to.match(/^2 vendor-specific components: DataCollector, V2XChargingCtrlr\./);
  });
});
