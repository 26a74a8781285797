import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ToolError } from '../../../src/errors.js';
import { buildCompareViewModel, type CompareRow } from '../../../src/report/compare-view-model.js';
import type { AuditResult } from '../../../src/result/audit-result.js';
import { FIXTURE_DIRECTORY, goldenFile } from '../../fixtures/evidence/golden.js';
import { join } from 'node:path';
import { readEvidenceFile } from '../../../src/evidence/evidence-file.js';
import { diagnosticCapabilities } from '../../../src/result/capabilities.js';
import { renderComparison } from '../../../src/report/html-renderer.js';

const golden = (name: string): AuditResult => JSON.parse(readFileSync(goldenFile(`${name}.evidence.json`), 'utf8')) as AuditResult;

/** The minimal station's result as an interrupted run would have it: no grade, part of the catalogue. */
function interrupted(): AuditResult {
  const result = golden('minimal');
  result.interrupted = { reason: 'SIGINT received' };
  result.grade = null;
  result.coverage = { cases: { applicable: 25, run: 12 }, ratio: 0.48, categories: [], complete: false, incompleteBecause: ['the audit was interrupted (SIGINT received)'] };
  result.score = 43.9;
  result.summary = { ...result.summary, WARN: 63, INCONCLUSIVE: 4 };
  return result;
}

/** The AC wallbox's result with a failed must-have that capped its A to a D. */
function capped(): AuditResult {
  const result = golden('ac-wallbox');
  result.score = 92.2;
  result.summary = { ...result.summary, WARN: 8, INCONCLUSIVE: 0 };
  result.grade = 'D';
  result.uncappedGrade = 'A';
  result.mustHaves = { gradeCap: 'D', items: [{ check: 'liveness', title: 'The station keeps answering the CSMS', verdict: 'FAIL', why: 'a station that stops answering cannot be operated', source: 'scoring', reason: 'no answer to 3 Heartbeat requests' }] };
  return result;
}

