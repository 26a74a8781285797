import { expect } from 'chai';
import { addMonitor, EVSE1, factoryMonitors, harness, POWER, STATION } from './fixtures.js';

describe('MonitorEngine delta monitors (N07)', () => {
  it('N07.FR.18 numeric Delta fires when |current − reference| > value; the reference moves to each event value', () => {
    const h = harness();
    h.model.setByStation(EVSE1, POWER, '1000');
    const id = addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'Delta', value: 500, severity: 6 });
    // Reference 1000 (value when set): 1400 and 1500 stay within ±500, 1501 exceeds it.
    // Then reference 1501: 1100 is −401, 1000.5 is −500.5 → fires; reference 1000.5: 1500.5 is exactly +500 → no event.
    for (const value of ['1400', '1500', '1501', '1100', '1000.5', '1500.5', '400']) h.model.setByStation(EVSE1, POWER, value);
    expect(h.events.map((e) => e.eventData.actualValue)).to.deep.equal(['1501', '1000.5', '400']);
    expect(h.events[0].eventData).to.deep.include({ trigger: 'Delta', variableMonitoringId: id, eventNotificationType: 'CustomMonitor' });
    expect(h.events[0].severity).to.equal(6);
    expect(h.events.some((e) => 'cleared' in e.eventData), 'Delta events never carry cleared').to.equal(false);
  });

  it('fault delta-every-change: a Delta of 500 fires on a move of 1', () => {
    const h = harness({ quirks: { deltaEveryChange: true } });
    h.model.setByStation(EVSE1, POWER, '1000');
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'Delta', value: 500 });
    for (const value of ['1001', '1002']) h.model.setByStation(EVSE1, POWER, value);
    expect(h.events.map((e) => e.eventData.actualValue)).to.deep.equal(['1001', '1002']);
  });

  it('fault delta-not-rebased: the reference stays at the value when set, so moving back does not fire', () => {
    const h = harness({ quirks: { deltaNotRebased: true } });
    h.model.setByStation(EVSE1, POWER, '1000');
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'Delta', value: 500 });
    for (const value of ['1600', '1000', '2000']) h.model.setByStation(EVSE1, POWER, value);
    expect(h.events.map((e) => e.eventData.actualValue)).to.deep.equal(['1600', '2000']);
  });

  it('N07.FR.18 a Delta of 0 reports every numeric change', () => {
    const h = harness();
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'Delta', value: 0 });
    for (const value of ['1', '1.5', '1']) h.model.setByStation(EVSE1, POWER, value);
    expect(h.events.map((e) => e.eventData.actualValue)).to.deep.equal(['1', '1.5', '1']);
  });

  it('N07.FR.19 non-numeric Delta fires on every change, whatever its value', () => {
    const h = harness();
    addMonitor(h.state, { component: STATION, variable: { name: 'AvailabilityState' }, type: 'Delta', value: 1000 });
    for (const value of ['Occupied', 'Occupied', 'Faulted', 'Available']) h.model.setByStation(STATION, { name: 'AvailabilityState' }, value);
    expect(h.events.map((e) => [e.eventData.trigger, e.eventData.actualValue])).to.deep.equal([
      ['Delta', 'Occupied'],
      ['Delta', 'Faulted'],
      ['Delta', 'Available'],
    ]);
  });

  it('N07.FR.19 Delta on a dateTime acts on every change (as libocpp)', () => {
    const h = harness();
    addMonitor(h.state, { component: { name: 'ClockCtrlr' }, variable: { name: 'DateTime' }, type: 'Delta', value: 3600 });
    h.model.setByStation({ name: 'ClockCtrlr' }, { name: 'DateTime' }, '2025-01-01T00:00:01Z');
    expect(h.events).to.have.length(1);
  });

  it('N07.FR.06 a preconfigured Delta reports with eventNotificationType PreconfiguredMonitor', () => {
    const h = harness({ factory: factoryMonitors() });
    h.model.setByStation(STATION, { name: 'AvailabilityState' }, 'Unavailable');
    expect(h.events.map((e) => [e.eventData.variableMonitoringId, e.eventData.eventNotificationType, e.severity])).to.deep.equal([[3, 'PreconfiguredMonitor', 7]]);
  });

  it('N07.FR.18 (P1 §4.4) after a restart the Delta takes a new reference', () => {
    const h = harness();
    h.model.setByStation(EVSE1, POWER, '1000');
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'Delta', value: 500 });
    h.engine.stop();
    h.model.setByStation(EVSE1, POWER, '1400');
    h.engine.start();
    h.model.setByStation(EVSE1, POWER, '1600'); // +600 from the old reference, +200 from the new one
    expect(h.events).to.have.length(0);
    h.model.setByStation(EVSE1, POWER, '1901');
    expect(h.events.map((e) => e.eventData.actualValue)).to.deep.equal(['1901']);
  });

  it('N07.FR.11 replacing a Delta monitor resets its reference to the current value', () => {
    const h = harness();
    h.model.setByStation(EVSE1, POWER, '1000');
    const id = addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'Delta', value: 500 });
    h.model.setByStation(EVSE1, POWER, '1400');
    h.state.setVariableMonitoring({ setMonitoringData: [{ id, component: EVSE1, variable: POWER, type: 'Delta', value: 300, severity: 5 }] });
    h.model.setByStation(EVSE1, POWER, '1600');
    expect(h.events).to.have.length(0);
    h.model.setByStation(EVSE1, POWER, '1701');
    expect(h.events.map((e) => e.eventData.actualValue)).to.deep.equal(['1701']);
  });
});
