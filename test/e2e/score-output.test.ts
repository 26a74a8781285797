/**
 * End-to-end: `score` and `run` where their output cannot go (issue 14 item 8): a full disk is one
 * line and exit 1, an --out on a kernel pseudo-file system is refused at once (exit 2, it used to
 * hang for ever), and evidence saved before its journal was hashed says so instead of "not found".
 * Run `npm run build` first.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv, CliProcess, killRunning, REPO_ROOT } from '../helpers/cli-process.js';

const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'evidence', 'minimal.evidence.json');
const children: CliProcess[] = [];
const tempDirs: string[] = [];
const mounts: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-score-'));
  tempDirs.push(dir);
  return dir;
}

async function runToExit(args: string[]): Promise<CliProcess> {
  const cli = new CliProcess(args, childEnv());
  children.push(cli);
  await cli.waitForExit();
  return cli;
}

describe('ocpp-audit score and run: where the output cannot go (end to end)', function () {
  this.timeout(60_000);

  afterEach(async () => {
    await killRunning(children);
    for (const dir of mounts.splice(0)) execFileSync('umount', [dir]);
    for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('score --out on a full disk: one line naming the file, exit 1, no temporary file left', async function () {
    const out = join(tempDir(), 'full');
    mkdirSync(out);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', out], { stdio: 'ignore' });
    } catch {
      // Without root there is no small disk to fill; the /dev/full test below injects the same error.
      this.skip();
    }
    mounts.push(out);
    // The evidence copy fits; the rest of the disk is taken.
    writeFileSync(join(out, 'filler'), Buffer.alloc(12 * 1024));
    const cli = await runToExit(['score', FIXTURE, '--guideline', 'ocpp-201-core', '--out', out]);
    expect(cli.exit, cli.stdout + cli.stderr).to.deep.equal({ code: 1, signal: null });
    expect(cli.stderrLines).to.have.length(1);
    expect(cli.stderr).to.match(/^ocpp-audit: .*: cannot write: ENOSPC: no space left on device/);
    expect(readdirSync(out).filter((name) => name.includes('.tmp-'))).to.deep.equal([]);
  });

  it('score --out where a report cannot be written (/dev/full, no root needed): one line, exit 1', async () => {
    const out = tempDir();
    execFileSync('ln', ['-s', '/dev/full', join(out, 'summary.md')]);
    const cli = await runToExit(['score', FIXTURE, '--guideline', 'ocpp-201-core', '--out', out]);
    expect(cli.exit, cli.stdout + cli.stderr).to.deep.equal({ code: 1, signal: null });
    expect(cli.stderr.trim()).to.match(/^ocpp-audit: .*summary\.md: cannot write: ENOSPC/);
  });

  for (const command of [['score', FIXTURE], ['run', '--record-only', '--port', '0'], ['demo']]) {
    it(`${command[0]} --out /proc/…: refused at once with one line, exit 2`, async () => {
      const cli = await runToExit([...command, '--out', '/proc/ocpp-audit-out']);
      expect(cli.exit, cli.stdout + cli.stderr).to.deep.equal({ code: 2, signal: null });
      expect(cli.stderr.trim()).to.equal('ocpp-audit: --out /proc/ocpp-audit-out: /proc is on procfs, a kernel pseudo-file system that cannot hold files; choose a directory on a disk');
    });
  }

  it('evidence saved before the journal was hashed (a crash): score says it has no SHA-256, not that the journal is missing', async () => {
    const dir = tempDir();
    const journal = join(dir, 'trace.jsonl');
    writeFileSync(journal, '{"seq":1}\n');
    const evidence = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { journal: { file: string; sha256?: string } };
    evidence.journal = { file: journal };
    const file = join(dir, 'evidence.json');
    writeFileSync(file, JSON.stringify(evidence));
    const cli = await runToExit(['score', file, '--guideline', 'ocpp-201-core', '--out', join(dir, 'out')]);
    expect(cli.exit, cli.stderr).to.deep.equal({ code: 0, signal: null });
    expect(cli.stdout).to.include(`journal ${journal}: the evidence holds no SHA-256 for it (the audit did not finish), so it cannot be checked`);
    expect(cli.stdout).to.not.include('not found here');
  });
});
