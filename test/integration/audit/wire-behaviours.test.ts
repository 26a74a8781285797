import { expect } from 'chai';
import { serveAudits, type FinishedAudit } from '../../../src/audit/audit-server.js';
import { readEvidenceFile } from '../../../src/evidence/evidence-file.js';
import type { CsmsOptions } from '../../../src/session/csms.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { loadStationProfile } from '../../../src/simulator/station-profile.js';
import type { FaultName } from '../../../src/simulator/station/faults.js';
import { testAuditOptions } from '../../helpers/audit-fixture.js';
import { useStationTestbed } from '../../helpers/virtual-station-fixture.js';

/**
 * Issue 13's corpus, the wire: stations that do nothing wrong (or only lack a message) must not
 * be blamed for the tool's own behaviour on the wire. Audits go through serveAudits, as `run`
 * and `demo` do: the audit starts on the boot event, which is where the tool used to overtake
 * its own boot answer.
 */
describe('audit: behaviours on the wire that the tool must not blame on the station (issue 13)', function () {
  this.timeout(180_000);
  const bed = useStationTestbed();

  async function serveOne(identity: string, cases: string[], faults: FaultName[], csmsOptions: Partial<CsmsOptions> = {}): Promise<FinishedAudit> {
    const csms = await bed.startCsms(csmsOptions);
    const serving = serveAudits(csms, loadTestCases(cases), testAuditOptions(), { maxStations: 1, concurrency: 1, waitS: 60 });
    await bed.startStation(csms, identity, { profile: loadStationProfile('ac-wallbox'), faults, expectAccepted: false });
    const { audits } = await serving.done;
    expect(audits, `${identity} was audited`).to.have.length(1);
    return audits[0];
  }

  const verdict = (audit: FinishedAudit, id: string): string | undefined => audit.result.checks.find((check) => check.id === id)?.verdict;
  const inconclusive = (audit: FinishedAudit): string[] => audit.result.checks.filter((check) => check.verdict === 'INCONCLUSIVE').map((check) => `${check.id}: ${check.reason}`);

  it('strict boot (ignores requests that overtake its boot answer): the audit waits for the answer to be on the wire, so nothing is INCONCLUSIVE for a timeout', async () => {
    const audit = await serveOne('WIRE-STRICT-BOOT', ['session-boot', 'inventory-full'], ['strict-boot']);
    // Checks of cases not in this subset are INCONCLUSIVE by design; those of the two cases may not be.
    expect(inconclusive(audit).filter((line) => /^(session-boot|inventory-full)\//.test(line))).to.deep.equal([]);
    expect(verdict(audit, 'session-boot/heartbeat-interval-accepted')).to.equal('PASS');
    expect(verdict(audit, 'inventory-full/report')).to.equal('PASS');
  });

  it('reconnect without reboot (Part 4): the station is asked to boot and audited, not refused', async () => {
    const audit = await serveOne('WIRE-RECONNECT', ['inventory-full'], ['reconnect-without-reboot']);
    expect(verdict(audit, 'inventory-full/report')).to.equal('PASS');
    expect(verdict(audit, 'protocol-conformance')).to.equal('PASS');
    const evidence = readEvidenceFile(audit.files.evidence);
    expect(evidence.boots.map((boot) => boot.payload['reason']), 'the boot it was asked for').to.deep.equal(['Triggered']);
  });

  it('no GetVariables (CALLERROR NotSupported): a CALLERROR is an answer, so the station is never called wedged and every case runs', async () => {
    const audit = await serveOne('WIRE-NO-GETVARIABLES', ['inventory-full', 'monitoring-preflight', 'monitoring-custom', 'monitoring-clear'], ['no-get-variables']);
    const evidence = readEvidenceFile(audit.files.evidence);
    expect(evidence.liveness.length, 'liveness probes were made').to.be.greaterThan(0);
    expect(evidence.liveness.every((probe) => probe.outcome === 'answered'), JSON.stringify(evidence.liveness)).to.equal(true);
    expect(verdict(audit, 'liveness')).to.equal('PASS');
    const notRun = evidence.cases.filter((c) => (c.reason ?? '').includes('stopped answering')).map((c) => c.id);
    expect(notRun, 'cases skipped as if the station were wedged').to.deep.equal([]);
    expect(verdict(audit, 'monitoring-custom/set-accepted') ?? 'absent').not.to.equal('INCONCLUSIVE');
  });
});
