/**
 * End-to-end tests of the OCPP 2.1 diagnostics through the real CLI (dist/, so `npm run build`
 * first): `demo --ocpp-version 2.1` plays the 2.1 cases against the 2.1 virtual station and a named
 * 2.1 fault shows in result.json; `simulate --help` lists the 2.1 faults, which a 2.0.1 station refuses.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditResult } from '../../src/result/audit-result.js';
import { OCPP21_FAULTS } from '../../src/simulator/ocpp21/faults.js';
import { useCliBed } from '../helpers/cli-process.js';

describe('ocpp-audit demo / simulate with OCPP 2.1 diagnostics (end to end)', function () {
  this.timeout(180_000);
  const bed = useCliBed('demo21');

  it('demo --ocpp-version 2.1 with event-severity-mismatch: the target-delta case passes, event-severity FAILs citing N07.FR.20, a scorecard is written', async () => {
    const out = bed.tempDir();
    const demo = bed.cli(['demo', '--ocpp-version', '2.1', '--fault', 'event-severity-mismatch', '--out', out, '--testcases', 'events-target-delta']);
    expect(await demo.waitForExit(150_000), demo.stderr).to.deep.equal({ code: 0, signal: null });
    expect(demo.stdout).to.match(/\(OCPP 2\.1\) with faults event-severity-mismatch/);
    expect(demo.stdout.trim().split('\n').at(-1)).to.match(/scorecard:\s+\S+scorecard\.html$/);
    const result = JSON.parse(readFileSync(join(out, 'VIRTUAL-DEMO', 'result.json'), 'utf8')) as AuditResult;
    expect(result.station.protocol?.version).to.equal('2.1');
    const check = (id: string) => result.checks.find((c) => c.id === id);
    for (const id of ['events-target-delta/no-event-inside', 'events-target-delta/alert', 'events-target-delta/cleared']) expect(check(id)?.verdict, id).to.equal('PASS');
    expect(check('event-severity')?.verdict).to.equal('FAIL');
    expect(check('event-severity')?.refs[0]).to.equal('N07.FR.20');
  });

  it('simulate --help lists the 2.1 faults; a 2.0.1 station refuses one with one line and exit 2', async () => {
    const help = await bed.runToExit(['simulate', '--help']);
    expect(help.exit?.code).to.equal(0);
    const section = help.stdout.slice(help.stdout.indexOf('Faults (OCPP 2.1 stations only'));
    for (const name of Object.keys(OCPP21_FAULTS)) expect(section, name).to.include(`  ${name}: `);
    const refused = await bed.runToExit(['simulate', '--url', 'ws://127.0.0.1:1/ocpp', '--fault', 'no-event-severity']);
    expect(refused.exit?.code, refused.stderr).to.equal(2);
    expect(refused.stderr.trim()).to.equal('ocpp-audit: --fault no-event-severity: not a fault of the OCPP 2.0.1 station (see simulate --help)');
  });
});
