import { expect } from 'chai';
import type { AuditOutcome } from '../../../src/audit/audit-station.js';
import type { CheckResult } from '../../../src/checks/check.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { useAuditBed } from '../../helpers/audit-fixture.js';

function verdicts(outcome: AuditOutcome): Record<string, CheckResult> {
  return Object.fromEntries(outcome.result.checks.map((c) => [c.id, c]));
}

/** A wedged station makes every later request wait out its timeout: keep them short. */
const SHORT_TIMEOUTS = { timeoutScale: 0.5, callTimeoutMs: 3000 };

const PROBES = ['get-while-active', 'set-while-active', 'trigger-while-active'].map((step) => `liveness-under-monitors/${step}`);

describe('audit: ordinary requests while the audit\'s monitors are active (liveness under load)', function () {
  this.timeout(60_000);
  const audit = useAuditBed();

  it('a good station answers GetVariables, SetVariables and TriggerMessage while a Periodic and an UpperThreshold monitor run', async () => {
    const cases = loadTestCases(['inventory-full', 'liveness-under-monitors']);
    const outcome = await audit('AUDIT-LOAD-GOOD', cases);
    const checks = verdicts(outcome);
    for (const id of PROBES) expect(checks[id]?.verdict, `${id}: ${checks[id]?.reason}`).to.equal('PASS');
    expect(checks['liveness-under-monitors/get-while-active']?.reason).to.match(/while monitors #\d+ \(Periodic\) and #\d+ \(UpperThreshold\) were active/);
    const testCase = outcome.evidence.cases.find((c) => c.id === 'liveness-under-monitors');
    expect(testCase?.status).to.equal('completed');
    // The periodic monitor was really running when the probes went out, and the cleanup removed both.
    const running = testCase?.captures['periodic-running'];
    expect(running?.kind === 'messages' ? running.messages.length : 0).to.equal(1);
    expect(testCase?.steps.filter((s) => s.phase === 'cleanup').map((s) => s.status)).to.deep.equal(['ok', 'ok']);
  });

  it('wedge-while-monitors-active: a definite FAIL naming when and what was active, though the station answers again after the cleanup', async () => {
    const cases = loadTestCases(['inventory-full', 'liveness-under-monitors']);
    const outcome = await audit('AUDIT-LOAD-WEDGE', cases, { faults: ['wedge-while-monitors-active'] }, SHORT_TIMEOUTS);
    const checks = verdicts(outcome);
    const get = checks['liveness-under-monitors/get-while-active'];
    expect(get?.verdict, get?.reason).to.equal('FAIL');
    expect(get?.reason).to.match(/^the station gave no answer to GetVariables within 1.5 s while the connection stayed open: sent at \d{4}-\d\d-\d\dT[\d:.]+Z, while monitors #\d+ \(Periodic\) and #\d+ \(UpperThreshold\) were active, set \d+\.\d s before$/);
    expect(get?.refs).to.include('N08');
    // Once wedged, the other probes cannot be judged.
    expect(checks['liveness-under-monitors/set-while-active']?.verdict).to.equal('INCONCLUSIVE');
    // The round trip after the case comes when the monitors are gone: it alone would see nothing.
    expect(outcome.evidence.liveness.map((p) => [p.afterCase, p.ok])).to.deep.equal([['liveness-under-monitors', true]]);
    expect(checks['liveness']?.verdict).to.equal('PASS');
  });

  it('silent-after-periodic-set: GetVariables is still answered, the SetVariables that wedges the station FAILs', async () => {
    const cases = loadTestCases(['inventory-full', 'liveness-under-monitors']);
    const outcome = await audit('AUDIT-LOAD-SILENT', cases, { faults: ['silent-after-periodic-set'] }, SHORT_TIMEOUTS);
    const checks = verdicts(outcome);
    expect(checks['liveness-under-monitors/get-while-active']?.verdict).to.equal('PASS');
    expect(checks['liveness-under-monitors/set-while-active']?.verdict).to.equal('FAIL');
    expect(checks['liveness-under-monitors/set-while-active']?.reason).to.match(/no answer to SetVariables/);
  });
});
