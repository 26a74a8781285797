import { expect } from 'chai';
import { DeviceModel } from '../../../../src/simulator/device-model/device-model.js';
import { addMonitor, buildModel, CONNECTOR11, entry, EVSE1, EVSE2, factoryMonitors, harness, POWER, SECURITY, STATION, TEMPERATURE } from './fixtures.js';

describe('MonitorEngine level filter (N05.FR.03, N07.FR.15)', () => {
  it('N05.FR.03 only events of monitors with severity ≤ the monitoring level are reported', () => {
    const h = harness();
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'Delta', value: 0, severity: 2 });
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'Delta', value: 0, severity: 3 });
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'Delta', value: 0, severity: 8 });
    expect(h.state.setMonitoringLevel(3).status).to.equal('Accepted');
    h.model.setByStation(EVSE1, POWER, '100');
    expect(h.events.map((e) => e.severity)).to.deep.equal([2, 3]);
    h.state.setMonitoringLevel(9);
    h.model.setByStation(EVSE1, POWER, '200');
    expect(h.events.map((e) => e.severity)).to.deep.equal([2, 3, 2, 3, 8]);
  });

  it('N07.FR.15 a filtered event uses no eventId; the threshold state still follows the value', () => {
    const h = harness();
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'UpperThreshold', value: 1000, severity: 6 });
    h.state.setMonitoringLevel(5);
    h.model.setByStation(EVSE1, POWER, '2000'); // exceeded, not reported
    h.state.setMonitoringLevel(9);
    h.model.setByStation(EVSE1, POWER, '3000'); // still exceeded: no new trigger
    h.model.setByStation(EVSE1, POWER, '500');
    expect(h.events.map((e) => [e.eventData.eventId, e.eventData.cleared])).to.deep.equal([[1, true]]);
  });
});

describe('MonitorEngine transaction-only monitors (SetMonitoringDataType.transaction)', () => {
  it('SetMonitoringData.transaction (N04): act only while isTransactionActive(evse id) is true, and carry the transactionId', () => {
    let running = false;
    const h = harness({ isTransactionActive: (evseId) => running && evseId === 1, transactionId: () => 'tx-0001' });
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'Delta', value: 100, transaction: true });
    addMonitor(h.state, { component: EVSE2, variable: POWER, type: 'Delta', value: 100, transaction: true });
    h.model.setByStation(EVSE1, POWER, '5000');
    expect(h.events).to.have.length(0);
    running = true;
    h.model.setByStation(EVSE1, POWER, '5050'); // the reference followed the value while idle
    expect(h.events).to.have.length(0);
    h.model.setByStation(EVSE1, POWER, '5200');
    h.model.setByStation(EVSE2, POWER, '5200'); // no transaction on EVSE 2
    expect(h.events.map((e) => [e.eventData.actualValue, e.eventData.transactionId])).to.deep.equal([['5200', 'tx-0001']]);
  });

  it('SetMonitoringData.transaction (N04): a transaction threshold is evaluated by reevaluate() once the transaction starts', () => {
    let running = false;
    const h = harness({ isTransactionActive: () => running });
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'UpperThreshold', value: 1000, transaction: true });
    h.model.setByStation(EVSE1, POWER, '2000');
    expect(h.events).to.have.length(0);
    running = true;
    h.engine.reevaluate();
    expect(h.events.map((e) => e.eventData.actualValue)).to.deep.equal(['2000']);
  });

  it('SetMonitoringData.transaction (N04): without isTransactionActive a transaction monitor never acts; periodic ones skip their turns', () => {
    const h = harness();
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'Periodic', value: 10, transaction: true });
    h.clock.advance(60_000);
    expect(h.events).to.have.length(0);
  });
});

describe('MonitorEngine event content (N07.FR.06, N07.FR.10)', () => {
  it('N07.FR.10 a monitor on a WriteOnly variable reports an empty actualValue', () => {
    const h = harness();
    addMonitor(h.state, { component: SECURITY, variable: { name: 'BasicAuthPassword' }, type: 'Delta', value: 1 });
    h.model.write(SECURITY, { name: 'BasicAuthPassword' }, 'Actual', 'a-new-password-0002');
    expect(h.events.map((e) => e.eventData.actualValue)).to.deep.equal(['']);
  });

  it('EventData.actualValue (N07): capped at 2500 characters, or at DeviceDataCtrlr.ReportingValueSize when smaller', () => {
    const long = 'x'.repeat(3000);
    const h = harness({ model: new DeviceModel([...buildModel().entries(), entry({ name: 'Display' }, 'Message', 'string', '')]) });
    addMonitor(h.state, { component: { name: 'Display' }, variable: { name: 'Message' }, type: 'Delta', value: 1 });
    h.model.setByStation({ name: 'Display' }, { name: 'Message' }, long);
    expect(h.events[0].eventData.actualValue).to.have.length(2500);

    const small = harness({ model: new DeviceModel([...buildModel().entries(), entry({ name: 'DeviceDataCtrlr' }, 'ReportingValueSize', 'integer', '100')]) });
    addMonitor(small.state, { component: STATION, variable: { name: 'AvailabilityState' }, type: 'Delta', value: 1 });
    small.model.setByStation({ name: 'DeviceDataCtrlr' }, { name: 'ReportingValueSize' }, '3');
    small.model.setByStation(STATION, { name: 'AvailabilityState' }, 'Faulted');
    expect(small.events[0].eventData.actualValue).to.equal('Fau');
  });

  it('N03.FR.01 deactivated monitors do not act (HardWiredOnly), and act again after All', () => {
    const h = harness({ factory: factoryMonitors() });
    h.state.setMonitoringBase('HardWiredOnly');
    h.model.setByStation(EVSE1, POWER, '21000'); // preconfigured monitor 2 (> 20000) is inactive
    h.model.setByStation(CONNECTOR11, TEMPERATURE, '91'); // hard-wired monitor 1 always acts
    expect(h.events.map((e) => e.eventData.variableMonitoringId)).to.deep.equal([1]);
    h.state.setMonitoringBase('All'); // monitor 2 is active again and finds its threshold exceeded
    expect(h.events.map((e) => e.eventData.variableMonitoringId)).to.deep.equal([1, 2]);
  });
});
