/**
 * End to end (the real CLI, `npm run build` first): two stations never share an evidence folder,
 * and a journal is written by one live session only, even with two `run` processes on one --out.
 */
import { expect } from 'chai';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JournalRecord } from '../../src/evidence/journal-record.js';
import { readJournal } from '../helpers/csms-fixture.js';
import { childEnv, CliProcess, killRunning } from '../helpers/cli-process.js';
import { RawClient } from '../helpers/raw-client.js';

const BOOT = { reason: 'PowerUp', chargingStation: { vendorName: 'IdVendor', model: 'IdModel' } };

describe('station identities and evidence folders (end to end)', function () {
  this.timeout(90_000);
  const children: CliProcess[] = [];
  const clients: RawClient[] = [];
  const dirs: string[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) client.socket.terminate();
    await killRunning(children);
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function startRun(outDir: string): Promise<{ cli: CliProcess; url: string }> {
    const cli = new CliProcess(['run', '--record-only', '--host', '127.0.0.1', '--port', '0', '--out', outDir], childEnv());
    children.push(cli);
    const match = await cli.waitForStdout(/^CSMS listening on (ws:\/\/127\.0\.0\.1:\d+\/ocpp\/) /m);
    return { cli, url: match[1] ?? "" };
  }

  async function bootAs(url: string, identity: string, messageId: string): Promise<RawClient> {
    const client = await RawClient.connect(`${url}${encodeURIComponent(identity)}`);
    clients.push(client);
    client.send(JSON.stringify([2, messageId, 'BootNotification', BOOT]));
    const answer = (await client.next(15_000)) as unknown[];
    expect(answer.slice(0, 2)).to.deep.equal([3, messageId]);
    return client;
  }

  function journals(outDir: string): Map<string, JournalRecord[]> {
    const byFolder = new Map<string, JournalRecord[]>();
    for (const entry of readdirSync(outDir, { withFileTypes: true })) {
      if (entry.isDirectory()) byFolder.set(entry.name, readJournal(join(outDir, entry.name, 'trace.jsonl')));
    }
    return byFolder;
  }

  it('gives "x!" and "x_-4038e65d" (the folder name "x!" used to get) a folder each, none starting with "-"', async () => {
    const outDir = join(mkdtempSync(join(tmpdir(), 'ocpp-audit-ids-')), 'out');
    dirs.push(join(outDir, '..'));
    const { cli, url } = await startRun(outDir);
    for (const [identity, id] of [['x!', 'odd-1'], ['x_-4038e65d', 'plain-1'], ['-rf', 'dash-1']] as const) await bootAs(url, identity, id);
    expect(await cli.interrupt(), cli.stderr).to.deep.equal({ code: 0, signal: null });

    const byFolder = journals(outDir);
    expect(byFolder.size, [...byFolder.keys()].join(', ')).to.equal(3);
    for (const [folder, records] of byFolder) {
      expect(folder, 'a folder name no command takes for an option').to.not.match(/^-/);
      const owners = new Set(records.map((r) => r.chargePointId));
      expect([...owners], `${folder} holds one station's journal`).to.have.length(1);
      const seqs = records.map((r) => r.seq);
      expect(seqs, `${folder}: seq 1, 2, 3… once each`).to.deep.equal(seqs.map((_s, i) => i + 1));
    }
    expect(byFolder.get('x_-4038e65d')?.[0]?.chargePointId).to.equal('x_-4038e65d');
    expect(readdirSync(join(outDir, 'x_-4038e65d')).sort()).to.deep.equal(['connections.jsonl', 'connections.jsonl.sha256', 'trace.jsonl', 'trace.jsonl.sha256']);
  });

  it('refuses a station whose journal another live run holds on the same --out, and records why', async () => {
    const outDir = join(mkdtempSync(join(tmpdir(), 'ocpp-audit-ids-')), 'out');
    dirs.push(join(outDir, '..'));
    const first = await startRun(outDir);
    const second = await startRun(outDir);
    await bootAs(first.url, 'CS-SHARED', 'first-1');

    const intruder = await RawClient.connect(`${second.url}CS-SHARED`);
    clients.push(intruder);
    const closed = await new Promise<number | string>((resolve) => {
      const timer = setTimeout(() => resolve('still open after 15 s'), 15_000);
      intruder.socket.once('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect(closed).to.equal(1013);
    await second.cli.waitForStdout(/refused CS-SHARED from 127\.0\.0\.1: closed journal-unavailable \(.*being written by process \d+/);

    expect(await second.cli.interrupt(), second.cli.stderr).to.deep.equal({ code: 0, signal: null });
    expect(await first.cli.interrupt(), first.cli.stderr).to.deep.equal({ code: 0, signal: null });

    const records = readJournal(join(outDir, 'CS-SHARED', 'trace.jsonl'));
    const opens = records.filter((r) => r.record === 'connection' && r.event === 'journal-open');
    expect(opens, 'one session opened the journal').to.have.length(1);
    expect(records.map((r) => r.seq)).to.deep.equal(records.map((_r, i) => i + 1));
    const refusals = readJournal(join(outDir, 'server-events.jsonl')).filter((r) => r.record === 'connection' && r.event === 'rejected');
    expect(refusals.map((r) => (r.record === 'connection' ? r.details['reason'] : undefined))).to.include('journal-unavailable');
    expect(readdirSync(join(outDir, 'CS-SHARED')).sort(), 'the lock is gone after the run').to.deep.equal(['connections.jsonl', 'connections.jsonl.sha256', 'trace.jsonl', 'trace.jsonl.sha256']);
  });
});
