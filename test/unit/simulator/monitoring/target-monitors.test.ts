import { expect } from 'chai';
import { protocolFor } from '../../../../src/ocpp/protocol.js';
import { DeviceModel } from '../../../../src/simulator/device-model/device-model.js';
import type { ComponentRef, VariableEntry, VariableRef } from '../../../../src/simulator/device-model/types.js';
import type { EventData } from '../../../../src/simulator/monitoring/messages.js';
import { TARGET_MONITOR_TYPES } from '../../../../src/simulator/monitoring/monitor.js';
import { MonitorEngine, type MonitorQuirks } from '../../../../src/simulator/monitoring/monitor-engine.js';
import { MonitoringState } from '../../../../src/simulator/monitoring/monitoring-state.js';
import type { MonitorType } from '../../../../src/simulator/station-profile.js';
import { FakeClock } from './fake-clock.js';
import { entry, MONITORING_CTRLR } from './fixtures.js';

const HEATER: ComponentRef = { name: 'Heater' };
const TEMPERATURE: VariableRef = { name: 'Temperature' };
const MODE: VariableRef = { name: 'Mode' };
const validator = protocolFor('2.1').validator();

/** A 2.1 station's model: a heater setpoint (Actual 20, Target 20), an option list with a Target, and variables without one. */
function setpoint(actual = '20', target = '20'): VariableEntry {
  const variable = entry(HEATER, TEMPERATURE, 'decimal', actual, { min: -40, max: 80 });
  variable.attributes.push({ type: 'Target', value: target, mutability: 'ReadWrite', persistent: false, constant: false });
  return variable;
}

function bed(options: { quirks?: MonitorQuirks; accept?: boolean } = {}) {
  const mode = entry(HEATER, MODE, 'OptionList', 'Eco', { valuesList: 'Eco,Boost' });
  mode.attributes.push({ type: 'Target', value: 'Eco', mutability: 'ReadWrite', persistent: false, constant: false });
  const model = new DeviceModel([
    entry(MONITORING_CTRLR, 'Enabled', 'boolean', 'true'),
    setpoint(),
    mode,
    entry(HEATER, 'Power', 'decimal', '0', { min: 0, max: 2000 }),
    entry({ name: 'ClockCtrlr' }, 'DateTime', 'dateTime', '2025-01-01T00:00:00Z'),
  ]);
  const state = new MonitoringState(model, []);
  if (options.accept !== false) state.acceptTypes(TARGET_MONITOR_TYPES);
  const clock = new FakeClock();
  const engine = new MonitorEngine(model, state, { clock, ...(options.quirks ? { quirks: options.quirks } : {}) });
  engine.setEventFields((eventData, severity) => {
    eventData.severity = severity;
  });
  const events: EventData[] = [];
  engine.on('event', (eventData) => {
    const message = { generatedAt: new Date(clock.now()).toISOString(), seqNo: 0, eventData: [eventData] };
    expect(validator.validate('NotifyEvent', 'request', message), JSON.stringify(message)).to.deep.equal({ valid: true });
    events.push(eventData);
  });
  engine.start();
  const set = (type: MonitorType, value: number, variable: VariableRef = TEMPERATURE, severity = 4, id?: number) =>
    state.setVariableMonitoring({ setMonitoringData: [{ component: HEATER, variable, type, value, severity, ...(id !== undefined ? { id } : {}) }] }).setMonitoringResult[0];
  const target = (value: string, variable: VariableRef = TEMPERATURE): void => {
    expect(model.write(HEATER, variable, 'Target', value).attributeStatus).to.equal('Accepted');
  };
  const actual = (value: string): void => {
    model.setByStation(HEATER, TEMPERATURE, value);
  };
  const trail = (): Array<[string, string, boolean]> => events.map((e) => [e.trigger, e.actualValue, e.cleared === true]);
  return { model, state, engine, events, set, target, actual, trail };
}

