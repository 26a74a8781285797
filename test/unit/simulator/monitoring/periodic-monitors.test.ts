import { expect } from 'chai';
import { firstDue, nextDue } from '../../../../src/simulator/monitoring/periodic-timing.js';
import { addMonitor, EVSE1, harness, POWER, SECURITY } from './fixtures.js';
import { START } from './fake-clock.js';

const times = (h: ReturnType<typeof harness>): string[] => h.events.map((e) => e.eventData.timestamp);

describe('MonitorEngine periodic monitors (N08)', () => {
  it('N08.FR.06 Periodic fires every value seconds from when it was set, with the current value', () => {
    const h = harness();
    h.clock.advance(7_000); // set at 00:00:07
    const id = addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'Periodic', value: 60 });
    h.clock.advance(59_999);
    expect(h.events).to.have.length(0);
    h.clock.advance(1);
    h.model.setByStation(EVSE1, POWER, '3700');
    h.clock.advance(120_000);
    expect(times(h)).to.deep.equal(['2025-01-01T00:01:07.000Z', '2025-01-01T00:02:07.000Z', '2025-01-01T00:03:07.000Z']);
    expect(h.events.map((e) => e.eventData.actualValue)).to.deep.equal(['0', '3700', '3700']);
    expect(h.events[0].eventData).to.deep.include({ trigger: 'Periodic', variableMonitoringId: id, eventNotificationType: 'CustomMonitor' });
    expect(h.events.some((e) => 'cleared' in e.eventData)).to.equal(false);
  });

  it('N08.FR.07 PeriodicClockAligned: first event at the next boundary, then every interval', () => {
    const h = harness();
    h.clock.advanceTo('2025-01-01T00:07:30.000Z');
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'PeriodicClockAligned', value: 900 });
    h.clock.advanceTo('2025-01-01T00:45:00.000Z');
    expect(times(h)).to.deep.equal(['2025-01-01T00:15:00.000Z', '2025-01-01T00:30:00.000Z', '2025-01-01T00:45:00.000Z']);
  });

  it('N08.FR.07 set exactly on a boundary → the first event is one interval later, not at once', () => {
    const h = harness();
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'PeriodicClockAligned', value: 900 });
    h.clock.advance(0);
    expect(h.events).to.have.length(0);
    h.clock.advance(900_000);
    expect(times(h)).to.deep.equal(['2025-01-01T00:15:00.000Z']);
  });

  it('N07.FR.12 a cleared periodic monitor stops and leaves no timer behind', () => {
    const h = harness();
    const id = addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'Periodic', value: 10 });
    h.clock.advance(25_000);
    h.state.clearVariableMonitoring({ id: [id] });
    h.clock.advance(100_000);
    expect(h.events).to.have.length(2);
    expect(h.clock.pending).to.equal(0);
  });

  it('N07.FR.11 replacing a periodic monitor restarts it with the new interval', () => {
    const h = harness();
    const id = addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'Periodic', value: 10 });
    h.clock.advance(15_000);
    h.state.setVariableMonitoring({ setMonitoringData: [{ id, component: EVSE1, variable: POWER, type: 'Periodic', value: 30, severity: 5 }] });
    h.clock.advance(60_000);
    expect(times(h)).to.deep.equal(['2025-01-01T00:00:10.000Z', '2025-01-01T00:00:45.000Z', '2025-01-01T00:01:15.000Z']);
  });

  it('N07.FR.13 stop() clears every timer; after start() the monitor still exists and periodic events resume', () => {
    const h = harness();
    const id = addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'Periodic', value: 60 });
    h.clock.advance(60_000);
    h.engine.stop();
    expect(h.clock.pending).to.equal(0);
    h.clock.advance(300_000);
    expect(h.events).to.have.length(1);
    h.engine.start(); // "rebooted" at 00:06:00
    expect(h.state.monitor(id)?.type).to.equal('Periodic');
    h.clock.advance(60_000);
    expect(times(h)).to.deep.equal(['2025-01-01T00:01:00.000Z', '2025-01-01T00:07:00.000Z']);
  });

  it('N07.FR.10 a periodic monitor on a WriteOnly variable reports an empty actualValue', () => {
    const h = harness();
    addMonitor(h.state, { component: SECURITY, variable: { name: 'BasicAuthPassword' }, type: 'Periodic', value: 1 });
    h.clock.advance(1_000);
    expect(h.events.map((e) => e.eventData.actualValue)).to.deep.equal(['']);
  });

  it('N08.FR.06/07 timing: due times count from the previous due time and skip periods that lie entirely in the past', () => {
    expect(firstDue('Periodic', 60_000, START + 5)).to.equal(START + 60_005);
    expect(firstDue('PeriodicClockAligned', 900_000, START + 1)).to.equal(START + 900_000);
    expect(nextDue('Periodic', 60_000, START + 60_000, START + 60_250)).to.equal(START + 120_000);
    expect(nextDue('Periodic', 60_000, START + 60_000, START + 300_000)).to.equal(START + 360_000);
    expect(nextDue('PeriodicClockAligned', 900_000, START + 900_000, START + 900_001)).to.equal(START + 1_800_000);
  });

  it('fault periodic-wrong-interval: a 60 s Periodic monitor fires every 120 s', () => {
    const h = harness({ periodicIntervalFactor: 2 });
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'Periodic', value: 60 });
    h.clock.advance(240_000);
    expect(times(h)).to.deep.equal(['2025-01-01T00:02:00.000Z', '2025-01-01T00:04:00.000Z']);
  });

  it('fault clock-aligned-from-set-time: a 900 s clock-aligned monitor set at 00:07:30 fires at 00:22:30, 00:37:30', () => {
    const h = harness({ quirks: { clockAlignedFromSetTime: true } });
    h.clock.advanceTo('2025-01-01T00:07:30.000Z');
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'PeriodicClockAligned', value: 900 });
    h.clock.advanceTo('2025-01-01T00:45:00.000Z');
    expect(times(h)).to.deep.equal(['2025-01-01T00:22:30.000Z', '2025-01-01T00:37:30.000Z']);
  });

  it('fault periodic-jitter: each firing comes late by the jitter, without drifting the schedule', () => {
    const h = harness({ periodicJitterMs: () => 20_000 });
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'Periodic', value: 60 });
    h.clock.advance(200_000);
    expect(times(h)).to.deep.equal(['2025-01-01T00:01:20.000Z', '2025-01-01T00:02:20.000Z', '2025-01-01T00:03:20.000Z']);
  });
});
