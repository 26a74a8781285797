import { DeviceModel } from '../../../../src/simulator/device-model/device-model.js';
import { expect } from 'chai';
import type { MonitoringBase } from '../../../../src/simulator/monitoring/messages.js';
import { MonitoringState } from '../../../../src/simulator/monitoring/monitoring-state.js';
import { addMonitor, buildModel, EVSE1, expectValid, factoryMonitors, MONITORING_CTRLR, POWER, STATION } from './fixtures.js';

function setBase(state: MonitoringState, monitoringBase: MonitoringBase): void {
  expectValid('SetMonitoringBase', 'request', { monitoringBase });
  const response = state.setMonitoringBase(monitoringBase);
  expectValid('SetMonitoringBase', 'response', response);
  expect(response.status).to.equal('Accepted');
}

/** id:origin of the monitors that act and would be reported. */
const active = (state: MonitoringState): string[] => state.monitors().filter((m) => m.active).sort((a, b) => a.id - b.id).map((m) => `${m.id}:${m.origin}`);

function setupWithCustom(): { state: MonitoringState; custom: number } {
  const state = new MonitoringState(buildModel(), factoryMonitors());
  const custom = addMonitor(state, { component: STATION, variable: { name: 'Problem' }, type: 'Delta', value: 1, severity: 2 });
  return { state, custom };
}

describe('MonitoringState.setMonitoringBase (N03)', () => {
  it('N03.FR.01 starts with base All: hard-wired and all preconfigured monitors active', () => {
    const state = new MonitoringState(buildModel(), factoryMonitors());
    expect(state.base).to.equal('All');
    expect(active(state)).to.deep.equal(['1:HardWiredMonitor', '2:PreconfiguredMonitor', '3:PreconfiguredMonitor']);
  });

  it('N03.FR.01 HardWiredOnly deletes custom monitors and deactivates preconfigured ones', () => {
    const { state, custom } = setupWithCustom();
    expect(active(state)).to.deep.equal(['1:HardWiredMonitor', '2:PreconfiguredMonitor', '3:PreconfiguredMonitor', `${custom}:CustomMonitor`]);
    setBase(state, 'HardWiredOnly');
    expect(active(state)).to.deep.equal(['1:HardWiredMonitor']);
    expect(state.monitors().map((m) => m.id)).not.to.include(custom);
  });

  it('N03.FR.01 FactoryDefault deletes custom monitors and keeps only the FactoryDefault set of preconfigured ones', () => {
    const { state, custom } = setupWithCustom();
    setBase(state, 'FactoryDefault');
    expect(active(state)).to.deep.equal(['1:HardWiredMonitor', '2:PreconfiguredMonitor']);
    expect(state.monitor(custom)).to.equal(undefined);
    expect(state.monitor(3)).to.equal(undefined); // deactivated: invisible to the CSMS
  });

  it('N03.FR.01 All keeps custom monitors and activates every preconfigured one', () => {
    const { state } = setupWithCustom();
    setBase(state, 'HardWiredOnly');
    const custom = addMonitor(state, { component: EVSE1, variable: POWER, type: 'Delta', value: 500 });
    setBase(state, 'All');
    expect(active(state)).to.deep.equal(['1:HardWiredMonitor', '2:PreconfiguredMonitor', '3:PreconfiguredMonitor', `${custom}:CustomMonitor`]);
  });

  it('N04.FR.15 preconfigured → replaced (custom) → FactoryDefault restores it with factory values', () => {
    const state = new MonitoringState(buildModel(), factoryMonitors());
    state.setVariableMonitoring({ setMonitoringData: [{ id: 2, component: EVSE1, variable: POWER, type: 'UpperThreshold', value: 15000, severity: 6 }] });
    expect(state.monitor(2)).to.deep.include({ origin: 'CustomMonitor', value: 15000, severity: 6 });
    setBase(state, 'All');
    expect(state.monitor(2)?.origin, 'All keeps the replacement').to.equal('CustomMonitor');
    setBase(state, 'FactoryDefault');
    expect(state.monitor(2)).to.deep.include({ origin: 'PreconfiguredMonitor', value: 20000, severity: 4, factoryDefault: true, active: true });
  });

  it('N03.FR.01 a cleared preconfigured monitor stays away under All and returns with FactoryDefault', () => {
    const state = new MonitoringState(buildModel(), factoryMonitors());
    state.clearVariableMonitoring({ id: [2] });
    setBase(state, 'All');
    expect(state.monitor(2)).to.equal(undefined);
    setBase(state, 'FactoryDefault');
    expect(state.monitor(2)?.origin).to.equal('PreconfiguredMonitor');
  });

  it('N03.FR.01 deactivated monitors cannot be replaced, cleared or collide (N04.FR.13, N06.FR.02, N04.FR.10)', () => {
    const state = new MonitoringState(buildModel(), factoryMonitors());
    setBase(state, 'HardWiredOnly');
    expect(state.clearVariableMonitoring({ id: [2] }).clearMonitoringResult[0]?.status).to.equal('NotFound');
    const data = { component: EVSE1, variable: POWER, type: 'UpperThreshold' as const, value: 100, severity: 4 };
    expect(state.setVariableMonitoring({ setMonitoringData: [{ ...data, id: 2 }] }).setMonitoringResult[0]?.status).to.equal('Rejected');
    expect(state.setVariableMonitoring({ setMonitoringData: [data] }).setMonitoringResult[0]?.status).to.equal('Accepted');
  });

  it('N03 mirrors the base into MonitoringCtrlr.ActiveMonitoringBase in the valuesList spelling', () => {
    const state = new MonitoringState(buildModel(), factoryMonitors());
    expect(state.model.actual(MONITORING_CTRLR, { name: 'ActiveMonitoringBase' })).to.equal('All');
    setBase(state, 'HardWiredOnly');
    expect(state.model.actual(MONITORING_CTRLR, { name: 'ActiveMonitoringBase' })).to.equal('HardwiredOnly');
    setBase(state, 'FactoryDefault');
    expect(state.model.actual(MONITORING_CTRLR, { name: 'ActiveMonitoringBase' })).to.equal('FactoryDefault');
  });

  it('N03 takes the initial base from the model: FactoryDefault leaves the optional preconfigured monitor inactive', () => {
    const model = buildModel();
    model.setByStation(MONITORING_CTRLR, { name: 'ActiveMonitoringBase' }, 'FactoryDefault');
    const state = new MonitoringState(model, factoryMonitors());
    expect(state.base).to.equal('FactoryDefault');
    expect(active(state)).to.deep.equal(['1:HardWiredMonitor', '2:PreconfiguredMonitor']);
  });
});

