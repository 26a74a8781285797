/**
 * End-to-end: `ocpp-audit run` when its evidence cannot be written (issue 14 items 2 and 5). The
 * disk really fills: a small tmpfs is mounted where a station's journal goes (the tests run as
 * root on the CI box). Where no tmpfs can be mounted, the journal is a link to /dev/full, whose
 * every write fails with ENOSPC, so the same failure is injected at the file descriptor.
 * Run `npm run build` first.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { connectionsPathOf } from '../../src/evidence/journal-files.js';
import type { ConnectionRecord, JournalRecord } from '../../src/evidence/journal-record.js';
import type { RpcConnection } from '../../src/ocpp/rpc-connection.js';
import { connectAsStation } from '../../src/ocpp/station-client.js';
import { childEnv, CliProcess, killRunning, WAIT_MS } from '../helpers/cli-process.js';

const BOOT = { reason: 'PowerUp', chargingStation: { vendorName: 'DiskVendor', model: 'DiskModel' } };

const children: CliProcess[] = [];
const stations: RpcConnection[] = [];
const mounts: string[] = [];
const tempDirs: string[] = [];

/**
 * Makes `dir` a place that takes only a few kilobytes: a 64 KiB tmpfs when one can be mounted,
 * else `dir/trace.jsonl` links to /dev/full (every write: ENOSPC). Returns which one.
 */
function smallDisk(dir: string, journalOnly: boolean): 'tmpfs' | '/dev/full' {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    mounts.push(dir);
    return 'tmpfs';
  } catch {
    if (!journalOnly) throw new Error('this test needs a tmpfs (mount as root)');
    symlinkSync('/dev/full', join(dir, 'trace.jsonl'));
    return '/dev/full';
  }
}

async function startRun(outDir: string): Promise<{ cli: CliProcess; url: string }> {
  const cli = new CliProcess(['run', '--record-only', '--host', '127.0.0.1', '--port', '0', '--out', outDir], childEnv());
  children.push(cli);
  await cli.waitForStdout(/\n/);
  const match = /^CSMS listening on (ws:\/\/127\.0\.0\.1:\d+\/ocpp\/) /.exec(cli.stdoutLines[0] ?? '');
  expect(match, cli.stdout).to.not.equal(null);
  return { cli, url: (match as RegExpExecArray)[1] ?? '' };
}

async function bootedStation(url: string, identity: string): Promise<RpcConnection> {
  const station = await connectAsStation({ url, identity, callTimeoutMs: WAIT_MS, handshakeTimeoutMs: WAIT_MS });
  stations.push(station);
  const boot = await station.call('BootNotification', BOOT);
  expect(boot.ok, JSON.stringify(boot)).to.equal(true);
  return station;
}

/** Sends 8 kB DataTransfers until the CSMS closes the link; resolves with the close. */
async function fillUntilClosed(station: RpcConnection): Promise<{ code: number; reason: string }> {
  const closed = new Promise<{ code: number; reason: string }>((resolve) => station.once('close', ({ code, reason }) => resolve({ code, reason })));
  for (let i = 0; i < 200 && station.isOpen; i += 1) {
    await station.call('DataTransfer', { vendorId: 'disk-test', data: 'x'.repeat(8_000) });
  }
  return closed;
}

/** Every record of a journal: a station's is trace.jsonl and connections.jsonl beside it (one seq), merged; each file must end with a complete line. */
function records(file: string): JournalRecord[] {
  const files = basename(file) === 'trace.jsonl' ? [file, connectionsPathOf(file)] : [file];
  return files
    .flatMap((path) => {
      const text = readFileSync(path, 'utf8');
      expect(text.endsWith('\n'), `${path} ends with a complete line`).to.equal(true);
      return text
        .slice(0, -1)
        .split('\n')
        .map((line) => JSON.parse(line) as JournalRecord);
    })
    .sort((a, b) => a.seq - b.seq);
}

function temporaries(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.includes('.tmp-'));
}