describe('MonitorEngine target monitors (OCPP 2.1, N07.FR.22/23)', () => {
  it('N07.FR.22 TargetDelta: quiet inside the band (whichever side moves), Alerting once outside, cleared once back (N07.FR.02)', () => {
    const h = bed();
    const result = h.set('TargetDelta', 3);
    expect(result.status).to.equal('Accepted');
    h.target('22.5'); // |20 − 22.5| ≤ 3
    h.target('17.5'); // a move of 5, still inside
    h.actual('20.5');
    expect(h.events).to.deep.equal([]);
    h.target('24'); // 3.5 outside
    h.target('25'); // still outside: no second alert
    h.actual('21.5'); // 3.5: still outside
    h.actual('22'); // 3: inside (not more than the value)
    h.target('17'); // 5 the other way
    expect(h.trail()).to.deep.equal([
      ['Alerting', '20.5', false],
      ['Alerting', '22', true],
      ['Alerting', '22', false],
    ]);
    expect(h.events[0]).to.deep.include({ variableMonitoringId: result.id, eventNotificationType: 'CustomMonitor', severity: 4, component: HEATER, variable: TEMPERATURE });
  });

  it('N07.FR.23 TargetDeltaRelative: the band is value × Target, so it moves with Target', () => {
    const h = bed();
    expect(h.set('TargetDeltaRelative', 0.1).status).to.equal('Accepted');
    h.target('21.5'); // 1.5 ≤ 2.15
    h.target('18.5'); // 1.5 ≤ 1.85
    expect(h.events).to.deep.equal([]);
    h.target('18'); // 2 > 1.8
    h.target('22'); // 2 ≤ 2.2: back inside
    expect(h.trail()).to.deep.equal([
      ['Alerting', '20', false],
      ['Alerting', '20', true],
    ]);
  });

  it('N07.FR.11 a replaced target monitor is judged at once by its new band; N07.FR.12 a removed one never clears', () => {
    const h = bed();
    const { id } = h.set('TargetDelta', 1);
    h.target('25');
    expect(h.trail()).to.deep.equal([['Alerting', '20', false]]);
    expect(h.set('TargetDelta', 10, TEMPERATURE, 4, id).status).to.equal('Accepted');
    expect(h.trail().at(-1)).to.deep.equal(['Alerting', '20', true]);
    h.set('TargetDelta', 1, TEMPERATURE, 4, id);
    expect(h.events).to.have.length(3);
    h.state.clearVariableMonitoring({ id: [id!] });
    h.target('20');
    expect(h.events).to.have.length(3);
  });

  it('on a variable that holds no number the band is Actual ≠ Target (the value means nothing, as for Delta)', () => {
    const h = bed();
    expect(h.set('TargetDelta', 0, MODE).status).to.equal('Accepted');
    h.target('Boost', MODE);
    h.target('Eco', MODE);
    expect(h.trail()).to.deep.equal([
      ['Alerting', 'Eco', false],
      ['Alerting', 'Eco', true],
    ]);
  });

  it('refuses what the spec rules out: no Target attribute, a dateTime, a negative band; and every target type on a station that does not take them', () => {
    const h = bed();
    const noTarget = h.set('TargetDelta', 3, { name: 'Power' });
    expect(noTarget.status).to.equal('Rejected');
    expect(noTarget.statusInfo?.reasonCode).to.equal('UnsupportedParam');
    expect(h.state.setVariableMonitoring({ setMonitoringData: [{ component: { name: 'ClockCtrlr' }, variable: { name: 'DateTime' }, type: 'TargetDelta', value: 3, severity: 4 }] }).setMonitoringResult[0]?.status).to.equal('UnsupportedMonitorType');
    expect(h.set('TargetDeltaRelative', -0.1).status).to.equal('Rejected');
    const old = bed({ accept: false });
    expect(old.set('TargetDelta', 3).status).to.equal('UnsupportedMonitorType');
  });

  it('N02.FR.13 (errata 2025-06): DeltaMonitoring selects Delta and both target types; reported() adds the version fields', () => {
    const h = bed();
    const delta = h.set('Delta', 1, { name: 'Power' }).id;
    const absolute = h.set('TargetDelta', 3).id;
    const relative = h.set('TargetDeltaRelative', 0.1).id;
    h.set('UpperThreshold', 70);
    const { monitors } = h.state.report({ requestId: 1, monitoringCriteria: ['DeltaMonitoring'] });
    expect(monitors.map((m) => m.id).sort()).to.deep.equal([delta, absolute, relative].sort());
    h.state.setReportFields((reported, monitor) => {
      reported.eventNotificationType = monitor.origin;
    });
    const pages = MonitoringState.notifyMonitoringReportPages(1, monitors, 10, '2025-01-01T00:00:00Z', (monitor) => h.state.reported(monitor));
    expect(validator.validate('NotifyMonitoringReport', 'request', pages[0])).to.deep.equal({ valid: true });
    const without = MonitoringState.notifyMonitoringReportPages(1, monitors, 10, '2025-01-01T00:00:00Z');
    expect(validator.validate('NotifyMonitoringReport', 'request', without[0]).valid).to.equal(false);
  });

  it('quirk targetDeltaAsDelta: Target moves are ignored, an Actual move beyond the value fires Delta, nothing ever clears', () => {
    const h = bed({ quirks: { targetDeltaAsDelta: true } });
    h.set('TargetDelta', 3);
    h.target('30');
    h.target('20');
    expect(h.events).to.deep.equal([]);
    h.actual('22');
    h.actual('24');
    expect(h.trail()).to.deep.equal([['Delta', '24', false]]);
  });
});