describe('comparison view model', () => {
  it('stations side by side: scores, best and worst per category marked, differing checks first', () => {
    const model = buildCompareViewModel([golden('ac-wallbox'), golden('minimal')]);
    expect(model.guideline).to.equal('ac-wallbox 1.0.0');
    expect(model.stations.map((s) => s.label)).to.deep.equal(['FIXTURE-ac-wallbox (1.4.2)', 'FIXTURE-minimal (1.0.0)']);
    const monitorability = model.categories.find((c) => c.title === 'Monitorability');
    expect(monitorability?.differs).to.equal(true);
    expect(monitorability?.cells.map((c) => c.css)).to.deep.equal(['pass', 'fail']);
    const firstSame = model.requirements.findIndex((r) => !r.differs);
    expect(firstSame).to.be.greaterThan(0);
    expect(model.requirements.slice(firstSame).every((r) => !r.differs)).to.equal(true);
    expect(model.summary).to.match(/^2 results against ac-wallbox 1\.0\.0: \d+ of \d+ checks differ; highest overall score FIXTURE-ac-wallbox/);
  });

  it('the same result twice: nothing differs', () => {
    const model = buildCompareViewModel([golden('minimal'), golden('minimal')]);
    expect(model.requirements.some((r) => r.differs)).to.equal(false);
    expect(model.categories.some((c) => c.differs)).to.equal(false);
  });

  it('refuses results scored against different guidelines, and a single result', () => {
    const other = golden('minimal');
    other.guideline = { ...other.guideline!, id: 'ocpp-201-core' };
    expect(() => buildCompareViewModel([golden('ac-wallbox'), other])).to.throw(ToolError, /scored against different guidelines \(ac-wallbox 1\.0\.0, ocpp-201-core 1\.0\.0\); re-score them with one: compare --guideline <id>/);
    expect(() => buildCompareViewModel([golden('ac-wallbox')])).to.throw(ToolError, /at least two results/);
  });

  it('tells runs apart: the labels given (one per result, in order), else the run\'s own label; the date and time of each audit; a link to each scorecard', () => {
    const labelled = buildCompareViewModel([golden('ac-wallbox'), golden('minimal')], { labels: ['before update', 'after update'], links: ['a/scorecard.html', undefined] });
    expect(labelled.stations.map((s) => s.label)).to.deep.equal(['before update', 'after update']);
    expect(labelled.title).to.equal('OCPP diagnostics comparison: before update vs after update');
    expect(labelled.stations.map((s) => s.auditedAt)).to.deep.equal(['2026-11-24 04:20:31 UTC', '2026-11-24 04:20:32 UTC']);
    expect(labelled.stations.map((s) => s.link)).to.deep.equal(['a/scorecard.html', undefined]);
    const stored = golden('minimal');
    stored.options = { ...stored.options, label: 'bench 2' };
    expect(buildCompareViewModel([golden('ac-wallbox'), stored]).stations.map((s) => s.label)).to.deep.equal(['FIXTURE-ac-wallbox (1.4.2)', 'bench 2']);
    expect(() => buildCompareViewModel([golden('ac-wallbox'), golden('minimal')], { labels: ['only one'] })).to.throw(ToolError, /^1 --label for 2 results: give one label per result/);
  });

  it('the same station audited twice without labels: the time of each audit tells the columns apart', () => {
    const later = golden('minimal');
    later.timings = { ...later.timings, startedAt: '2026-12-01T09:00:00.000Z' };
    expect(buildCompareViewModel([golden('minimal'), later]).stations.map((s) => s.label)).to.deep.equal([
      'FIXTURE-minimal (1.0.0), 2026-11-24 04:20:32 UTC',
      'FIXTURE-minimal (1.0.0), 2026-12-01 09:00:00 UTC',
    ]);
  });

  it('the rows that differ give each station\'s reason; the rows that agree do not', () => {
    const model = buildCompareViewModel([golden('ac-wallbox'), golden('minimal')]);
    const differing = model.requirements.filter((r) => r.differs);
    const reasons = differing.flatMap((r) => r.cells.filter((c) => c.text !== 'not run').map((c) => c.reason));
    expect(reasons.length).to.be.greaterThan(0);
    expect(reasons.every((reason) => typeof reason === 'string' && reason.length > 0)).to.equal(true);
    const ac = golden('ac-wallbox');
    const row = differing[0];
    expect(row.cells[0]?.reason).to.equal(ac.checks.find((c) => c.id === row.id)?.reason);
    expect(model.requirements.filter((r) => !r.differs).every((r) => r.cells.every((c) => c.reason === undefined))).to.equal(true);
  });

  it('an incomplete run has no grade and says why; a capped grade says so and names the must-have; WARN and INCONCLUSIVE are counted', () => {
    const model = buildCompareViewModel([capped(), interrupted()]);
    const [cap, cut] = model.stations;
    expect(cap).to.deep.include({ grade: 'D (capped from A)', capped: true, incomplete: false, failedMustHaves: ['The station keeps answering the CSMS'] });
    expect(cut).to.deep.include({ grade: 'no grade (incomplete)', capped: false, incomplete: true, coverage: '12 of 25 cases (48%)' });
    const row = (title: string): CompareRow | undefined => model.overview.find((r) => r.title === title);
    expect(row('Overall score')?.cells.map((c) => c.text)).to.deep.equal(['92.2', '43.9']);
    expect(row('Grade')?.cells.map((c) => c.text)).to.deep.equal(['D (capped from A)', 'no grade (incomplete)']);
    expect(row('Grade')?.cells[0]?.notes).to.deep.equal(['must-have failed: The station keeps answering the CSMS']);
    const full = golden('ac-wallbox').coverage!.cases;
    expect(row('Coverage')?.cells.map((c) => c.text)).to.deep.equal([`${full.run} of ${full.applicable} cases (100%)`, '12 of 25 cases (48%)']);
    expect(row('Coverage')?.cells[1]?.notes).to.deep.equal(['the audit was interrupted (SIGINT received)']);
    expect(row('WARN')?.cells.map((c) => c.text)).to.deep.equal(['8', '63']);
    expect(row('INCONCLUSIVE')?.cells.map((c) => c.text)).to.deep.equal(['0', '4']);
    expect(row('INCONCLUSIVE')?.differs).to.equal(true);
    expect(model.summary).to.match(/; incomplete, no grade: FIXTURE-minimal \(1\.0\.0\); grade capped by a failed must-have: FIXTURE-ac-wallbox \(1\.4\.2\)\.$/);
  });

  describe('across OCPP versions (a model\'s 1.6 and 2.0.1 firmware, issue 17 item 5)', () => {
    const capabilities = (name: string) => diagnosticCapabilities(readEvidenceFile(join(FIXTURE_DIRECTORY, `${name}.evidence.json`)));

    it('shows what the upgrade gives, capability by capability from each evidence, instead of a diff of unrelated catalogues', () => {
      const model = buildCompareViewModel([golden('ocpp16'), golden('ac-wallbox')], { capabilities: [capabilities('ocpp16'), capabilities('ac-wallbox')] });
      expect(model.upgrade?.title).to.equal('OCPP 1.6 → OCPP 2.0.1');
      expect(model.upgrade?.gained).to.deep.equal(['a typed inventory', 'a three-tier topology', 'monitors with severities', 'fault events per component']);
      const monitors = model.upgrade?.rows.find((r) => r.title === 'Monitors with severities');
      expect(monitors?.cells.map((c) => c.text)).to.deep.equal(['no', 'yes']);
      expect(monitors?.cells[0]?.reason).to.match(/^no monitors and no severities; only meter values every 60 s/);
      // What the 2.0.1 audit could not tell is no gain and no loss.
      const logs = model.upgrade?.rows.find((r) => r.title === 'Log uploads with request ids');
      expect(logs).to.deep.include({ gained: false });
      expect(logs?.cells.map((c) => c.text)).to.deep.equal(['partly', 'unknown']);
      expect(model.stations.map((s) => s.ocpp)).to.deep.equal(['OCPP 1.6, subprotocol ocpp1.6', 'OCPP 2.0.1']);
      expect(model.summary).to.equal(
        'OCPP 1.6 → OCPP 2.0.1: the newer version gives a typed inventory, a three-tier topology, monitors with severities, fault events per component. Each result is graded against its own version\'s guideline (ocpp-16-baseline 1.0.0 vs ac-wallbox 1.0.0): the grades do not compare 1:1.',
      );
      // Only what both catalogues share is lined up: no check of one version's catalogue against "not run".
      expect(model.requirements.map((r) => r.id)).to.deep.equal(['protocol-conformance']);
      expect(model.categories.map((c) => c.title)).to.deep.equal(['Protocol conformance', 'Event quality and timing', 'Robustness']);
      expect(model.upgrade?.note).to.match(/only the categories and checks both were judged on \(\d+ check\(s\) belong to one version's catalogue and are not lined up\)/);
      const html = renderComparison(model);
      expect(html).to.include('<h1>Comparison across OCPP versions: OCPP 1.6 → OCPP 2.0.1</h1>');
      expect(html).to.include('<code>protocol-conformance</code>');
      // With nothing shared, the page says so instead of an empty table.
      const nothingShared = buildCompareViewModel([{ ...golden('ocpp16'), checks: [] }, golden('ac-wallbox')]);
      expect(nothingShared.requirements).to.deep.equal([]);
      expect(renderComparison(nothingShared)).to.include('No check was judged in both audits');
    });

    it('without the 2.0.1 evidence: the 1.6 side from its result, the other unknown and saying why', () => {
      const model = buildCompareViewModel([golden('ocpp16'), golden('ac-wallbox')]);
      const inventory = model.upgrade?.rows.find((r) => r.title === 'A typed inventory');
      expect(inventory?.cells).to.deep.equal([
        { text: 'partly', css: 'warn', reason: '23 flat configuration keys (2 read-only), with no data types, units, limits or per-connector addressing' },
        { text: 'unknown', css: 'na', reason: 'its evidence.json was not at hand' },
      ]);
      expect(model.upgrade?.gained).to.deep.equal([]);
    });

    it('the same version with different guidelines is still refused', () => {
      const other = golden('minimal');
      other.guideline = { ...other.guideline!, id: 'ocpp-201-core' };
      expect(() => buildCompareViewModel([golden('ac-wallbox'), other])).to.throw(ToolError, /scored against different guidelines/);
    });
  });
});
