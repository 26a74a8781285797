import { expect } from 'chai';
import { characteristicsSanity } from '../../../src/checks/characteristics-sanity.js';
import type { CheckResult } from '../../../src/checks/check.js';
import { itemKey } from '../../../src/checks/inventory/report-items.js';
import type { Evidence } from '../../../src/evidence/evidence.js';
import { FIXTURE_TIME, makeCase, makeEvidence, makeReportItem, type ReportItem } from '../../helpers/evidence-fixture.js';
import { fullInventoryEvidence } from './inventory-fixture.js';

function evaluate(evidence: Evidence): CheckResult {
  return characteristicsSanity.evaluate(evidence) as CheckResult;
}

const temperature = (value: string | null, more: Parameters<typeof makeReportItem>[2] = {}): ReportItem =>
  makeReportItem('Connector', 'Temperature', { evse: 1, connector: 1, dataType: 'decimal', unit: 'Celsius', value, ...more });

const sound: ReportItem[] = [
  temperature('21.5', { minLimit: -40, maxLimit: 120 }),
  makeReportItem('OCPPCommCtrlr', 'HeartbeatInterval', { dataType: 'integer', unit: 's', value: '300', minLimit: 1, mutability: 'ReadWrite' }),
  makeReportItem('ChargingStation', 'Available', { dataType: 'boolean', value: 'true' }),
  makeReportItem('ClockCtrlr', 'DateTime', { dataType: 'dateTime', value: FIXTURE_TIME }),
  makeReportItem('ChargingStation', 'AvailabilityState', { dataType: 'OptionList', valuesList: 'Available,Unavailable', value: 'Available' }),
  makeReportItem('SampledDataCtrlr', 'TxUpdatedMeasurands', { dataType: 'MemberList', valuesList: 'Energy.Active.Import.Register,Power.Active.Import', value: 'Power.Active.Import, Energy.Active.Import.Register', maxLimit: 100 }),
  makeReportItem('SampledDataCtrlr', 'TxEndedMeasurands', { dataType: 'MemberList', valuesList: 'Energy.Active.Import.Register', value: '' }),
  makeReportItem('SecurityCtrlr', 'BasicAuthPassword', { dataType: 'string', mutability: 'WriteOnly', value: null, minLimit: 16, maxLimit: 40 }),
  makeReportItem('SecurityCtrlr', 'OrganizationName', { dataType: 'string', value: 'ACME', maxLimit: 50 }),
  makeReportItem('OCPPCommCtrlr', 'NetworkConfigurationPriority', { dataType: 'SequenceList', valuesList: '1,2', value: '2,1' }),
  makeReportItem('EVSE', 'Power', { evse: 1, dataType: 'decimal', unit: 'kW', value: '1.5e1' }),
];

/** The sound items plus `extra`, each replacing a sound item of the same identity. */
function soundWith(...extra: ReportItem[]): ReportItem[] {
  const replaced = new Set(extra.map((item) => itemKey(item)));
  return [...sound.filter((item) => !replaced.has(itemKey(item))), ...extra];
}

