import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { notifyEventFields } from '../../../src/checks/notify-event-fields.js';
import type { CollectedMessage, Evidence } from '../../../src/evidence/evidence.js';
import { call, caseOf, eventData, type EventDataInput, evidence, notifyEvent, setMonitoring } from './event-fixtures.js';

function judge(e: Evidence): CheckResult {
  const result = notifyEventFields.evaluate(e);
  if (Array.isArray(result)) throw new Error('one result expected');
  return result;
}

/** An UpperThreshold monitor id 7 set at seqs 1/2, and the given events (seq 10 onwards). */
function thresholdAudit(...items: EventDataInput[]): Evidence {
  const events = items.map((item, i) => notifyEvent(10 + i, 10 + i, [eventData({ trigger: 'Alerting', variableMonitoringId: 7, ...item })]));
  return evidence({ cases: [caseOf('events-threshold', { set: setMonitoring({ type: 'UpperThreshold', value: 11000, id: 7 }) })], notifyEvents: events });
}

describe('check notify-event-fields (N07.FR.06, N08.FR.05)', () => {
  it('has its meta', () => {
    expect(notifyEventFields.id).to.equal('notify-event-fields');
    expect(notifyEventFields.category).to.equal('events');
    expect(notifyEventFields.refs).to.include.members(['N07.FR.06', 'N08.FR.05', 'TC_N_20', 'TC_N_45', 'TC_N_56']);
  });

  it('PASS: the threshold event names its monitor, trigger Alerting, component, variable and value', () => {
    const result = judge(thresholdAudit({}, { cleared: true }));
    expect(result.verdict).to.equal('PASS');
    expect(result.seqs).to.deep.equal([10, 11]);
    expect(result.details).to.deep.include({ itemsJudged: 2 });
  });

  it('compares component and variable names case-insensitively', () => {
    expect(judge(thresholdAudit({ component: { name: 'evse', evse: { id: 1 } }, variable: { name: 'POWER' } })).verdict).to.equal('PASS');
  });

  it('maps every monitor type to its trigger', () => {
    const types: Array<[string, string]> = [['LowerThreshold', 'Alerting'], ['Delta', 'Delta'], ['Periodic', 'Periodic'], ['PeriodicClockAligned', 'Periodic']];
    types.forEach(([type, trigger], i) => {
      const id = 20 + i;
      const e = evidence({
        cases: [caseOf('c', { set: setMonitoring({ type, value: 5, id }) })],
        notifyEvents: [notifyEvent(10, 10, [eventData({ trigger, variableMonitoringId: id })])],
      });
      expect(judge(e).verdict, type).to.equal('PASS');
      const wrong = evidence({ cases: e.cases, notifyEvents: [notifyEvent(10, 10, [eventData({ trigger: trigger === 'Delta' ? 'Alerting' : 'Delta', variableMonitoringId: id })])] });
      expect(judge(wrong).verdict, `${type} with a wrong trigger`).to.equal('FAIL');
    });
  });

  it('FAIL: wrong trigger for the monitor type', () => {
    const result = judge(thresholdAudit({ trigger: 'Periodic' }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('trigger Periodic, but UpperThreshold monitors fire Alerting');
    expect(result.seqs).to.deep.equal([10]);
  });

  it('FAIL: eventNotificationType other than CustomMonitor', () => {
    const result = judge(thresholdAudit({ eventNotificationType: 'PreconfiguredMonitor' }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('eventNotificationType PreconfiguredMonitor instead of CustomMonitor');
  });

  it('FAIL: another component or variable than the monitor\'s', () => {
    const result = judge(thresholdAudit({ component: { name: 'EVSE', evse: { id: 2 } }, variable: { name: 'Current' } }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('component EVSE@2 instead of EVSE@1').and.contain('variable Current instead of Power');
  });

  it('FAIL: no actualValue', () => {
    const result = judge(thresholdAudit({ actualValue: undefined }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('no actualValue');
  });

  it('accepts an empty actualValue (a write-only variable, N07.FR.10)', () => {
    expect(judge(thresholdAudit({ actualValue: '' })).verdict).to.equal('PASS');
  });

  it('FAIL lists the first offenders in the reason and up to 20 in details', () => {
    const result = judge(thresholdAudit(...Array.from({ length: 25 }, () => ({ trigger: 'Delta' }))));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('25 NotifyEvent problem(s)').and.contain('and 22 more');
    expect(result.details?.problems).to.have.length(20);
  });

  it('FAIL: a CustomMonitor event without variableMonitoringId', () => {
    const e = thresholdAudit({});
    e.notifyEvents.push(notifyEvent(30, 30, [eventData({ trigger: 'Alerting' })]));
    const result = judge(e);
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('CustomMonitor event without variableMonitoringId');
  });

  it('does not judge events of the same id before the monitor was set', () => {
    const e = thresholdAudit({});
    const early = notifyEvent(0, 0, [eventData({ trigger: 'Alerting', variableMonitoringId: 7, eventNotificationType: 'PreconfiguredMonitor' })]);
    e.notifyEvents.unshift(early);
    expect(judge(e).verdict).to.equal('PASS');
  });

  it('stops judging an id after ClearVariableMonitoring or a SetMonitoringBase that deletes custom monitors', () => {
    const later = (seq: number): CollectedMessage => notifyEvent(seq, seq, [eventData({ trigger: 'Alerting', variableMonitoringId: 7, eventNotificationType: 'HardWiredMonitor' })]);
    const cleared = thresholdAudit({});
    cleared.cases.push(caseOf('clear', { clear: call('ClearVariableMonitoring', { id: [7] }, { clearMonitoringResult: [{ status: 'Accepted', id: 7 }] }, [20, 21]) }));
    cleared.notifyEvents.push(later(22));
    expect(judge(cleared).verdict).to.equal('PASS');

    const based = thresholdAudit({});
    based.cases.push(caseOf('base', { base: call('SetMonitoringBase', { monitoringBase: 'FactoryDefault' }, { status: 'Accepted' }, [20, 21]) }));
    based.notifyEvents.push(later(22));
    expect(judge(based).verdict).to.equal('PASS');

    const kept = thresholdAudit({});
    kept.cases.push(caseOf('base', { base: call('SetMonitoringBase', { monitoringBase: 'All' }, { status: 'Accepted' }, [20, 21]) }));
    kept.notifyEvents.push(later(22));
    expect(judge(kept).verdict).to.equal('FAIL');
  });

  it('a replacement with the same id (N04.FR.12) takes over from its set on', () => {
    const e = thresholdAudit({});
    e.cases.push(caseOf('replace', { set: setMonitoring({ type: 'Delta', value: 100, id: 7, seqs: [20, 21] }) }));
    e.notifyEvents.push(notifyEvent(22, 22, [eventData({ trigger: 'Delta', variableMonitoringId: 7 })]));
    expect(judge(e).verdict).to.equal('PASS');
    e.notifyEvents.push(notifyEvent(23, 23, [eventData({ trigger: 'Alerting', variableMonitoringId: 7 })]));
    expect(judge(e).reason).to.contain('trigger Alerting, but Delta monitors fire Delta');
  });

  it('reads events from case captures too, not only evidence.notifyEvents', () => {
    const message = notifyEvent(10, 10, [eventData({ trigger: 'Delta', variableMonitoringId: 7 })]);
    const e = thresholdAudit();
    e.cases.push(caseOf('events', { events: { kind: 'messages', action: 'NotifyEvent', after: 0, startedAt: '', endedAt: '', complete: true, messages: [message] } }));
    expect(judge(e).verdict).to.equal('FAIL');
  });

  describe('tbc parts (N07.FR.07, N08.FR.04)', () => {
    const item = (): Record<string, unknown> => eventData({ trigger: 'Alerting', variableMonitoringId: 7 });

    it('PASS when the announced part follows', () => {
      const e = thresholdAudit();
      e.notifyEvents.push(notifyEvent(10, 10, [item()], { seqNo: 0, tbc: true }), notifyEvent(11, 10, [item()], { seqNo: 1, tbc: false }));
      expect(judge(e).verdict).to.equal('PASS');
    });

    it('FAIL when no part seqNo + 1 follows a tbc true message', () => {
      const e = thresholdAudit();
      e.notifyEvents.push(notifyEvent(10, 10, [item()], { seqNo: 0, tbc: true }), notifyEvent(11, 20, [item()], { seqNo: 0 }));
      const result = judge(e);
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.contain('part seqNo 0 announced more (tbc true) but no part seqNo 1 followed');
      expect(result.seqs).to.deep.equal([10]);
    });
  });

  it('NOT APPLICABLE when the audit set no accepted custom monitor', () => {
    const rejected = evidence({ cases: [caseOf('c', { set: setMonitoring({ type: 'Delta', value: 1, status: 'Rejected' }) })], notifyEvents: [notifyEvent(10, 10, [eventData({ eventNotificationType: 'HardWiredNotification', trigger: 'Alerting' })])] });
    expect(judge(rejected).verdict).to.equal('NOT APPLICABLE');
  });

  it('INCONCLUSIVE when accepted monitors never fired', () => {
    const result = judge(thresholdAudit());
    expect(result.verdict).to.equal('INCONCLUSIVE');
    expect(result.seqs).to.deep.equal([1, 2]);
    expect(result.details?.customMonitors).to.deep.equal([{ id: 7, type: 'UpperThreshold', component: 'EVSE@1', variable: 'Power', case: 'events-threshold', fired: false }]);
  });
});
