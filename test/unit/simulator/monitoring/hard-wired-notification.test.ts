import { expect } from 'chai';
import { addMonitor, EVSE1, harness, STATION } from './fixtures.js';

const PROBLEM = { name: 'Problem' };
const TRIPPED = { name: 'Tripped' };

describe('MonitorEngine hard-wired notifications (Part 1 §4.6, N07)', () => {
  it('P1 §4.6 Problem false → true → false through setByStation → an Alerting HardWiredNotification, then one with cleared', () => {
    const h = harness();
    h.model.setByStation(STATION, PROBLEM, 'true');
    h.model.setByStation(STATION, PROBLEM, 'false');
    expect(h.events).to.have.length(2);
    const [raised, cleared] = h.events.map((e) => e.eventData);
    expect(raised).to.deep.equal({
      eventId: 1,
      timestamp: '2025-01-01T00:00:00.000Z',
      trigger: 'Alerting',
      actualValue: 'true',
      component: STATION,
      variable: PROBLEM,
      eventNotificationType: 'HardWiredNotification',
    });
    expect(cleared).to.deep.include({ eventId: 2, actualValue: 'false', cleared: true, eventNotificationType: 'HardWiredNotification' });
    expect(cleared).not.to.have.property('variableMonitoringId');
  });

  it('P1 §4.6 Tripped on an EVSE is reported the same way', () => {
    const h = harness();
    h.model.setByStation(EVSE1, TRIPPED, 'true');
    expect(h.events.map((e) => [e.eventData.component, e.eventData.variable, e.eventData.eventNotificationType])).to.deep.equal([[EVSE1, TRIPPED, 'HardWiredNotification']]);
  });

  it('P1 §4.6 no HardWiredNotification when a Delta monitor already reports the variable', () => {
    const h = harness();
    const id = addMonitor(h.state, { component: STATION, variable: PROBLEM, type: 'Delta', value: 1, severity: 2 });
    h.model.setByStation(STATION, PROBLEM, 'true');
    expect(h.events.map((e) => [e.eventData.eventNotificationType, e.eventData.variableMonitoringId])).to.deep.equal([['CustomMonitor', id]]);
  });

  it('N07.FR.05 hardWiredNotification() carries techCode, techInfo (cut to 50 / 500) and cause, severity as given', () => {
    const h = harness();
    const first = h.engine.hardWiredNotification(EVSE1, { name: 'Fallback' }, 'true', { techCode: 'E'.repeat(60), techInfo: 'i'.repeat(600), severity: 2 });
    h.engine.hardWiredNotification(EVSE1, { name: 'Fallback' }, 'false', { cleared: true, cause: first.eventId });
    expect(h.events[0].eventData.techCode).to.have.length(50);
    expect(h.events[0].eventData.techInfo).to.have.length(500);
    expect(h.events.map((e) => e.severity)).to.deep.equal([2, 5]);
    expect(h.events[1].eventData).to.deep.include({ cleared: true, cause: 1, trigger: 'Alerting' });
  });

  it('N05.FR.03 speaks of monitors: a HardWiredNotification is not subject to the monitoring level', () => {
    const h = harness();
    h.state.setMonitoringLevel(0);
    h.model.setByStation(STATION, PROBLEM, 'true');
    expect(h.events).to.have.length(1);
  });
});
