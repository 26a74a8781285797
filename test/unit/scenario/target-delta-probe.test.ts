import { expect } from 'chai';
import type { DeviceModelEntry } from '../../../src/evidence/evidence.js';
import { targetDeltaProbe } from '../../../src/scenario/target-delta-probe.js';
import { chooseTargets } from '../../../src/scenario/targets.js';
import { makeReportItem, type ReportItemOptions } from '../../helpers/evidence-fixture.js';

/** A monitorable number with an Actual and a Target attribute; which one is writable is the test's choice. */
function setpoint(actual: string, target: string, options: ReportItemOptions & { writable?: 'Target' | 'Actual' | 'none' } = {}): DeviceModelEntry {
  const writable = options.writable ?? 'Target';
  const { writable: _ignored, ...rest } = options;
  return {
    ...makeReportItem('Heater', 'Temperature', {
      dataType: 'decimal',
      supportsMonitoring: true,
      minLimit: -40,
      maxLimit: 60,
      ...rest,
      attributes: [
        { type: 'Actual', value: actual, mutability: writable === 'Actual' ? 'ReadWrite' : 'ReadOnly' },
        { type: 'Target', value: target, mutability: writable === 'Target' ? 'ReadWrite' : 'ReadOnly' },
      ],
    }),
    seq: 7,
  };
}


describe('targetDeltaProbe (OCPP 2.1 TargetDelta / TargetDeltaRelative, N07.FR.22/23)', () => {
  it('moves Target around the Actual: starts inside, two values inside on either side (a move larger than the band), one outside', () => {
    const probe = targetDeltaProbe(setpoint('11.5', '12.0'));
    expect(probe).to.deep.include({ moves: 'Target', start: '12.0', band: 3, inside: 13.5, insideOther: 9.5, outside: 16 });
    expect(Math.abs(probe!.inside - probe!.insideOther)).to.be.greaterThan(probe!.band);
    expect(Math.abs(probe!.outside - 11.5)).to.be.greaterThan(probe!.band);
    // Relative: inside stays within relative × Target, outside leaves it, Target as it is after the move.
    const { relative, relativeInside, relativeOutside } = probe!;
    expect(relative).to.equal(0.1);
    expect(Math.abs(11.5 - relativeInside!)).to.be.at.most(relative! * relativeInside!);
    expect(Math.abs(11.5 - relativeOutside!)).to.be.greaterThan(relative! * relativeOutside!);
  });

  it('moves Actual when only Actual is writable, and widens the band past the deviation it starts with', () => {
    const probe = targetDeltaProbe(setpoint('1500', '1800', { dataType: 'integer', minLimit: 0, maxLimit: 3000, writable: 'Actual' }));
    expect(probe).to.deep.include({ moves: 'Actual', start: '1500', band: 302 });
    expect(Number.isInteger(probe!.inside) && Number.isInteger(probe!.outside)).to.equal(true);
    expect(Math.abs(probe!.inside - 1800)).to.be.at.most(302);
    expect(Math.abs(probe!.outside - 1800)).to.be.greaterThan(302);
  });

  it('stays within the limits: takes the side that fits, and gives up when no band fits', () => {
    const high = targetDeltaProbe(setpoint('58', '58', { maxLimit: 60 }));
    expect(high).to.deep.include({ inside: 60, insideOther: 56, outside: 53.5 });
    expect(targetDeltaProbe(setpoint('0.5', '0.5', { minLimit: 0, maxLimit: 1 }))).to.deep.include({ band: 0.3, inside: 0.7, insideOther: 0.3 });
    expect(targetDeltaProbe(setpoint('1', '1', { minLimit: 1, maxLimit: 1 }))).to.equal(undefined);
  });

  it('no relative probe when Target is not above 0', () => {
    expect(targetDeltaProbe(setpoint('0', '0'))).not.to.have.property('relative');
    expect(targetDeltaProbe(setpoint('-5', '-5'))).not.to.have.property('relative');
  });

  it('nothing for a read-only pair, a variable without Target, or one that holds no number', () => {
    expect(targetDeltaProbe(setpoint('12', '12', { writable: 'none' }))).to.equal(undefined);
    expect(targetDeltaProbe({ ...makeReportItem('Heater', 'Power', { dataType: 'decimal', value: '5', mutability: 'ReadWrite', supportsMonitoring: true }), seq: 1 })).to.equal(undefined);
    expect(targetDeltaProbe(setpoint('Eco', 'Eco', { dataType: 'OptionList', valuesList: 'Eco,Boost' }))).to.equal(undefined);
  });

  it('chooseTargets: the targetDelta role takes the setpoint before the monitoring roles can, and says so when a station has none', () => {
    const heater = setpoint('11.5', '12.0');
    const reading = { ...makeReportItem('DataLink', 'SignalStrength', { dataType: 'decimal', value: '-70', supportsMonitoring: true }), seq: 8 };
    const { targets } = chooseTargets([heater, reading], {}, '2.1');
    expect(targets.targetDelta).to.deep.include({ component: { name: 'Heater' }, variable: { name: 'Temperature' }, moves: 'Target', band: 3 });
    expect(targets.monitorable?.component).to.deep.equal({ name: 'DataLink' });
    // A 2.0.1 station's cases never use it, so its audit neither picks nor misses one.
    expect(chooseTargets([heater, reading]).targets).not.to.have.property('targetDelta');
    expect(chooseTargets([reading]).missing.map((m) => m.role)).not.to.include('targetDelta');
    expect(chooseTargets([reading], {}, '2.1').missing.find((m) => m.role === 'targetDelta')?.reason).to.equal('the station reports no monitorable integer or decimal with an Actual and a Target attribute, one of them writable');
  });
});
