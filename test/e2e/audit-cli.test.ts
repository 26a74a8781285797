/**
 * End-to-end tests of the audit commands: `demo`, `run` auditing a `simulate` station, and
 * `list testcases`, each the real CLI in a child process (run `npm run build` first).
 */
import { expect } from 'chai';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditResult } from '../../src/result/audit-result.js';
import { launchChromium, openFile } from '../helpers/browser.js';
import { childEnv, CliProcess, REPO_ROOT } from '../helpers/cli-process.js';

const children: CliProcess[] = [];
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-e2e-audit-'));
  dirs.push(dir);
  return dir;
}

function cli(args: string[]): CliProcess {
  const child = new CliProcess(args, childEnv());
  children.push(child);
  return child;
}

const readResult = (file: string): AuditResult => JSON.parse(readFileSync(file, 'utf8')) as AuditResult;

describe('ocpp-audit demo / run / list (end to end)', function () {
  // Each test waits on a whole CLI run with its own deadline (waitForExit); mocha's default 20 s is for quick tests.
  this.timeout(180_000);
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exit === undefined) child.child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('demo: audits the virtual station, exits 0 and ends with the path of the scorecard', async () => {
    const out = tempDir();
    const demo = cli(['demo', '--out', out, '--testcases', 'session-boot,inventory-*']);
    expect(await demo.waitForExit(120_000), demo.stderr).to.deep.equal({ code: 0, signal: null });
    // The last line names the scorecard; result.json is beside it.
    const scorecard = /scorecard:\s+(\S+)$/.exec(demo.stdout.trim().split('\n').at(-1) ?? '')?.[1] ?? '';
    expect(scorecard, demo.stdout).to.equal(join(out, 'VIRTUAL-DEMO', 'scorecard.html'));
    expect(readFileSync(scorecard, 'utf8')).to.match(/^<!DOCTYPE html>/);
    // The demo's own scorecard in a real Chromium: no console error, no network, every section there.
    const browser = await launchChromium();
    try {
      const { page, errors, requests } = await openFile(browser, scorecard);
      expect(errors).to.deep.equal([]);
      expect(requests).to.deep.equal([]);
      // (No monitoring-bases case in this run, so no monitoring-behaviour section.)
      for (const id of ['summary', 'topology', 'categories', 'monitorability', 'events', 'findings', 'appendix']) expect(await page.locator(`#${id}`).count(), id).to.equal(1);
      expect(await page.locator('#journal tr').count()).to.be.greaterThan(10);
    } finally {
      await browser.close();
    }
    const file = /result:\s+(\S+)$/m.exec(demo.stdout)?.[1] ?? '';
    expect(file, demo.stdout).to.equal(join(out, 'VIRTUAL-DEMO', 'result.json'));
    const result = readResult(file);
    expect(result.resultVersion).to.equal(1);
    expect(result.station).to.deep.include({ identity: 'VIRTUAL-DEMO' });
    expect(result.checks.filter((c) => !c.id.startsWith('guideline/') && c.verdict === 'FAIL')).to.deep.equal([]);
    expect(result.guideline).to.deep.include({ id: 'ac-wallbox', archetype: 'ac-wallbox', how: 'detected' });
    expect(result.categories?.map((c) => c.id)).to.deep.equal(['protocol', 'device-model', 'monitorability', 'monitoring', 'events', 'logs', 'robustness']);
    expect(result.checks.find((c) => c.id === 'inventory-full/report')).to.deep.include({ verdict: 'PASS' });
    expect(result.files.journalSha256).to.match(/^[0-9a-f]{64}$/);
    for (const name of ['evidence.json', 'junit.xml', 'summary.md', 'findings.csv', 'trace.jsonl']) expect(existsSync(join(out, 'VIRTUAL-DEMO', name)), name).to.equal(true);
    // Any output renders again from the saved result.
    const md = cli(['report', file, '--format', 'md']);
    expect(await md.waitForExit()).to.deep.equal({ code: 0, signal: null });
    expect(md.stdout).to.match(/^# OCPP diagnostics audit: VIRTUAL-DEMO/);
    const junit = cli(['report', file, '--format', 'junit', '--out', join(out, 'again.xml')]);
    expect(await junit.waitForExit()).to.deep.equal({ code: 0, signal: null });
    expect(readFileSync(join(out, 'again.xml'), 'utf8')).to.equal(readFileSync(join(out, 'VIRTUAL-DEMO', 'junit.xml'), 'utf8'));
  });

  it('demo --fault report-stops-tbc --fail-on fail: the inventory check fails and the exit code is 3', async () => {
    const dir = tempDir();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ options: { reportWindowS: 2 } }));
    const demo = cli(['demo', '--out', join(dir, 'out'), '--testcases', 'inventory-full', '--fault', 'report-stops-tbc', '--fail-on', 'fail', '--config', config]);
    expect(await demo.waitForExit(60_000), demo.stderr).to.deep.equal({ code: 3, signal: null });
    expect(demo.stdout).to.match(/FAIL inventory-full\/report \[/);
  });

  it('demo --testcases monitoring-preflight,events-periodic: the FullInventory runs first as a prerequisite, and the console says so', async () => {
    const dir = tempDir();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ options: { periodicIntervalS: 1, periodicIntervals: 3 } }));
    const demo = cli(['demo', '--out', join(dir, 'out'), '--testcases', 'monitoring-preflight,events-periodic', '--config', config]);
    expect(await demo.waitForExit(120_000), demo.stderr).to.deep.equal({ code: 0, signal: null });
    expect(demo.stdout).to.match(/case 1\/3 inventory-full: .*\(not selected: runs first as a prerequisite of events-periodic\)/);
    const result = readResult(join(dir, 'out', 'VIRTUAL-DEMO', 'result.json'));
    expect(result.cases.map((c) => [c.id, c.status, c.prerequisiteOf ?? []])).to.deep.equal([
      ['inventory-full', 'completed', ['events-periodic']],
      ['monitoring-preflight', 'completed', []],
      ['events-periodic', 'completed', []],
    ]);
    expect(result.checks.filter((c) => c.id.startsWith('events-periodic/') && c.verdict !== 'PASS')).to.deep.equal([]);
  });

  it('demo --testcases events-periodic --target monitorable=…: the user’s target needs no FullInventory', async () => {
    const dir = tempDir();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ options: { periodicIntervalS: 1, periodicIntervals: 3 } }));
    const demo = cli(['demo', '--out', join(dir, 'out'), '--testcases', 'events-periodic', '--target', 'monitorable=DataLink/SignalStrength', '--config', config]);
    expect(await demo.waitForExit(120_000), demo.stderr).to.deep.equal({ code: 0, signal: null });
    const result = readResult(join(dir, 'out', 'VIRTUAL-DEMO', 'result.json'));
    expect(result.cases.map((c) => [c.id, c.status])).to.deep.equal([['events-periodic', 'completed']]);
    expect(result.checks.filter((c) => c.id.startsWith('events-periodic/') && c.verdict !== 'PASS')).to.deep.equal([]);
  });

  it('run audits a station started with simulate, then exits after --max-stations 1', async () => {
    const out = tempDir();
    const run = cli(['run', '--port', '0', '--out', out, '--testcases', 'inventory-full,inventory-summary', '--wait', '60', '--fail-on', 'none']);
    await run.waitForStdout(/CSMS listening on (ws:\/\/\S+)/);
    const url = /CSMS listening on (ws:\/\/\S+)/.exec(run.stdout)?.[1] ?? '';
    const station = cli(['simulate', '--url', url, '--id', 'SIM-E2E', '--profile', 'dc-fast']);
    expect(await run.waitForExit(60_000), run.stderr).to.deep.equal({ code: 0, signal: null });
    station.child.kill('SIGINT');
    await station.waitForExit();
    const result = readResult(join(out, 'SIM-E2E', 'result.json'));
    expect(result.cases.map((c) => c.id)).to.deep.equal(['inventory-full', 'inventory-summary']);
    expect(result.checks.filter((c) => !c.id.startsWith('guideline/') && c.verdict === 'FAIL')).to.deep.equal([]);
    expect(result.guideline).to.deep.include({ id: 'dc-fast', how: 'detected' });
    expect(result.score).to.be.a('number');
  });

  it('Ctrl-C during an audit: the evidence says interrupted, cleanup ran, the outputs are written', async () => {
    const dir = tempDir();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ options: { heartbeatProbeS: 30, heartbeatWindowS: 120 } }));
    const run = cli(['run', '--port', '0', '--out', join(dir, 'out'), '--testcases', 'session-boot,inventory-full', '--config', config, '--wait', '60']);
    await run.waitForStdout(/CSMS listening on (ws:\/\/\S+)/);
    const url = /CSMS listening on (ws:\/\/\S+)/.exec(run.stdout)?.[1] ?? '';
    const station = cli(['simulate', '--url', url, '--id', 'SIM-INT', '--profile', 'ac-wallbox']);
    await run.waitForStdout(/waiting for 2 × Heartbeat/, 30_000);
    // Interrupted is incomplete: 130, as a shell reports Ctrl-C, never 0 (issue 15 item 2).
    expect(await run.interrupt(), run.stderr).to.deep.equal({ code: 130, signal: null });
    station.child.kill('SIGINT');
    await station.waitForExit();
    const evidence = JSON.parse(readFileSync(join(dir, 'out', 'SIM-INT', 'evidence.json'), 'utf8')) as { interrupted?: { reason: string }; cases: Array<{ id: string; status: string; steps: Array<{ id: string; status: string }> }> };
    expect(evidence.interrupted?.reason).to.equal('SIGINT received');
    expect(evidence.cases.map((c) => `${c.id}:${c.status}`)).to.deep.equal(['session-boot:inconclusive', 'inventory-full:inconclusive']);
    expect(evidence.cases[0]?.steps.find((s) => s.id === 'restore-heartbeat')?.status).to.equal('ok');
    const interrupted = readResult(join(dir, 'out', 'SIM-INT', 'result.json'));
    expect(interrupted.interrupted?.reason).to.equal('SIGINT received');
    // Incomplete: no letter grade, and the coverage says why (issue 15 item 2).
    expect(interrupted.grade).to.equal(null);
    expect(interrupted.coverage?.complete).to.equal(false);
    expect(interrupted.coverage?.incompleteBecause[0]).to.equal('the audit was interrupted (SIGINT received)');
  });

  it('demo of a case subset: an incomplete audit, no letter grade, categories it never looked at "not examined" (never 0); its --label is kept and the index flags it incomplete', async () => {
    const out = tempDir();
    const demo = cli(['demo', '--testcases', 'inventory-full', '--label', 'bench run 7', '--out', out]);
    expect(await demo.waitForExit(120_000), demo.stderr).to.deep.equal({ code: 0, signal: null });
    expect(demo.stdout).to.match(/grade none \(incomplete audit\)/);
    expect(demo.stdout).to.match(/INCOMPLETE: a subset of the catalogue: \d+ of \d+ cases were not selected/);
    const result = readResult(join(out, 'VIRTUAL-DEMO', 'result.json'));
    expect(result.grade).to.equal(null);
    expect(result.coverage?.complete).to.equal(false);
    expect(result.coverage?.cases.run).to.be.lessThan(result.coverage?.cases.applicable ?? 0);
    const monitoring = result.categories?.find((c) => c.id === 'monitoring');
    expect(monitoring).to.deep.include({ score: null, examined: false, verdict: 'not examined: none of its cases ran' });
    // No path of the auditor's machine in what is shared: the files are named relative to result.json.
    expect(result.files.journal).to.equal('trace.jsonl');
    expect(result.files.evidence).to.equal('evidence.json');
    for (const name of ['result.json', 'scorecard.html', 'summary.md', 'findings.csv', 'junit.xml']) {
      expect(readFileSync(join(out, 'VIRTUAL-DEMO', name), 'utf8'), name).not.to.contain(out);
    }
    // The scorecard still finds the journal beside it for its excerpt.
    expect(readFileSync(join(out, 'VIRTUAL-DEMO', 'scorecard.html'), 'utf8')).not.to.contain('The journal was not at hand');
    expect(result.options['label']).to.equal('bench run 7');
    const index = cli(['index', out, '--out', join(out, 'index.html')]);
    expect(await index.waitForExit(), index.stderr).to.deep.equal({ code: 0, signal: null });
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).to.include('<td>bench run 7</td>');
    expect(html).to.include('no grade (incomplete)');
    expect(html).to.match(/<td data-sort="0\.\d+">\d+ of \d+ cases \(\d+%\)<span class="note">a subset of the catalogue: /);
  });

  it('SIGTERM during an audit: outputs written, exit 143', async () => {
    const dir = tempDir();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ options: { heartbeatProbeS: 30, heartbeatWindowS: 120 } }));
    const run = cli(['run', '--port', '0', '--out', join(dir, 'out'), '--testcases', 'session-boot', '--config', config, '--wait', '60']);
    await run.waitForStdout(/CSMS listening on (ws:\/\/\S+)/);
    const url = /CSMS listening on (ws:\/\/\S+)/.exec(run.stdout)?.[1] ?? '';
    const station = cli(['simulate', '--url', url, '--id', 'SIM-TERM', '--profile', 'ac-wallbox']);
    await run.waitForStdout(/waiting for 2 × Heartbeat/, 30_000);
    run.child.kill('SIGTERM');
    expect(await run.waitForExit(), run.stderr).to.deep.equal({ code: 143, signal: null });
    station.child.kill('SIGINT');
    await station.waitForExit();
    expect(readResult(join(dir, 'out', 'SIM-TERM', 'result.json')).interrupted?.reason).to.equal('SIGTERM received');
  });

  it('run --wait 1 without a station → exit 1 with one line', async () => {
    const run = cli(['run', '--port', '0', '--out', tempDir(), '--wait', '1']);
    expect(await run.waitForExit(20_000)).to.deep.equal({ code: 1, signal: null });
    expect(run.stderr.trim().split('\n')).to.have.length(1);
    expect(run.stderr).to.match(/^ocpp-audit: no charging station was accepted within 1 s/);
  });

  it('a broken test case file → exit 2 naming the file and the JSON pointer, before any socket opens', async () => {
    const dir = tempDir();
    const file = join(dir, 'broken-case.json');
    writeFileSync(file, JSON.stringify({ id: 'broken-case', title: 't', proves: 'p', refs: [], category: 'inventory', order: 1, steps: [{ kind: 'send', id: 'x', action: 'GetBaseReport' }] }));
    const run = cli(['run', '--port', '0', '--out', join(dir, 'out'), '--testcases', file]);
    expect(await run.waitForExit()).to.deep.equal({ code: 2, signal: null });
    expect(run.stderr.trim()).to.equal(`ocpp-audit: ${file}: /steps/0 must have required property 'payload'`);
    expect(run.stdout).not.to.match(/CSMS listening/);
  });

  it('an unknown test case id and a bad --target → exit 2 with one line', async () => {
    const unknown = cli(['run', '--port', '0', '--out', tempDir(), '--testcases', 'no-such-case']);
    expect(await unknown.waitForExit()).to.deep.equal({ code: 2, signal: null });
    expect(unknown.stderr).to.match(/^ocpp-audit: no test case matches "no-such-case" \(known: .*inventory-full/);
    const target = cli(['run', '--port', '0', '--out', tempDir(), '--target', 'nonsense']);
    expect(await target.waitForExit()).to.deep.equal({ code: 2, signal: null });
    expect(target.stderr.trim().split('\n')).to.have.length(1);
  });

  it('list testcases shows ids, titles and references', async () => {
    const list = cli(['list', 'testcases']);
    expect(await list.waitForExit()).to.deep.equal({ code: 0, signal: null });
    expect(list.stdout).to.match(/^inventory-full {2}Inventory: GetBaseReport FullInventory\n {4}B07, TC_B_13, TC_B_53/m);
  });

  it('score re-scores saved evidence against another guideline, byte-identically each time', async () => {
    const out = tempDir();
    const fixture = join(REPO_ROOT, 'test', 'fixtures', 'evidence', 'ac-wallbox.evidence.json');
    const first = cli(['score', fixture, '--guideline', 'ocpp-201-core', '--out', join(out, 'a')]);
    expect(await first.waitForExit(), first.stderr).to.deep.equal({ code: 0, signal: null });
    expect(first.stdout).to.match(/FIXTURE-ac-wallbox: ocpp-201-core \(forced\) score [\d.]+ grade [A-E]/);
    const second = cli(['score', fixture, '--guideline', 'ocpp-201-core', '--out', join(out, 'b')]);
    expect(await second.waitForExit()).to.deep.equal({ code: 0, signal: null });
    const strip = (file: string): string => readFileSync(file, 'utf8').replace(/"evidence": "[^"]*"/, '');
    expect(strip(join(out, 'a', 'result.json'))).to.equal(strip(join(out, 'b', 'result.json')));
    expect(readResult(join(out, 'a', 'result.json')).guideline).to.deep.include({ id: 'ocpp-201-core', how: 'forced' });
  });

  it('validate: OK for shipped files, every problem with its pointer and exit 2 for a broken one; list guidelines', async () => {
    const good = cli(['validate', join(REPO_ROOT, 'guidelines', 'hpc.json'), join(REPO_ROOT, 'testcases', 'monitoring-bases.json')]);
    expect(await good.waitForExit()).to.deep.equal({ code: 0, signal: null });
    expect(good.stdout).to.match(/hpc\.json: OK \(guideline\)\n.*monitoring-bases\.json: OK \(testcase\)/);
    const file = join(tempDir(), 'mine.json');
    writeFileSync(file, JSON.stringify({ $schema: './guideline.schema.json', id: 'mine', version: '1', title: 't', description: 'd', archetypes: ['moon'] }));
    const bad = cli(['validate', file]);
    expect(await bad.waitForExit()).to.deep.equal({ code: 2, signal: null });
    expect(bad.stderr.trim().split('\n')).to.deep.equal([
      `ocpp-audit: ${file}: /version must match pattern "^\\d+\\.\\d+\\.\\d+$"`,
      `ocpp-audit: ${file}: /archetypes/0 must be equal to one of the allowed values`,
    ]);
    const list = cli(['list', 'guidelines']);
    expect(await list.waitForExit()).to.deep.equal({ code: 0, signal: null });
    expect(list.stdout).to.match(/^hpc 1\.0\.0 {2}.*\n {4}OCPP 2\.0\.1, 2\.1; archetypes hpc; ocpp-201-core → dc-fast → hpc;/m);
  });

  it('validate: a guideline line without a source, or citing a source sources.json does not list, is rejected (exit 2)', async () => {
    const dir = tempDir();
    const line = { component: 'PowerContactor', variable: 'Problem', level: 'required', why: 'a welded contactor leaves the outlet live' };
    const head = { $schema: './guideline.schema.json', version: '1.0.0', title: 't', description: 'd', archetypes: ['ac-wallbox'] };
    const uncited = join(dir, 'uncited.json');
    writeFileSync(uncited, JSON.stringify({ ...head, id: 'uncited', variables: [line] }));
    const missing = cli(['validate', uncited]);
    expect(await missing.waitForExit()).to.deep.equal({ code: 2, signal: null });
    expect(missing.stderr.trim()).to.equal(`ocpp-audit: ${uncited}: /variables/0 must have required property 'source'`);
    const miscited = join(dir, 'miscited.json');
    writeFileSync(miscited, JSON.stringify({ ...head, id: 'miscited', variables: [{ ...line, source: ['charin-uec#ContactorPosition', 'my-notes'] }] }));
    const unknown = cli(['validate', miscited]);
    expect(await unknown.waitForExit()).to.deep.equal({ code: 2, signal: null });
    expect(unknown.stderr).to.match(/^ocpp-audit: .*miscited\.json: \/variables\/0\/source\/1 names "my-notes", which is not in guidelines\/sources\.json/);
    const cited = join(dir, 'cited.json');
    writeFileSync(cited, JSON.stringify({ ...head, id: 'cited', variables: [{ ...line, source: ['charin-uec#ContactorPosition', { own: 'requiring it is our choice' }] }] }));
    const good = cli(['validate', cited]);
    expect(await good.waitForExit(), good.stderr).to.deep.equal({ code: 0, signal: null });
  });

  it('compare: refuses results scored against different guidelines (exit 2), compares them after re-scoring with --guideline', async () => {
    const out = tempDir();
    const fixtures = join(REPO_ROOT, 'test', 'fixtures', 'evidence');
    const rescored = cli(['score', join(fixtures, 'minimal.evidence.json'), '--guideline', 'ocpp-201-core', '--out', join(out, 'core')]);
    expect(await rescored.waitForExit()).to.deep.equal({ code: 0, signal: null });
    const mixed = cli(['compare', join(fixtures, 'ac-wallbox.result.json'), join(out, 'core', 'result.json'), '--out', join(out, 'x.html')]);
    expect(await mixed.waitForExit()).to.deep.equal({ code: 2, signal: null });
    expect(mixed.stderr).to.match(/^ocpp-audit: the results were scored against different guidelines/);
    const fair = cli(['compare', join(fixtures, 'ac-wallbox.result.json'), join(out, 'core', 'result.json'), '--guideline', 'ocpp-201-core', '--out', join(out, 'compare.html')]);
    expect(await fair.waitForExit(), fair.stderr).to.deep.equal({ code: 0, signal: null });
    expect(fair.stdout).to.match(/^2 results against ocpp-201-core 1\.0\.0: /);
    expect(readFileSync(join(out, 'compare.html'), 'utf8')).to.match(/^<!DOCTYPE html>/);
  });

  it('run --max-stations 2 --label: both stations audited, and OUT/index.html links to each scorecard, lowest score first, with the label', async () => {
    const out = tempDir();
    const run = cli(['run', '--port', '0', '--out', out, '--testcases', 'inventory-full', '--max-stations', '2', '--concurrency', '2', '--wait', '60', '--fail-on', 'none', '--label', 'fleet A']);
    await run.waitForStdout(/CSMS listening on (ws:\/\/\S+)/);
    const url = /CSMS listening on (ws:\/\/\S+)/.exec(run.stdout)?.[1] ?? '';
    const stations = [cli(['simulate', '--url', url, '--id', 'FLEET-AC', '--profile', 'ac-wallbox']), cli(['simulate', '--url', url, '--id', 'FLEET-MIN', '--profile', 'minimal'])];
    expect(await run.waitForExit(60_000), run.stderr).to.deep.equal({ code: 0, signal: null });
    for (const station of stations) {
      station.child.kill('SIGINT');
      await station.waitForExit();
    }
    expect(run.stdout).to.include(`fleet index: ${join(out, 'index.html')}`);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    const links = [...index.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(links.map((l) => l[1]).sort()).to.deep.equal(['FLEET-AC', 'FLEET-MIN']);
    for (const [link] of links) expect(existsSync(join(out, link ?? '')), link).to.equal(true);
    // Lowest score first: the minimal station leads.
    expect(links[0]?.[1]).to.equal('FLEET-MIN');
    // The run's --label is in each result.json and in the index.
    expect(index.match(/<td>fleet A<\/td>/g)).to.have.length(2);
    expect(readResult(join(out, 'FLEET-AC', 'result.json')).options['label']).to.equal('fleet A');
  });

  it('index DIR...: the fleet index from results written by several run processes into one shared directory', async () => {
    const shared = tempDir();
    const fixtures = join(REPO_ROOT, 'test', 'fixtures', 'evidence');
    for (const [station, fixture] of [['site-a/CS-A', 'ac-wallbox'], ['site-b/CS-B', 'minimal']] as const) {
      mkdirSync(join(shared, station), { recursive: true });
      copyFileSync(join(fixtures, `${fixture}.result.json`), join(shared, station, 'result.json'));
      writeFileSync(join(shared, station, 'scorecard.html'), '<!DOCTYPE html>');
    }
    const index = cli(['index', join(shared, 'site-a'), join(shared, 'site-b'), '--out', join(shared, 'index.html')]);
    expect(await index.waitForExit(), index.stderr).to.deep.equal({ code: 0, signal: null });
    expect(index.stdout.trim()).to.equal(`fleet index of 2 station(s): ${join(shared, 'index.html')}`);
    const html = readFileSync(join(shared, 'index.html'), 'utf8');
    expect([...html.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1])).to.deep.equal(['site-b/CS-B/scorecard.html', 'site-a/CS-A/scorecard.html']);
    const empty = cli(['index', tempDir()]);
    expect(await empty.waitForExit()).to.deep.equal({ code: 2, signal: null });
    expect(empty.stderr).to.match(/^ocpp-audit: no result\.json under /);
    // An --out that cannot be written is named in one line, not a stack trace.
    const unwritable = join(shared, 'no-such-dir', 'index.html');
    const refused = cli(['index', shared, '--out', unwritable]);
    expect(await refused.waitForExit()).to.deep.equal({ code: 1, signal: null });
    expect(refused.stderr.trim().split('\n')).to.have.length(1);
    expect(refused.stderr).to.contain(`ocpp-audit: ${unwritable}: cannot write: ENOENT`);
  });

  it('compare --label: one per result, in order, with links to the scorecards beside the results; a wrong count is refused (exit 2)', async () => {
    const out = tempDir();
    const fixtures = join(REPO_ROOT, 'test', 'fixtures', 'evidence');
    for (const [folder, fixture] of [['before', 'ac-wallbox'], ['after', 'minimal']] as const) {
      mkdirSync(join(out, folder));
      copyFileSync(join(fixtures, `${fixture}.result.json`), join(out, folder, 'result.json'));
    }
    writeFileSync(join(out, 'before', 'scorecard.html'), '<!DOCTYPE html>');
    const page = join(out, 'compare.html');
    const compare = cli(['compare', join(out, 'before', 'result.json'), join(out, 'after', 'result.json'), '--label', 'firmware 1.4', '--label', 'firmware 2.0', '--out', page]);
    expect(await compare.waitForExit(), compare.stderr).to.deep.equal({ code: 0, signal: null });
    const html = readFileSync(page, 'utf8');
    expect([...html.matchAll(/<div class="label">([^<]+)<\/div>/g)].map((m) => m[1])).to.deep.equal(['firmware 1.4', 'firmware 2.0']);
    // Only the result with a scorecard beside it links to one, relative to the page.
    expect([...html.matchAll(/<a href="([^"]+)">scorecard<\/a>/g)].map((m) => m[1])).to.deep.equal(['before/scorecard.html']);
    expect(html).to.include('<time datetime="2026-11-24T04:20:31.819Z">2026-11-24 04:20:31 UTC</time>');
    const warns = ['ac-wallbox', 'minimal'].map((fixture) => readResult(join(fixtures, `${fixture}.result.json`)).summary.WARN);
    expect(html).to.include(`<tr class="differs"><th>WARN</th><td class="num warn">${warns[0]}</td><td class="num warn">${warns[1]}</td></tr>`);
    expect(html).to.match(/<span class="reason">[^<]+<\/span>/);
    const miscounted = cli(['compare', join(out, 'before', 'result.json'), join(out, 'after', 'result.json'), '--label', 'only one', '--out', page]);
    expect(await miscounted.waitForExit()).to.deep.equal({ code: 2, signal: null });
    expect(miscounted.stderr.trim()).to.equal('ocpp-audit: 1 --label for 2 results: give one label per result, in the order of the results');
  });

  it('index --label: one per path, given to every run found under it; a wrong count is refused (exit 2)', async () => {
    const shared = tempDir();
    const fixtures = join(REPO_ROOT, 'test', 'fixtures', 'evidence');
    for (const [station, fixture] of [['site-a/CS-A', 'ac-wallbox'], ['site-b/CS-B', 'minimal']] as const) {
      mkdirSync(join(shared, station), { recursive: true });
      copyFileSync(join(fixtures, `${fixture}.result.json`), join(shared, station, 'result.json'));
    }
    const index = cli(['index', join(shared, 'site-a'), join(shared, 'site-b'), '--label', 'Site A', '--label', 'Site B', '--out', join(shared, 'index.html')]);
    expect(await index.waitForExit(), index.stderr).to.deep.equal({ code: 0, signal: null });
    const html = readFileSync(join(shared, 'index.html'), 'utf8');
    expect(html).to.include('<th>Label</th>');
    expect([...html.matchAll(/<a href="[^"]+">([^<]+)<\/a><\/td><td>([^<]+)<\/td>/g)].map((m) => [m[1], m[2]])).to.deep.equal([
      ['FIXTURE-minimal', 'Site B'],
      ['FIXTURE-ac-wallbox', 'Site A'],
    ]);
    expect(html).to.include('<time datetime="2026-11-24T04:20:32.495Z">2026-11-24 04:20:32 UTC</time>');
    const miscounted = cli(['index', join(shared, 'site-a'), join(shared, 'site-b'), '--label', 'Site A', '--out', join(shared, 'index.html')]);
    expect(await miscounted.waitForExit()).to.deep.equal({ code: 2, signal: null });
    expect(miscounted.stderr.trim()).to.equal('ocpp-audit: 1 --label for 2 paths: give one label per path, in the order of the paths');
  });
});
