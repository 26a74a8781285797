import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { buildCertificationView, type CertificationView } from '../../../src/report/certification.js';
import { CERTIFICATION_PROFILES } from '../../../src/report/certification-profiles.js';
import { buildCertificationPage } from '../../../src/report/certification-page.js';
import { renderCertification } from '../../../src/report/html-renderer.js';
import { compareTcIds, rehearsalsByTc } from '../../../src/report/tc-rehearsals.js';
import type { AuditResult } from '../../../src/result/audit-result.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { goldenFile } from '../../fixtures/evidence/golden.js';

const golden = (): AuditResult => JSON.parse(readFileSync(goldenFile('ac-wallbox.evidence.json'), 'utf8')) as AuditResult;
const caseOf = (view: CertificationView, profile: string, id: string) => {
  const found = view.profiles.find((p) => p.id === profile)?.cases.find((c) => c.id === id);
  if (!found) throw new Error(`${id} not in ${profile}`);
  return found;
};

describe('certification rehearsal view (OCPP 2.0.1 Part 5 profiles)', () => {
  it('lists Core and Advanced Device Management, every case once, each mandatory or conditional with its condition', () => {
    const view = buildCertificationView(golden());
    expect(view.profiles.map((p) => p.id)).to.deep.equal(['core', 'advanced-device-management']);
    for (const profile of view.profiles) {
      const ids = profile.cases.map((c) => c.id);
      expect(new Set(ids).size, profile.id).to.equal(ids.length);
      for (const c of profile.cases) {
        expect(c.id, c.id).to.match(/^TC_[BN]_\d+$/);
        expect(c.title, c.id).to.be.a('string').and.not.equal('');
        if (c.status === 'conditional') expect(c.condition, c.id).to.be.a('string');
      }
      const total = Object.values(profile.counts).reduce((a, b) => a + b, 0);
      expect(total, profile.id).to.equal(profile.cases.length);
    }
    // Advanced Device Management applies only to stations that claim it.
    expect(view.profiles[1]?.cases.every((c) => c.status === 'conditional')).to.equal(true);
  });

  it('gives a case the worst verdict of the checks that cite it, naming them worst first', () => {
    const view = buildCertificationView(golden());
    // 27 checks cite TC_B_13; one guideline line (a missing status indicator) warns.
    const fullInventory = caseOf(view, 'core', 'TC_B_13').outcome;
    expect(fullInventory.kind).to.equal('verdict');
    if (fullInventory.kind !== 'verdict') return;
    expect(fullInventory.verdict).to.equal('WARN');
    expect(fullInventory.checks[0]).to.deep.equal({ id: 'guideline/components/ChargingStatusIndicator', verdict: 'WARN' });
    expect(fullInventory.checks.map((c) => c.id)).to.include.members(['inventory-full/accepted', 'report-paging/inventory-full', 'full-inventory-required-variables']);
    // All citing checks passed.
    expect(caseOf(view, 'advanced-device-management', 'TC_N_06').outcome).to.include({ kind: 'verdict', verdict: 'PASS' });
    expect(caseOf(view, 'advanced-device-management', 'TC_N_20').outcome).to.include({ kind: 'verdict', verdict: 'PASS' });
    // Only NOT APPLICABLE checks cite it: the station had no ConfigurationInventory to judge.
    expect(caseOf(view, 'core', 'TC_B_12').outcome).to.include({ kind: 'verdict', verdict: 'NOT APPLICABLE' });
  });

  it('one failed check fails the case it cites, whatever the others say', () => {
    const result = golden();
    result.checks = result.checks.map((c) => (c.id === 'report-paging/inventory-full' ? { ...c, verdict: 'FAIL' as const } : c));
    const outcome = caseOf(buildCertificationView(result), 'core', 'TC_B_13').outcome;
    expect(outcome).to.include({ kind: 'verdict', verdict: 'FAIL' });
    if (outcome.kind === 'verdict') expect(outcome.checks[0]).to.deep.equal({ id: 'report-paging/inventory-full', verdict: 'FAIL' });
  });

  it('says "not run" for a case the catalogue rehearses but this audit did not run, and "not rehearsed" with why for the rest', () => {
    const view = buildCertificationView(golden());
    // The golden audit ran six cases; variables-get-set (TC_B_06) was not among them.
    expect(caseOf(view, 'core', 'TC_B_06').outcome.kind).to.equal('not run');
    expect(caseOf(view, 'advanced-device-management', 'TC_N_13').outcome.kind).to.equal('not run');
    expect(caseOf(view, 'core', 'TC_B_20').outcome).to.include({ kind: 'not rehearsed', why: 'out of scope' });
    expect(caseOf(view, 'core', 'TC_N_27').outcome).to.include({ kind: 'not rehearsed', why: 'needs a person' });
    expect(caseOf(view, 'core', 'TC_N_63').outcome).to.include({ kind: 'not rehearsed', why: 'needs hardware' });
    expect(caseOf(view, 'advanced-device-management', 'TC_N_03').outcome).to.include({ kind: 'not rehearsed', why: 'not in the catalogue' });
  });

  it('a case ref with the _CS suffix counts for its TC id', () => {
    const result = golden();
    result.checks = [{ id: 'x', title: 'x', refs: ['TC_B_06_CS'], category: 'variables', verdict: 'FAIL', reason: 'r', seqs: [] }];
    expect(caseOf(buildCertificationView(result), 'core', 'TC_B_06').outcome).to.include({ kind: 'verdict', verdict: 'FAIL' });
  });

  it('the TC_N_100–109 of OCPP 2.1 Part 5 are listed for a 2.1 station only, judged by the checks that cite them (issue 17)', () => {
    const ids = (view: CertificationView): string[] => view.profiles.flatMap((p) => p.cases.map((c) => c.id));
    const added = ['TC_N_100', 'TC_N_101', 'TC_N_102', 'TC_N_103', 'TC_N_104', 'TC_N_105', 'TC_N_106', 'TC_N_107', 'TC_N_108', 'TC_N_109'];
    expect(ids(buildCertificationView(golden()))).not.to.include.members(added.slice(0, 1));
    const result21 = golden();
    result21.station = { ...result21.station, protocol: { version: '2.1', subprotocol: 'ocpp2.1', offered: ['ocpp2.1'] } };
    result21.checks = [...result21.checks, { id: 'event-stream-timing', title: 't', refs: ['N15.FR.06', 'TC_N_105'], category: 'events', verdict: 'FAIL', reason: 'r', seqs: [] }];
    const view = buildCertificationView(result21);
    expect(ids(view)).to.include.members(added);
    expect(caseOf(view, 'advanced-device-management', 'TC_N_105').outcome).to.include({ kind: 'verdict', verdict: 'FAIL' });
    expect(caseOf(view, 'core', 'TC_N_102').outcome).to.include({ kind: 'not rehearsed' });
  });

  it('the profile data and the catalogue agree: a case is marked not rehearsed exactly when no shipped test case or check cites it', () => {
    const byTc = rehearsalsByTc(loadTestCases(), ALL_CHECKS);
    for (const profile of CERTIFICATION_PROFILES) {
      for (const c of profile.cases) {
        const cited = byTc.has(c.id);
        expect(c.notRehearsed === undefined, `${c.id}: ${cited ? 'cited by the catalogue but marked not rehearsed' : 'cited by nothing, so it needs a why'}`).to.equal(cited);
      }
    }
  });
});

