import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { presetMonitorEvents } from '../../../src/checks/preset-monitor-events.js';
import type { Evidence } from '../../../src/evidence/evidence.js';
import { caseOf, eventData, evidence, notifyEvent, PROBLEM, STATION } from './event-fixtures.js';

function judge(e: Evidence): CheckResult {
  const result = presetMonitorEvents.evaluate(e);
  if (Array.isArray(result)) throw new Error('one result expected');
  return result;
}

const TEMPERATURE = { name: 'Temperature' };
const CONNECTOR = { name: 'Connector', evse: { id: 1, connectorId: 1 } };

describe('check preset-monitor-events', () => {
  it('has its meta', () => {
    expect(presetMonitorEvents.id).to.equal('preset-monitor-events');
    expect(presetMonitorEvents.category).to.equal('events');
  });

  it('NOT APPLICABLE when none fired during the audit', () => {
    const custom = notifyEvent(10, 10, [eventData({ variableMonitoringId: 7 })]);
    const result = judge(evidence({ notifyEvents: [custom] }));
    expect(result.verdict).to.equal('NOT APPLICABLE');
    expect(result.reason).to.contain('fired during the audit');
  });

  it('PASS with a summary per component/variable and eventNotificationType', () => {
    const e = evidence({
      notifyEvents: [
        notifyEvent(10, 10, [eventData({ eventNotificationType: 'HardWiredNotification', trigger: 'Alerting', component: STATION, variable: PROBLEM, actualValue: 'true' })]),
        notifyEvent(11, 20, [
          eventData({ eventNotificationType: 'HardWiredNotification', trigger: 'Alerting', component: STATION, variable: PROBLEM, actualValue: 'false', cleared: true }),
          eventData({ eventNotificationType: 'HardWiredMonitor', trigger: 'Alerting', component: CONNECTOR, variable: TEMPERATURE, variableMonitoringId: 1 }),
        ]),
        notifyEvent(12, 30, [eventData({ eventNotificationType: 'CustomMonitor', variableMonitoringId: 7 })]),
      ],
    });
    e.cases.push(caseOf('c', { events: { kind: 'messages', action: 'NotifyEvent', after: 0, startedAt: '', endedAt: '', complete: true, messages: [notifyEvent(13, 40, [eventData({ eventNotificationType: 'PreconfiguredMonitor', trigger: 'Delta', component: CONNECTOR, variable: TEMPERATURE, variableMonitoringId: 2 })])] } }));
    const result = judge(e);
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.contain('4 event(s)').and.contain('2 HardWiredNotification').and.contain('1 HardWiredMonitor').and.contain('1 PreconfiguredMonitor');
    expect(result.seqs).to.deep.equal([10, 11, 13]);
    expect(result.details?.byType).to.deep.equal({ HardWiredNotification: 2, HardWiredMonitor: 1, PreconfiguredMonitor: 1 });
    expect(result.details?.table).to.deep.equal([
      { component: 'ChargingStation', variable: 'Problem', eventNotificationType: 'HardWiredNotification', events: 2, cleared: 1, triggers: ['Alerting'], firstSeq: 10, lastSeq: 11 },
      { component: 'Connector@1/1', variable: 'Temperature', eventNotificationType: 'HardWiredMonitor', events: 1, cleared: 0, triggers: ['Alerting'], firstSeq: 11, lastSeq: 11 },
      { component: 'Connector@1/1', variable: 'Temperature', eventNotificationType: 'PreconfiguredMonitor', events: 1, cleared: 0, triggers: ['Delta'], firstSeq: 13, lastSeq: 13 },
    ]);
  });
});
