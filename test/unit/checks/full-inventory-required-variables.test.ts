import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { fullInventoryRequiredVariables } from '../../../src/checks/full-inventory-required-variables.js';
import { REQUIRED_CORE_VARIABLES } from '../../../src/checks/inventory/required-core-variables.js';
import type { Evidence } from '../../../src/evidence/evidence.js';
import { makeCase, makeEvidence, makeReportCase, makeReportItem, type ReportItem } from '../../helpers/evidence-fixture.js';
import { fullInventoryEvidence, requiredItems } from './inventory-fixture.js';

function evaluate(evidence: Evidence): CheckResult {
  return fullInventoryRequiredVariables.evaluate(evidence) as CheckResult;
}

function without(items: ReportItem[], predicate: (item: ReportItem) => boolean): ReportItem[] {
  return items.filter((item) => !predicate(item));
}

describe('full-inventory-required-variables (TC_B_53)', () => {
  it('passes a FullInventory with every core variable on the station, each EVSE and each connector', () => {
    const layout: Array<[number, number[]]> = [
      [1, [1, 2]],
      [2, [1]],
    ];
    const result = evaluate(fullInventoryEvidence(requiredItems(layout)));
    expect(result.verdict).to.equal('PASS');
    expect(result.category).to.equal('inventory');
    expect(result.refs).to.include('TC_B_53');
    expect(result.details?.['connectors']).to.deep.equal(['1/1', '1/2', '2/1']);
  });

  it('reads the report parts when the device model was not filled', () => {
    const result = evaluate(fullInventoryEvidence(requiredItems(), { deviceModel: false, perPart: 10 }));
    expect(result.verdict).to.equal('PASS');
  });

  it('matches names case-insensitively', () => {
    const items = requiredItems().map((item) => (item.component.name === 'OCPPCommCtrlr' ? { ...item, component: { ...item.component, name: 'ocppcommctrlr' } } : item));
    expect(evaluate(fullInventoryEvidence(items)).verdict).to.equal('PASS');
  });

  it('fails with the missing variables named, instances included', () => {
    const items = without(requiredItems(), (item) => item.variable.name === 'ItemsPerMessage' && item.variable.instance === 'GetReport');
    const result = evaluate(fullInventoryEvidence(items));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('1 required variable of').and.contain('DeviceDataCtrlr.ItemsPerMessage[GetReport]');
    expect(result.details?.['missing']).to.deep.equal(['DeviceDataCtrlr.ItemsPerMessage[GetReport]']);
  });

  it('requires the variables on every connector the report shows', () => {
    const items = without(requiredItems([[1, [1, 2]]]), (item) => item.component.name === 'Connector' && item.component.evse?.connectorId === 2 && item.variable.name === 'ConnectorType');
    const result = evaluate(fullInventoryEvidence(items));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('Connector@1/2.ConnectorType');
  });

  it('does not accept a station-level variable reported on an EVSE instead', () => {
    const items = requiredItems().map((item) => (item.component.name === 'SecurityCtrlr' && item.variable.name === 'SecurityProfile' ? { ...item, component: { name: 'SecurityCtrlr', evse: { id: 1 } } } : item));
    const result = evaluate(fullInventoryEvidence(items));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('SecurityCtrlr.SecurityProfile');
  });

  it('lists the first ten missing variables and counts the rest', () => {
    const result = evaluate(fullInventoryEvidence([makeReportItem('ChargingStation', 'Model')]));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.match(/and \d+ more/);
    expect(result.reason).to.contain('AlignedDataCtrlr.Interval');
    expect(result.details?.['missing']).to.include('EVSE.AvailabilityState (no EVSE in the report)');
    expect((result.details?.['missing'] as string[]).length).to.be.greaterThan(REQUIRED_CORE_VARIABLES.length - 5);
  });

  it('is inconclusive about missing variables when the report never completed', () => {
    const items = without(requiredItems(), (item) => item.component.name === 'TxCtrlr');
    const result = evaluate(fullInventoryEvidence(items, { complete: false }));
    expect(result.verdict).to.equal('INCONCLUSIVE');
    expect(result.reason).to.contain('never completed');
  });

  it('warns when a read-only Available is left out', () => {
    const items = without(requiredItems(), (item) => item.component.name === 'EVSE' && item.variable.name === 'Available');
    const result = evaluate(fullInventoryEvidence(items));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.contain('EVSE@1.Available left out');
  });

  it('warns about a dataType, mutability, unit or maxLimit other than TC_B_53 expects', () => {
    const items = requiredItems().map((item) => {
      if (item.component.name === 'EVSE' && item.variable.name === 'Power') return { ...item, variableCharacteristics: { ...item.variableCharacteristics, unit: 'A', maxLimit: 0 } };
      if (item.variable.name === 'OfflineThreshold') return { ...item, variableAttribute: [{ type: 'Actual', value: '10', mutability: 'ReadOnly' }] };
      if (item.variable.name === 'SecurityProfile') return { ...item, variableCharacteristics: { ...item.variableCharacteristics, dataType: 'string' } };
      return item;
    });
    const result = evaluate(fullInventoryEvidence(items));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.contain('EVSE@1.Power unit A (expected W or kW), maxLimit 0 (expected > 0)');
    expect(result.reason).to.contain('OCPPCommCtrlr.OfflineThreshold ReadOnly (expected ReadWrite)');
    expect(result.reason).to.contain('SecurityCtrlr.SecurityProfile dataType string (expected integer)');
    expect(result.seqs).to.have.length.greaterThan(0);
  });

  it('an omitted mutability reads "omitted (defaults to ReadWrite)", not as a ReadWrite the station chose', () => {
    const items = requiredItems().map((item) => (item.component.name === 'EVSE' && item.variable.name === 'SupplyPhases' ? makeReportItem('EVSE', 'SupplyPhases', { evse: 1, dataType: 'integer', value: '3', mutability: null }) : item));
    const result = evaluate(fullInventoryEvidence(items));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.contain('EVSE@1.SupplyPhases mutability omitted (defaults to ReadWrite; expected ReadOnly)');
    expect(result.reason).to.not.contain('SupplyPhases ReadWrite');
  });

  it('an EVSE 0 or a connector 0 is not a place whose required variables are missing (topology-matches-status judges the id)', () => {
    const items = [
      ...requiredItems(),
      makeReportItem('EVSE', 'AvailabilityState', { evse: 0, dataType: 'OptionList', valuesList: 'Available,Unavailable', value: 'Available' }),
      makeReportItem('Connector', 'AvailabilityState', { evse: 1, connector: 0, dataType: 'OptionList', valuesList: 'Available,Unavailable', value: 'Available' }),
    ];
    const result = evaluate(fullInventoryEvidence(items));
    expect(result.verdict, result.reason).to.equal('PASS');
    expect(result.details?.['evses']).to.deep.equal([1]);
    expect(result.details?.['connectors']).to.deep.equal(['1/1']);
    expect(result.details?.['ignoredInvalidIds']).to.deep.equal(['EVSE@0', 'Connector@1/0']);
  });

  it('accepts both dataTypes where the appendix and TC_B_53 disagree', () => {
    const items = requiredItems().map((item) =>
      item.variable.name === 'ConnectorType' ? makeReportItem('Connector', 'ConnectorType', { evse: 1, connector: 1, dataType: 'OptionList', valuesList: 'cType2,sType2', value: 'sType2' }) : item,
    );
    expect(evaluate(fullInventoryEvidence(items)).verdict).to.equal('PASS');
  });

  it('warns about missing variables of a functional block the station reports', () => {
    const items = [...requiredItems(), makeReportItem('SmartChargingCtrlr', 'Enabled', { dataType: 'boolean', value: 'true' })];
    const result = evaluate(fullInventoryEvidence(items));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.contain('SmartChargingCtrlr.Entries[ChargingProfiles]');
    expect(result.details?.['blocksImplemented']).to.deep.equal(['SmartChargingCtrlr']);
  });

  it('passes on what it cannot judge: not run, not applicable, inconclusive, no report', () => {
    expect(evaluate(makeEvidence()).verdict).to.equal('NOT APPLICABLE');
    expect(evaluate(makeEvidence({ cases: [makeCase('inventory-full', { status: 'not-applicable', reason: 'excluded' })] })).verdict).to.equal('NOT APPLICABLE');
    const inconclusive = evaluate(makeEvidence({ cases: [makeCase('inventory-full', { status: 'inconclusive', reason: 'station went away' })] }));
    expect(inconclusive.verdict).to.equal('INCONCLUSIVE');
    expect(inconclusive.reason).to.contain('station went away');
    const noParts = evaluate(fullInventoryEvidence([], { parts: [], complete: false, deviceModel: false }));
    expect(noParts.verdict).to.equal('INCONCLUSIVE');
    expect(noParts.reason).to.contain('No part of the FullInventory');
  });

  it('fails with the one cause when the station refuses GetBaseReport: it reports no device model (issue 13 item 9)', () => {
    const refused = makeReportCase('inventory-full', { failure: { kind: 'call-error', errorCode: 'NotSupported', description: 'CALLERROR NotSupported' } });
    const result = evaluate(makeEvidence({ cases: [refused] }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.equal('No required variable is reported, because the station reports no device model: it answers GetBaseReport(FullInventory) with CALLERROR NotSupported.');
    expect(result.seqs).to.deep.equal([10]);
  });
});
