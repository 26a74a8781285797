import { expect } from 'chai';
import { DeviceModel } from '../../../../src/simulator/device-model/device-model.js';
import { exceedsLimits, monitoringMessageLimits } from '../../../../src/simulator/monitoring/message-limits.js';
import type { SetMonitoringData } from '../../../../src/simulator/monitoring/messages.js';
import { MonitoringState } from '../../../../src/simulator/monitoring/monitoring-state.js';
import { buildModel, EVSE1, POWER } from './fixtures.js';

const element: SetMonitoringData = { component: EVSE1, variable: POWER, type: 'Delta', value: 1, severity: 5 };
const setRequest = (count: number): { setMonitoringData: SetMonitoringData[] } => ({ setMonitoringData: Array.from({ length: count }, () => element) });

describe('SetVariableMonitoring / ClearVariableMonitoring limits (N04.FR.09, N06.FR.04/06/07)', () => {
  it('N04.FR.09 / N06.FR.04 reads MonitoringCtrlr.ItemsPerMessage and BytesPerMessage per message', () => {
    const model = buildModel();
    expect(monitoringMessageLimits(model, 'SetVariableMonitoring')).to.deep.equal({ items: 3, bytes: 1000 });
    expect(monitoringMessageLimits(model, 'ClearVariableMonitoring')).to.deep.equal({ items: 4, bytes: 30 });
  });

  it('N04.FR.09 more elements than ItemsPerMessage[SetVariableMonitoring] → OccurrenceConstraintViolation', () => {
    const state = new MonitoringState(buildModel(), []);
    expect(state.checkLimits('SetVariableMonitoring', setRequest(3))).to.equal(undefined);
    expect(state.checkLimits('SetVariableMonitoring', setRequest(4))).to.equal('OccurrenceConstraintViolation');
  });

  it('N04.FR.09 more bytes than BytesPerMessage[SetVariableMonitoring] → FormatViolation', () => {
    const long = { ...element, component: { name: 'EVSE', instance: 'x'.repeat(50), evse: { id: 1 } }, variable: { name: 'Power', instance: 'y'.repeat(50) } };
    expect(MonitoringState.exceedsLimits({ setMonitoringData: [long, long, long, long, long, long] }, 10, 1000)).to.equal('FormatViolation');
    expect(MonitoringState.exceedsLimits({ setMonitoringData: [long] }, 10, 1000)).to.equal(undefined);
  });

  it('N06.FR.06 more ids than ItemsPerMessage[ClearVariableMonitoring] → OccurrenceConstraintViolation', () => {
    const state = new MonitoringState(buildModel(), []);
    expect(state.checkLimits('ClearVariableMonitoring', { id: [1, 2, 3, 4] })).to.equal(undefined);
    expect(state.checkLimits('ClearVariableMonitoring', { id: [1, 2, 3, 4, 5] })).to.equal('OccurrenceConstraintViolation');
  });

  it('N06.FR.07 more bytes than BytesPerMessage[ClearVariableMonitoring] → FormatViolation', () => {
    const state = new MonitoringState(buildModel(), []);
    // {"id":[100000,200000,300000]} is 29 bytes, one more id passes the limit of 30.
    expect(state.checkLimits('ClearVariableMonitoring', { id: [100000, 200000, 300000] })).to.equal(undefined);
    expect(state.checkLimits('ClearVariableMonitoring', { id: [100000, 200000, 300000, 4] })).to.equal('FormatViolation');
  });

  it('N04.FR.09 / N06.FR.06 items are checked before bytes, and a missing limit is no limit', () => {
    expect(exceedsLimits({ id: [1, 2, 3] }, 2, 1)).to.equal('OccurrenceConstraintViolation');
    expect(exceedsLimits({ id: [1, 2, 3] }, undefined, undefined)).to.equal(undefined);
    expect(monitoringMessageLimits(new DeviceModel([]), 'SetVariableMonitoring')).to.deep.equal({});
  });
});
