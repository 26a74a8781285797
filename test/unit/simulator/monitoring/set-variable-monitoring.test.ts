import { expect } from 'chai';
import type { SetMonitoringData, SetVariableMonitoringResponse } from '../../../../src/simulator/monitoring/messages.js';
import { MonitoringState } from '../../../../src/simulator/monitoring/monitoring-state.js';
import { buildModel, CONNECTOR11, EVSE1, expectValid, factoryMonitors, POWER, SECURITY, STATION, TEMPERATURE } from './fixtures.js';

function setup(): MonitoringState {
  return new MonitoringState(buildModel(), factoryMonitors());
}

function set(state: MonitoringState, ...data: SetMonitoringData[]): SetVariableMonitoringResponse {
  const request = { setMonitoringData: data };
  expectValid('SetVariableMonitoring', 'request', request);
  const response = state.setVariableMonitoring(request);
  expectValid('SetVariableMonitoring', 'response', response);
  return response;
}

const upper = (value: number, severity = 5, extra: Partial<SetMonitoringData> = {}): SetMonitoringData => ({ component: EVSE1, variable: POWER, type: 'UpperThreshold', value, severity, ...extra });

describe('MonitoringState.setVariableMonitoring (N04)', () => {
  it('N04.FR.01/02 one result per element, echoing component, variable, type and severity', () => {
    const state = setup();
    const response = set(state, upper(1000, 3), { component: { name: 'Nope' }, variable: POWER, type: 'Delta', value: 1, severity: 6 });
    expect(response.setMonitoringResult).to.have.length(2);
    expect(response.setMonitoringResult[0]).to.deep.include({ status: 'Accepted', type: 'UpperThreshold', severity: 3, component: EVSE1, variable: POWER });
    expect(response.setMonitoringResult[1]).to.deep.include({ status: 'UnknownComponent', type: 'Delta', severity: 6, component: { name: 'Nope' }, variable: POWER });
  });

  it('N04.FR.03 unknown component → UnknownComponent', () => {
    const [result] = set(setup(), { component: { name: 'EVSE', evse: { id: 9 } }, variable: POWER, type: 'Delta', value: 1, severity: 5 }).setMonitoringResult;
    expect(result?.status).to.equal('UnknownComponent');
    expect(result).not.to.have.property('id');
  });

  it('N04.FR.04 unknown variable → UnknownVariable', () => {
    expect(set(setup(), { component: EVSE1, variable: { name: 'Voltage' }, type: 'Delta', value: 1, severity: 5 }).setMonitoringResult[0]?.status).to.equal('UnknownVariable');
  });

  it('N04 a variable with supportsMonitoring false → Rejected', () => {
    const [result] = set(setup(), { component: { name: 'TxCtrlr' }, variable: { name: 'EVConnectionTimeOut' }, type: 'Delta', value: 1, severity: 5 }).setMonitoringResult;
    expect(result?.status).to.equal('Rejected');
    expect(result?.statusInfo?.reasonCode).to.be.a('string');
  });

  const unsupported: Array<[string, SetMonitoringData]> = [
    ['UpperThreshold on an OptionList', { component: STATION, variable: { name: 'AvailabilityState' }, type: 'UpperThreshold', value: 1, severity: 5 }],
    ['LowerThreshold on a boolean', { component: STATION, variable: { name: 'Problem' }, type: 'LowerThreshold', value: 0, severity: 5 }],
    ['UpperThreshold on a string', { component: SECURITY, variable: { name: 'BasicAuthPassword' }, type: 'UpperThreshold', value: 1, severity: 5 }],
    ['Periodic on a dateTime', { component: { name: 'ClockCtrlr' }, variable: { name: 'DateTime' }, type: 'Periodic', value: 60, severity: 5 }],
    ['PeriodicClockAligned on a dateTime', { component: { name: 'ClockCtrlr' }, variable: { name: 'DateTime' }, type: 'PeriodicClockAligned', value: 60, severity: 5 }],
  ];
  for (const [what, data] of unsupported) {
    it(`N04.FR.05 ${what} → UnsupportedMonitorType`, () => {
      expect(set(setup(), data).setMonitoringResult[0]?.status).to.equal('UnsupportedMonitorType');
    });
  }

  it('N04.FR.05 the dataType table allows Delta on every type and Periodic on string, boolean and lists', () => {
    const results = set(
      setup(),
      { component: { name: 'ClockCtrlr' }, variable: { name: 'DateTime' }, type: 'Delta', value: 1, severity: 5 },
      { component: SECURITY, variable: { name: 'BasicAuthPassword' }, type: 'Periodic', value: 60, severity: 5 },
      { component: STATION, variable: { name: 'Problem' }, type: 'PeriodicClockAligned', value: 60, severity: 5 },
    ).setMonitoringResult;
    expect(results.map((r) => r.status)).to.deep.equal(['Accepted', 'Accepted', 'Accepted']);
  });

  const outOfRange: Array<[string, SetMonitoringData]> = [
    ['N04.FR.06 UpperThreshold above maxLimit', upper(22001)],
    ['N04.FR.06 LowerThreshold below minLimit', { ...upper(-1), type: 'LowerThreshold' }],
    ['N04.FR.14 negative Delta', { component: EVSE1, variable: POWER, type: 'Delta', value: -5, severity: 5 }],
    ['N08.FR.06 periodic interval 0', { component: EVSE1, variable: POWER, type: 'Periodic', value: 0, severity: 5 }],
    ['N08.FR.07 clock-aligned interval below 0', { component: EVSE1, variable: POWER, type: 'PeriodicClockAligned', value: -900, severity: 5 }],
    ['N05 severity 10 (scale 0–9)', upper(100, 10)],
  ];
  for (const [what, data] of outOfRange) {
    it(`${what} → Rejected, ValueOutOfRange`, () => {
      const [result] = set(setup(), data).setMonitoringResult;
      expect(result).to.deep.include({ status: 'Rejected' });
      expect(result?.statusInfo?.reasonCode).to.equal('ValueOutOfRange');
      expect(result).not.to.have.property('id');
    });
  }

  it('N04.FR.06 thresholds equal to minLimit and maxLimit are legal', () => {
    const results = set(setup(), upper(22000), { ...upper(0), type: 'LowerThreshold' }).setMonitoringResult;
    expect(results.map((r) => r.status)).to.deep.equal(['Accepted', 'Accepted']);
  });

  it('N04.FR.10 duplicate type and severity → Duplicate', () => {
    const state = setup();
    const results = set(state, upper(5000, 3), upper(6000, 3), upper(6000, 2)).setMonitoringResult;
    expect(results.map((r) => r.status)).to.deep.equal(['Accepted', 'Duplicate', 'Accepted']);
    // The preconfigured monitor 2 (UpperThreshold, severity 4) counts as well.
    expect(set(state, upper(7000, 4)).setMonitoringResult[0]?.status).to.equal('Duplicate');
  });

  it('N04.FR.11 no id → the station assigns a new id after the factory monitors', () => {
    const state = setup();
    const results = set(state, upper(5000, 3), upper(5000, 2)).setMonitoringResult;
    expect(results.map((r) => r.id)).to.deep.equal([4, 5]);
    expect(state.monitor(4)).to.deep.include({ origin: 'CustomMonitor', value: 5000, severity: 3, active: true, transaction: false });
  });

  it('N04.FR.12 id of an existing monitor on the same variable → replaced, same id', () => {
    const state = setup();
    const id = set(state, upper(5000, 3)).setMonitoringResult[0].id!;
    const [result] = set(state, upper(8000, 3, { id, transaction: true })).setMonitoringResult;
    expect(result).to.deep.include({ status: 'Accepted', id });
    expect(state.monitor(id)).to.deep.include({ value: 8000, transaction: true });
    expect(state.monitors()).to.have.length(4);
  });

  it('N04.FR.10 replacing a monitor may keep its own type and severity, but not take another monitor’s', () => {
    const state = setup();
    const [a, b] = set(state, upper(5000, 3), upper(6000, 6)).setMonitoringResult;
    expect(set(state, upper(5500, 3, { id: a.id! })).setMonitoringResult[0]?.status).to.equal('Accepted');
    expect(set(state, upper(6500, 3, { id: b.id! })).setMonitoringResult[0]?.status).to.equal('Duplicate');
  });

  it('N04.FR.13 unknown id → Rejected', () => {
    const [result] = set(setup(), upper(5000, 3, { id: 99 })).setMonitoringResult;
    expect(result?.status).to.equal('Rejected');
    expect(result).not.to.have.property('id');
  });

  it('N04.FR.15 replacing a preconfigured monitor turns it into a CustomMonitor', () => {
    const state = setup();
    expect(state.monitor(2)?.origin).to.equal('PreconfiguredMonitor');
    expect(set(state, upper(21000, 4, { id: 2 })).setMonitoringResult[0]).to.deep.include({ status: 'Accepted', id: 2 });
    expect(state.monitor(2)).to.deep.include({ origin: 'CustomMonitor', factoryDefault: false, value: 21000 });
  });

  it('N04.FR.16 id of a monitor on another variable → Rejected', () => {
    const state = setup();
    const [result] = set(state, { component: CONNECTOR11, variable: TEMPERATURE, type: 'LowerThreshold', value: 0, severity: 5, id: 2 }).setMonitoringResult;
    expect(result?.status).to.equal('Rejected');
    expect(state.monitor(2)?.type).to.equal('UpperThreshold');
  });

  it('N04.FR.18 id of a hard-wired monitor → Rejected', () => {
    const state = setup();
    const [result] = set(state, { component: CONNECTOR11, variable: TEMPERATURE, type: 'UpperThreshold', value: 100, severity: 1, id: 1 }).setMonitoringResult;
    expect(result?.status).to.equal('Rejected');
    expect(state.monitor(1)).to.deep.include({ origin: 'HardWiredMonitor', value: 90 });
  });

  it('TC_N_43 first and third valid, second out of range: each element judged alone', () => {
    const results = set(setup(), upper(1000, 1), upper(50000, 2), upper(3000, 3)).setMonitoringResult;
    expect(results.map((r) => r.status)).to.deep.equal(['Accepted', 'Rejected', 'Accepted']);
  });

  it('N04.FR.02 component names match case-insensitively and the monitor keeps the model’s spelling', () => {
    const state = setup();
    const [result] = set(state, { component: { name: 'evse', evse: { id: 1 } }, variable: { name: 'power' }, type: 'Delta', value: 10, severity: 5 }).setMonitoringResult;
    expect(result).to.deep.include({ status: 'Accepted', component: { name: 'evse', evse: { id: 1 } } });
    expect(state.monitor(result.id!)).to.deep.include({ component: EVSE1, variable: POWER });
  });
});
