import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildCompareViewModel } from '../../src/report/compare-view-model.js';
import { renderFleetIndex } from '../../src/report/fleet-index.js';
import { renderComparison, renderScorecard } from '../../src/report/html-renderer.js';
import { renderJunit } from '../../src/report/junit.js';
import { buildViewModel } from '../../src/report/view-model.js';
import type { AuditResult } from '../../src/result/audit-result.js';
import { FIXTURE_DIRECTORY, goldenFile } from '../fixtures/evidence/golden.js';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { readEvidenceFile } from '../../src/evidence/evidence-file.js';
import { buildResult } from '../../src/result/audit-result.js';
import { scoreEvidence } from '../../src/scoring/score-evidence.js';
import { loadScoringConfig } from '../../src/scoring/scoring-config.js';
import { launchChromium, openFile } from '../helpers/browser.js';

const golden = (): AuditResult => JSON.parse(readFileSync(goldenFile('ac-wallbox.evidence.json'), 'utf8')) as AuditResult;

function writeScorecard(result: AuditResult): string {
  const file = join(mkdtempSync(join(tmpdir(), 'scorecard-')), 'scorecard.html');
  writeFileSync(file, renderScorecard(buildViewModel(result)));
  return file;
}

describe('scorecard.html in a real headless Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
  });

  it('loads with no console error and no network request; every section is there and the charts are drawn', async () => {
    const result = golden();
    const { page, errors, requests } = await openFile(browser, writeScorecard(result));
    expect(errors).to.deep.equal([]);
    expect(requests).to.deep.equal([]);
    for (const id of ['summary', 'topology', 'categories', 'monitorability', 'monitoring', 'events', 'findings', 'appendix']) expect(await page.locator(`#${id}`).isVisible(), id).to.equal(true);
    expect(await page.locator('.gauge svg').isVisible()).to.equal(true);
    expect(await page.locator('.gauge-score').textContent()).to.equal(String(result.score));
    expect(await page.locator('table.categories tbody tr').count()).to.equal(result.categories?.length);
    expect(await page.locator('tr[data-verdict]').count()).to.equal(result.checks.length);
    // Page one names the guideline's public sources (issue 15 items 4 and 6).
    const sources = await page.locator('#summary ul.sources li').allTextContents();
    expect(sources.length).to.equal(result.guideline?.sources?.length);
    expect(sources.join(' ')).to.contain('Open Charge Alliance');
    // The topology tree: the station, each EVSE and connector, with the missing guideline parts in red.
    expect(await page.locator('#topology .tree strong').allTextContents()).to.deep.equal(['Charging station', 'EVSE 1', 'Connector 1/1']);
    expect(await page.locator('#topology li.fail').allTextContents()).to.deep.equal(['ChargingStatusIndicator (missing)']);
    // The monitorability matrix: a row per variable the guideline wants monitorable, five types each.
    expect(await page.locator('table.matrix tbody tr').count()).to.equal(result.monitorability?.length);
    expect(await page.locator('table.matrix tbody tr').first().locator('td').allTextContents()).to.deep.equal(['EVSE.Power', 'required', 'accepted', 'accepted', 'accepted', 'accepted', 'accepted']);
    // The event timeline draws a dot per event; the base switches table has a column per phase.
    const events = result.observations.events.rows.reduce((n, row) => n + row.times.length, 0);
    expect(await page.locator('svg.timeline circle').count()).to.equal(events);
    expect(events).to.be.greaterThan(0);
    expect(await page.locator('table.phases thead th').count()).to.equal(result.observations.monitorPhases.length + 1);
    // The page is the record too: the embedded JSON is the result.
    const embedded = await page.locator('#audit-result').textContent();
    expect(JSON.parse(embedded ?? '')).to.deep.equal(result);
    // A real picture, not a blank page: the screenshot has many distinct colours.
    const shot = await page.screenshot();
    const distinct = new Set<number>();
    for (let i = 0; i < shot.length; i += 97) distinct.add(shot[i] ?? 0);
    expect(shot.length).to.be.greaterThan(20_000);
    expect(distinct.size).to.be.greaterThan(50);
  });

  it('page one of a station whose monitors never fire: the must-have box names it, the grade is capped and says so', async () => {
    const evidence = readEvidenceFile(join(FIXTURE_DIRECTORY, 'ac-wallbox.evidence.json'));
    // The golden station with the verdict a never-firing station gets from monitoring-support.
    const never = 'claimed but not implemented: the Periodic monitor it accepted on EVSE.Power (id 7) never sent a NotifyEvent (0 of 1 NotifyEvent within 15 s) (N08.FR.06)';
    const checks = ALL_CHECKS.map((c) => (c.id === 'monitoring-support' ? { ...c, evaluate: () => ({ id: c.id, title: c.title, refs: c.refs, category: c.category, verdict: 'FAIL' as const, reason: never, seqs: [] }) } : c));
    const scored = scoreEvidence(evidence, undefined, loadScoringConfig(), checks);
    const result = buildResult(evidence, scored.checks, 'evidence.json', scored);
    expect(result.uncappedGrade).to.equal('A');
    const { page, errors } = await openFile(browser, writeScorecard(result));
    expect(errors).to.deep.equal([]);
    const box = page.locator('#summary .must-haves');
    expect(await box.isVisible()).to.equal(true);
    expect(await box.locator('p').first().textContent()).to.equal('1 must-have(s) failed: the grade is no better than D, whatever the score.');
    // Failed first, with what the station did.
    const first = box.locator('li.must-have').first();
    expect(await first.locator('.badge').textContent()).to.equal('FAIL');
    expect(await first.locator('code').textContent()).to.equal('monitoring-support');
    expect(await first.locator('.reason').textContent()).to.equal(never);
    expect(await page.locator('.gauge-grade').textContent()).to.equal('grade D');
    expect(await page.locator('#summary .verdict').textContent()).to.contain('grade D, capped from A: 1 must-have(s) failed');
  });

  it('page one of a partial run (a case subset): the incomplete banner and no letter grade', async () => {
    const evidence = readEvidenceFile(join(FIXTURE_DIRECTORY, 'ac-wallbox.evidence.json'));
    // The catalogue it was chosen from: more cases than the fixture ran.
    evidence.catalogue = [...evidence.cases.map((c) => ({ id: c.id, category: c.category })), { id: 'events-periodic', category: 'events' }, { id: 'liveness-under-monitors', category: 'robustness' }];
    const scored = scoreEvidence(evidence, undefined, loadScoringConfig());
    const result = buildResult(evidence, scored.checks, 'evidence.json', scored);
    const { page, errors } = await openFile(browser, writeScorecard(result));
    expect(errors).to.deep.equal([]);
    const banner = page.locator('#summary .banner.incomplete');
    expect(await banner.isVisible()).to.equal(true);
    expect(await banner.textContent()).to.match(/^Incomplete audit, so no grade: a subset of the catalogue: 2 of \d+ cases were not selected \(events-periodic, liveness-under-monitors\)/);
    expect(await page.locator('.gauge-grade').textContent()).to.equal('no grade');
    expect(await page.locator('#summary').textContent()).not.to.match(/grade [A-E]\b/);
    expect(result.grade).to.equal(null);
  });

  it('page one of an interrupted run: the banner says it was interrupted, and no letter grade', async () => {
    const evidence = readEvidenceFile(join(FIXTURE_DIRECTORY, 'ac-wallbox.evidence.json'));
    evidence.interrupted = { reason: 'SIGINT received' };
    const scored = scoreEvidence(evidence, undefined, loadScoringConfig());
    const { page } = await openFile(browser, writeScorecard(buildResult(evidence, scored.checks, 'evidence.json', scored)));
    expect(await page.locator('#summary .banner.incomplete').textContent()).to.contain('the audit was interrupted (SIGINT received)');
    expect(await page.locator('.gauge-grade').textContent()).to.equal('no grade');
  });

  it('the verdict and category filters hide and show findings (script is a convenience, the page reads without it)', async () => {
    const { page } = await openFile(browser, writeScorecard(golden()));
    const passRows = page.locator('tr[data-verdict="PASS"]');
    // Passed checks start folded away (issue 15 item 7); ticking PASS shows them.
    expect(await passRows.first().isVisible()).to.equal(false);
    await page.locator('input[data-filter-verdict="PASS"]').check();
    expect(await passRows.first().isVisible()).to.equal(true);
    await page.locator('input[data-filter-verdict="PASS"]').uncheck();
    expect(await passRows.first().isVisible()).to.equal(false);
    // A group the filters leave empty is hidden, heading and all.
    const groupsWithOnlyPasses = await page.locator('.finding-group').evaluateAll((groups) => groups.filter((g) => g.querySelectorAll('tr[data-verdict]:not([data-verdict="PASS"])').length === 0).map((g) => g.getAttribute('data-group')));
    expect(groupsWithOnlyPasses.length).to.be.greaterThan(0);
    for (const name of groupsWithOnlyPasses) expect(await page.locator(`.finding-group[data-group="${name}"]`).isVisible(), name ?? '').to.equal(false);
    await page.locator('input[data-filter-verdict="PASS"]').check();
    const group = page.locator('.finding-group').first();
    const name = await group.getAttribute('data-group');
    expect(await group.isVisible()).to.equal(true);
    await page.locator(`input[data-filter-group="${name}"]`).uncheck();
    expect(await group.isVisible()).to.equal(false);
  });

  it('a station that sends markup in every field runs no script and changes nothing in the page', async () => {
    const result = golden();
    const evil = '</script><script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2"><!--';
    result.station = { ...result.station, identity: `CS<script>window.__pwned=3</script>`, boot: { vendorName: evil, model: evil, serialNumber: evil, firmwareVersion: evil } };
    result.checks = [{ ...result.checks[0], title: evil, reason: evil, refs: [evil] }, ...result.checks.slice(1)];
    result.options = { ...result.options, note: evil };
    const { page, errors, requests } = await openFile(browser, writeScorecard(result));
    expect(await page.evaluate('typeof window.__pwned')).to.equal('undefined');
    expect(await page.locator('img').count()).to.equal(0);
    expect(errors).to.deep.equal([]);
    expect(requests).to.deep.equal([]);
    // Shown as text, and the embedded JSON still parses to what the station sent.
    expect(await page.locator('h1').textContent()).to.equal('CS<script>window.__pwned=3</script>');
    expect(JSON.parse((await page.locator('#audit-result').textContent()) ?? '')).to.deep.equal(result);
  });

  it('a phone-sized screen: one column, nothing wider than the screen, the page one boxes readable (issue 15 item 9)', async () => {
    const { page, errors } = await openFile(browser, writeScorecard(golden()));
    await page.setViewportSize({ width: 375, height: 800 });
    expect(errors).to.deep.equal([]);
    // The page itself never scrolls sideways: wide tables scroll inside themselves.
    const overflow = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement.scrollWidth - (globalThis as unknown as { document: { documentElement: { clientWidth: number } } }).document.documentElement.clientWidth);
    expect(overflow).to.be.at.most(1);
    // The identity and the gauge stack: the gauge sits below the identity, not beside it.
    const identity = await page.locator('#summary .identity').boundingBox();
    const gauge = await page.locator('#summary .gauge').boundingBox();
    expect(gauge!.y).to.be.greaterThan(identity!.y + identity!.height - 1);
    expect(await page.locator('#summary .fix-first').isVisible()).to.equal(true);
  });

  it('the timing checks draw each event against the tolerance band, with plain labels', async () => {
    const result = golden();
    const periodic = { id: 'periodic-timing', title: 'Periodic monitor events keep the requested interval', refs: ['N08.FR.06'], category: 'events', verdict: 'PASS' as const, reason: '4 events', seqs: [], details: { requestedIntervalS: 10, toleranceS: 1, events: 5, intervalsS: [9.7, 10.2, 12.5, 10.3], byTimestamp: { meanIntervalS: 10.7, maxAbsErrorS: 2.5 } } };
    result.checks = [...result.checks.filter((c) => c.id !== 'periodic-timing'), periodic];
    const { page, errors } = await openFile(browser, writeScorecard(result));
    expect(errors).to.deep.equal([]);
    const chart = page.locator('#events .timing-chart').first();
    expect(await chart.locator('circle').count()).to.equal(4);
    expect(await chart.locator('circle.fail').count()).to.equal(1);
    expect(await chart.locator('figcaption').textContent()).to.contain('minus the requested 10 s');
    const labels = await page.locator('#events table.figures th').allTextContents();
    expect(labels).to.include("largest interval error, station's clock (s)");
    expect(labels.join(' ')).not.to.contain('byTimestamp');
  });

  it('prints (print CSS): the PDF has pages', async () => {
    const { page } = await openFile(browser, writeScorecard(golden()));
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    expect(pdf.length).to.be.greaterThan(10_000);
  });

  it('junit.xml parses as XML in the browser, with counts that match result.json', async () => {
    const result = golden();
    const { page } = await openFile(browser, writeScorecard(result));
    const xml = renderJunit(result);
    const counts = await page.evaluate((text: string) => {
      const doc = new (globalThis as unknown as { DOMParser: new () => { parseFromString(t: string, m: string): { querySelectorAll(s: string): { length: number }; querySelector(s: string): unknown } } }).DOMParser().parseFromString(text, 'application/xml');
      return { parseError: doc.querySelector('parsererror') !== null, cases: doc.querySelectorAll('testcase').length, failures: doc.querySelectorAll('failure').length, skipped: doc.querySelectorAll('skipped').length };
    }, xml);
    expect(counts).to.deep.equal({ parseError: false, cases: result.checks.length, failures: result.summary.FAIL, skipped: result.summary['NOT APPLICABLE'] });
  });

  it('frame numbers in the findings link to the journal excerpt in the appendix', async () => {
    const result = golden();
    // A finding shown at first (passed ones start folded away).
    const check = result.checks.find((c) => c.seqs.length > 0 && c.verdict !== 'PASS')!;
    const journal = check.seqs.map((seq) => ({ seq, timestamp: '2026-01-01T00:00:00.000Z', record: 'frame', direction: 'cp-to-csms', raw: `[2,"m${seq}","Heartbeat",{}]` }));
    const file = join(mkdtempSync(join(tmpdir(), 'scorecard-')), 'scorecard.html');
    writeFileSync(file, renderScorecard(buildViewModel(result, { records: journal, total: journal.length })));
    const { page, errors } = await openFile(browser, file);
    await page.locator(`[id="check-${check.id}"] a[href="#seq-${check.seqs[0]}"]`).click();
    const row = page.locator(`#seq-${check.seqs[0]}`);
    expect(await row.isVisible()).to.equal(true);
    expect(await row.textContent()).to.include(`[2,"m${check.seqs[0]}","Heartbeat",{}]`);
    expect(errors).to.deep.equal([]);
  });

  it('page one names the three findings to fix first, linked to their rows; a long frame opens whole on click', async () => {
    const result = golden();
    const check = result.checks.find((c) => c.seqs.length > 0)!;
    const long = `[2,"m1","NotifyReport",{"requestId":1,"seqNo":0,"generatedAt":"2026-01-01T00:00:00Z","reportData":[${Array.from({ length: 40 }, (_, i) => `{"component":{"name":"C${i}"},"variable":{"name":"V"}}`).join(',')}],"tbc":false,"offending":"the last item"}]`;
    const journal = check.seqs.map((seq) => ({ seq, timestamp: '2026-01-01T00:00:00.000Z', record: 'frame', direction: 'cp-to-csms', raw: long }));
    const file = join(mkdtempSync(join(tmpdir(), 'scorecard-')), 'scorecard.html');
    writeFileSync(file, renderScorecard(buildViewModel(result, { records: journal, total: journal.length })));
    const { page, errors } = await openFile(browser, file);
    expect(errors).to.deep.equal([]);
    const fixFirst = page.locator('#summary .fix-first li');
    expect(await fixFirst.count()).to.equal(3);
    const firstId = await fixFirst.first().locator('a').getAttribute('href');
    await fixFirst.first().locator('a').click();
    expect(await page.locator(`[id="${(firstId ?? '').slice(1)}"]`).isVisible()).to.equal(true);
    // The excerpt row shows the start; a click opens the whole frame, with the item at its end.
    await page.locator('#journal > summary').click();
    const row = page.locator(`#seq-${check.seqs[0]}`);
    expect(await row.locator('details.frame pre').isVisible()).to.equal(false);
    await row.locator('details.frame summary').click();
    expect(await row.locator('details.frame pre').textContent()).to.contain('"offending":"the last item"');
  });

  it('the comparison page renders: no error, no network, a column per station, differing rows highlighted', async () => {
    const minimal = JSON.parse(readFileSync(goldenFile('minimal.evidence.json'), 'utf8')) as AuditResult;
    const file = join(mkdtempSync(join(tmpdir(), 'compare-')), 'compare.html');
    writeFileSync(file, renderComparison(buildCompareViewModel([golden(), minimal])));
    const { page, errors, requests } = await openFile(browser, file);
    expect(errors).to.deep.equal([]);
    expect(requests).to.deep.equal([]);
    expect(await page.locator('#stations thead th').count()).to.equal(3);
    expect(await page.locator('#requirements tr.differs').count()).to.be.greaterThan(0);
  });

  it('the fleet index sorts by the column header clicked (again to reverse), with no error and no network request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'index-'));
    const named = (identity: string, score: number, startedAt: string): AuditResult => {
      const result = golden();
      result.station = { ...result.station, identity };
      result.score = score;
      result.timings = { ...result.timings, startedAt };
      return result;
    };
    const entries = [named('CS-B', 80, '2026-11-24T10:00:00.000Z'), named('CS-C', 9.5, '2026-11-22T10:00:00.000Z'), named('CS-A', 100, '2026-11-23T10:00:00.000Z')].map((result) => ({ result, scorecard: join(dir, result.station.identity, 'scorecard.html') }));
    const file = join(dir, 'index.html');
    writeFileSync(file, renderFleetIndex(entries, dir));
    const { page, errors, requests } = await openFile(browser, file);
    const stations = (): Promise<string[]> => page.locator('#fleet tbody td:first-child').allTextContents();
    // Without a click (and without script): lowest score first.
    expect(await stations()).to.deep.equal(['CS-C', 'CS-B', 'CS-A']);
    await page.locator('#fleet thead th', { hasText: 'Station' }).click();
    expect(await stations()).to.deep.equal(['CS-A', 'CS-B', 'CS-C']);
    await page.locator('#fleet thead th', { hasText: 'Station' }).click();
    expect(await stations()).to.deep.equal(['CS-C', 'CS-B', 'CS-A']);
    expect(await page.locator('#fleet thead th', { hasText: 'Station' }).getAttribute('aria-sort')).to.equal('descending');
    // Without script the page reads the same, in its own order, with plain headers.
    const plain = await browser.newPage({ javaScriptEnabled: false });
    await plain.goto(`file://${file}`);
    expect(await plain.locator('#fleet tbody td:first-child').allTextContents()).to.deep.equal(['CS-C', 'CS-B', 'CS-A']);
    expect(await plain.locator('#fleet thead button').count()).to.equal(0);
    await plain.close();
    await page.locator('#fleet thead th', { hasText: 'Audited' }).click();
    expect(await stations()).to.deep.equal(['CS-C', 'CS-A', 'CS-B']);
    // Numbers sort as numbers (as text, "100" would come before "80" and "9.5").
    await page.locator('#fleet thead th', { hasText: 'Score' }).click();
    expect(await stations()).to.deep.equal(['CS-C', 'CS-B', 'CS-A']);
    await page.locator('#fleet thead th', { hasText: 'Score' }).click();
    expect(await stations()).to.deep.equal(['CS-A', 'CS-B', 'CS-C']);
    expect(errors).to.deep.equal([]);
    expect(requests).to.deep.equal([]);
  });

  it('the comparison page shows each run\'s label, date, scorecard link and reasons where the stations differ', async () => {
    const minimal = JSON.parse(readFileSync(goldenFile('minimal.evidence.json'), 'utf8')) as AuditResult;
    const file = join(mkdtempSync(join(tmpdir(), 'compare-')), 'compare.html');
    writeFileSync(file, renderComparison(buildCompareViewModel([golden(), minimal], { labels: ['firmware 1.4', 'firmware 1.0'], links: ['a/scorecard.html', 'b/scorecard.html'] })));
    const { page, errors, requests } = await openFile(browser, file);
    expect(errors).to.deep.equal([]);
    expect(requests).to.deep.equal([]);
    expect(await page.locator('#stations thead .label').allTextContents()).to.deep.equal(['firmware 1.4', 'firmware 1.0']);
    expect(await page.locator('#stations thead time').allTextContents()).to.deep.equal(['2026-11-24 04:20:31 UTC', '2026-11-24 04:20:32 UTC']);
    expect(await page.locator('#stations thead a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).to.deep.equal(['a/scorecard.html', 'b/scorecard.html']);
    expect(await page.locator('#requirements tr.differs .reason').first().isVisible()).to.equal(true);
    expect(await page.locator('#requirements tr:not(.differs) .reason').count()).to.equal(0);
  });
});
