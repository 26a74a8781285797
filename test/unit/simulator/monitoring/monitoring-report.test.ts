import { expect } from 'chai';
import type { GetMonitoringReportRequest } from '../../../../src/simulator/monitoring/messages.js';
import { notifyMonitoringReportPages } from '../../../../src/simulator/monitoring/monitoring-report.js';
import { MonitoringState } from '../../../../src/simulator/monitoring/monitoring-state.js';
import { addMonitor, buildModel, CONNECTOR11, CONNECTOR12, CONNECTOR21, CONVERTER_A, CONVERTER_B, EVSE1, EVSE2, expectValid, factoryMonitors, POWER, TEMPERATURE } from './fixtures.js';

const GENERATED_AT = '2025-01-01T00:00:00.000Z';

/**
 * Factory monitors 1 (Connector 1/1 Temperature), 2 (EVSE 1 Power), 3 (ChargingStation
 * AvailabilityState), then custom monitors 4–10 spread over the components.
 */
function setup(): MonitoringState {
  const state = new MonitoringState(buildModel(), factoryMonitors());
  addMonitor(state, { component: CONNECTOR11, variable: TEMPERATURE, type: 'Delta', value: 5 }); // 4
  addMonitor(state, { component: CONNECTOR12, variable: TEMPERATURE, type: 'LowerThreshold', value: -10 }); // 5
  addMonitor(state, { component: CONNECTOR21, variable: TEMPERATURE, type: 'Periodic', value: 60 }); // 6
  addMonitor(state, { component: EVSE2, variable: POWER, type: 'PeriodicClockAligned', value: 900 }); // 7
  addMonitor(state, { component: CONVERTER_A, variable: TEMPERATURE, type: 'UpperThreshold', value: 100 }); // 8
  addMonitor(state, { component: CONVERTER_B, variable: TEMPERATURE, type: 'UpperThreshold', value: 100 }); // 9
  addMonitor(state, { component: EVSE1, variable: POWER, type: 'Delta', value: 1000 }); // 10
  return state;
}

function ids(state: MonitoringState, request: Omit<GetMonitoringReportRequest, 'requestId'>): number[] {
  const full = { requestId: 7, ...request };
  expectValid('GetMonitoringReport', 'request', full);
  const report = state.report(full);
  expectValid('GetMonitoringReport', 'response', { status: report.status });
  return report.monitors.map((m) => m.id).sort((a, b) => a - b);
}

