import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { eventRate, FLOOD_EVENTS_TOTAL, FLOOD_FAIL_EVENTS_PER_S } from '../../../src/checks/event-rate.js';
import type { CollectedMessage, Evidence } from '../../../src/evidence/evidence.js';
import { at, caseOf, eventData, evidence, notifyEvent, PROBLEM, setMonitoring, STATION } from './event-fixtures.js';

function judge(e: Evidence): CheckResult {
  const result = eventRate.evaluate(e);
  if (Array.isArray(result)) throw new Error('one result expected');
  return result;
}

/** `count` hard-wired notifications on the station, one every `everyS` seconds from T0 + 1 s. */
function notifications(count: number, everyS: number, firstSeq = 100): CollectedMessage[] {
  return Array.from({ length: count }, (_, i) => notifyEvent(firstSeq + i, 1 + i * everyS, [eventData({ eventNotificationType: 'HardWiredNotification', trigger: 'Alerting', component: STATION, variable: PROBLEM })]));
}

describe('check event-rate', () => {
  it('has its meta: category robustness', () => {
    expect(eventRate.id).to.equal('event-rate');
    expect(eventRate.category).to.equal('robustness');
  });

  it('NOT APPLICABLE without any NotifyEvent', () => {
    expect(judge(evidence()).verdict).to.equal('NOT APPLICABLE');
  });

  it('PASS with a per-component table', () => {
    const result = judge(evidence({ notifyEvents: [...notifications(10, 30), notifyEvent(50, 5, [eventData({ variableMonitoringId: 3, trigger: 'Delta' })])] }));
    expect(result.verdict).to.equal('PASS');
    expect(result.details?.durationS).to.equal(600);
    expect(result.details?.table).to.deep.equal([
      { component: 'ChargingStation', events: 10, auditPeriodicEvents: 0, perSecond: 0.017, perMinute: 1, firstSeq: 100, lastSeq: 109 },
      { component: 'EVSE@1', events: 1, auditPeriodicEvents: 0, perSecond: 0.002, perMinute: 0.1, firstSeq: 50, lastSeq: 50 },
    ]);
  });

  it('PASS: two events in a two-second audit are a high rate but no flood (too few to judge a rate)', () => {
    const result = judge(evidence({ finishedAt: at(2), notifyEvents: notifications(2, 0.5) }));
    expect(result.verdict).to.equal('PASS');
  });

  it(`WARN: more than ${FLOOD_EVENTS_TOTAL} events from one component`, () => {
    const result = judge(evidence({ notifyEvents: notifications(101, 5) }));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.match(/ChargingStation: 101 events, [\d.]+\/min/);
    expect(result.seqs).to.have.length(100);
  });

  it('WARN: more than one event per second over a short audit', () => {
    const result = judge(evidence({ finishedAt: at(20), notifyEvents: notifications(50, 0.3) }));
    expect(result.verdict).to.equal('WARN');
    expect((result.details?.table as Array<{ perSecond: number }>)[0]?.perSecond).to.equal(2.5);
    // Against a per-second threshold, the rate reads per second.
    expect(result.reason).to.contain('ChargingStation: 50 events, 2.5/s');
  });

  it(`FAIL: ${FLOOD_FAIL_EVENTS_PER_S} or more events a second over the whole audit (a flood that takes backends down)`, () => {
    const result = judge(evidence({ finishedAt: at(4), notifyEvents: notifications(50, 0.05) }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('ChargingStation: 50 events, 12.5/s');
    // Just below the line it stays a warning.
    expect(judge(evidence({ finishedAt: at(6), notifyEvents: notifications(50, 0.05) })).verdict).to.equal('WARN');
  });

  it('does not count the events of periodic monitors the audit set', () => {
    const periodic = Array.from({ length: 150 }, (_, i) => notifyEvent(10 + i, 3 + i * 3, [eventData({ variableMonitoringId: 42, timestamp: 3 + i * 3 })]));
    const e = evidence({ cases: [caseOf('events-periodic', { set: setMonitoring({ type: 'Periodic', value: 3, id: 42 }) })], notifyEvents: periodic });
    const result = judge(e);
    expect(result.verdict).to.equal('PASS');
    expect(result.details?.table).to.deep.equal([{ component: 'EVSE@1', events: 0, auditPeriodicEvents: 150, perSecond: 0, perMinute: 0, firstSeq: 10, lastSeq: 159 }]);
  });

  it('measures to the last event when the audit never finished', () => {
    const result = judge(evidence({ finishedAt: undefined, notifyEvents: notifications(3, 10) }));
    expect(result.details?.durationS).to.equal(21);
  });
});
