import { expect } from 'chai';
import type { DeviceModelEntry } from '../../../src/evidence/evidence.js';
import { detectArchetype } from '../../../src/scoring/archetype.js';
import { makeReportItem, type ReportItem } from '../../helpers/evidence-fixture.js';

const entries = (...items: ReportItem[]): DeviceModelEntry[] => items.map((item, index) => ({ ...item, seq: 100 + index }));
const evsePower = (evse: number, maxLimit?: number, unit = 'W'): ReportItem => makeReportItem('EVSE', 'Power', { evse, dataType: 'decimal', unit, ...(maxLimit !== undefined ? { maxLimit } : {}) });
const phases = (evse: number, value: string): ReportItem => makeReportItem('EVSE', 'SupplyPhases', { evse, dataType: 'integer', value });
const connectorType = (evse: number, connector: number, value: string): ReportItem => makeReportItem('Connector', 'ConnectorType', { evse, connector, value });

/** A plain AC wallbox: controllers, one EVSE with a connector and the Mode 3 parts, 22 kW, no SupplyPhases or connector type. */
const acStation = (): ReportItem[] => [
  makeReportItem('ChargingStation', 'Available', { dataType: 'boolean' }),
  makeReportItem('OCPPCommCtrlr', 'HeartbeatInterval', { dataType: 'integer' }),
  makeReportItem('EVSE', 'Available', { evse: 1, dataType: 'boolean' }),
  evsePower(1, 22_000),
  makeReportItem('EVSE', 'ACCurrent', { evse: 1, variableInstance: 'L1', dataType: 'decimal', unit: 'A' }),
  makeReportItem('Connector', 'Available', { evse: 1, connector: 1, dataType: 'boolean' }),
  makeReportItem('CPPWMController', 'State', { evse: 1 }),
  makeReportItem('RCD', 'Tripped', { evse: 1, dataType: 'boolean' }),
];

/** The same wallbox saying all it can: three phases on EVSE and connector, a Type 2 socket. */
const threePhaseType2 = (): ReportItem[] => [...acStation(), phases(1, '3'), makeReportItem('Connector', 'SupplyPhases', { evse: 1, connector: 1, dataType: 'integer', value: '3' }), connectorType(1, 1, 'sType2')];

/** A DC charger: converter, insulation monitor, CCS2, SupplyPhases 0, 150 kW. */
const dcStation = (): ReportItem[] => [
  makeReportItem('AcDcConverter', 'DCVoltage', { evse: 1, dataType: 'decimal', unit: 'V' }),
  makeReportItem('GroundIsolationProtection', 'Impedance', { evse: 1, dataType: 'decimal' }),
  phases(1, '0'),
  connectorType(1, 1, 'cCCS2'),
  evsePower(1, 150_000),
];

