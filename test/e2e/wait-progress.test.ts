/**
 * End to end (the real CLI, `npm run build` first): long waits on the console (issue 15 item
 * 12). Piped, the output is whole lines: a long wait is one line, and no carriage return or
 * escape code is ever written. On a terminal (a pseudo-terminal made by util-linux `script`),
 * a status line counts down what is awaited and the seconds left.
 */
import { expect } from 'chai';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv, CLI, CliProcess, killRunning, REPO_ROOT } from '../helpers/cli-process.js';

const children: CliProcess[] = [];
const others: ChildProcess[] = [];
const dirs: string[] = [];

/** A short periodic case: 1 s interval, 3 intervals, so its await of NotifyEvent is a window of 14 s. */
function demoArgs(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-e2e-waits-'));
  dirs.push(dir);
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ options: { periodicIntervalS: 1, periodicIntervals: 3 } }));
  return ['demo', '--out', join(dir, 'out'), '--testcases', 'events-periodic', '--target', 'monitorable=DataLink/SignalStrength', '--config', config];
}

function hasScript(): boolean {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const quote = (arg: string): string => `'${arg.replaceAll("'", "'\\''")}'`;

describe('long waits on the console (end to end)', function () {
  this.timeout(120_000);

  afterEach(async () => {
    await killRunning(children);
    for (const child of others.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('piped: a long wait is one plain line, and the output holds no carriage return or escape code', async () => {
    const demo = new CliProcess(demoArgs(), childEnv({ TERM: 'xterm-256color' }));
    children.push(demo);
    expect(await demo.waitForExit(100_000), demo.stderr).to.deep.equal({ code: 0, signal: null });
    expect(demo.stdout).to.match(/VIRTUAL-DEMO {3}waiting for 3 × NotifyEvent \(up to 14 s\)\n/);
    expect(demo.stdout + demo.stderr).not.to.contain('\r');
    expect(demo.stdout + demo.stderr).not.to.contain('\u001b');
  });

  it('on a terminal: a status line counts down what is awaited and the seconds left', async function () {
    if (!hasScript()) this.skip();
    // `script` runs the CLI on a pseudo-terminal and copies what the terminal receives to its stdout.
    const command = [process.execPath, CLI, ...demoArgs()].map(quote).join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: REPO_ROOT, env: childEnv({ TERM: 'xterm-256color' }), stdio: ['ignore', 'pipe', 'pipe'] });
    others.push(child);
    let screen = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
    const code = await new Promise<number | null>((resolveExit) => child.once('close', resolveExit));
    expect(code, screen).to.equal(0);
    // Control characters made visible, to match them in plain regular expressions.
    screen = screen.replaceAll('\r', '<CR>').replaceAll('\u001b', '<ESC>');
    expect(screen).to.match(/<CR><ESC>\[2K {2}VIRTUAL-DEMO waiting for 3 × NotifyEvent: 14 s left/);
    expect(screen, 'no plain line for a wait the status line shows').not.to.contain('(up to 14 s)');
    expect(screen, 'the status line is erased before the case outcome').to.match(/<CR><ESC>\[2K\[[\d:.]+\] VIRTUAL-DEMO {3}PASS: /);
  });
});