describe('rehearsalsByTc: the catalogue by TC id', () => {
  it('maps each TC id to the test cases (own and step refs) and checks that cite it, in id order', () => {
    const byTc = rehearsalsByTc(loadTestCases(), ALL_CHECKS);
    expect(byTc.get('TC_N_06')?.testCases).to.include('monitoring-bases');
    expect(byTc.get('TC_B_53')?.checks).to.include('full-inventory-required-variables');
    // Sorted by block, then by number (TC_B_6 … TC_B_53 … TC_N_1), not as strings.
    const ids = [...byTc.keys()];
    expect(ids).to.deep.equal([...ids].sort(compareTcIds));
    expect(['TC_N_10', 'TC_B_53', 'TC_B_6', 'TC_N_9'].sort(compareTcIds)).to.deep.equal(['TC_B_6', 'TC_B_53', 'TC_N_9', 'TC_N_10']);
  });
});

describe('certification rehearsal of an OCPP 1.6 station (issue 17)', () => {
  const ocpp16 = (): AuditResult => JSON.parse(readFileSync(goldenFile('ocpp16.evidence.json'), 'utf8')) as AuditResult;

  it('lists no 2.0.1 profile and says plainly why, instead of a page of "not run" cases', () => {
    const view = buildCertificationView(ocpp16());
    expect(view.profiles).to.deep.equal([]);
    expect(view.noProfile).to.match(/^None of the certification profiles this audit rehearses is for OCPP 1\.6 stations \(they are OCPP 2\.0\.1 Part 5 profiles, test cases TC_B and TC_N\)/);
    const page = buildCertificationPage(view);
    expect(page).to.deep.include({ noProfile: view.noProfile, profiles: [] });
    expect(page.station.protocol).to.equal('OCPP 1.6, subprotocol ocpp1.6');
    const html = renderCertification(page);
    expect(html).to.include(`<p class="verdict">${view.noProfile ?? ''}</p>`);
    expect(html).not.to.include('Each OCPP 2.0.1 certification test case');
    // A 2.0.1 station's page is as before.
    expect(buildCertificationView(golden()).noProfile).to.equal(undefined);
    expect(renderCertification(buildCertificationPage(buildCertificationView(golden())))).to.include('Each OCPP 2.0.1 certification test case');
  });
});
