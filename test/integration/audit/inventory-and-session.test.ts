import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { useAuditBed } from '../../helpers/audit-fixture.js';

describe('audit: session and inventory cases against the virtual station', function () {
  const audit = useAuditBed();

  it('ac-wallbox: every declared check of the session, inventory and variables cases passes; evidence and result are written', async () => {
    const cases = loadTestCases(['session-*', 'inventory-*', 'variables-*']);
    const { evidence, result, files } = await audit('AUDIT-INV-1', cases);
    // The declared checks (case/step) all pass; no code check fails or warns (those about monitoring lack their cases here).
    // (Guideline requirements are scored separately: they are about the profile, not these cases.)
    // (A report the station rightly had nothing for, EmptyResultSet, has no paging to judge: NOT APPLICABLE.)
    const nothingToPage = (c: { id: string; verdict: string; reason: string }): boolean => c.id.startsWith('report-paging/') && c.verdict === 'NOT APPLICABLE' && c.reason.includes('EmptyResultSet');
    const declared = new Set(cases.map((c) => c.id));
    const notPassed = result.checks.filter((c) => !c.id.startsWith('guideline/') && !nothingToPage(c) && (declared.has(c.id.split('/')[0] ?? '') ? c.verdict !== 'PASS' : c.verdict === 'FAIL' || c.verdict === 'WARN'));
    expect(result.checks.find((c) => c.id === 'report-paging/inventory-full')?.verdict).to.equal('PASS');
    expect(result.checks.find((c) => c.id === 'full-inventory-required-variables')?.verdict).to.equal('PASS');
    expect(notPassed.map((c) => `${c.id} ${c.verdict}: ${c.reason}`)).to.deep.equal([]);
    expect(result.checks.length).to.be.greaterThan(10);
    expect(evidence.deviceModel.complete).to.equal(true);
    expect(evidence.deviceModel.entries.length).to.be.greaterThan(100);
    expect(evidence.targets.map((t) => t.role)).to.include('numeric');
    expect(evidence.station.boot).to.deep.include({ vendorName: 'ocpp-audit', reason: 'PowerUp' });
    const saved = JSON.parse(readFileSync(files.result, 'utf8')) as { files: { journalSha256: string } };
    expect(saved.files.journalSha256).to.equal(createHash('sha256').update(readFileSync(files.journal)).digest('hex'));
  });

  it('minimal: GetReport is optional, so the custom-report case is NOT APPLICABLE with the reason', async () => {
    const { result } = await audit('AUDIT-INV-MIN', loadTestCases(['inventory-full', 'inventory-custom-report']), { profile: 'minimal' });
    const custom = result.checks.filter((c) => c.id.startsWith('inventory-custom-report/'));
    expect(custom.length).to.be.greaterThan(0);
    for (const check of custom) expect(check.verdict, check.id).to.equal('NOT APPLICABLE');
    expect(custom[0]?.reason).to.match(/optional feature not supported: GetReport answered CALLERROR NotSupported/);
  });

  it('report-stops-tbc: the full inventory never completes, its check fails and the audit still finishes', async () => {
    const { result } = await audit('AUDIT-INV-TBC', loadTestCases(['inventory-full']), { faults: ['report-stops-tbc'] }, { caseOptions: { reportWindowS: 2 } });
    const report = result.checks.find((c) => c.id === 'inventory-full/report');
    expect(report?.verdict).to.equal('FAIL');
    expect(report?.reason).to.match(/tbc=true/);
  });

  it('schema-violations and report-seqno-from-1: protocol-conformance and report-paging fail, citing the frames', async () => {
    const { result } = await audit('AUDIT-INV-BROKEN', loadTestCases(['inventory-full']), { faults: ['schema-violations', 'report-seqno-from-1'] });
    const protocol = result.checks.find((c) => c.id === 'protocol-conformance');
    expect(protocol?.verdict).to.equal('FAIL');
    expect(protocol?.reason).to.match(/payloads that break the OCA JSON schema/);
    expect(protocol?.seqs.length).to.be.greaterThan(0);
    const paging = result.checks.find((c) => c.id === 'report-paging/inventory-full');
    expect(paging?.verdict).to.equal('FAIL');
    expect(paging?.reason).to.match(/seqNo started at 1 instead of 0/);
  });

  it('disconnect-mid-report: the report stays incomplete and is never judged PASS (FAIL, or INCONCLUSIVE while the station is away), the station comes back and the audit goes on', async () => {
    const { evidence, result } = await audit('AUDIT-INV-DROP', loadTestCases(['inventory-full', 'inventory-configuration']), { faults: ['disconnect-mid-report'] }, { caseOptions: { reportWindowS: 4 } });
    const report = evidence.cases[0]?.captures['report'];
    expect(report?.kind === 'messages' && report.complete).to.equal(false);
    // The evidence says how long the wait was allowed to take (the benchmark's protocol floor uses it).
    expect(report?.kind === 'messages' && report.windowMs).to.equal(4000);
    // Which of the two depends on whether the station is back before the window ends (its back-off is random).
    expect(['FAIL', 'INCONCLUSIVE']).to.include(result.checks.find((c) => c.id === 'inventory-full/report')?.verdict);
    expect(result.checks.find((c) => c.id === 'report-paging/inventory-full')?.verdict).to.not.equal('PASS');
    expect(evidence.connections.filter((c) => c.event === 'open').length).to.be.greaterThan(0);
    expect(evidence.cases.map((c) => c.id)).to.deep.equal(['inventory-full', 'inventory-configuration']);
  });

  it('slow-responses past the call timeout: the steps are INCONCLUSIVE (no response), never FAIL, and the audit completes', async () => {
    const { evidence, result } = await audit('AUDIT-INV-SLOW', loadTestCases(['inventory-full']), { faults: ['slow-responses'], slowResponseMs: 1500 }, { callTimeoutMs: 500 });
    expect(evidence.cases[0]?.status).to.equal('inconclusive');
    expect(evidence.cases[0]?.reason).to.match(/no response within 500 ms/);
    expect(result.checks.filter((c) => c.id.startsWith('inventory-full/')).map((c) => c.verdict)).to.deep.equal(['INCONCLUSIVE', 'INCONCLUSIVE']);
  });
});
