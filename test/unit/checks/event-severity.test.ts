import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { eventSeverity } from '../../../src/checks/event-severity.js';
import { runChecks } from '../../../src/checks/run-checks.js';
import type { Evidence } from '../../../src/evidence/evidence.js';
import { makeMessage, makeMessagesCapture } from '../../helpers/evidence-fixture.js';
import { caseOf, evidence, eventData, notifyEvent, setMonitoring, STATION, PROBLEM } from './event-fixtures.js';

const STATION_21 = { identity: 'CS-21', securityProfile: 0, protocol: { version: '2.1' as const, subprotocol: 'ocpp2.1', offered: ['ocpp2.1'] } };

function evaluate(input: Evidence): CheckResult {
  return eventSeverity.evaluate(input) as CheckResult;
}

/** An audit monitor 7 (severity 4) set at seqs 1–2, and a station monitor 3 (severity 1) listed in a report at seq 5. */
function bed(items: Array<Record<string, unknown>>): Evidence {
  const report = makeMessage(5, 'NotifyMonitoringReport', { requestId: 1, seqNo: 0, generatedAt: '2025-01-01T00:00:00Z', monitor: [{ component: STATION, variable: PROBLEM, variableMonitoring: [{ id: 3, transaction: false, value: 1, type: 'Delta', severity: 1, eventNotificationType: 'HardWiredMonitor' }] }] });
  const events = items.map((item, index) => notifyEvent(10 + index, 1 + index, [item]));
  return evidence({
    station: STATION_21,
    cases: [caseOf('events', { set: setMonitoring({ type: 'UpperThreshold', value: 70, id: 7, severity: 4 }), report: makeMessagesCapture('NotifyMonitoringReport', [report]) })],
    notifyEvents: events,
  });
}

describe('event-severity (OCPP 2.1 N07.FR.20/21)', () => {
  it('PASS: events carry their monitor severity (the audit monitor, the station monitor from its report) and hard-wired ones their own', () => {
    const result = evaluate(bed([
      { ...eventData({ variableMonitoringId: 7, trigger: 'Alerting' }), severity: 4 },
      { ...eventData({ variableMonitoringId: 3, trigger: 'Delta', eventNotificationType: 'HardWiredMonitor', component: STATION, variable: PROBLEM }), severity: 1 },
      { ...eventData({ trigger: 'Alerting', eventNotificationType: 'HardWiredNotification', component: STATION, variable: PROBLEM }), severity: 2 },
    ]));
    expect(result.verdict, result.reason).to.equal('PASS');
    expect(result.reason).to.equal("All 3 event(s) carried a severity: 2 equal to their monitor's, 1 hard-wired notification(s) with the station's own.");
    expect(result.refs).to.include('N07.FR.20');
  });

  it('WARN (not FAIL) when a severity is absent: a SHOULD, and optional for 2.0.1 compatibility', () => {
    const result = evaluate(bed([eventData({ variableMonitoringId: 7, trigger: 'Alerting' }), eventData({ trigger: 'Alerting', eventNotificationType: 'HardWiredNotification' })]));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.match(/^2 of 2 event\(s\) carried no severity: 1 from monitors \(N07\.FR\.20\), 1 hard-wired notification\(s\) \(N07\.FR\.21\)\./);
    expect(result.seqs).to.deep.equal([10, 11]);
  });

  it('FAIL when the severity is not the monitor’s, naming the event and both severities', () => {
    const result = evaluate(bed([{ ...eventData({ variableMonitoringId: 7, trigger: 'Alerting' }), severity: 5 }]));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.match(/^1 event\(s\) with a severity that is not their monitor's: eventData\[0\] of seq 10: severity 5, but monitor 7 has severity 4\./);
    expect(result.seqs).to.deep.equal([10]);
  });

  it('a replaced monitor’s earlier severity still counts for an event raised before the replacement; an unknown monitor is judged on presence', () => {
    const input = bed([]);
    input.cases[0].captures['replace'] = setMonitoring({ type: 'UpperThreshold', value: 80, id: 7, severity: 2, seqs: [20, 21] });
    input.notifyEvents = [notifyEvent(22, 5, [{ ...eventData({ variableMonitoringId: 7, trigger: 'Alerting' }), severity: 4 }]), notifyEvent(23, 6, [{ ...eventData({ variableMonitoringId: 99, trigger: 'Delta' }), severity: 6 }])];
    const result = evaluate(input);
    expect(result.verdict, result.reason).to.equal('PASS');
    expect(result.reason).to.include('1 of monitors whose severity the audit never saw, judged on presence only');
  });

  it('FAIL on a severity outside 0–9; NOT APPLICABLE without events; not run for a 2.0.1 station', () => {
    expect(evaluate(bed([{ ...eventData({ trigger: 'Alerting', eventNotificationType: 'HardWiredNotification' }), severity: 12 }])).verdict).to.equal('FAIL');
    expect(evaluate(bed([])).verdict).to.equal('NOT APPLICABLE');
    const on201 = { ...bed([eventData({ variableMonitoringId: 7 })]), station: { identity: 'CS-201', securityProfile: 0 } };
    expect(runChecks([eventSeverity], on201)).to.deep.equal([]);
  });
});
