import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '../../../src/evidence/journal.js';
import { listJournalDays, verifyCommand, VERIFY_ALL_DAYS_COMMAND, type JournalDay } from '../../../src/evidence/journal-days.js';

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Writes a rotated journal with one record a day on each of `days` (midday UTC), ending it unless told to keep the last day open. */
async function journalOver(path: string, identity: string, days: readonly string[], options: { leaveOpen?: boolean } = {}): Promise<Journal> {
  let now = new Date(`${days[0]}T12:00:00.000Z`);
  const journal = Journal.open(path, identity, { rotation: 'daily', now: () => now });
  for (const day of days) {
    now = new Date(`${day}T12:00:00.000Z`);
    journal.appendConnectionEvent('pong-missing', { missed: 1 }, 1);
  }
  await journal.daysSealed();
  if (!options.leaveOpen) await journal.close();
  return journal;
}

const states = (days: JournalDay[]): Array<[string, string, string, string[]]> =>
  days.map((d) => [d.station ?? '?', d.day, d.state, d.files.map((f) => `${f.path.split('/').at(-1)}:${f.state}`)]);

describe('listJournalDays: the integrity of every journal day (issue 16)', () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'journal-days-list-'));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it('lists each station and day with the recorded and recomputed SHA-256: verified, altered, unhashed, open', async () => {
    // The folder name is not the identity (a station's folder is a safe form of it): the records say.
    await journalOver(join(out, 'CS_1', 'trace.jsonl'), 'CS/1', ['2026-03-01', '2026-03-02', '2026-03-03']);
    const open = await journalOver(join(out, 'site', 'CS-2', 'trace.jsonl'), 'CS-2', ['2026-03-02', '2026-03-03'], { leaveOpen: true });
    // A session holds CS-2's journal (session/journal-lock.ts writes this file).
    writeFileSync(join(out, 'site', 'CS-2', 'trace.jsonl.lock'), `${JSON.stringify({ pid: process.pid, host: hostname(), identity: 'CS-2', since: '' })}\n`);
    // One byte of CS/1's second day altered; its third day's hashes removed.
    const altered = join(out, 'CS_1', 'days', '2026-03-02', 'connections.jsonl');
    const bytes = readFileSync(altered);
    bytes[bytes.indexOf('"missed":1') + 9] = '2'.charCodeAt(0);
    writeFileSync(altered, bytes);
    unlinkSync(join(out, 'CS_1', 'days', '2026-03-03', 'trace.jsonl.sha256'));
    unlinkSync(join(out, 'CS_1', 'days', '2026-03-03', 'connections.jsonl.sha256'));

    const days = await listJournalDays(out);
    expect(states(days)).to.deep.equal([
      ['CS/1', '2026-03-01', 'verified', ['trace.jsonl:verified', 'connections.jsonl:verified']],
      ['CS/1', '2026-03-02', 'altered', ['trace.jsonl:verified', 'connections.jsonl:altered']],
      // The latest day, but no session writes it: its hash was lost, not yet to come.
      ['CS/1', '2026-03-03', 'unhashed', ['trace.jsonl:unhashed', 'connections.jsonl:unhashed']],
      ['CS-2', '2026-03-02', 'verified', ['trace.jsonl:verified', 'connections.jsonl:verified']],
      ['CS-2', '2026-03-03', 'open', ['trace.jsonl:open', 'connections.jsonl:open']],
    ]);
    const second = days[1];
    expect(second).to.deep.include({ stationDir: 'CS_1', dir: 'CS_1/days/2026-03-02' });
    const changed = second.files[1];
    expect(changed.path).to.equal('CS_1/days/2026-03-02/connections.jsonl');
    expect(changed.sha256).to.equal(sha256(altered));
    expect(changed.recordedSha256).to.equal(readFileSync(`${altered}.sha256`, 'utf8').slice(0, 64));
    expect(changed.recordedSha256).not.to.equal(changed.sha256);
    expect(days[2].files[0]).not.to.have.property('recordedSha256');
    expect(days[0].files[0]).to.deep.include({ bytes: readFileSync(join(out, 'CS_1', 'days', '2026-03-01', 'trace.jsonl')).length });
    await open.close();
  });

  it('a lock left by a process that is gone (kill -9) does not keep a day open', async () => {
    await journalOver(join(out, 'CS-3', 'trace.jsonl'), 'CS-3', ['2026-03-01']);
    unlinkSync(join(out, 'CS-3', 'days', '2026-03-01', 'trace.jsonl.sha256'));
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(out, 'CS-3', 'trace.jsonl.lock'), JSON.stringify({ pid: Number(gone.stdout), host: hostname(), identity: 'CS-3', since: '' }));
    expect(states(await listJournalDays(out))).to.deep.equal([['CS-3', '2026-03-01', 'unhashed', ['trace.jsonl:unhashed', 'connections.jsonl:verified']]]);
  });

  it('a file gone, or a .sha256 that names another file, reads as altered', async () => {
    await journalOver(join(out, 'CS-4', 'trace.jsonl'), 'CS-4', ['2026-03-01']);
    const dayDir = join(out, 'CS-4', 'days', '2026-03-01');
    unlinkSync(join(dayDir, 'trace.jsonl'));
    const recorded = readFileSync(join(dayDir, 'connections.jsonl.sha256'), 'utf8');
    writeFileSync(join(dayDir, 'connections.jsonl.sha256'), recorded.replace('connections.jsonl', 'other.jsonl'));
    const [day] = await listJournalDays(out);
    expect(day?.files.map((f) => [f.state, f.sha256 === undefined, f.recordedSha256 === undefined])).to.deep.equal([
      ['altered', true, false],
      ['altered', false, true],
    ]);
    // No record left to name the station by: the connections file's first line still does.
    expect(day?.station).to.equal('CS-4');
  });

  it('gives the sha256sum -c commands that check a day and every day, and they agree with the states', async () => {
    await journalOver(join(out, "it's 5", 'trace.jsonl'), 'CS-5', ['2026-03-01', '2026-03-02']);
    const days = await listJournalDays(out);
    expect(days.map((d) => d.state)).to.deep.equal(['verified', 'verified']);
    const command = verifyCommand(days[0]);
    expect(command).to.equal(`(cd 'it'\\''s 5/days/2026-03-01' && sha256sum -c trace.jsonl.sha256 connections.jsonl.sha256)`);
    expect(execFileSync('sh', ['-c', command!], { cwd: out, encoding: 'utf8' })).to.equal('trace.jsonl: OK\nconnections.jsonl: OK\n');
    expect(spawnSync('sh', ['-c', VERIFY_ALL_DAYS_COMMAND], { cwd: out }).status).to.equal(0);

    const file = join(out, "it's 5", 'days', '2026-03-02', 'connections.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"missed":1', '"missed":0'));
    expect((await listJournalDays(out)).map((d) => d.state)).to.deep.equal(['verified', 'altered']);
    expect(spawnSync('sh', ['-c', verifyCommand(days[1])!], { cwd: out }).status).not.to.equal(0);
    expect(spawnSync('sh', ['-c', VERIFY_ALL_DAYS_COMMAND], { cwd: out }).status).not.to.equal(0);
  });
});
