/**
 * End to end, the real CLI (run `npm run build` first): an OCPP 1.6 station's result beside 2.0.1
 * and 2.1 ones, in the fleet index and in compare (issue 17 item 5 and its "done when").
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditResult } from '../../src/result/audit-result.js';
import { childEnv, CliProcess, REPO_ROOT } from '../helpers/cli-process.js';

const fixtures = join(REPO_ROOT, 'test', 'fixtures', 'evidence');

describe('ocpp-audit score / index / compare across OCPP versions (end to end)', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-e2e-versions-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(args: string[]): Promise<CliProcess> {
    const child = new CliProcess(args, childEnv());
    expect(await child.waitForExit(60_000), `${args.join(' ')}: ${child.stderr}`).to.deep.equal({ code: 0, signal: null });
    return child;
  }

  it('a 1.6 station appears in the fleet index next to 2.0.1 and 2.1 stations, and compare shows what 2.0.1 gives it', async () => {
    // A 2.1 station: the wallbox's evidence as a 2.1 handshake would record it.
    const wallbox = JSON.parse(readFileSync(join(fixtures, 'ac-wallbox.evidence.json'), 'utf8')) as { station: Record<string, unknown> };
    wallbox.station = { ...wallbox.station, identity: 'FIXTURE-ocpp21', protocol: { version: '2.1', subprotocol: 'ocpp2.1', offered: ['ocpp2.1', 'ocpp2.0.1'] } };
    writeFileSync(join(dir, 'ocpp21.evidence.json'), JSON.stringify(wallbox));
    const scored = await run(['score', join(fixtures, 'ocpp16.evidence.json'), '--out', join(dir, 'out', 'v16'), '--fail-on', 'none']);
    expect(scored.stdout).to.match(/^FIXTURE-ocpp16: ocpp-16-baseline \(detected\) score [\d.]+ grade [A-E]/m);
    await run(['score', join(fixtures, 'ac-wallbox.evidence.json'), '--out', join(dir, 'out', 'v201'), '--fail-on', 'none']);
    await run(['score', join(dir, 'ocpp21.evidence.json'), '--out', join(dir, 'out', 'v21'), '--fail-on', 'none']);
    const result16 = JSON.parse(readFileSync(join(dir, 'out', 'v16', 'result.json'), 'utf8')) as AuditResult;
    expect(result16.guideline?.id).to.equal('ocpp-16-baseline');
    expect(result16.upgrade?.to).to.equal('2.0.1');
    expect(readFileSync(join(dir, 'out', 'v16', 'scorecard.html'), 'utf8')).to.include('What OCPP 2.0.1 would give this station');

    const index = await run(['index', join(dir, 'out'), '--out', join(dir, 'index.html')]);
    expect(index.stdout).to.match(/fleet index of 3 station\(s\)/);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const groups = [...html.matchAll(/<tbody data-version="([^"]+)">/g)].map((m) => m[1]);
    expect(groups).to.deep.equal(['2.1', '2.0.1', '1.6']);
    expect(html).to.include('OCPP 1.6: 1 station(s), graded against ocpp-16-baseline');
    expect(html).to.include('href="out/v16/scorecard.html"');
    expect(html).to.include('<span class="note">against ocpp-16-baseline</span>');
    expect(html).to.match(/so a grade compares only with the grades of its own group/);

    const compare = await run(['compare', join(dir, 'out', 'v16', 'result.json'), join(dir, 'out', 'v201', 'result.json'), '--out', join(dir, 'compare.html')]);
    expect(compare.stdout).to.match(/^OCPP 1\.6 → OCPP 2\.0\.1: the newer version gives a typed inventory, a three-tier topology, monitors with severities, fault events per component\. /);
    const page = readFileSync(join(dir, 'compare.html'), 'utf8');
    expect(page).to.include('<h1>Comparison across OCPP versions: OCPP 1.6 → OCPP 2.0.1</h1>');
    expect(page).to.include('a device model of 107 variables in 22 components');
  });
});
