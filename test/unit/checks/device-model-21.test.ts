import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { deviceModel21 } from '../../../src/checks/device-model-21.js';
import { makeReportItem, type ReportItem } from '../../helpers/evidence-fixture.js';
import { fullInventoryEvidence, requiredItems } from './inventory-fixture.js';

const STATION_21 = { identity: 'CS-21', securityProfile: 0, protocol: { version: '2.1' as const, subprotocol: 'ocpp2.1', offered: ['ocpp2.1'] } };

function evaluate(items: ReportItem[], complete = true): CheckResult {
  return deviceModel21.evaluate(fullInventoryEvidence([...requiredItems(), ...items], { complete, evidence: { station: STATION_21 } })) as CheckResult;
}

/** The additions as the virtual ac-wallbox reports them under 2.1. */
const ADDITIONS: ReportItem[] = [
  makeReportItem('EVSE', 'PhysicalParent', { evse: 1, value: 'ChargingStation' }),
  makeReportItem('Connector', 'ElectricalParent', { evse: 1, connector: 1, value: 'EVSE' }),
  makeReportItem('Connector', 'Label', { evse: 1, connector: 1, value: 'Type 2 socket' }),
  makeReportItem('DataCollector', 'Enabled', { evse: 1, dataType: 'boolean', value: 'false', mutability: 'ReadWrite' }),
  makeReportItem('DataCollector', 'SamplingInterval', { evse: 1, dataType: 'decimal', value: '0.1', mutability: 'ReadWrite' }),
  makeReportItem('DataCollector', 'SampledMeasurands', { evse: 1, dataType: 'MemberList', value: 'Voltage', valuesList: 'Voltage,Current.Import', mutability: 'ReadWrite' }),
  makeReportItem('OCPPCommCtrlr', 'ExternalConfigChangeDate', { dataType: 'dateTime', value: '2025-11-03T09:12:00Z' }),
  makeReportItem('MonitoringCtrlr', 'MaxPeriodicEventStreams', { dataType: 'integer', value: '4' }),
];

describe('device-model-21 (OCPP 2.1 device-model additions for diagnostics)', () => {
  it('PASS with every addition there and shaped as the 2.1 appendix says', () => {
    const result = evaluate(ADDITIONS);
    expect(result.verdict, result.reason).to.equal('PASS');
    expect(result.reason).to.equal('The FullInventory reports hierarchy variables, DataCollector, OCPPCommCtrlr.ExternalConfigChangeDate, MonitoringCtrlr.MaxPeriodicEventStreams, as the 2.1 appendix shapes them.');
  });

  it('PASS naming what is absent when only some are there (the guideline weighs each one)', () => {
    const result = evaluate(ADDITIONS.slice(0, 3));
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.include('not reported: DataCollector, OCPPCommCtrlr.ExternalConfigChangeDate, MonitoringCtrlr.MaxPeriodicEventStreams');
  });

  it('WARN with none of them (all optional); INCONCLUSIVE when the inventory never finished', () => {
    const none = evaluate([]);
    expect(none.verdict).to.equal('WARN');
    expect(none.reason).to.match(/^The FullInventory has none of the OCPP 2\.1 diagnostics additions: hierarchy variables, DataCollector, /);
    expect(evaluate([], false).verdict).to.equal('INCONCLUSIVE');
  });

  it('WARN on a writable hierarchy variable, a parent that is not reported, a DataCollector outside an EVSE, and wrong data types or values', () => {
    const result = evaluate([
      makeReportItem('EVSE', 'PhysicalParent', { evse: 1, value: 'ChargingStation', mutability: 'ReadWrite' }),
      makeReportItem('Connector', 'PhysicalParent', { evse: 1, connector: 1, value: 'Cabinet' }),
      makeReportItem('DataCollector', 'SamplingInterval', { dataType: 'integer', value: '1' }),
      makeReportItem('OCPPCommCtrlr', 'ExternalConfigChangeDate', { dataType: 'dateTime', value: 'yesterday' }),
      makeReportItem('MonitoringCtrlr', 'MaxPeriodicEventStreams', { dataType: 'integer', value: 'many' }),
    ]);
    expect(result.verdict).to.equal('WARN');
    const problems = result.details?.['problems'] as string[];
    expect(problems).to.include.members([
      'EVSE@1.PhysicalParent is ReadWrite (expected ReadOnly): the hierarchy variables are read-only',
      'Connector@1/1.PhysicalParent points to Cabinet, a component the station does not report',
      'DataCollector.SamplingInterval has dataType integer, not decimal',
      'DataCollector.SamplingInterval is not under an EVSE',
      'OCPPCommCtrlr.ExternalConfigChangeDate holds "yesterday", not a date-time',
      'MonitoringCtrlr.MaxPeriodicEventStreams holds "many", not a count',
    ]);
  });
});
