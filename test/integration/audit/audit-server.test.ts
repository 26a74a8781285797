import { expect } from 'chai';
import { serveAudits } from '../../../src/audit/audit-server.js';
import { readEvidenceFile } from '../../../src/evidence/evidence-file.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { loadStationProfile } from '../../../src/simulator/station-profile.js';
import { testAuditOptions } from '../../helpers/audit-fixture.js';
import { useStationTestbed } from '../../helpers/virtual-station-fixture.js';

describe('audit: a Pending provisioning window before the audit (B02)', function () {
  const bed = useStationTestbed();

  it('the station is held Pending, then triggered to boot again, accepted and audited; pending-provisioning passes', async () => {
    const csms = await bed.startCsms({ bootStatus: 'Pending', bootRetryIntervalS: 30 });
    const options = testAuditOptions();
    options.caseOptions['pendingWindowS'] = 1;
    const serving = serveAudits(csms, loadTestCases(['inventory-summary']), options, { maxStations: 1, concurrency: 1, waitS: 0, pendingWindowS: 1 });
    await bed.startStation(csms, 'AUDIT-PENDING', { profile: loadStationProfile('ac-wallbox'), expectAccepted: false });
    const { audits } = await serving.done;
    expect(audits).to.have.length(1);
    const { files, result } = audits[0];
    // Only the result is kept in memory; the evidence is read back from its file.
    const evidence = readEvidenceFile(files.evidence);
    expect(evidence.boots.map((b) => b.payload['reason'])).to.deep.equal(['PowerUp', 'Triggered']);
    expect(result.checks.find((c) => c.id === 'pending-provisioning')).to.deep.include({ verdict: 'PASS' });
    expect(result.checks.find((c) => c.id === 'protocol-conformance')).to.deep.include({ verdict: 'PASS' });
  });
});

describe('audit: several stations', function () {
  const bed = useStationTestbed();

  it('--max-stations 2 --concurrency 2: both stations are audited, each into its own directory', async () => {
    const csms = await bed.startCsms();
    const serving = serveAudits(csms, loadTestCases(['inventory-full', 'inventory-summary']), testAuditOptions(), { maxStations: 2, concurrency: 2, waitS: 0 });
    await Promise.all([
      bed.startStation(csms, 'AUDIT-MULTI-A', { profile: loadStationProfile('ac-wallbox') }),
      bed.startStation(csms, 'AUDIT-MULTI-B', { profile: loadStationProfile('dc-fast') }),
    ]);
    const { audits } = await serving.done;
    expect(audits.map((a) => a.result.station.identity).sort()).to.deep.equal(['AUDIT-MULTI-A', 'AUDIT-MULTI-B']);
    expect(new Set(audits.map((a) => a.files.result)).size).to.equal(2);
    for (const { result } of audits) expect(result.checks.find((c) => c.id === 'inventory-full/report')?.verdict, result.station.identity).to.equal('PASS');
  });
});
