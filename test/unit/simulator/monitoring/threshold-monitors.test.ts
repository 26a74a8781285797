import { expect } from 'chai';
import { addMonitor, CONNECTOR11, EVSE1, factoryMonitors, harness, POWER, TEMPERATURE } from './fixtures.js';

const power = (h: ReturnType<typeof harness>, value: string): void => {
  h.model.setByStation(EVSE1, POWER, value);
};

/** [actualValue, cleared?] of every recorded event. */
const trail = (h: ReturnType<typeof harness>): Array<[string, boolean | undefined]> => h.events.map((e) => [e.eventData.actualValue, e.eventData.cleared]);

describe('MonitorEngine threshold monitors (N07)', () => {
  it('fault threshold-every-change: every change sends an event, the return still clears', () => {
    const h = harness({ quirks: { thresholdEveryChange: true } });
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'UpperThreshold', value: 7000 });
    for (const value of ['6000', '7000', '7500', '7600', '6500']) power(h, value);
    expect(trail(h)).to.deep.equal([
      ['6000', undefined],
      ['7000', undefined],
      ['7500', undefined],
      ['7600', undefined],
      ['6500', true],
    ]);
  });

  it('N07.FR.16 UpperThreshold fires when strictly above, not when equal; N07.FR.02 cleared once on return', () => {
    const h = harness();
    const id = addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'UpperThreshold', value: 7000, severity: 3 });
    for (const value of ['6999', '7000', '7000.5', '9000', '7001', '7000', '6000', '8000', '7000', '7400']) power(h, value);
    expect(trail(h)).to.deep.equal([
      ['7000.5', undefined],
      ['7000', true],
      ['8000', undefined],
      ['7000', true],
      ['7400', undefined],
    ]);
    const first = h.events[0];
    expect(first.severity).to.equal(3);
    expect(first.eventData).to.deep.include({
      eventId: 1,
      trigger: 'Alerting',
      component: EVSE1,
      variable: POWER,
      variableMonitoringId: id,
      eventNotificationType: 'CustomMonitor',
      timestamp: '2025-01-01T00:00:00.000Z',
    });
  });

  it('N07.FR.17 LowerThreshold fires when strictly below, not when equal, and clears on return', () => {
    const h = harness();
    addMonitor(h.state, { component: CONNECTOR11, variable: TEMPERATURE, type: 'LowerThreshold', value: -10 });
    for (const value of ['-10', '-10.1', '-20', '-10', '-9', '-11', '-12']) h.model.setByStation(CONNECTOR11, TEMPERATURE, value);
    expect(trail(h)).to.deep.equal([
      ['-10.1', undefined],
      ['-10', true],
      ['-11', undefined],
    ]);
    expect(h.events.every((e) => e.eventData.trigger === 'Alerting')).to.equal(true);
  });

  it('N07.FR.16 a threshold already exceeded when set fires at once', () => {
    const h = harness();
    power(h, '9000');
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'UpperThreshold', value: 7000 });
    expect(trail(h)).to.deep.equal([['9000', undefined]]);
  });

  it('N07.FR.05 eventId is strictly increasing from 1 across monitors', () => {
    const h = harness();
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'UpperThreshold', value: 100, severity: 1 });
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'UpperThreshold', value: 200, severity: 2 });
    power(h, '300');
    power(h, '0');
    expect(h.events.map((e) => e.eventData.eventId)).to.deep.equal([1, 2, 3, 4]);
  });

  it('N07.FR.11 changing an exceeded threshold so it no longer is → cleared', () => {
    const h = harness();
    const id = addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'UpperThreshold', value: 7000 });
    power(h, '8000');
    h.state.setVariableMonitoring({ setMonitoringData: [{ id, component: EVSE1, variable: POWER, type: 'UpperThreshold', value: 9000, severity: 5 }] });
    expect(trail(h)).to.deep.equal([
      ['8000', undefined],
      ['8000', true],
    ]);
  });

  it('N07.FR.11 changing a threshold so the current value exceeds it → fires (TC_N_51)', () => {
    const h = harness();
    const id = addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'UpperThreshold', value: 9000 });
    power(h, '8000');
    expect(h.events).to.have.length(0);
    h.state.setVariableMonitoring({ setMonitoringData: [{ id, component: EVSE1, variable: POWER, type: 'UpperThreshold', value: 7500, severity: 5 }] });
    expect(trail(h)).to.deep.equal([['8000', undefined]]);
    expect(h.events[0].eventData.variableMonitoringId).to.equal(id);
  });

  it('N07.FR.12 clearing a threshold monitor that is exceeded → no cleared event', () => {
    const h = harness();
    const id = addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'UpperThreshold', value: 7000 });
    power(h, '8000');
    expect(h.state.clearVariableMonitoring({ id: [id] }).clearMonitoringResult[0]?.status).to.equal('Accepted');
    power(h, '1000');
    expect(trail(h)).to.deep.equal([['8000', undefined]]);
  });

  it('N07.FR.12 a custom threshold deleted by SetMonitoringBase while exceeded → no cleared event', () => {
    const h = harness();
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'UpperThreshold', value: 7000 });
    power(h, '8000');
    h.state.setMonitoringBase('FactoryDefault');
    power(h, '1000');
    expect(trail(h)).to.deep.equal([['8000', undefined]]);
  });

  it('N07.FR.14 exceeded before a restart and back within limits after it → cleared at start', () => {
    const h = harness({ factory: factoryMonitors() });
    h.model.setByStation(CONNECTOR11, TEMPERATURE, '95');
    h.engine.stop();
    h.model.setByStation(CONNECTOR11, TEMPERATURE, '40');
    expect(h.events).to.have.length(1);
    h.engine.start();
    expect(h.events.map((e) => [e.eventData.variableMonitoringId, e.eventData.eventNotificationType, e.eventData.cleared])).to.deep.equal([
      [1, 'HardWiredMonitor', undefined],
      [1, 'HardWiredMonitor', true],
    ]);
  });

  it('N07.FR.16 values that are not numbers do not fire or clear', () => {
    const h = harness();
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'UpperThreshold', value: 7000 });
    power(h, '8000');
    power(h, '');
    power(h, 'n/a');
    expect(trail(h)).to.deep.equal([['8000', undefined]]);
  });

  it('N07.FR.16 only Actual values count: a MinSet/Target change is ignored', () => {
    const h = harness();
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'UpperThreshold', value: 7000 });
    const found = h.model.lookup(EVSE1, POWER);
    if (found.status === 'Found') found.entry.attributes.push({ type: 'Target', value: '0', mutability: 'ReadWrite', persistent: false, constant: false });
    h.model.setByStation(EVSE1, POWER, '9000', 'Target');
    expect(h.events).to.have.length(0);
  });
});
