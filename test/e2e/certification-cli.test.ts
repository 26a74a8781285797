/**
 * End-to-end: `list testcases --by-tc` (issue 15 item 11) prints, per OCA test case id, the
 * certification profiles that list it and the shipped test cases and checks that rehearse it, or
 * why none does; `--json` gives the same as one JSON array. The real CLI in a child process; run
 * `npm run build` first.
 */
import { expect } from 'chai';
import { CERTIFICATION_PROFILES } from '../../src/report/certification-profiles.js';
import type { TcListing } from '../../src/report/tc-listing.js';
import { useCliBed } from '../helpers/cli-process.js';

describe('ocpp-audit list testcases --by-tc (end to end)', function () {
  this.timeout(60_000);
  const { runToExit } = useCliBed('e2e-certification');

  it('--json: one array with every case of both profiles, what rehearses each, or why nothing does', async () => {
    const cli = await runToExit(['list', 'testcases', '--by-tc', '--json']);
    expect(cli.exit, cli.stderr).to.deep.equal({ code: 0, signal: null });
    expect(cli.stderr).to.equal('');
    const entries = JSON.parse(cli.stdout) as TcListing[];
    const byId = new Map(entries.map((e) => [e.tc, e]));
    for (const profile of CERTIFICATION_PROFILES) for (const c of profile.cases) expect(byId.get(c.id)?.profiles.map((p) => p.profile), c.id).to.include(profile.id);
    // Rehearsed: the base-switch case and the checks that cite the custom-monitor removal case.
    expect(byId.get('TC_N_06')?.testCases).to.include('monitoring-bases');
    expect(byId.get('TC_N_06')?.checks).to.include('monitors-left-as-found');
    expect(byId.get('TC_B_53')?.checks).to.include('full-inventory-required-variables');
    // Not rehearsed, and why.
    expect(byId.get('TC_B_20')).to.deep.include({ testCases: [], checks: [], notRehearsed: { why: 'out of scope', detail: 'the audit never resets the station; the transaction variants also need a vehicle' } });
    expect(byId.get('TC_N_27')?.notRehearsed?.why).to.equal('needs a person');
    // OCPP 2.1's additions are listed as 2.1-only, with the cases and checks that rehearse them (issue 17).
    expect(byId.get('TC_N_105')?.profiles).to.deep.equal([{ profile: 'advanced-device-management', status: 'conditional', condition: 'the station claims Advanced Device Management (PICS DM-0)', versions: ['2.1'] }]);
    expect(byId.get('TC_N_105')?.testCases).to.include('event-streams-open');
    // Cited by the catalogue but in no profile: said so.
    expect(byId.get('TC_B_08')).to.deep.include({ title: null, profiles: [] });
    expect(byId.get('TC_B_08')?.outsideProfiles).to.match(/withdrawn/);
    expect(entries.map((e) => e.tc).indexOf('TC_B_06')).to.be.lessThan(entries.map((e) => e.tc).indexOf('TC_B_11'));
  });

  it('text: two lines per TC id, the same ids as --json, with the profile, the cases and checks, or "not rehearsed" and why', async () => {
    const [text, json] = await Promise.all([runToExit(['list', 'testcases', '--by-tc']), runToExit(['list', 'testcases', '--by-tc', '--json'])]);
    expect(text.exit, text.stderr).to.deep.equal({ code: 0, signal: null });
    const lines = text.stdout.trimEnd().split('\n');
    const heads = lines.filter((l) => !l.startsWith('    '));
    expect(lines.length).to.equal(heads.length * 2);
    expect(heads.map((l) => l.split(' ')[0])).to.deep.equal((JSON.parse(json.stdout) as TcListing[]).map((e) => e.tc));
    const after = (tc: string): string => lines[lines.findIndex((l) => l.startsWith(`${tc} `)) + 1] ?? '';
    expect(lines.find((l) => l.startsWith('TC_N_06 '))).to.include('[Advanced Device Management conditional]');
    expect(after('TC_N_06')).to.match(/^ {4}cases .*monitoring-bases.*; checks .*monitors-left-as-found/);
    expect(after('TC_B_20')).to.equal('    not rehearsed (out of scope): the audit never resets the station; the transaction variants also need a vehicle');
  });

  it('--testcases narrows what rehearses; a profile case the selection leaves out says so', async () => {
    const cli = await runToExit(['list', 'testcases', '--by-tc', '--json', '--testcases', 'session-boot']);
    expect(cli.exit, cli.stderr).to.deep.equal({ code: 0, signal: null });
    const byId = new Map((JSON.parse(cli.stdout) as TcListing[]).map((e) => [e.tc, e]));
    expect(byId.get('TC_B_01')?.testCases).to.deep.equal(['session-boot']);
    expect(byId.get('TC_N_06')?.testCases).to.deep.equal([]);
  });
});
