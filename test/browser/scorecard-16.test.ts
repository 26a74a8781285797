import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { readEvidenceFile } from '../../src/evidence/evidence-file.js';
import { renderScorecard } from '../../src/report/html-renderer.js';
import { buildViewModel } from '../../src/report/view-model.js';
import { buildResult } from '../../src/result/audit-result.js';
import { scoreEvidence } from '../../src/scoring/score-evidence.js';
import { loadScoringConfig } from '../../src/scoring/scoring-config.js';
import { FIXTURE_DIRECTORY } from '../fixtures/evidence/golden.js';
import { launchChromium, openFile } from '../helpers/browser.js';

describe('the scorecard of an OCPP 1.6 station in a real headless Chromium (issue 17 item 5)', function () {
  this.timeout(60_000);
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
  });

  it('page one: the version, one plain verdict on what 2.0.1 would give this station, and no device-model section', async () => {
    const evidence = readEvidenceFile(join(FIXTURE_DIRECTORY, 'ocpp16.evidence.json'));
    const scored = scoreEvidence(evidence, undefined, loadScoringConfig());
    const result = buildResult(evidence, scored.checks, 'evidence.json', scored);
    const file = join(mkdtempSync(join(tmpdir(), 'scorecard-16-')), 'scorecard.html');
    writeFileSync(file, renderScorecard(buildViewModel(result)));
    const { page, errors, requests } = await openFile(browser, file);
    expect(errors).to.deep.equal([]);
    expect(requests).to.deep.equal([]);
    const header = page.locator('#summary .identity dl');
    expect(await header.locator('dt', { hasText: 'OCPP' }).locator('xpath=following-sibling::dd[1]').textContent()).to.equal('OCPP 1.6, subprotocol ocpp1.6');
    expect(await header.locator('dt', { hasText: 'Guideline' }).locator('xpath=following-sibling::dd[1]').textContent()).to.match(/^OCPP 1\.6 diagnostics baseline \(ocpp-16-baseline 1\.0\.0, detected/);
    // The verdict box is on page one, above the fold of a 1400-pixel screen.
    const upgrade = page.locator('#summary section.upgrade');
    expect(await upgrade.isVisible()).to.equal(true);
    const box = await upgrade.boundingBox();
    expect(box?.y ?? Infinity).to.be.below(1400);
    expect(await upgrade.locator('h2').textContent()).to.equal('What OCPP 2.0.1 would give this station');
    expect(await upgrade.locator('.upgrade-verdict').textContent()).to.match(/need OCPP 2\.0\.1 or later\. This station speaks OCPP 1\.6; on OCPP 2\.0\.1 firmware it would gain /);
    // One row per gain, each saying what this station does now.
    const rows = upgrade.locator('table.gains tbody tr');
    expect(await rows.count()).to.equal(result.upgrade?.gains.length);
    expect(await rows.filter({ hasText: 'Fault events per component' }).locator('td').first().textContent()).to.contain('only as connector errorCodes (ConnectorLockFailure, OtherError), 1 with a vendor code (CX001)');
    expect(await page.locator('#summary .verdict').textContent()).to.contain('an OCPP 1.6 grade: not comparable with the grades of OCPP 2.0.1 and later stations');
    // The 2.x sections are absent, and the page says why; the categories are the 1.6 ones.
    for (const id of ['topology', 'monitorability', 'monitoring']) expect(await page.locator(`#${id}`).count(), id).to.equal(0);
    expect(await page.locator('#device-model-note').textContent()).to.contain('OCPP 1.6 has no device model');
    expect(await page.locator('table.categories tbody td:first-child').allTextContents()).to.deep.equal(['Protocol conformance', 'Configuration completeness', 'Logs and triggers', 'Event quality and timing', 'Robustness']);
    expect(await page.locator('#events').textContent()).to.contain('OCPP 1.6 has no NotifyEvent');
    expect(await page.locator('#appendix').textContent()).to.contain('OCPP 1.6 stations have no TC_B or TC_N certification test cases');
    // Every word of the page, folded findings included (the embedded result and the script left out).
    const text = String(await page.evaluate(`(() => { const body = document.body.cloneNode(true); body.querySelectorAll('script').forEach((s) => s.remove()); return body.textContent; })()`));
    for (const bad of ['undefined', 'NaN', '[object Object]']) expect(text, bad).not.to.contain(bad);
    expect(await page.locator('tr[data-verdict]').count()).to.equal(result.checks.length);
  });
});
