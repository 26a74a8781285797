import { expect } from 'chai';
import type { DeviceModelEntry } from '../../../src/evidence/evidence.js';
import { detectArchetype } from '../../../src/scoring/archetype.js';
import { makeReportItem, type ReportItem } from '../../helpers/evidence-fixture.js';

const entries = (...items: ReportItem[]): DeviceModelEntry[] => items.map((item, index) => ({ ...item, seq: 100 + index }));
const evsePower = (evse: number, maxLimit?: number): ReportItem => makeReportItem('EVSE', 'Power', { evse, dataType: 'decimal', unit: 'W', ...(maxLimit !== undefined ? { maxLimit } : {}) });

/** A plain AC wallbox: controllers, one EVSE with a connector and the Mode 3 parts. */
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

describe('scoring archetype', () => {
  it('a plain AC station is an ac-wallbox', () => {
    expect(detectArchetype(entries(...acStation()))).to.deep.equal({ archetype: 'ac-wallbox', reason: 'no DC components, DC readings or liquid cooling' });
  });

  it('an empty device model is an ac-wallbox', () => {
    expect(detectArchetype([]).archetype).to.equal('ac-wallbox');
  });

  it('EVSE power above 150 kW without DC evidence stays an ac-wallbox', () => {
    expect(detectArchetype(entries(...acStation(), evsePower(2, 300_000))).archetype).to.equal('ac-wallbox');
  });

  it('CPPWMController DCVoltage (the pilot signal) alone does not make DC', () => {
    const result = detectArchetype(entries(...acStation(), makeReportItem('CPPWMController', 'DCVoltage', { evse: 1, dataType: 'decimal', unit: 'V' }), evsePower(2, 350_000)));
    expect(result).to.deep.equal({ archetype: 'ac-wallbox', reason: 'no DC components, DC readings or liquid cooling' });
  });

  it('a LiquidCoolingSystem makes an hpc, whatever else is reported', () => {
    const result = detectArchetype(entries(...acStation(), makeReportItem('LiquidCoolingSystem', 'Temperature', { evse: 1, connector: 1, dataType: 'decimal' })));
    expect(result).to.deep.equal({ archetype: 'hpc', reason: 'reports a LiquidCoolingSystem (liquid-cooled cables)' });
  });

  it('component names are matched case-insensitively', () => {
    expect(detectArchetype(entries(makeReportItem('liquidcoolingsystem', 'Active'))).archetype).to.equal('hpc');
    expect(detectArchetype(entries(makeReportItem('ACDCCONVERTER', 'Temperature'))).archetype).to.equal('dc-fast');
  });

  it('ISO15118Ctrlr and ConnectedEV alone do not make a DC station (AC stations have them too)', () => {
    for (const component of ['ISO15118Ctrlr', 'ConnectedEV']) {
      expect(detectArchetype(entries(...acStation(), makeReportItem(component, 'Enabled', { dataType: 'boolean' }))).archetype, component).to.equal('ac-wallbox');
    }
  });

  for (const component of ['AcDcConverter', 'DcDcConverter', 'GroundIsolationProtection', 'EVRetentionLock', 'CHAdeMOCtrlr']) {
    it(`a ${component} component makes a dc-fast, naming it`, () => {
      const result = detectArchetype(entries(...acStation(), makeReportItem(component, 'Problem', { dataType: 'boolean' })));
      expect(result.archetype).to.equal('dc-fast');
      expect(result.reason).to.equal(`reports DC components (${component})`);
    });
  }

  it('a DC reading on another component makes a dc-fast, naming the component and variable', () => {
    expect(detectArchetype(entries(...acStation(), makeReportItem('EVSE', 'DCVoltage', { evse: 1, dataType: 'decimal', unit: 'V' })))).to.deep.equal({
      archetype: 'dc-fast',
      reason: 'reports DC readings (EVSE.DCVoltage)',
    });
    expect(detectArchetype(entries(makeReportItem('PowerConverter', 'DCCurrent', { dataType: 'decimal' })))).to.deep.equal({
      archetype: 'dc-fast',
      reason: 'reports DC readings (PowerConverter.DCCurrent)',
    });
  });

  it('DC with EVSE power exactly 150000 W is still a dc-fast', () => {
    const result = detectArchetype(entries(makeReportItem('AcDcConverter', 'Temperature'), evsePower(1, 150_000)));
    expect(result).to.deep.equal({ archetype: 'dc-fast', reason: 'reports DC components (AcDcConverter)' });
  });

  it('DC components with EVSE power above 150000 W make an hpc, naming the power', () => {
    expect(detectArchetype(entries(makeReportItem('AcDcConverter', 'Temperature'), evsePower(1, 150_001)))).to.deep.equal({ archetype: 'hpc', reason: 'DC, with EVSE power up to 150.001 kW' });
  });

  it('DC readings with EVSE power above 150 kW make an hpc; the highest EVSE counts', () => {
    const result = detectArchetype(entries(makeReportItem('EVSE', 'DCVoltage', { evse: 1 }), evsePower(1, 50_000), evsePower(2, 350_000), evsePower(3, 100_000)));
    expect(result).to.deep.equal({ archetype: 'hpc', reason: 'DC, with EVSE power up to 350 kW' });
  });

  it('EVSE Power without a maxLimit counts as 0 W', () => {
    expect(detectArchetype(entries(makeReportItem('AcDcConverter', 'Temperature'), evsePower(1))).archetype).to.equal('dc-fast');
  });

  it('only EVSE.Power sets the power: a large maxLimit on another variable does not', () => {
    const result = detectArchetype(entries(makeReportItem('AcDcConverter', 'Temperature'), makeReportItem('ElectricalFeed', 'Power', { maxLimit: 400_000 }), makeReportItem('EVSE', 'EnergyImport', { evse: 1, maxLimit: 400_000 })));
    expect(result.archetype).to.equal('dc-fast');
  });
});
