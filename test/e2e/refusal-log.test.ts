/**
 * End-to-end: what `ocpp-audit run` records of refused connections (issue 14 items 2 and 8): a
 * flood of refusals from one address is summarised instead of filling server-events.jsonl, and
 * the 431 node's HTTP parser gives a 100k-character path is recorded like every other refusal.
 * Run `npm run build` first.
 */
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionRecord } from '../../src/evidence/journal-record.js';
import { REFUSALS_IN_FULL } from '../../src/session/refusal-log.js';
import { childEnv, CliProcess, killRunning } from '../helpers/cli-process.js';

const children: CliProcess[] = [];
const tempDirs: string[] = [];

async function startRun(): Promise<{ cli: CliProcess; port: number; outDir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-refusals-'));
  tempDirs.push(dir);
  const outDir = join(dir, 'out');
  const cli = new CliProcess(['run', '--record-only', '--host', '127.0.0.1', '--port', '0', '--out', outDir], childEnv());
  children.push(cli);
  await cli.waitForStdout(/\n/);
  const match = /^CSMS listening on ws:\/\/127\.0\.0\.1:(\d+)\/ocpp\/ /.exec(cli.stdoutLines[0] ?? '');
  expect(match, cli.stdout).to.not.equal(null);
  return { cli, port: Number((match as RegExpExecArray)[1]), outDir };
}

/** A WebSocket upgrade request to `path`; resolves with the HTTP status of the refusal. */
function upgrade(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path,
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': randomBytes(16).toString('base64'), 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Protocol': 'ocpp2.0.1' },
    });
    req.once('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end();
  });
}

function serverEvents(outDir: string): ConnectionRecord[] {
  const text = readFileSync(join(outDir, 'server-events.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ConnectionRecord);
}

describe('ocpp-audit run: the log of refused connections (end to end)', function () {
  this.timeout(90_000);

  afterEach(async () => {
    await killRunning(children);
    for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it(`300 refusals from one address: the first ${REFUSALS_IN_FULL} in full, the rest one summary line with the count`, async () => {
    const { cli, port, outDir } = await startRun();
    for (let i = 0; i < 300; i += 1) expect(await upgrade(port, `/not-ocpp/x${i}`)).to.equal(404);
    expect(await cli.interrupt(), cli.stderr).to.deep.equal({ code: 0, signal: null });
    const events = serverEvents(outDir);
    const rejected = events.filter((r) => r.event === 'rejected');
    expect(rejected).to.have.length(REFUSALS_IN_FULL);
    const summaries = events.filter((r) => r.event === 'refusals-summarised');
    expect(summaries.map((r) => r.details)).to.deep.equal([{ remoteAddress: '127.0.0.1', notLogged: 300 - REFUSALS_IN_FULL, reasons: { 'unknown-path': 300 - REFUSALS_IN_FULL }, windowS: 60 }]);
    expect(cli.stdout).to.match(new RegExp(`refused ${300 - REFUSALS_IN_FULL} more connection\\(s\\) from 127\\.0\\.0\\.1 within 60 s`));
  });

  it('a 100,000-character path: answered 431 and recorded in server-events.jsonl', async () => {
    const { cli, port, outDir } = await startRun();
    expect(await upgrade(port, `/ocpp/${'a'.repeat(100_000)}`)).to.equal(431);
    await cli.waitForStdout(/refused a connection from 127\.0\.0\.1: HTTP 431 headers-too-large/);
    expect(await cli.interrupt(), cli.stderr).to.deep.equal({ code: 0, signal: null });
    const refusal = serverEvents(outDir).find((r) => r.event === 'rejected');
    expect(refusal?.details).to.include({ remoteAddress: '127.0.0.1', status: 431, reason: 'headers-too-large' });
  });
});
