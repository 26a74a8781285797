import { expect } from 'chai';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { CERTIFICATION_PROFILES } from '../../src/report/certification-profiles.js';
import { writeReports } from '../../src/report/write-reports.js';
import type { AuditResult } from '../../src/result/audit-result.js';
import { goldenFile } from '../fixtures/evidence/golden.js';
import { launchChromium, openFile } from '../helpers/browser.js';

const golden = (): AuditResult => JSON.parse(readFileSync(goldenFile('ac-wallbox.evidence.json'), 'utf8')) as AuditResult;

describe('certification.html in a real headless Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
  });

  it('is written beside the scorecard, loads with no console error and no network request, a table per profile with every case', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'certification-'));
    const files = writeReports(golden(), directory);
    expect(files.certification).to.equal(join(directory, 'certification.html'));
    const { page, errors, requests } = await openFile(browser, files.certification);
    expect(errors).to.deep.equal([]);
    expect(requests).to.deep.equal([]);
    for (const profile of CERTIFICATION_PROFILES) {
      const rows = page.locator(`#profile-${profile.id} tbody tr`);
      // The golden station speaks 2.0.1: the cases 2.1 added are not its.
      expect(await rows.count(), profile.id).to.equal(profile.cases.filter((c) => !c.versions || c.versions.includes('2.0.1')).length);
    }
    // A rehearsed case: the worst verdict of its checks (a guideline component warns), the checks listed.
    const fullInventory = page.locator('tr[data-tc="TC_B_13"]');
    expect(await fullInventory.locator('td').nth(2).textContent()).to.equal('WARN');
    expect(await fullInventory.locator('.citing li').first().textContent()).to.equal('WARN guideline/components/ChargingStatusIndicator');
    // Not run by this audit, and not rehearsed with why.
    expect(await page.locator('tr[data-tc="TC_B_06"] td').nth(2).textContent()).to.equal('not run');
    expect(await page.locator('tr[data-tc="TC_N_27"] td').nth(2).textContent()).to.equal('not rehearsed: needs a person');
    expect(await page.locator('tr[data-tc="TC_N_44"] .condition').textContent()).to.match(/hard-wired monitor/);
    // The scorecard beside it links here.
    const scorecard = await openFile(browser, files.html);
    expect(await scorecard.page.locator('a[href="certification.html"]').count()).to.equal(1);
    await scorecard.page.close();
    await page.close();
  });

  it('escapes what the station sent: an identity with markup stays text', async () => {
    const result = golden();
    result.station = { ...result.station, identity: '<img src=x onerror=alert(1)>' };
    const directory = mkdtempSync(join(tmpdir(), 'certification-'));
    const { page, errors, requests } = await openFile(browser, writeReports(result, directory).certification);
    expect(errors).to.deep.equal([]);
    expect(requests).to.deep.equal([]);
    expect(await page.locator('h1').textContent()).to.equal('Certification rehearsal: <img src=x onerror=alert(1)>');
    expect(await page.locator('img').count()).to.equal(0);
    await page.close();
  });
});