describe('MonitoringState.setMonitoringLevel (N05)', () => {
  for (const severity of [0, 5, 9]) {
    it(`N05.FR.01 severity ${severity} → Accepted and mirrored into ActiveMonitoringLevel`, () => {
      const state = new MonitoringState(buildModel(), []);
      expectValid('SetMonitoringLevel', 'request', { severity });
      const response = state.setMonitoringLevel(severity);
      expectValid('SetMonitoringLevel', 'response', response);
      expect(response).to.deep.equal({ status: 'Accepted' });
      expect(state.level).to.equal(severity);
      expect(state.model.actual(MONITORING_CTRLR, { name: 'ActiveMonitoringLevel' })).to.equal(String(severity));
    });
  }

  for (const severity of [-1, 10, 2.5]) {
    it(`N05.FR.02 severity ${severity} → Rejected, level unchanged`, () => {
      const state = new MonitoringState(buildModel(), []);
      state.setMonitoringLevel(4);
      const response = state.setMonitoringLevel(severity);
      expectValid('SetMonitoringLevel', 'response', response);
      expect(response.status).to.equal('Rejected');
      expect(state.level).to.equal(4);
    });
  }

  it('N05 starts at level 9 (report everything) when the model says so, or the model’s level otherwise', () => {
    expect(new MonitoringState(buildModel(), []).level).to.equal(9);
    const model = buildModel();
    model.setByStation(MONITORING_CTRLR, { name: 'ActiveMonitoringLevel' }, '3');
    expect(new MonitoringState(model, []).level).to.equal(3);
  });

  it('N07.FR.04 OfflineQueuingSeverity comes from MonitoringCtrlr, with a fallback', () => {
    const state = new MonitoringState(buildModel(), []);
    expect(state.offlineQueuingSeverity()).to.equal(5);
    // An invalid value never gets in, so the configured one stays in force.
    expect(state.model.setByStation(MONITORING_CTRLR, { name: 'OfflineQueuingSeverity' }, '')).to.equal(false);
    expect(state.offlineQueuingSeverity(6)).to.equal(5);
    // Without the variable at all, the fallback applies.
    expect(new MonitoringState(new DeviceModel([]), []).offlineQueuingSeverity(6)).to.equal(6);
  });
});
