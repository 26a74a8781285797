import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { auditStation } from '../../../src/audit/audit-station.js';
import type { ScenarioRunner } from '../../../src/scenario/runner.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { loadStationProfile } from '../../../src/simulator/station-profile.js';
import { testAuditOptions } from '../../helpers/audit-fixture.js';
import { useStationTestbed } from '../../helpers/virtual-station-fixture.js';

describe('audit: evidence.json cannot be saved', function () {
  const bed = useStationTestbed();

  it('the saves while cases end fail quietly and the audit plays every case; the final save reports the failure', async () => {
    const csms = await bed.startCsms();
    const { session } = await bed.startStation(csms, 'AUDIT-NO-SAVE', { profile: loadStationProfile('ac-wallbox') });
    // evidence.json is written through a temporary file of this name: a directory there makes every save fail.
    mkdirSync(join(dirname(session.journal.path), `evidence.json.tmp-${process.pid}`));
    const cases = loadTestCases(['session-boot', 'inventory-full', 'inventory-summary']);
    let runner: ScenarioRunner | undefined;
    const failure = await auditStation(session, cases, testAuditOptions(), (r) => (runner = r)).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failure?.message).to.match(/EISDIR/);
    // A failing save during the cases used to end the audit after its first case.
    expect(runner?.evidence.cases.map((c) => [c.id, c.status])).to.deep.equal([
      ['session-boot', 'completed'],
      ['inventory-full', 'completed'],
      ['inventory-summary', 'completed'],
    ]);
  });
});