describe('characteristics-sanity (B07, TC_B_13/53)', () => {
  it('passes sound items of every dataType', () => {
    const result = evaluate(fullInventoryEvidence(sound));
    expect(result.verdict, result.reason).to.equal('PASS');
    expect(result.details?.['items']).to.equal(sound.length);
    expect(result.seqs).to.deep.equal([12]);
  });

  const failures: Array<[string, ReportItem, string, string]> = [
    ['missing characteristics', temperature('1', { characteristics: false }), 'no-characteristics', 'Connector@1/1.Temperature'],
    ['missing dataType', temperature('1', { dataType: null }), 'no-data-type', 'no dataType'],
    ['unknown dataType', temperature('1', { dataType: 'float' }), 'unknown-data-type', '"float"'],
    ['list without valuesList', makeReportItem('ChargingStation', 'AvailabilityState', { dataType: 'OptionList', value: 'Available' }), 'no-values-list', 'ChargingStation.AvailabilityState (OptionList)'],
    ['an integer that is not one', makeReportItem('OCPPCommCtrlr', 'HeartbeatInterval', { dataType: 'integer', value: '30.5' }), 'bad-value', '"30.5" is not an integer'],
    ['a decimal that is not one', temperature('warm'), 'bad-value', 'Connector@1/1.Temperature "warm" is not a decimal'],
    ['a boolean spelled otherwise', makeReportItem('ChargingStation', 'Available', { dataType: 'boolean', value: 'True' }), 'bad-value', 'is not true or false'],
    ['a date that is not ISO', makeReportItem('ClockCtrlr', 'DateTime', { dataType: 'dateTime', value: '01/02/2025 10:00' }), 'bad-value', 'not an ISO 8601 date-time'],
    ['a value under minLimit', temperature('-50', { minLimit: -40 }), 'out-of-limits', 'below minLimit -40'],
    ['a value over maxLimit', temperature('130', { maxLimit: 120 }), 'out-of-limits', 'above maxLimit 120'],
    ['a string longer than maxLimit', makeReportItem('SecurityCtrlr', 'OrganizationName', { value: 'ACME Charging', maxLimit: 4 }), 'out-of-limits', 'longer than maxLimit 4'],
    ['an option outside valuesList', makeReportItem('ChargingStation', 'AvailabilityState', { dataType: 'OptionList', valuesList: 'Available,Unavailable', value: 'Broken' }), 'not-in-values-list', '"Broken" is not one of its valuesList'],
    ['a member outside valuesList', makeReportItem('OCPPCommCtrlr', 'FileTransferProtocols', { dataType: 'MemberList', valuesList: 'FTP,HTTPS', value: 'HTTPS,SCP' }), 'not-in-values-list', '"SCP" not in its valuesList'],
    ['inverted limits', temperature('1', { minLimit: 10, maxLimit: 0 }), 'inverted-limits', '(10 > 0)'],
    // JSON.parse('1e400') is Infinity: no CSMS can compute with it or send it back (issue 13).
    ['a maxLimit no number can hold', temperature('1', { maxLimit: Number.POSITIVE_INFINITY }), 'unrepresentable-limit', '(maxLimit)'],
    ['a WriteOnly value shown', makeReportItem('SecurityCtrlr', 'BasicAuthPassword', { mutability: 'WriteOnly', value: 'secret-password-123' }), 'write-only-value', 'SecurityCtrlr.BasicAuthPassword'],
    ['an over-long component name', makeReportItem('A'.repeat(51), 'Enabled', { dataType: 'boolean', value: 'true' }), 'name-too-long', 'component 51 chars'],
    ['an over-long variable instance', makeReportItem('OCPPCommCtrlr', 'FieldLength', { variableInstance: 'x'.repeat(60), dataType: 'integer', value: '5' }), 'name-too-long', 'variable instance 60 chars'],
  ];

  for (const [what, item, kind, fragment] of failures) {
    it(`fails ${what}`, () => {
      const result = evaluate(fullInventoryEvidence(soundWith(item)));
      expect(result.verdict).to.equal('FAIL');
      expect(result.details?.['problems']).to.deep.equal({ [kind]: 1 });
      expect(result.reason).to.contain(fragment);
      expect(result.seqs).to.deep.equal([12]);
    });
  }

  it('fails an item reported twice, citing the frames of both copies', () => {
    const result = evaluate(fullInventoryEvidence([...sound, temperature('22')], { perPart: sound.length }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.details?.['problems']).to.deep.equal({ duplicate: 1 });
    expect(result.reason).to.contain('Connector@1/1.Temperature (reported 2 times)');
    expect(result.seqs).to.deep.equal([12, 13]);
  });

  it('does not take items on different connectors or instances for duplicates', () => {
    const items = [...sound, temperature('22', { connector: 2 }), makeReportItem('Connector', { name: 'Temperature', instance: 'Pin' }, { evse: 1, connector: 1, dataType: 'decimal', unit: 'Celsius', value: '20' })];
    expect(evaluate(fullInventoryEvidence(items)).verdict).to.equal('PASS');
  });

  it('warns about a unit outside the standard list', () => {
    const result = evaluate(fullInventoryEvidence(soundWith(temperature('1', { unit: 'degC' }))));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.contain('unit not in the standard list (1): Connector@1/1.Temperature ("degC")');
  });

  it('warns about an empty value for a number, boolean or date, but not for text or lists', () => {
    const result = evaluate(fullInventoryEvidence(soundWith(makeReportItem('OCPPCommCtrlr', 'OfflineThreshold', { dataType: 'integer', value: '' }))));
    expect(result.verdict).to.equal('WARN');
    expect(result.details?.['problems']).to.deep.equal({ 'empty-value': 1 });
  });

  it('reports several kinds at once, failures first, with counts per kind', () => {
    const items = soundWith(temperature('warm'), temperature('hot', { connector: 2 }), temperature('1', { connector: 3, unit: 'degC' }), temperature('1', { connector: 4, characteristics: false }));
    const result = evaluate(fullInventoryEvidence(items));
    expect(result.verdict).to.equal('FAIL');
    expect(result.details?.['problems']).to.deep.equal({ 'no-characteristics': 1, 'bad-value': 2, 'non-standard-unit': 1 });
    expect(result.reason.indexOf('no variableCharacteristics')).to.be.lessThan(result.reason.indexOf('unit not in the standard list'));
  });

  it('is inconclusive with an empty inventory, and passes on the case status otherwise', () => {
    expect(evaluate(fullInventoryEvidence([], { deviceModel: false })).verdict).to.equal('INCONCLUSIVE');
    expect(evaluate(makeEvidence()).verdict).to.equal('NOT APPLICABLE');
    expect(evaluate(makeEvidence({ cases: [makeCase('inventory-full', { status: 'inconclusive', reason: 'boom' })] })).verdict).to.equal('INCONCLUSIVE');
  });
});