describe('scoring archetype', () => {
  it('a plain AC station is an ac-wallbox, with the AC evidence named', () => {
    expect(detectArchetype(entries(...acStation()))).to.deep.include({
      archetype: 'ac-wallbox',
      confidence: 'medium',
      reason: 'AC evidence: EVSE power up to 22 kW, AC readings at EVSE 1 (EVSE.ACCurrent); no DC evidence (medium confidence)',
    });
  });

  it('a wallbox that reports three phases and a Type 2 socket is an ac-wallbox with high confidence', () => {
    const result = detectArchetype(entries(...threePhaseType2()));
    expect(result).to.deep.include({ archetype: 'ac-wallbox', confidence: 'high' });
    expect(result.reason).to.contain('SupplyPhases 3 on EVSE 1').and.contain('AC connector type sType2');
  });

  it('an empty device model is assumed an ac-wallbox, with low confidence and saying so', () => {
    expect(detectArchetype([])).to.deep.include({ archetype: 'ac-wallbox', confidence: 'low', reason: 'no evidence of DC or AC charging in the device model, so an AC wallbox is assumed (low confidence)' });
  });

  it('one CHAdeMOCtrlr in an otherwise AC, three-phase, 22 kW inventory does not make a DC fast charger', () => {
    const result = detectArchetype(entries(...threePhaseType2(), makeReportItem('CHAdeMOCtrlr', 'Enabled', { dataType: 'boolean' })));
    expect(result).to.deep.include({ archetype: 'ac-wallbox', confidence: 'medium' });
    expect(result.reason).to.match(/^AC evidence: .*; DC evidence: a CHAdeMO controller \(CHAdeMOCtrlr\), outweighed 8 to 2 \(medium confidence\)$/);
    expect(result.signals).to.deep.include({ points: 'dc', weight: 2, what: 'a CHAdeMO controller (CHAdeMOCtrlr)' });
  });

  it('a CHAdeMOCtrlr with nothing against it still says DC', () => {
    expect(detectArchetype(entries(makeReportItem('CHAdeMOCtrlr', 'Enabled'))).archetype).to.equal('dc-fast');
  });

  it('a tie stays AC, with low confidence', () => {
    const result = detectArchetype(entries(...acStation(), makeReportItem('CHAdeMOCtrlr', 'Enabled')));
    expect(result).to.deep.include({ archetype: 'ac-wallbox', confidence: 'low' });
    expect(result.reason).to.contain('a tie (2 to 2), which stays AC');
  });

  it('a DC charger is a dc-fast with high confidence, every kind of evidence named once', () => {
    const result = detectArchetype(entries(...dcStation(), makeReportItem('DcDcConverter', 'Temperature', { evse: 1 })));
    expect(result).to.deep.include({ archetype: 'dc-fast', confidence: 'high' });
    expect(result.reason).to.equal(
      'DC evidence: power converters (AcDcConverter, DcDcConverter), insulation monitoring (GroundIsolationProtection), DC readings (AcDcConverter.DCVoltage), SupplyPhases 0 (DC) on EVSE 1, DC connector type cCCS2, EVSE power up to 150 kW, beyond AC Mode 3 (high confidence)',
    );
  });

  for (const component of ['AcDcConverter', 'DcDcConverter', 'GroundIsolationProtection']) {
    it(`a ${component} outweighs the evidence of a bare AC station`, () => {
      const result = detectArchetype(entries(...acStation(), makeReportItem(component, 'Problem', { dataType: 'boolean' })));
      expect(result.archetype).to.equal('dc-fast');
      expect(result.reason).to.contain(`(${component})`).and.contain('outweighed 3 to 2');
    });
  }

  it('an EVRetentionLock or forced air cooling alone does not outweigh a bare AC station', () => {
    for (const component of ['EVRetentionLock', 'AirCoolingSystem']) {
      expect(detectArchetype(entries(...acStation(), makeReportItem(component, 'Active'))).archetype, component).to.equal('ac-wallbox');
    }
  });

  it('ISO15118Ctrlr and ConnectedEV are no evidence either way (AC stations have them too)', () => {
    for (const component of ['ISO15118Ctrlr', 'ConnectedEV']) {
      const result = detectArchetype(entries(...acStation(), makeReportItem(component, 'Enabled', { dataType: 'boolean' })));
      expect(result.archetype, component).to.equal('ac-wallbox');
      expect(result.signals.filter((s) => s.points === 'dc'), component).to.deep.equal([]);
    }
  });

  it('DCVoltage of the pilot signal, a clock battery or the control supply is not DC charging', () => {
    for (const component of ['CPPWMController', 'RealTimeClock', 'ELVSupply']) {
      expect(detectArchetype(entries(...acStation(), makeReportItem(component, 'DCVoltage', { evse: 1, dataType: 'decimal', unit: 'V' }))).archetype, component).to.equal('ac-wallbox');
    }
  });

  it('DC output readings on an EVSE outweigh a bare AC station; DC readings elsewhere weigh less', () => {
    const output = detectArchetype(entries(...acStation(), makeReportItem('EVSE', 'DCVoltage', { evse: 1, dataType: 'decimal', unit: 'V' })));
    expect(output.archetype).to.equal('dc-fast');
    expect(output.reason).to.contain('DC output readings (EVSE.DCVoltage)');
    expect(detectArchetype(entries(makeReportItem('PowerConverter', 'DCCurrent', { dataType: 'decimal' }))).reason).to.contain('DC readings (PowerConverter.DCCurrent)');
  });

  it('SupplyPhases 0 and DC connector types say DC; 1 or 3 and AC connector types say AC', () => {
    expect(detectArchetype(entries(phases(1, '0'))).archetype).to.equal('dc-fast');
    expect(detectArchetype(entries(connectorType(1, 1, 'cCCS1'))).archetype).to.equal('dc-fast');
    expect(detectArchetype(entries(connectorType(1, 1, 'cG105'))).archetype).to.equal('dc-fast');
    expect(detectArchetype(entries(phases(1, '1'))).reason).to.contain('SupplyPhases 1 on EVSE 1');
    expect(detectArchetype(entries(connectorType(1, 1, 'cType2'))).reason).to.contain('AC connector type cType2');
    expect(detectArchetype(entries(connectorType(1, 1, 'cTesla'))).signals).to.deep.equal([]);
  });

  it('a DC station that also has an AC outlet stays DC', () => {
    const result = detectArchetype(entries(...dcStation(), phases(2, '3'), connectorType(2, 1, 'sType2')));
    expect(result.archetype).to.equal('dc-fast');
    expect(result.confidence).to.equal('medium');
    expect(result.reason).to.contain('; AC evidence: SupplyPhases 3 on EVSE 2, AC connector type sType2, outweighed 16 to 6');
  });

  it('component and variable names are matched case-insensitively', () => {
    expect(detectArchetype(entries(makeReportItem('liquidcoolingsystem', 'Active'))).archetype).to.equal('hpc');
    expect(detectArchetype(entries(makeReportItem('ACDCCONVERTER', 'Temperature'))).archetype).to.equal('dc-fast');
  });

  it('a LiquidCoolingSystem on a DC station makes an hpc', () => {
    const result = detectArchetype(entries(...dcStation(), makeReportItem('LiquidCoolingSystem', 'Temperature', { evse: 1, connector: 1, dataType: 'decimal' })));
    expect(result.archetype).to.equal('hpc');
    expect(result.reason).to.contain('liquid-cooled cables (LiquidCoolingSystem)').and.contain('; high-power: liquid-cooled cables');
  });

  it('DC with EVSE power exactly 150000 W is still a dc-fast; above 150 kW an hpc, naming the power', () => {
    expect(detectArchetype(entries(makeReportItem('AcDcConverter', 'Temperature'), evsePower(1, 150_000))).archetype).to.equal('dc-fast');
    const result = detectArchetype(entries(makeReportItem('AcDcConverter', 'Temperature'), evsePower(1, 50_000), evsePower(2, 350_000), evsePower(3, 100_000)));
    expect(result.archetype).to.equal('hpc');
    expect(result.reason).to.contain('; high-power: EVSE power up to 350 kW');
  });

  it('EVSE power in kW is read as kW', () => {
    expect(detectArchetype(entries(makeReportItem('AcDcConverter', 'Temperature'), evsePower(1, 350, 'kW'))).archetype).to.equal('hpc');
    expect(detectArchetype(entries(evsePower(1, 11, 'kW'))).reason).to.contain('EVSE power up to 11 kW');
  });

  it('power beyond AC weighs, but does not decide against an inventory that says AC', () => {
    expect(detectArchetype(entries(...threePhaseType2(), evsePower(2, 300_000))).archetype).to.equal('ac-wallbox');
  });

  it('EVSE Power without a maxLimit says nothing about power', () => {
    expect(detectArchetype(entries(evsePower(1))).signals).to.deep.equal([]);
  });

  it('only EVSE.Power sets the power: a large maxLimit on another variable does not', () => {
    const result = detectArchetype(entries(makeReportItem('AcDcConverter', 'Temperature'), makeReportItem('ElectricalFeed', 'Power', { maxLimit: 400_000 }), makeReportItem('EVSE', 'EnergyImport', { evse: 1, maxLimit: 400_000 })));
    expect(result.archetype).to.equal('dc-fast');
  });

  it('reads a device model whose values, units or limits are not the types the schema wants (saved evidence is the station\'s text as received) without throwing', () => {
    const odd = entries(...acStation()).map((entry) =>
      entry.variable.name === 'Power'
        ? { ...entry, variableCharacteristics: { ...entry.variableCharacteristics, unit: 1 as unknown as string, maxLimit: 'lots' as unknown as number } }
        : { ...entry, variableAttribute: [{ type: 'Actual' as const, value: 3 as unknown as string }] },
    );
    expect(() => detectArchetype(odd)).not.to.throw();
    expect(detectArchetype(odd).archetype).to.equal('ac-wallbox');
  });
});
