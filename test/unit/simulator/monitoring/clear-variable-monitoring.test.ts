import { expect } from 'chai';
import type { ClearVariableMonitoringResponse } from '../../../../src/simulator/monitoring/messages.js';
import { MonitoringState } from '../../../../src/simulator/monitoring/monitoring-state.js';
import { addMonitor, buildModel, EVSE1, expectValid, factoryMonitors, POWER } from './fixtures.js';

function clear(state: MonitoringState, ...id: number[]): ClearVariableMonitoringResponse {
  const request = { id };
  expectValid('ClearVariableMonitoring', 'request', request);
  const response = state.clearVariableMonitoring(request);
  expectValid('ClearVariableMonitoring', 'response', response);
  return response;
}

describe('MonitoringState.clearVariableMonitoring (N06)', () => {
  it('N06.FR.01 an existing custom monitor → Accepted and gone', () => {
    const state = new MonitoringState(buildModel(), factoryMonitors());
    const id = addMonitor(state, { component: EVSE1, variable: POWER, type: 'Delta', value: 100 });
    expect(clear(state, id).clearMonitoringResult).to.deep.equal([{ id, status: 'Accepted' }]);
    expect(state.monitor(id)).to.equal(undefined);
  });

  it('N06.FR.02 an unknown id → NotFound; clearing twice → NotFound the second time', () => {
    const state = new MonitoringState(buildModel(), factoryMonitors());
    const id = addMonitor(state, { component: EVSE1, variable: POWER, type: 'Delta', value: 100 });
    expect(clear(state, 42, id, id).clearMonitoringResult.map((r) => r.status)).to.deep.equal(['NotFound', 'Accepted', 'NotFound']);
  });

  it('N06.FR.03 a hard-wired monitor → Rejected and kept', () => {
    const state = new MonitoringState(buildModel(), factoryMonitors());
    const [result] = clear(state, 1).clearMonitoringResult;
    expect(result).to.deep.include({ id: 1, status: 'Rejected' });
    expect(result?.statusInfo?.reasonCode).to.be.a('string');
    expect(state.monitor(1)?.origin).to.equal('HardWiredMonitor');
  });

  it('N06.FR.05 one result per id, in request order', () => {
    const state = new MonitoringState(buildModel(), factoryMonitors());
    const results = clear(state, 3, 1, 7).clearMonitoringResult;
    expect(results.map((r) => [r.id, r.status])).to.deep.equal([
      [3, 'Accepted'],
      [1, 'Rejected'],
      [7, 'NotFound'],
    ]);
  });

  it('N04.FR.11 ids of cleared monitors are not given out again', () => {
    const state = new MonitoringState(buildModel(), []);
    const first = addMonitor(state, { component: EVSE1, variable: POWER, type: 'Delta', value: 100 });
    clear(state, first);
    expect(addMonitor(state, { component: EVSE1, variable: POWER, type: 'Delta', value: 100 })).to.equal(first + 1);
  });
});