describe('MonitoringState.report (N02)', () => {
  it('N02.FR.11 no filter → every active monitor, in device-model order', () => {
    const state = setup();
    const report = state.report({ requestId: 1 });
    expect(report.status).to.equal('Accepted');
    // Model order: station, EVSE 1, EVSE 2, connectors 1/1, 1/2, 2/1, converters A and B.
    expect(report.monitors.map((m) => m.id)).to.deep.equal([3, 2, 10, 7, 1, 4, 5, 6, 8, 9]);
  });

  it('N02.FR.12 ThresholdMonitoring → UpperThreshold and LowerThreshold', () => {
    expect(ids(setup(), { monitoringCriteria: ['ThresholdMonitoring'] })).to.deep.equal([1, 2, 5, 8, 9]);
  });

  it('N02.FR.13 DeltaMonitoring → Delta', () => {
    expect(ids(setup(), { monitoringCriteria: ['DeltaMonitoring'] })).to.deep.equal([3, 4, 10]);
  });

  it('N02.FR.14 PeriodicMonitoring → Periodic and PeriodicClockAligned', () => {
    expect(ids(setup(), { monitoringCriteria: ['PeriodicMonitoring'] })).to.deep.equal([6, 7]);
  });

  it('N02.FR.10 nothing matches → EmptyResultSet and no NotifyMonitoringReport', () => {
    const state = setup();
    const report = state.report({ requestId: 1, componentVariable: [{ component: { name: 'Nope' } }] });
    expect(report).to.deep.equal({ status: 'EmptyResultSet', monitors: [] });
    expect(notifyMonitoringReportPages(1, report.monitors, 10, GENERATED_AT)).to.deep.equal([]);
  });

  it('N02.FR.18–21 wildcards: evse.id without connectorId → that EVSE and all its connectors', () => {
    expect(ids(setup(), { componentVariable: [{ component: { name: 'Connector', evse: { id: 1 } } }] })).to.deep.equal([1, 4, 5]);
    expect(ids(setup(), { componentVariable: [{ component: { name: 'Connector', evse: { id: 1, connectorId: 2 } } }] })).to.deep.equal([5]);
  });

  it('N02.FR.18–21 wildcards: no evse → every EVSE plus the top-level component', () => {
    expect(ids(setup(), { componentVariable: [{ component: { name: 'evse' }, variable: POWER }] })).to.deep.equal([2, 7, 10]);
  });

  it('N02.FR.18–21 wildcards: no instance → every instance; an instance → only that one', () => {
    expect(ids(setup(), { componentVariable: [{ component: { name: 'PowerConverter' } }] })).to.deep.equal([8, 9]);
    expect(ids(setup(), { componentVariable: [{ component: { name: 'PowerConverter', instance: 'B' } }] })).to.deep.equal([9]);
  });

  it('N02.FR.18–21 wildcards: missing variable → all variables of the component; criteria and componentVariable combine', () => {
    const state = setup();
    expect(ids(state, { componentVariable: [{ component: EVSE1 }] })).to.deep.equal([2, 10]);
    expect(ids(state, { componentVariable: [{ component: EVSE1 }, { component: CONNECTOR11, variable: TEMPERATURE }], monitoringCriteria: ['DeltaMonitoring'] })).to.deep.equal([4, 10]);
  });

  it('N02.FR.11 inactive monitors are not reported (SetMonitoringBase HardWiredOnly)', () => {
    const state = setup();
    state.setMonitoringBase('HardWiredOnly');
    expect(ids(state, {})).to.deep.equal([1]);
  });
});

describe('notifyMonitoringReportPages (N02.FR.03/04/09)', () => {
  it('N02.FR.09 groups monitors per component/variable and pages them with seqNo from 0 and tbc on all but the last', () => {
    const state = setup();
    const { monitors } = state.report({ requestId: 42 });
    const pages = notifyMonitoringReportPages(42, monitors, 3, GENERATED_AT);
    for (const page of pages) expectValid('NotifyMonitoringReport', 'request', page);
    // 10 monitors on 8 component/variable pairs → pages of 3, 3, 2 pairs.
    expect(pages.map((p) => [p.requestId, p.seqNo, p.tbc, p.monitor?.length])).to.deep.equal([
      [42, 0, true, 3],
      [42, 1, true, 3],
      [42, 2, false, 2],
    ]);
    const evsePower = pages[0].monitor!.find((m) => m.component.name === 'EVSE' && m.component.evse?.id === 1);
    expect(evsePower?.variableMonitoring).to.deep.equal([
      { id: 2, transaction: false, value: 20000, type: 'UpperThreshold', severity: 4 },
      { id: 10, transaction: false, value: 1000, type: 'Delta', severity: 5 },
    ]);
  });

  it('N02.FR.09 one page when everything fits, with tbc false', () => {
    const { monitors } = setup().report({ requestId: 1 });
    const pages = notifyMonitoringReportPages(1, monitors, 100, GENERATED_AT);
    expect(pages).to.have.length(1);
    expect(pages[0]).to.include({ seqNo: 0, tbc: false, generatedAt: GENERATED_AT });
    expectValid('NotifyMonitoringReport', 'request', pages[0]);
  });

  it('N02.FR.03 paging is also reachable as MonitoringState.notifyMonitoringReportPages', () => {
    expect(MonitoringState.notifyMonitoringReportPages).to.equal(notifyMonitoringReportPages);
  });
});
