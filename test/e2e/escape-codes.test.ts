/**
 * End to end (the real CLI, `npm run build` first): escape codes and other control characters in
 * station strings never reach a terminal or a text output raw. A station that names itself
 * "\u001b]0;title\u0007\u001b[2J" must not set the window title or clear the screen of whoever
 * watches the run or `cat`s its outputs.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv, CliProcess, killRunning } from '../helpers/cli-process.js';
import { REPO_ROOT } from '../helpers/cli-process.js';
import { RawClient } from '../helpers/raw-client.js';

/** OSC "set window title", BEL, "clear screen", a C1 CSI and DEL. */
const HOSTILE = '\u001b]0;pwned\u0007\u001b[2J\u009b31m\u007f';
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('control characters in station strings (end to end)', function () {
  this.timeout(90_000);
  const children: CliProcess[] = [];
  const clients: RawClient[] = [];
  const dirs: string[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) client.socket.terminate();
    await killRunning(children);
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-esc-'));
    dirs.push(dir);
    return dir;
  }

  function spawn(args: string[]): CliProcess {
    const cli = new CliProcess(args, childEnv());
    children.push(cli);
    return cli;
  }

  it('prints a hostile vendorName and close reason escaped on the terminal', async () => {
    const cli = spawn(['run', '--record-only', '--host', '127.0.0.1', '--port', '0', '--out', join(tempDir(), 'out')]);
    const match = await cli.waitForStdout(/^CSMS listening on (ws:\/\/127\.0\.0\.1:\d+\/ocpp\/) /m);
    const client = await RawClient.connect(`${match[1] ?? ''}CS-ESC`);
    clients.push(client);
    const boot = { reason: 'PowerUp', chargingStation: { vendorName: `V${HOSTILE}`, model: `M\nfake line` } };
    client.send(JSON.stringify([2, 'boot-1', 'BootNotification', boot]));
    await client.next(15_000);
    await cli.waitForStdout(/CS-ESC BootNotification/);
    client.socket.close(4000, `bye${HOSTILE}`);
    await cli.waitForStdout(/CS-ESC disconnected \(code 4000/);
    expect(await cli.interrupt(), cli.stderr).to.deep.equal({ code: 0, signal: null });

    expect(RAW_CONTROL.test(cli.stdout + cli.stderr), JSON.stringify(cli.stdout)).to.equal(false);
    expect(cli.stdout).to.contain('vendor V\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u007f');
    expect(cli.stdout).to.contain('bye\\u001b]0;pwned');
    expect(cli.stdout, 'station text cannot start a line of its own').to.contain('model M\\u000afake line');
  });

  it('writes summary.md, findings.csv, junit.xml, the scorecard and the comparison with the control characters escaped', async () => {
    const dir = tempDir();
    const result = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'evidence', 'minimal.result.json'), 'utf8')) as {
      station: { identity: string; boot: Record<string, unknown> };
      checks: Array<{ reason: string; verdict: string }>;
      files: { journal: string };
    };
    result.station.boot['vendorName'] = `Vendor${HOSTILE}`;
    result.station.boot['model'] = `Model${HOSTILE}`;
    const failed = result.checks[0];
    if (failed) {
      failed.verdict = 'FAIL';
      failed.reason = `the station answered CALLERROR "${HOSTILE}"`;
    }
    result.files.journal = join(dir, 'no-journal-here.jsonl');
    const resultFile = join(dir, 'result.json');
    writeFileSync(resultFile, JSON.stringify(result));

    for (const format of ['md', 'csv', 'junit', 'html'] as const) {
      const out = join(dir, `report.${format}`);
      const cli = spawn(['report', resultFile, '--format', format, '--out', out]);
      expect(await cli.waitForExit(), cli.stderr).to.deep.equal({ code: 0, signal: null });
      // CSV's own record separator is CRLF (RFC 4180).
      const text = readFileSync(out, 'utf8').replace(/\r\n/g, '\n');
      expect(RAW_CONTROL.test(text), `${format} holds a raw control character`).to.equal(false);
      expect(text, format).to.contain('\\u001b').and.to.contain('pwned');
    }

    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ ...result, station: { ...result.station, identity: 'OTHER' } }));
    const compareOut = join(dir, 'compare.html');
    const compare = spawn(['compare', resultFile, other, '--out', compareOut]);
    expect(await compare.waitForExit(), compare.stderr).to.deep.equal({ code: 0, signal: null });
    expect(RAW_CONTROL.test(compare.stdout + compare.stderr)).to.equal(false);
    const page = readFileSync(compareOut, 'utf8');
    expect(RAW_CONTROL.test(page), 'compare.html holds a raw control character').to.equal(false);
    expect(page).to.contain('\\u001b]0;pwned');
  });
});
