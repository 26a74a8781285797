import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadPilotData } from '../../src/observe/report/pilot-data.js';
import { pilotReportModel } from '../../src/observe/report/pilot-report-model.js';
import { renderPilotReport } from '../../src/observe/report/pilot-report-page.js';
import { PERIOD, pilotRows } from '../fixtures/pilot-rows.js';
import { launchChromium, openFile } from '../helpers/browser.js';
import { type MemoryRows, MemoryStore } from '../helpers/memory-store.js';

/** The page of a one-day, two-station pilot (test/fixtures/pilot-rows.ts), written to a fresh directory. */
async function writePage(rows: MemoryRows = pilotRows()): Promise<string> {
  const data = await loadPilotData(new MemoryStore(rows), PERIOD);
  const model = pilotReportModel(data, {
    integrity: [{ station: 'CS-DC', day: '2026-12-01', files: [{ name: 'trace.jsonl', sha256: 'ab'.repeat(32), state: 'verified' }] }],
    openData: [{ name: 'events', title: 'Every NotifyEvent item', rows: 578 }],
    generatedAt: '2026-12-02T01:00:00Z',
    toolVersion: '0.0.0',
  });
  const file = join(mkdtempSync(join(tmpdir(), 'pilot-report-')), 'index.html');
  writeFileSync(file, renderPilotReport(model));
  return file;
}

/** Scrolls every chart into view (they are drawn as they appear) and waits until all of them are. */
async function drawAll(page: Page): Promise<void> {
  await page.evaluate(`document.querySelectorAll('details').forEach((details) => { details.open = true; })`);
  for (const chart of await page.locator('.chart[data-chart]').all()) await chart.scrollIntoViewIfNeeded();
  await page.waitForFunction(`document.querySelectorAll('.chart[data-chart]').length === document.querySelectorAll('.chart[data-drawn="true"] canvas').length`);
}

/** The part of a canvas the pixel count reads (the test's tsconfig has no DOM types). */
interface Canvas2d {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray } };
}

/** Pixels of a chart's canvas close to a colour (RGB), and how many are not blank. */
function canvasPixels(page: Page, chartId: string, colour: [number, number, number]): Promise<{ painted: number; matching: number }> {
  return page.locator(`.chart[data-chart="${chartId}"] canvas`).evaluate((element, rgb) => {
    const canvas = element as unknown as Canvas2d;
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    let matching = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] === 0) continue;
      painted += 1;
      if (Math.abs(pixels[i] - rgb[0]) < 12 && Math.abs(pixels[i + 1] - rgb[1]) < 12 && Math.abs(pixels[i + 2] - rgb[2]) < 12) matching += 1;
    }
    return { painted, matching };
  }, colour);
}

const THRESHOLD_RED: [number, number, number] = [217, 48, 37];
const FAILURE_MARK: [number, number, number] = [165, 14, 14];
const MEAN_BLUE: [number, number, number] = [26, 115, 232];