/** Journal locks left behind: an empty one (its owner could not be written) would refuse that station for ever. */
function locks(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.lock'));
}

describe('ocpp-audit run on a full disk (end to end)', function () {
  this.timeout(120_000);

  afterEach(async () => {
    for (const station of stations.splice(0)) station.terminate();
    await killRunning(children);
    for (const dir of mounts.splice(0)) execFileSync('umount', [dir]);
    for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("one station's journal fills its disk: that session ends with the reason recorded, the other station is still served, no torn line, exit 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-disk-'));
    tempDirs.push(dir);
    const outDir = join(dir, 'out');
    const how = smallDisk(join(outDir, 'FULL-A'), true);
    const { cli, url } = await startRun(outDir);
    const other = await bootedStation(url, 'OK-B');
    const filler = await bootedStation(url, 'FULL-A');

    const close = await fillUntilClosed(filler);
    expect(close.code, `${how}: ${cli.stdout}`).to.equal(1011);
    await cli.waitForStdout(/FULL-A: session ended: its evidence cannot be written .*no space left on device/i);

    // The process lives on and serves the other station.
    const heartbeat = await other.call('Heartbeat', {});
    expect(heartbeat.ok, JSON.stringify(heartbeat)).to.equal(true);

    const exit = await cli.interrupt();
    expect(exit, cli.stderr).to.deep.equal({ code: 1, signal: null });
    expect(cli.stderr).to.match(/^ocpp-audit: the evidence of FULL-A \(ENOSPC\) could not be written/m);
    expect(cli.stderr).to.not.match(/internal error|at .*\.js:\d+/);

    const server = records(join(outDir, 'server-events.jsonl')) as ConnectionRecord[];
    const failed = server.find((r) => r.event === 'journal-failed');
    expect(failed?.details).to.include({ identity: 'FULL-A', code: 'ENOSPC' });
    const otherJournal = records(join(outDir, 'OK-B', 'trace.jsonl'));
    expect(otherJournal.some((r) => r.record === 'frame' && r.action === 'Heartbeat')).to.equal(true);
    if (how === 'tmpfs') {
      // Every record that reached the disk is whole, and seq has no gap.
      const full = records(join(outDir, 'FULL-A', 'trace.jsonl'));
      expect(full.map((r) => r.seq)).to.deep.equal(full.map((_r, i) => i + 1));
      expect(full.length).to.be.greaterThan(3);
    }
    expect(temporaries(outDir)).to.deep.equal([]);
  });

  it("observe: one station's journal day fills its disk: that session ends, said on stderr, the other station is still served and indexed, exit 1 at the end", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-disk-'));
    tempDirs.push(dir);
    const outDir = join(dir, 'out');
    mkdirSync(outDir);
    // The station's folder (its days/ and plan state) on a 64 KiB tmpfs; only a real full disk shows how the days' files fill.
    smallDisk(join(outDir, 'FULL-A'), false);
    const cli = new CliProcess(['observe', '--host', '127.0.0.1', '--port', '0', '--out', outDir, '--report-window', '2', '--status-interval', '0'], childEnv());
    children.push(cli);
    const [, url] = (await cli.waitForStdout(/CSMS listening on (ws:\/\/127\.0\.0\.1:\d+\/ocpp\/) /)) as unknown as [string, string];
    const other = await bootedStation(url, 'OK-B');
    const filler = await bootedStation(url, 'FULL-A');
    const close = await fillUntilClosed(filler);
    expect(close.code, cli.stdout).to.equal(1011);
    const heartbeat = await other.call('Heartbeat', {});
    expect(heartbeat.ok, JSON.stringify(heartbeat)).to.equal(true);
    const exit = await cli.interrupt();
    expect(exit, cli.stderr).to.deep.equal({ code: 1, signal: null });
    expect(cli.stderr).to.match(/^ocpp-audit: FULL-A: the journal cannot be written \(ENOSPC: /m);
    expect(cli.stderr).to.match(/^ocpp-audit: the journals of FULL-A \(ENOSPC\) could not be written; those sessions were ended, the other stations were observed$/m);
    expect(cli.stderr).to.not.match(/internal error|at .*\.js:\d+/);
    expect(cli.stdout).to.match(/store: \d+ record\(s\) indexed/);
  });

  it('an --out where nothing can be written any more: the run stops by itself with one line and exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-disk-'));
    tempDirs.push(dir);
    const outDir = join(dir, 'out');
    smallDisk(outDir, false);
    const { cli, url } = await startRun(outDir);
    // Something else takes the last byte of the disk while the CSMS runs.
    expect(() => writeFileSync(join(outDir, 'filler'), Buffer.alloc(128 * 1024))).to.throw(/ENOSPC/);
    // Stations keep coming; each is refused (1011) and the refusal recorded, until server-events.jsonl cannot take that either.
    for (let i = 0; i < 100 && !cli.exit; i += 1) {
      const refused = await connectAsStation({ url, identity: `LATE-${i}`, callTimeoutMs: WAIT_MS, handshakeTimeoutMs: WAIT_MS }).then(
        (station) => new Promise<number>((resolve) => station.once('close', ({ code }) => resolve(code))),
        () => 0,
      );
      if (!cli.exit) expect(refused, cli.stdout).to.be.oneOf([1011, 1001, 0]);
    }
    await cli.waitForStdout(/LATE-0: session ended: its evidence cannot be written to .*LATE-0\/trace\.jsonl \(.*ENOSPC: no space left on device/);
    const exit = await cli.waitForExit(WAIT_MS * 2);
    expect(exit, cli.stdout + cli.stderr).to.deep.equal({ code: 1, signal: null });
    expect(cli.stderr.trim().split('\n')).to.have.length(1);
    expect(cli.stderr).to.match(/^ocpp-audit: .*out: the evidence could not be written \(.*no space left on device.*\); the run was stopped$/im);
    const server = readFileSync(join(outDir, 'server-events.jsonl'), 'utf8');
    expect(server.endsWith('\n')).to.equal(true);
    for (const line of server.slice(0, -1).split('\n')) JSON.parse(line);
    expect(temporaries(outDir)).to.deep.equal([]);
    expect(locks(outDir)).to.deep.equal([]);
  });

  it('a torn last line is cut when the next run opens the same --out: recorded with its length, seq continues', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-torn-'));
    tempDirs.push(dir);
    const outDir = join(dir, 'out');
    const first = await startRun(outDir);
    const station = await bootedStation(first.url, 'TORN');
    await station.call('Heartbeat', {});
    station.terminate();
    await first.cli.waitForStdout(/TORN disconnected/);
    first.cli.child.kill('SIGKILL');
    await first.cli.exited;
    // What a crash in the middle of a write leaves: the start of a record, no newline.
    const journal = join(outDir, 'TORN', 'trace.jsonl');
    const before = records(journal);
    const torn = '{"schemaVersion":"1.1","record":"frame","seq":';
    writeFileSync(journal, torn, { flag: 'a' });

    const second = await startRun(outDir);
    const again = await bootedStation(second.url, 'TORN');
    await again.call('Heartbeat', {});
    const exit = await second.cli.interrupt();
    expect(exit, second.cli.stderr).to.deep.equal({ code: 0, signal: null });

    const after = records(journal);
    expect(after.slice(0, before.length)).to.deep.equal(before);
    expect(after.map((r) => r.seq)).to.deep.equal(after.map((_r, i) => i + 1));
    const repaired = after[before.length] as ConnectionRecord;
    expect(repaired.event).to.equal('journal-repaired');
    expect(repaired.details).to.include({ file: 'trace.jsonl', cutBytes: Buffer.byteLength(torn), lastCompleteSeq: before.length });
    expect((after[before.length + 1] as ConnectionRecord).event).to.equal('journal-open');
  });
});
