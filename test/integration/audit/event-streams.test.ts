import { expect } from 'chai';
import type { AuditOutcome } from '../../../src/audit/audit-station.js';
import type { CheckResult } from '../../../src/checks/check.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import type { FaultName } from '../../../src/simulator/station/faults.js';
import { testAuditOptions, useAuditBed } from '../../helpers/audit-fixture.js';

/** A shorter window for messages that a faulty station never sends (it waits the window out). */
const shortWindows = { caseOptions: { ...testAuditOptions().caseOptions, eventWindowS: 3 } };

const STREAM_CASES = ['event-streams-open', 'event-streams-batching', 'event-streams-rejected', 'event-streams-get', 'event-streams-close', 'event-streams-adjust', 'event-streams-max'];
const STREAM_CHECKS = ['event-stream-framing', 'event-stream-timing', 'event-stream-basetime', 'event-stream-batching', 'event-stream-listed', 'event-stream-adjust', 'event-stream-close-flush', 'event-streams-within-max'];

function verdicts(outcome: AuditOutcome): Record<string, CheckResult> {
  return Object.fromEntries(outcome.result.checks.map((c) => [c.id, c]));
}

describe('audit of OCPP 2.1 periodic event streams on the virtual station (TC_N_105–TC_N_109)', function () {
  this.timeout(120_000);
  const audit = useAuditBed();

  /** Audits a 2.1 virtual station with `faults` on the given stream cases (after inventory-full, for the targets). */
  async function auditStreams(identity: string, cases: string[], faults: FaultName[] = [], options = {}): Promise<Record<string, CheckResult>> {
    const outcome = await audit(identity, loadTestCases(['inventory-full', ...cases]), { ocppVersion: '2.1', faults }, options);
    expect(outcome.evidence.station.protocol?.version).to.equal('2.1');
    return verdicts(outcome);
  }

  /** The check FAILs and cites the requirement. */
  function expectCaught(checks: Record<string, CheckResult>, id: string, requirement: string, reason?: RegExp): void {
    const check = checks[id];
    expect(check?.verdict, `${id}: ${check?.reason ?? 'no such check'}`).to.equal('FAIL');
    expect(check?.refs).to.include(requirement);
    if (reason) expect(check?.reason).to.match(reason);
  }

  it('a correct 2.1 station passes every stream case and check', async () => {
    const outcome = await audit('AUDIT-STREAMS-CLEAN', loadTestCases(['inventory-full', ...STREAM_CASES]), { ocppVersion: '2.1' });
    expect(outcome.evidence.cases.map((c) => [c.id, c.status])).to.deep.equal([['inventory-full', 'completed'], ...STREAM_CASES.map((id) => [id, 'completed'])]);
    const checks = verdicts(outcome);
    const streamStepChecks = Object.values(checks).filter((c) => STREAM_CASES.some((id) => c.id.startsWith(`${id}/`)));
    expect(streamStepChecks.length).to.be.greaterThan(8);
    for (const check of [...streamStepChecks, ...STREAM_CHECKS.map((id) => checks[id]), checks['protocol-conformance']]) {
      expect(check?.verdict, `${check?.id ?? '?'}: ${check?.reason ?? 'missing'}`).to.equal('PASS');
    }
    expect(checks['event-streams-within-max']?.reason).to.match(/opened 4 and took the other 1 monitor\(s\) without a stream/);
  });

  it('a 2.0.1 station is not asked for streams: the cases are not played and the checks not run', async () => {
    const outcome = await audit('AUDIT-STREAMS-201', loadTestCases(['inventory-full', 'event-streams-open']), {});
    expect(outcome.evidence.cases.map((c) => c.id)).to.deep.equal(['inventory-full']);
    expect(outcome.result.checks.filter((c) => STREAM_CHECKS.includes(c.id))).to.deep.equal([]);
  });

  it('stream-never-opens: event-streams-open/open FAILs (N11.FR.02)', async () => {
    const checks = await auditStreams('AUDIT-STREAM-NEVER', ['event-streams-open'], ['stream-never-opens'], shortWindows);
    expectCaught(checks, 'event-streams-open/open', 'N11.FR.02', /0 of 1 OpenPeriodicEventStream/);
  });

  it('stream-as-call: event-stream-framing FAILs (N15.FR.01)', async () => {
    const checks = await auditStreams('AUDIT-STREAM-CALL', ['event-streams-open'], ['stream-as-call']);
    expectCaught(checks, 'event-stream-framing', 'N15.FR.01', /NotifyPeriodicEventStream sent as a CALL/);
  });

  it('stream-wrong-interval: event-stream-timing FAILs (N15.FR.06)', async () => {
    const checks = await auditStreams('AUDIT-STREAM-INTERVAL', ['event-streams-open'], ['stream-wrong-interval']);
    // Under load the auditor's own lateness may excuse the spacing; the missing messages still show.
    expectCaught(checks, 'event-stream-timing', 'N15.FR.06', /every 6\.\d+ s on average for a requested 3 s|only \d+ message\(s\) came in a [\d.]+ s window in which \d+ were due/);
  });

  it('stream-first-t-not-zero: event-stream-basetime FAILs (N15.FR.09), while the timing, read on basetime + t, passes', async () => {
    const checks = await auditStreams('AUDIT-STREAM-BASETIME', ['event-streams-open'], ['stream-first-t-not-zero']);
    expectCaught(checks, 'event-stream-basetime', 'N15.FR.09', /the first value's t is not 0/);
    expect(checks['event-stream-timing']?.verdict).to.equal('PASS');
  });

  it('stream-ignores-values: event-stream-batching FAILs (N15.FR.07)', async () => {
    const checks = await auditStreams('AUDIT-STREAM-VALUES', ['event-streams-batching'], ['stream-ignores-values']);
    expectCaught(checks, 'event-stream-batching', 'N15.FR.07', /carry more than the 2 values asked for/);
  });

  it('stream-ignores-reject: event-streams-rejected/events and /rejected-stream-unused FAIL (N11.FR.07)', async () => {
    const checks = await auditStreams('AUDIT-STREAM-REJECT', ['event-streams-rejected'], ['stream-ignores-reject'], shortWindows);
    expectCaught(checks, 'event-streams-rejected/events', 'N11.FR.07', /0 of 2 NotifyEvent/);
    expectCaught(checks, 'event-streams-rejected/rejected-stream-unused', 'N11.FR.07');
  });

  it('stream-not-closed-on-clear: event-streams-close/close FAILs (N13.FR.05)', async () => {
    const checks = await auditStreams('AUDIT-STREAM-CLOSE', ['event-streams-close'], ['stream-not-closed-on-clear'], shortWindows);
    expectCaught(checks, 'event-streams-close/close', 'N13.FR.05', /0 of 1 ClosePeriodicEventStream/);
  });

  it('adjust-ignored: event-stream-adjust FAILs (N14.FR.03)', async () => {
    const checks = await auditStreams('AUDIT-STREAM-ADJUST', ['event-streams-adjust'], ['adjust-ignored']);
    expectCaught(checks, 'event-stream-adjust', 'N14.FR.03', /still the 5 s it had before/);
    expect(checks['event-streams-adjust/adjust-answered']?.verdict).to.equal('PASS');
  });

  it('streams-beyond-max: event-streams-within-max FAILs', async () => {
    const checks = await auditStreams('AUDIT-STREAM-MAX', ['event-streams-max'], ['streams-beyond-max']);
    expectCaught(checks, 'event-streams-within-max', 'N11.FR.01', /supports 4 periodic event stream\(s\) .* but opened 5/);
  });
});
