import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { nonStandardVariables } from '../../../src/checks/non-standard-variables.js';
import type { Evidence } from '../../../src/evidence/evidence.js';
import { makeCase, makeEvidence, makeReportItem } from '../../helpers/evidence-fixture.js';
import { fullInventoryEvidence, requiredItems } from './inventory-fixture.js';

function evaluate(evidence: Evidence): CheckResult {
  return nonStandardVariables.evaluate(evidence) as CheckResult;
}

describe('non-standard-variables (Part 2 Appendix 3 and 4 names)', () => {
  it('passes generic and component-specific standardized names, in any letter case', () => {
    const items = [
      ...requiredItems(),
      makeReportItem('OCPPCommCtrlr', 'HeartbeatInterval'),
      makeReportItem('MonitoringCtrlr', 'ActiveMonitoringLevel'),
      makeReportItem('TemperatureSensor', 'temperature', { evse: 1 }),
      makeReportItem('EVSE', 'ISO15118EvseId', { evse: 1 }),
      makeReportItem('AuthCtrlr', 'Enabled'),
    ];
    const result = evaluate(fullInventoryEvidence(items));
    expect(result.verdict, result.reason).to.equal('PASS');
    expect(result.category).to.equal('inventory');
  });

  it('warns about dotted pseudo-variables, naming the component and variable they stand for', () => {
    const items = [...requiredItems(), makeReportItem('OCPPCommCtrlr', 'AuthCtrlr.AuthorizeRemoteStart'), makeReportItem('OCPPCommCtrlr', 'Vendor.Key')];
    const result = evaluate(fullInventoryEvidence(items));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.contain('2 dotted pseudo-variables: OCPPCommCtrlr.AuthCtrlr.AuthorizeRemoteStart (meant: variable AuthorizeRemoteStart of component AuthCtrlr), OCPPCommCtrlr.Vendor.Key');
    expect(result.seqs).to.have.length(1);
  });

  it('warns about a name outside the standardized list of a standardized component, once per name', () => {
    const items = [...requiredItems(), makeReportItem('AlignedDataCtrlr', 'AlignedDataMeasurands'), makeReportItem('Connector', 'PlugCycles', { evse: 1, connector: 1 }), makeReportItem('Connector', 'PlugCycles', { evse: 1, connector: 2 })];
    const result = evaluate(fullInventoryEvidence(items));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.contain('2 variables outside the standardized names of their component: AlignedDataCtrlr.AlignedDataMeasurands, Connector.PlugCycles');
    expect(result.details?.['nonStandard']).to.deep.equal(['AlignedDataCtrlr.AlignedDataMeasurands', 'Connector.PlugCycles']);
  });

  it('a controller variable on another controller is outside its standardized names', () => {
    const result = evaluate(fullInventoryEvidence([...requiredItems(), makeReportItem('OCPPCommCtrlr', 'AuthorizeRemoteStart')]));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.contain('OCPPCommCtrlr.AuthorizeRemoteStart');
  });

  it('leaves the variables of vendor components to the vendor, unless they hold a dot', () => {
    expect(evaluate(fullInventoryEvidence([...requiredItems(), makeReportItem('InternalCtrlr', 'MonitorsProcessingInterval')])).verdict).to.equal('PASS');
    expect(evaluate(fullInventoryEvidence([...requiredItems(), makeReportItem('InternalCtrlr', 'Internal.Key')])).verdict).to.equal('WARN');
  });

  it('cannot judge an empty or missing inventory', () => {
    expect(evaluate(fullInventoryEvidence([], { deviceModel: false })).verdict).to.equal('INCONCLUSIVE');
    expect(evaluate(makeEvidence()).verdict).to.equal('NOT APPLICABLE');
    expect(evaluate(makeEvidence({ cases: [makeCase('inventory-full', { status: 'not-applicable', reason: 'skipped' })] })).reason).to.contain('skipped');
  });

  it('OCPP 2.1 variables (hierarchy on any component, ExternalConfigChangeDate, MaxPeriodicEventStreams) are standard on a 2.1 station only', () => {
    const items = [
      ...requiredItems(),
      makeReportItem('EVSE', 'PhysicalParent', { evse: 1 }),
      makeReportItem('Connector', 'label', { evse: 1, connector: 1 }),
      makeReportItem('OCPPCommCtrlr', 'ExternalConfigChangeDate'),
      makeReportItem('MonitoringCtrlr', 'MaxPeriodicEventStreams'),
      makeReportItem('DataCollector', 'SampledMeasurands', { evse: 1 }),
    ];
    const on21 = evaluate(fullInventoryEvidence(items, { evidence: { station: { identity: 'CS-21', securityProfile: 0, protocol: { version: '2.1', subprotocol: 'ocpp2.1', offered: ['ocpp2.1'] } } } }));
    expect(on21.verdict, on21.reason).to.equal('PASS');
    const on201 = evaluate(fullInventoryEvidence(items));
    expect(on201.verdict).to.equal('WARN');
    expect(on201.details?.['nonStandard']).to.deep.equal(['EVSE.PhysicalParent', 'Connector.label', 'OCPPCommCtrlr.ExternalConfigChangeDate', 'MonitoringCtrlr.MaxPeriodicEventStreams']);
    // A 2.1 name on the wrong component is still outside the list.
    const misplaced = evaluate(fullInventoryEvidence([...requiredItems(), makeReportItem('OCPPCommCtrlr', 'MaxPeriodicEventStreams')], { evidence: { station: { identity: 'CS-21', securityProfile: 0, protocol: { version: '2.1', subprotocol: 'ocpp2.1', offered: ['ocpp2.1'] } } } }));
    expect(misplaced.verdict).to.equal('WARN');
  });
});
