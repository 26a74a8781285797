import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { monitoringReportOrigin } from '../../../src/checks/monitoring-report-origin.js';
import type { Evidence } from '../../../src/evidence/evidence.js';
import { makeMessage, makeMessagesCapture } from '../../helpers/evidence-fixture.js';
import { caseOf, EVSE1, evidence, eventData, notifyEvent, POWER, PROBLEM, setMonitoring, STATION } from './event-fixtures.js';

const STATION_21 = { identity: 'CS-21', securityProfile: 0, protocol: { version: '2.1' as const, subprotocol: 'ocpp2.1', offered: ['ocpp2.1'] } };

function evaluate(input: Evidence): CheckResult {
  return monitoringReportOrigin.evaluate(input) as CheckResult;
}

/** A report (seq 5) of the station's hard-wired monitor 3 and of the audit's monitor 7 (set at seqs 1–2), with the origins given. */
function bed(origins: { own?: unknown; audit?: unknown }, events: ReturnType<typeof notifyEvent>[] = []): Evidence {
  const item = (id: number, type: string, origin: unknown): Record<string, unknown> => ({ id, transaction: false, value: 1, type, severity: 4, ...(origin !== undefined ? { eventNotificationType: origin } : {}) });
  const report = makeMessage(5, 'NotifyMonitoringReport', {
    requestId: 1,
    seqNo: 0,
    generatedAt: '2025-01-01T00:00:00Z',
    monitor: [
      { component: STATION, variable: PROBLEM, variableMonitoring: [item(3, 'Delta', origins.own)] },
      { component: EVSE1, variable: POWER, variableMonitoring: [item(7, 'UpperThreshold', origins.audit)] },
    ],
  });
  return evidence({
    station: STATION_21,
    cases: [caseOf('monitoring-custom', { set: setMonitoring({ type: 'UpperThreshold', value: 70, id: 7, severity: 4 }), report: makeMessagesCapture('NotifyMonitoringReport', [report]) })],
    notifyEvents: events,
  });
}

describe('monitoring-report-origin (OCPP 2.1 N02.FR.22)', () => {
  it('PASS when every listed monitor names its origin, the audit’s own as CustomMonitor', () => {
    const result = evaluate(bed({ own: 'HardWiredMonitor', audit: 'CustomMonitor' }));
    expect(result.verdict, result.reason).to.equal('PASS');
    expect(result.reason).to.equal('All 2 monitor(s) listed in the monitoring reports named their origin, the 1 the audit set as CustomMonitor.');
  });

  it('FAIL without eventNotificationType (what a 2.0.1 port sends), naming the place in the report', () => {
    const result = evaluate(bed({}));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.match(/^2 of 2 listed monitor\(s\) without a valid or true eventNotificationType: monitor\[0\]\.variableMonitoring\[0\] of seq 5 \(monitor 3\): no eventNotificationType; /);
    expect(result.refs[0]).to.equal('N02.FR.22');
    expect(result.seqs).to.deep.equal([5]);
  });

  it('FAIL when a monitor the audit set is reported as another origin, or the value is outside the enumeration', () => {
    expect(evaluate(bed({ own: 'HardWiredMonitor', audit: 'PreconfiguredMonitor' })).reason).to.include('the audit set this monitor, but the report calls it PreconfiguredMonitor instead of CustomMonitor');
    expect(evaluate(bed({ own: 'Factory', audit: 'CustomMonitor' })).reason).to.include('eventNotificationType "Factory" is not one of the enumeration');
  });

  it('WARN on HardWiredNotification for a listed monitor, and on an origin its own events contradict', () => {
    expect(evaluate(bed({ own: 'HardWiredNotification', audit: 'CustomMonitor' })).verdict).to.equal('WARN');
    const contradicted = evaluate(bed({ own: 'HardWiredMonitor', audit: 'CustomMonitor' }, [notifyEvent(9, 3, [eventData({ variableMonitoringId: 3, trigger: 'Delta', eventNotificationType: 'PreconfiguredMonitor', component: STATION, variable: PROBLEM })])]));
    expect(contradicted.verdict).to.equal('WARN');
    expect(contradicted.reason).to.include('HardWiredMonitor in the report, but PreconfiguredMonitor in its events (seq 9)');
  });

  it('NOT APPLICABLE when no report listed a monitor', () => {
    expect(evaluate(evidence({ station: STATION_21 })).verdict).to.equal('NOT APPLICABLE');
  });
});