describe('the pilot evidence report in a real headless Chromium (issue 16)', function () {
  this.timeout(60_000);
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
  });

  it('opens with no request leaving the page and no console error; every chart is drawn, with its threshold and the failure marker', async () => {
    const { page, errors, requests } = await openFile(browser, await writePage());
    await drawAll(page);
    expect(errors).to.deep.equal([]);
    expect(requests).to.deep.equal([]);
    const ids = await page.locator('.chart[data-chart]').evaluateAll((charts) => charts.map((c) => c.getAttribute('data-chart')!));
    expect(ids).to.deep.equal(['before-1-1', 'before-1-2', 'before-1-3', 'before-1-4', 'sensor-1', 'sensor-2', 'sensor-3', 'sensor-4', 'sensor-5']);
    for (const id of ids) expect((await canvasPixels(page, id, MEAN_BLUE)).matching, `${id}: its line`).to.be.greaterThan(100);
    // The converter's temperature over the day (sensor-2) and the hours before the trip: the 65 °C threshold in red, the failure note's line.
    for (const id of ['sensor-2', 'before-1-1']) {
      expect((await canvasPixels(page, id, THRESHOLD_RED)).matching, `${id}: the threshold`).to.be.greaterThan(100);
      expect((await canvasPixels(page, id, FAILURE_MARK)).matching, `${id}: the failure marker`).to.be.greaterThan(50);
    }
    // CS-AC's power has no threshold monitor: nothing red on it.
    expect((await canvasPixels(page, 'sensor-1', THRESHOLD_RED)).matching).to.equal(0);
    expect(await page.locator('#sensors figcaption').nth(1).textContent()).to.contain("upper threshold 65 (monitor 3, severity 4 Error, from the station's monitoring report)");
    // Under the cursor, the legend gives the time in UTC, as the rest of the page.
    const over = page.locator('.chart[data-chart="sensor-2"] .u-over');
    await over.scrollIntoViewIfNeeded();
    const box = (await over.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    expect(await page.locator('.chart[data-chart="sensor-2"] .u-legend .u-series').first().locator('.u-value').textContent()).to.match(/^2026-12-01 1[12]:\d\d UTC$/);
    await page.close();
  });

  it('lists the outage with its duration and cause, the annotations, the plan outcome and the firmware change', async () => {
    const { page } = await openFile(browser, await writePage());
    const outage = page.locator('[data-station="CS-DC"] table.outages tbody tr').nth(1);
    expect(await outage.locator('td').allTextContents()).to.deep.equal([
      '2026-12-01 18:00 UTC',
      '2026-12-01 20:00 UTC',
      '2 h 00 min',
      'Faulted (StatusNotification); fault code CX003 (ChargeX HighTemperature: the charger runs hot and reduces power) on AcDcConverter[1]@EVSE 1 Tripped; failure note: converter tripped, fan seized',
      '',
    ]);
    expect(await page.locator('#availability').textContent()).to.contain('23 CFR 680.116(b)');
    expect(await page.locator('table.annotations tr[data-kind="failure"] td').nth(3).textContent()).to.equal('converter tripped, fan seized');
    expect(await page.locator('svg.event-timeline line.mark.failure title').textContent()).to.equal('2026-12-01 18:00 UTC, failure: converter tripped, fan seized');
    expect(await page.locator('details.plan[data-station="CS-DC"] tr[data-outcome="refused"] td').nth(2).textContent()).to.equal('1');
    expect(await page.locator('tr[data-station="CS-DC"] ul.firmware li').allTextContents()).to.deep.equal(['1.0.0 at the start of the period', '2026-12-01 12:00 UTC: 1.0.0 → 1.1.0 (boot reason FirmwareUpdate)']);
    expect(await page.locator('#before h3').textContent()).to.equal('CS-DC, 2026-12-01 18:00 UTC: failure: converter tripped, fan seized (J. Doe)');
    expect(await page.locator('#integrity pre.command').allTextContents()).to.deep.equal(['sha256sum -c *.sha256', "find . -path '*/days/*' -name '*.jsonl.sha256' -execdir sha256sum -c {} +"]);
    expect(await page.locator('#open-data a[href="data/events.csv"]').count()).to.equal(1);
    expect(await page.locator('#notices').textContent()).to.contain('MIT License');
    await page.close();
  });

  it('escapes what the stations and the notes say: markup stays text, a </script> in the chart data ends nothing', async () => {
    const rows = pilotRows();
    const evil = '<img src=x onerror=alert(1)>';
    rows.stations[1].vendor = evil;
    rows.annotations[1].text = '</script><script>alert(2)</script>';
    rows.events = rows.events.map((e) => (e.station === 'CS-DC' ? { ...e, component: `</script><b>${e.component}` } : e));
    let dialogs = 0;
    const { page, errors, requests } = await openFile(browser, await writePage(rows));
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await drawAll(page);
    expect(errors).to.deep.equal([]);
    expect(requests).to.deep.equal([]);
    expect(dialogs).to.equal(0);
    expect(await page.locator('img').count()).to.equal(0);
    expect(await page.locator('tr[data-station="CS-DC"] td').nth(1).textContent()).to.equal(evil);
    expect(await page.locator('table.annotations tr[data-kind="failure"] td').nth(3).textContent()).to.equal('</script><script>alert(2)</script>');
    expect(await page.locator('#sensors figcaption strong').nth(1).textContent()).to.equal('</script><b>AcDcConverter[1]@EVSE 1 Temperature');
    await page.close();
  });

  it('reads on a phone: the page never scrolls sideways, the charts fit the screen', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto(`file://${await writePage()}`);
    await drawAll(page);
    expect(await page.evaluate('document.documentElement.scrollWidth')).to.be.at.most(390);
    const widths = await page.locator('.chart canvas').evaluateAll((canvases) => canvases.map((c) => c.getBoundingClientRect().right));
    for (const right of widths) expect(right).to.be.at.most(390);
    await page.close();
  });

  it('prints every chart, the folded stations too', async () => {
    const { page, errors } = await openFile(browser, await writePage());
    // The failure's station is unfolded, the other one folded (its chart not drawn) until printing.
    expect(await page.locator('details.sensor-station[open]').evaluateAll((open) => open.map((d) => d.getAttribute('data-station')))).to.deep.equal(['CS-DC']);
    await page.pdf({ format: 'A4' });
    expect(await page.locator('.chart[data-drawn="true"] canvas').count()).to.equal(await page.locator('.chart[data-chart]').count());
    expect(errors).to.deep.equal([]);
    await page.close();
  });
});
