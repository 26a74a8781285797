import { expect } from 'chai';
import type { AuditOutcome } from '../../../src/audit/audit-station.js';
import type { CheckResult } from '../../../src/checks/check.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { VENDOR_FAULT_CODE } from '../../../src/simulator/station/fault-codes.js';
import { useAuditBed } from '../../helpers/audit-fixture.js';

function faultCodesCheck(outcome: AuditOutcome): CheckResult | undefined {
  return outcome.result.checks.find((check) => check.id === 'chargex-fault-codes');
}

/** The audit's NotifyEvent items with a techCode, in order: `code place=value`, `cleared` and the trigger marked. */
function techCodesSent(outcome: AuditOutcome): string[] {
  return outcome.evidence.notifyEvents.flatMap((message) =>
    ((message.payload['eventData'] ?? []) as Array<{ techCode?: string; cleared?: boolean; trigger?: string; actualValue?: string; component?: { name?: string }; variable?: { name?: string } }>)
      .filter((item) => item.techCode !== undefined)
      .map((item) => `${item.techCode} ${item.component?.name}.${item.variable?.name}=${item.actualValue} ${item.trigger}${item.cleared === true ? ' cleared' : ''}`),
  );
}

describe('audit: fault codes in NotifyEvent techCode (issue 15 item 5, ChargeX MREC)', function () {
  this.timeout(180_000);
  const audit = useAuditBed();
  // The periodic case lasts about 10 s: long enough for the faults' raise (1 s after boot) and clear (2 s later) to arrive.
  const cases = loadTestCases(['inventory-full', 'monitoring-preflight', 'events-periodic']);

  it('a clean station sends no techCode: NOT APPLICABLE; ChargeX codes raised and cleared on reported variables PASS, and the one left raised is named', async () => {
    const clean = await audit('AUDIT-CX-CLEAN', cases);
    expect(faultCodesCheck(clean)?.verdict).to.equal('NOT APPLICABLE');

    const coded = await audit('AUDIT-CX-CODES', cases, { faults: ['chargex-fault-codes'] });
    // RCD.Tripped has a hard-wired Delta monitor on ac-wallbox: its two events carry the code; the lock's Problem goes as a hard-wired notification.
    expect(techCodesSent(coded)).to.deep.equal(['CX002 RCD.Tripped=true Delta', 'CX025 ConnectorPlugRetentionLock.Problem=true Alerting', 'CX002 RCD.Tripped=false Delta']);
    const check = faultCodesCheck(coded);
    expect(check?.verdict, check?.reason).to.equal('PASS');
    expect(check?.reason).to.contain('CX002 GroundFailure, CX025 BrokenLatch');
    expect(check?.reason).to.contain('every one named a component/variable the FullInventory reports');
    expect(check?.reason).to.contain('1 raised fault(s) were cleared later (CX002 on RCD@1.Tripped)');
    expect(check?.reason).to.contain('1 stayed raised until the audit ended (CX025 on ConnectorPlugRetentionLock@1/1.Problem)');
    expect(check?.seqs).to.have.length(3);
  });

  it('a vendor code on a component the inventory does not report: WARN naming both, the ChargeX fault beside it still judged', async () => {
    const outcome = await audit('AUDIT-CX-VENDOR', cases, { faults: ['chargex-fault-codes', 'unknown-tech-code'] });
    const check = faultCodesCheck(outcome);
    expect(check?.verdict, check?.reason).to.equal('WARN');
    expect(check?.reason).to.contain(`2 of 5 event(s) carry a code outside the ChargeX list (${VENDOR_FAULT_CODE} on PowerModule[PM1].Problem)`);
    expect(check?.reason).to.contain("fault events name PowerModule[PM1].Problem, which the station's FullInventory does not report");
    expect(check?.reason).to.contain(`2 raised fault(s) were cleared later`);
    expect(check?.details?.['unreported']).to.deep.equal(['PowerModule[PM1].Problem']);
  });
});
