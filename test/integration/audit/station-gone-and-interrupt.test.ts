import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { auditStation } from '../../../src/audit/audit-station.js';
import type { Evidence } from '../../../src/evidence/evidence.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { loadStationProfile } from '../../../src/simulator/station-profile.js';
import { testAuditOptions } from '../../helpers/audit-fixture.js';
import { useStationTestbed } from '../../helpers/virtual-station-fixture.js';

describe('audit: a station that goes away, and an interrupted audit', function () {
  const bed = useStationTestbed();

  it('the station stops mid-audit: the running and later cases are INCONCLUSIVE, evidence and result are complete', async () => {
    const csms = await bed.startCsms();
    const { station, session } = await bed.startStation(csms, 'AUDIT-GONE', { profile: loadStationProfile('ac-wallbox') });
    const cases = loadTestCases(['inventory-full', 'session-boot', 'variables-get-set', 'inventory-summary']);
    const { evidence, result, files } = await auditStation(session, cases, testAuditOptions({ reconnectWaitS: 1 }), (runner) => {
      // Pull the plug as the third case (by order) starts.
      runner.on('case-start', ({ id }) => {
        if (id === 'inventory-summary') void station.stop();
      });
    });
    const status = Object.fromEntries(evidence.cases.map((c) => [c.id, c.status]));
    expect(status).to.deep.equal({ 'session-boot': 'completed', 'inventory-full': 'completed', 'inventory-summary': 'inconclusive', 'variables-get-set': 'inconclusive' });
    expect(evidence.cases.find((c) => c.id === 'variables-get-set')?.reason).to.equal('the station is not connected and did not come back');
    expect(result.checks.find((c) => c.id === 'inventory-full/report')?.verdict).to.equal('PASS');
    expect(result.checks.filter((c) => c.id.startsWith('variables-get-set/')).every((c) => c.verdict === 'INCONCLUSIVE')).to.equal(true);
    expect(evidence.connections.some((c) => c.event === 'close')).to.equal(true);
    const saved = JSON.parse(readFileSync(files.evidence, 'utf8')) as Evidence;
    expect(saved.cases).to.have.length(4);
    expect(saved.journal.sha256).to.match(/^[0-9a-f]{64}$/);
  });

  it('interrupt(): the running case ends INCONCLUSIVE, the rest are not run, cleanup still restores, evidence says why', async () => {
    const csms = await bed.startCsms();
    const { station, session } = await bed.startStation(csms, 'AUDIT-INTERRUPT', { profile: loadStationProfile('ac-wallbox') });
    const before = station.model.actual({ name: 'OCPPCommCtrlr' }, { name: 'HeartbeatInterval' });
    const cases = loadTestCases(['session-boot', 'inventory-full']);
    const { evidence, result } = await auditStation(session, cases, testAuditOptions({ caseOptions: { heartbeatProbeS: 1, heartbeatWindowS: 60 } }), (runner) => {
      runner.on('waiting', ({ what }) => {
        if (what.includes('Heartbeat')) setTimeout(() => runner.interrupt('SIGINT received'), 100);
      });
    });
    expect(evidence.interrupted).to.deep.equal({ reason: 'SIGINT received' });
    expect(result.interrupted).to.deep.equal({ reason: 'SIGINT received' });
    expect(evidence.cases.map((c) => [c.id, c.status])).to.deep.equal([
      ['session-boot', 'inconclusive'],
      ['inventory-full', 'inconclusive'],
    ]);
    expect(evidence.cases[1]?.reason).to.match(/^not run: the audit was interrupted/);
    // The session case's cleanup ran: the heartbeat interval it changed is back.
    expect(evidence.cases[0]?.steps.find((s) => s.id === 'restore-heartbeat')?.status).to.equal('ok');
    expect(station.model.actual({ name: 'OCPPCommCtrlr' }, { name: 'HeartbeatInterval' })).to.equal(before);
  });
});
