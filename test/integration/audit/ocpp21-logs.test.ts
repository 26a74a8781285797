import { expect } from 'chai';
import type { AuditOptions, AuditOutcome } from '../../../src/audit/audit-station.js';
import type { CheckResult } from '../../../src/checks/check.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { useAuditBed } from '../../helpers/audit-fixture.js';

/** A short upload window: a station that never finishes its upload is waited out quickly. */
const FAST: Partial<AuditOptions> = { caseOptions: { uploadWindowS: 5 } };

/** The device model first (the DataCollector need reads it), then the two 2.1 log cases. */
const LOG_CASES_21 = ['inventory-full', 'logs-data-collector', 'logs-redirect-refused'];

function verdicts(outcome: AuditOutcome): Record<string, CheckResult> {
  return Object.fromEntries(outcome.result.checks.map((c) => [c.id, c]));
}

function said(check: CheckResult | undefined): string {
  return check ? `${check.verdict} [${check.refs.join(', ')}] ${check.reason}` : 'not judged';
}

describe('audit of an OCPP 2.1 station: GetLog of the DataCollectorLog (TC_N_100) and a redirected upload (TC_N_101)', function () {
  this.timeout(120_000);
  const audit = useAuditBed();

  it('a clean 2.1 ac-wallbox uploads its DataCollectorLog to the receiver and refuses the redirect with UploadFailure', async () => {
    const outcome = await audit('LOGS21-CLEAN', loadTestCases(LOG_CASES_21), { ocppVersion: '2.1' }, FAST);
    const checks = verdicts(outcome);
    expect(checks['data-collector-log']?.verdict, said(checks['data-collector-log'])).to.equal('PASS');
    expect(checks['log-upload-redirect-refused']?.verdict, said(checks['log-upload-redirect-refused'])).to.equal('PASS');
    const collected = outcome.evidence.cases.find((c) => c.id === 'logs-data-collector');
    const named = collected?.captures['data-collector-log'];
    expect(named?.kind === 'call' ? named.response?.['filename'] : undefined).to.be.a('string');
    // N01.FR.21: the location ends in "/", so the file arrives under the name the station gave.
    expect(collected?.uploads?.received.map((file) => file.name)).to.deep.equal([named?.kind === 'call' ? named.response?.['filename'] : undefined]);
    const redirected = outcome.evidence.cases.find((c) => c.id === 'logs-redirect-refused');
    expect(redirected?.uploads?.redirects).to.have.length.greaterThan(0);
    expect(redirected?.uploads?.received).to.deep.equal([]);
  });

  it('GetLog of the diagnostics and the security log (TC_N_25, TC_N_35): both files really arrive, on 2.0.1 and on 2.1', async () => {
    for (const ocppVersion of ['2.0.1', '2.1'] as const) {
      const outcome = await audit(`LOGS-${ocppVersion}`, loadTestCases(['logs-upload']), { ocppVersion }, FAST);
      const check = verdicts(outcome)['log-upload'];
      expect(check?.verdict, said(check)).to.equal('PASS');
      expect(check?.refs).to.include.members(['TC_N_25', 'TC_N_35']);
      const received = outcome.evidence.cases.find((c) => c.id === 'logs-upload')?.uploads?.received ?? [];
      expect(received, ocppVersion).to.have.length(2);
      for (const file of received) expect(file.size, file.name).to.be.greaterThan(0);
    }
  });

  it('data-collector-log-never-uploads FAILs data-collector-log (N01.FR.24); follows-redirect FAILs log-upload-redirect-refused (N01.FR.30)', async () => {
    const outcome = await audit('LOGS21-FAULTS', loadTestCases(LOG_CASES_21), { ocppVersion: '2.1', faults: ['data-collector-log-never-uploads', 'follows-redirect'] }, FAST);
    const checks = verdicts(outcome);
    const collector = checks['data-collector-log'];
    expect(collector?.verdict, said(collector)).to.equal('FAIL');
    expect(collector?.refs).to.include('N01.FR.24');
    expect(collector?.reason).to.match(/reported Uploaded for its DataCollectorLog .* but no file arrived/);
    const redirect = checks['log-upload-redirect-refused'];
    expect(redirect?.verdict, said(redirect)).to.equal('FAIL');
    expect(redirect?.refs).to.include('N01.FR.30');
    expect(redirect?.reason).to.match(/^The station followed the redirect/);
  });

  it('a 2.1 station whose DataCollector is not enabled is not held to the DataCollectorLog, and says why', async () => {
    const outcome = await audit('LOGS21-DC-OFF', loadTestCases(['inventory-full', 'logs-data-collector']), { ocppVersion: '2.1', profile: 'dc-fast' }, FAST);
    const check = verdicts(outcome)['data-collector-log'];
    expect(check?.verdict, said(check)).to.equal('NOT APPLICABLE');
    expect(check?.reason).to.equal("The station's DataCollector is not enabled (DataCollector.Enabled is not true), so it collects no DataCollectorLog");
  });

  it('a 2.0.1 station is not played the 2.1 log cases nor judged by their checks', async () => {
    const outcome = await audit('LOGS201', loadTestCases(LOG_CASES_21), {}, FAST);
    const played = outcome.evidence.cases.map((c) => c.id);
    expect(played).to.include('inventory-full');
    expect(played).not.to.include('logs-data-collector');
    expect(played).not.to.include('logs-redirect-refused');
    const ids = outcome.result.checks.map((c) => c.id);
    expect(ids).not.to.include('data-collector-log');
    expect(ids).not.to.include('log-upload-redirect-refused');
  });
});
