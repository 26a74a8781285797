/**
 * End-to-end: the CLI as an interface for programs and pipes (issue 15 item 12): `--json` on
 * `list` and `score` is one JSON document on stdout and nothing else; `validate` takes the
 * scoring file; `report` and `compare` check a result.json against its schema and say what is
 * wrong in one line (exit 2); a closed standard output (`list … | head`) is dropped silently
 * with exit 0. The real CLI in a child process; run `npm run build` first.
 */
import { expect } from 'chai';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { childEnv, CLI, REPO_ROOT, type Exit, useCliBed, WAIT_MS } from '../helpers/cli-process.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'evidence');
/** Runs the CLI with this file as standard output (not a pipe of the test's). */
function runWithStdout(args: string[], stdoutFd: number): Promise<Exit & { stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: childEnv(), stdio: ['ignore', stdoutFd, 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the CLI did not exit within ${WAIT_MS} ms\n${stderr}`));
    }, WAIT_MS);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, stderr });
    });
  });
}

describe('ocpp-audit for programs and pipes: --json, validate scoring, result schema, closed stdout (end to end)', function () {
  this.timeout(60_000);
  const { runToExit, tempDir } = useCliBed('interfaces');

  it('list testcases --json: stdout is one JSON array of the catalogue, the same cases as the text list', async () => {
    const json = await runToExit(['list', 'testcases', '--json']);
    expect(json.exit, json.stderr).to.deep.equal({ code: 0, signal: null });
    expect(json.stderr).to.equal('');
    const cases = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    const text = await runToExit(['list', 'testcases']);
    const textIds = text.stdoutLines.filter((line) => !line.startsWith(' ')).map((line) => line.split('  ')[0]);
    expect(cases.map((c) => c['id'])).to.deep.equal(textIds);
    expect(cases.length).to.be.greaterThan(10);
    const boot = cases.find((c) => c['id'] === 'session-boot');
    expect(boot).to.include({ category: 'protocol' });
    expect(boot?.['refs']).to.include('TC_B_01');
    for (const c of cases) expect(c).to.have.all.keys('id', 'title', 'category', 'order', 'proves', 'refs', 'needs');
  });

  it('list testcases --json --testcases <one>: the selection and the cases it needs, as JSON', async () => {
    const json = await runToExit(['list', 'testcases', '--json', '--testcases', 'session-boot']);
    expect(json.exit, json.stderr).to.deep.equal({ code: 0, signal: null });
    expect((JSON.parse(json.stdout) as Array<{ id: string }>).map((c) => c.id)).to.include('session-boot');
  });

  it('list testcases with an unknown option: a usage error like any other, one line and exit 2', async () => {
    const cli = await runToExit(['list', 'testcases', '--bogus']);
    expect(cli.exit).to.deep.equal({ code: 2, signal: null });
    expect(cli.stderrLines).to.deep.equal(["ocpp-audit: unknown option '--bogus'"]);
  });

  it('list guidelines --json: one JSON array, each guideline with its chain and counts', async () => {
    const json = await runToExit(['list', 'guidelines', '--json']);
    expect(json.exit, json.stderr).to.deep.equal({ code: 0, signal: null });
    const guidelines = JSON.parse(json.stdout) as Array<{ id: string; chain: string[]; counts: Record<string, number> }>;
    expect(guidelines.map((g) => g.id)).to.include.members(['ocpp-201-core', 'ac-wallbox', 'dc-fast', 'hpc']);
    const hpc = guidelines.find((g) => g.id === 'hpc');
    expect(hpc?.chain).to.deep.equal(['ocpp-201-core', 'dc-fast', 'hpc']);
    expect(hpc?.counts['components']).to.be.greaterThan(0);
    // The 1.6 baseline has configuration keys and messages, no device-model lines, and says its version (issue 17).
    const baseline = (JSON.parse(json.stdout) as Array<{ id: string; versions: string[]; counts: Record<string, number> }>).find((g) => g.id === 'ocpp-16-baseline');
    expect(baseline?.versions).to.deep.equal(['1.6']);
    expect(baseline?.counts['components']).to.equal(0);
    expect(baseline?.counts['configurationKeys']).to.be.greaterThan(20);
    const text = await runToExit(['list', 'guidelines']);
    expect(text.stdout).to.match(/^ocpp-16-baseline .*\n {4}OCPP 1\.6; archetypes any; ocpp-16-baseline; \d+ configuration keys, \d+ messages$/m);
    expect(text.stdout).to.match(/^hpc .*\n {4}OCPP 2\.0\.1, 2\.1; archetypes hpc; /m);
  });

  it('score --json: stdout is one JSON document holding the result.json written, the report files and the journal check', async () => {
    const out = tempDir();
    const cli = await runToExit(['score', join(FIXTURES, 'minimal.evidence.json'), '--guideline', 'ocpp-201-core', '--out', out, '--json']);
    expect(cli.exit, cli.stderr).to.deep.equal({ code: 0, signal: null });
    expect(cli.stderr).to.equal('');
    const document = JSON.parse(cli.stdout) as { journal: { check: string }; reports: Record<string, string>; result: { resultVersion: number; grade?: string } };
    expect(document.result).to.deep.equal(JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')));
    expect(document.result.resultVersion).to.equal(1);
    expect(document.result.grade).to.be.a('string');
    expect(document.reports).to.deep.include({ json: join(out, 'result.json'), html: join(out, 'scorecard.html') });
    // The fixture's journal is not on this machine.
    expect(document.journal.check).to.equal('missing');
  });

  it('score --json with a bad input: stdout stays empty, one line on stderr, exit 2', async () => {
    const cli = await runToExit(['score', join(tempDir(), 'none.json'), '--json']);
    expect(cli.exit).to.deep.equal({ code: 2, signal: null });
    expect(cli.stdout).to.equal('');
    expect(cli.stderrLines).to.have.length(1);
    expect(cli.stderr).to.match(/none\.json: .*no such file/);
  });

  it('validate guidelines/scoring.json: OK (scoring); a broken scoring file: each problem with its pointer, exit 2', async () => {
    const good = await runToExit(['validate', join(REPO_ROOT, 'guidelines', 'scoring.json')]);
    expect(good.exit, good.stderr).to.deep.equal({ code: 0, signal: null });
    expect(good.stdout).to.match(/scoring\.json: OK \(scoring\)/);
    const scoring = JSON.parse(readFileSync(join(REPO_ROOT, 'guidelines', 'scoring.json'), 'utf8')) as { verdictCredit: Record<string, number>; categories: unknown[] };
    scoring.verdictCredit['WARN'] = 2;
    scoring.categories = [];
    const file = join(tempDir(), 'my-scoring.json');
    writeFileSync(file, JSON.stringify(scoring));
    const bad = await runToExit(['validate', file]);
    expect(bad.exit).to.deep.equal({ code: 2, signal: null });
    expect(bad.stderrLines).to.deep.equal([`ocpp-audit: ${file}: /verdictCredit/WARN must be <= 1`, `ocpp-audit: ${file}: /categories must NOT have fewer than 1 items`]);
  });

  it('--ocpp-version: an unknown version, and 1.6 for observe (no device model to place a plan on): one line, exit 2, nothing listens (issue 17)', async () => {
    const unknown = await runToExit(['run', '--ocpp-version', '2.0', '--port', '0', '--out', tempDir()]);
    expect(unknown.exit, unknown.stderr).to.deep.equal({ code: 2, signal: null });
    expect(unknown.stderrLines).to.have.length(1);
    expect(unknown.stderr).to.contain('the OCPP version is one of 2.1, 2.0.1, 1.6');
    const observe16 = await runToExit(['observe', '--ocpp-version', '1.6', '--port', '0', '--out', tempDir()]);
    expect(observe16.exit, observe16.stderr).to.deep.equal({ code: 2, signal: null });
    expect(observe16.stderrLines).to.deep.equal(['ocpp-audit: --ocpp-version 1.6: observe places monitors on a device model, which OCPP 1.6 lacks; observe speaks 2.1 and 2.0.1']);
    expect(observe16.stdout).to.equal('');
  });

  it('report of a result.json that does not follow the schema: one line naming the file and what is wrong, exit 2', async () => {
    const bare = join(tempDir(), 'result.json');
    writeFileSync(bare, '{"resultVersion":1}');
    const cli = await runToExit(['report', bare, '--format', 'md']);
    expect(cli.exit, cli.stderr).to.deep.equal({ code: 2, signal: null });
    expect(cli.stderrLines).to.deep.equal([`ocpp-audit: ${bare}: not a result.json: / has no "tool"`]);
    expect(cli.stdout).to.equal('');
  });

  it('report and compare of a result with one wrong value: the pointer to it, exit 2; the untouched result still renders', async () => {
    const result = JSON.parse(readFileSync(join(FIXTURES, 'ac-wallbox.result.json'), 'utf8')) as { checks: Array<Record<string, unknown>> };
    result.checks[0] = { ...result.checks[0], verdict: 'MAYBE' };
    const file = join(tempDir(), 'result.json');
    writeFileSync(file, JSON.stringify(result));
    const report = await runToExit(['report', file, '--format', 'csv']);
    expect(report.exit, report.stderr).to.deep.equal({ code: 2, signal: null });
    expect(report.stderrLines).to.deep.equal([`ocpp-audit: ${file}: not a result.json: /checks/0/verdict must be equal to one of the allowed values`]);
    const compare = await runToExit(['compare', join(FIXTURES, 'ac-wallbox.result.json'), file, '--out', join(tempDir(), 'compare.html')]);
    expect(compare.exit, compare.stderr).to.deep.equal({ code: 2, signal: null });
    expect(compare.stderrLines).to.deep.equal([`ocpp-audit: ${file}: not a result.json: /checks/0/verdict must be equal to one of the allowed values`]);
    const good = await runToExit(['report', join(FIXTURES, 'ac-wallbox.result.json'), '--format', 'md']);
    expect(good.exit, good.stderr).to.deep.equal({ code: 0, signal: null });
  });

  const piped: Array<[string, string[]]> = [
    ['list testcases', ['list', 'testcases']],
    ['list testcases --json', ['list', 'testcases', '--json']],
    ['report --format md', ['report', join(FIXTURES, 'ac-wallbox.result.json'), '--format', 'md']],
  ];
  for (const [label, args] of piped) {
    it(`${label} into a pipe whose reader has gone (… | head): silent, exit 0`, async () => {
      // A FIFO with its only reader closed: every write to it fails with EPIPE, whatever the timing.
      const fifo = join(tempDir(), 'stdout.fifo');
      execFileSync('mkfifo', [fifo]);
      const reader = openSync(fifo, 'r+');
      const writer = openSync(fifo, 'w');
      closeSync(reader);
      try {
        const run = await runWithStdout(args, writer);
        expect(run.stderr).to.equal('');
        expect({ code: run.code, signal: run.signal }).to.deep.equal({ code: 0, signal: null });
      } finally {
        closeSync(writer);
      }
    });
  }

  it('an audit whose reader has gone keeps auditing: demo into a closed pipe writes its whole result, exit 0', async () => {
    const fifo = join(tempDir(), 'stdout.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = openSync(fifo, 'r+');
    const writer = openSync(fifo, 'w');
    closeSync(reader);
    const out = tempDir();
    try {
      const run = await runWithStdout(['demo', '--testcases', 'inventory-full', '--out', out], writer);
      expect(run.stderr).to.equal('');
      expect({ code: run.code, signal: run.signal }).to.deep.equal({ code: 0, signal: null });
      // The console went away, the evidence did not: the audit ran to its end.
      const result = JSON.parse(readFileSync(join(out, 'VIRTUAL-DEMO', 'result.json'), 'utf8')) as { interrupted?: unknown; checks: unknown[] };
      expect(result.interrupted).to.equal(undefined);
      expect(result.checks.length).to.be.greaterThan(0);
    } finally {
      closeSync(writer);
    }
  });
});
