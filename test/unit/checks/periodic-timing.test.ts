import { expect } from 'chai';
import { periodicTiming } from '../../../src/checks/periodic-timing.js';
import type { CheckResult } from '../../../src/checks/check.js';
import type { CollectedMessage, Evidence } from '../../../src/evidence/evidence.js';
import { caseOf, eventData, evidence, messages, notifyEvent, periodicEvidence, series, setMonitoring } from './event-fixtures.js';

const CASE = 'events-periodic';

function judge(e: Evidence): CheckResult {
  const result = periodicTiming.evaluate(e);
  if (Array.isArray(result)) throw new Error('one result expected');
  return result;
}

function periodic(times: number[], endS: number, extra: { delayS?: number | number[]; options?: Record<string, unknown> } = {}): Evidence {
  return periodicEvidence({ caseId: CASE, type: 'Periodic', intervalS: 10, times, endS, ...extra });
}

describe('check periodic-timing (N08.FR.06)', () => {
  it('has its meta: id, refs, category events', () => {
    expect(periodicTiming.id).to.equal('periodic-timing');
    expect(periodicTiming.category).to.equal('events');
    expect(periodicTiming.refs).to.include.members(['N08.FR.06', 'TC_N_24', 'TC_N_50']);
  });

  it('PASS: five events about 10 s apart, within 1 s', () => {
    const result = judge(periodic([10.2, 19.9, 30.1, 40, 50.3], 55));
    expect(result.verdict).to.equal('PASS');
    expect(result.details).to.deep.include({ events: 5, expectedEvents: 5, judgedBy: 'timestamp', requestedIntervalS: 10, toleranceS: 1 });
    const stats = result.details?.byTimestamp as { meanIntervalS: number; maxAbsErrorS: number; jitterS: number };
    expect(stats.meanIntervalS).to.equal(10.025);
    expect(stats.maxAbsErrorS).to.equal(0.3);
    expect(stats.jitterS).to.be.greaterThan(0);
    expect(result.details?.intervalsS).to.deep.equal([9.7, 10.2, 9.9, 10.3]);
    expect(result.seqs).to.deep.equal([1, 2, 10, 11, 12, 13, 14]);
  });

  it('FAIL: twice the requested interval shows as too few events and a large error', () => {
    const result = judge(periodic([20, 40], 55));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('only 2 event(s)').and.contain('5 were due');
    expect(result.reason).to.contain('off by up to 10 s');
  });

  it('FAIL: no event at all in a window of several intervals', () => {
    const result = judge(periodic([], 45));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('only 0 event(s)');
  });

  it('FAIL: one interval off by more than the tolerance (jitter)', () => {
    const result = judge(periodic([10, 20, 31.5, 40, 50], 55));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('off by up to 1.5 s').and.not.contain('only');
  });

  it('FAIL: the first event half an interval after the set (a station firing on clock boundaries)', () => {
    const result = judge(periodicEvidence({ caseId: CASE, type: 'Periodic', intervalS: 10, times: [15, 25, 35, 45], endS: 50, setS: 10 }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('the first event came 5.05 s after the monitor was set, not one whole interval (10 s) later');
    expect(result.reason).to.not.contain('off by');
    expect(result.details?.firstEventAfterSetS).to.equal(5.05);
  });

  it('FAIL: the first event late by more than the tolerance (a jittered or deferred start)', () => {
    const result = judge(periodic([11.8, 21.8, 31.8, 41.8, 51.8], 55));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain("the first event came 11.85 s after the monitor was set (on the station's clock), later than one interval (10 s) plus the tolerance and the set's round trip (11.04 s in all)");
  });

  it("the late first event is read on the station's clock: a clock 30 s behind ours is no delay", () => {
    const result = judge(periodic([10, 20, 30, 40, 50].map((t) => t - 30), 55, { delayS: 30.05 }));
    expect(result.verdict).to.equal('PASS');
    expect(result.details?.firstEventStampedAfterSetS).to.equal(10.05);
  });

  it('FAIL: an event at once when the monitor is set, then one per interval', () => {
    const result = judge(periodic([0.1, 10.1, 20.1, 30.1, 40.1, 50.1], 55));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('the first event came 0.15 s after the monitor was set');
  });

  it('INCONCLUSIVE: a tolerance of half the interval or more cannot tell a wrong schedule', () => {
    const result = judge(periodic([10, 20, 30, 40, 50], 55, { options: { periodicToleranceS: 5 } }));
    expect(result.verdict).to.equal('INCONCLUSIVE');
    expect(result.reason).to.contain('half the 10 s interval or more');
  });

  it('options.periodicToleranceS widens the tolerance', () => {
    const result = judge(periodic([10, 20, 31.5, 40, 50], 55, { options: { periodicToleranceS: 2 } }));
    expect(result.verdict).to.equal('PASS');
    expect(result.details?.toleranceS).to.equal(2);
  });

  it('WARN: stamped on time but one event delivered 3 s late', () => {
    const result = judge(periodic([10, 20, 30, 40, 50], 55, { delayS: [0.05, 0.05, 3, 0.05, 0.05] }));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.contain('delivered late');
    expect((result.details?.byReceiveTime as { maxAbsErrorS: number }).maxAbsErrorS).to.equal(2.95);
  });

  it('PASS, not WARN: the late delivery is within what the auditor\'s own stall (toolLateMs) explains', () => {
    const e = periodic([10, 20, 30, 40, 50], 55, { delayS: [0.05, 0.05, 3, 0.05, 0.05] });
    const events = e.cases[0]?.captures['events'];
    if (events?.kind !== 'messages') throw new Error('fixture has no events capture');
    events.toolLateMs = 2_500;
    const result = judge(e);
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.contain('the auditor itself was up to 2.5 s late');
    expect(result.details?.auditorLateS).to.equal(2.5);
  });

  it('WARN still: the auditor was late, but by less than the delivery error beyond the tolerance', () => {
    const e = periodic([10, 20, 30, 40, 50], 55, { delayS: [0.05, 0.05, 3, 0.05, 0.05] });
    const events = e.cases[0]?.captures['events'];
    if (events?.kind !== 'messages') throw new Error('fixture has no events capture');
    events.toolLateMs = 300;
    expect(judge(e).verdict).to.equal('WARN');
  });

  it('INCONCLUSIVE: a window of two intervals gives too few events to judge', () => {
    const result = judge(periodic([10, 20], 25));
    expect(result.verdict).to.equal('INCONCLUSIVE');
    expect(result.reason).to.contain('at least 3');
  });

  it('counts due events from the start of the wait when it began after the set', () => {
    const events = series({ monitorId: 42, times: [40, 50, 60] });
    const e = evidence({ cases: [caseOf(CASE, { set: setMonitoring({ type: 'Periodic', value: 10, id: 42 }), events: messages(events, 32, 65) })] });
    const result = judge(e);
    expect(result.verdict).to.equal('PASS');
    expect(result.details?.expectedEvents).to.equal(3);
  });

  it('judges by receive time when the station stamps are unreadable', () => {
    const events = [10, 20, 30, 40].map((t, i) => notifyEvent(10 + i, t, [eventData({ timestamp: 'not a time', variableMonitoringId: 42 })]));
    const e = evidence({ cases: [caseOf(CASE, { set: setMonitoring({ type: 'Periodic', value: 10, id: 42 }), events: messages(events, 0, 45) })] });
    const result = judge(e);
    expect(result.verdict).to.equal('PASS');
    expect(result.details?.judgedBy).to.equal('received');
  });

  it('counts only the periodic monitor\'s own events, and a resent event once', () => {
    const own = series({ monitorId: 42, times: [10, 20, 30] });
    const other = notifyEvent(20, 15, [eventData({ timestamp: 15, variableMonitoringId: 99, trigger: 'Alerting' })]);
    const resent: CollectedMessage = { ...own[2], seq: 21 };
    const e = evidence({ cases: [caseOf(CASE, { set: setMonitoring({ type: 'Periodic', value: 10, id: 42 }), events: messages([...own, other, resent], 0, 35) })] });
    const result = judge(e);
    expect(result.verdict).to.equal('PASS');
    expect(result.details?.events).to.equal(3);
  });

  it('without a monitor id, uses the Periodic events on the monitored variable', () => {
    const events = [10, 20, 30].map((t, i) => notifyEvent(10 + i, t, [eventData({ timestamp: t })]));
    const e = evidence({ cases: [caseOf(CASE, { set: setMonitoring({ type: 'Periodic', value: 10 }), events: messages(events, 0, 35) })] });
    expect(judge(e).verdict).to.equal('PASS');
  });

  describe('when there is nothing to time', () => {
    it('NOT APPLICABLE: the case was not run', () => {
      expect(judge(evidence()).verdict).to.equal('NOT APPLICABLE');
    });

    it('NOT APPLICABLE: the case did not apply, with its reason', () => {
      const result = judge(evidence({ cases: [caseOf(CASE, {}, { status: 'not-applicable', reason: 'no MonitoringCtrlr' })] }));
      expect(result.verdict).to.equal('NOT APPLICABLE');
      expect(result.reason).to.contain('no MonitoringCtrlr');
    });

    it('NOT APPLICABLE: the station refused the Periodic monitor', () => {
      const set = setMonitoring({ type: 'Periodic', value: 10, status: 'UnsupportedMonitorType' });
      const result = judge(evidence({ cases: [caseOf(CASE, { set, events: messages([], 0, 50) })] }));
      expect(result.verdict).to.equal('NOT APPLICABLE');
      expect(result.reason).to.contain('UnsupportedMonitorType');
      expect(result.seqs).to.deep.equal([1, 2]);
    });

    it('NOT APPLICABLE: CALLERROR NotSupported to SetVariableMonitoring', () => {
      const set = { ...setMonitoring({ type: 'Periodic', value: 10 }), ok: false, response: undefined, failure: { kind: 'callerror', errorCode: 'NotSupported', description: 'no monitoring' } };
      expect(judge(evidence({ cases: [caseOf(CASE, { set })] })).verdict).to.equal('NOT APPLICABLE');
    });

    it('INCONCLUSIVE: the set timed out', () => {
      const set = { ...setMonitoring({ type: 'Periodic', value: 10 }), ok: false, response: undefined, failure: { kind: 'timeout', description: 'no answer in 30 s' } };
      const result = judge(evidence({ cases: [caseOf(CASE, { set })] }));
      expect(result.verdict).to.equal('INCONCLUSIVE');
      expect(result.reason).to.contain('no answer in 30 s');
    });

    it('INCONCLUSIVE: the case was inconclusive', () => {
      expect(judge(evidence({ cases: [caseOf(CASE, {}, { status: 'inconclusive', reason: 'station disconnected' })] })).verdict).to.equal('INCONCLUSIVE');
    });

    it('INCONCLUSIVE: no set or no events capture', () => {
      expect(judge(evidence({ cases: [caseOf(CASE, {})] })).verdict).to.equal('INCONCLUSIVE');
      expect(judge(evidence({ cases: [caseOf(CASE, { set: setMonitoring({ type: 'Periodic', value: 10, id: 42 }) })] })).verdict).to.equal('INCONCLUSIVE');
    });
  });
});
