/**
 * Daily journal rotation with real files and a real kill -9 (issue 16: "the journal (trace.jsonl,
 * rotated daily, each day with its SHA-256) stays the complete record"; `kill -9` loses at most
 * the frame in flight). A process writes a station's day and is killed mid-record; the next
 * process, on the next day, repairs and seals that day and continues the seq; the store indexes
 * both days, from the listeners as they are written and from the journals on disk alike.
 */
import { expect } from 'chai';
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Journal } from '../../src/evidence/journal.js';
import { listJournalDays } from '../../src/evidence/journal-days.js';
import { readJournalRecords } from '../../src/evidence/journal-files.js';
import type { ConnectionRecord, JournalRecord } from '../../src/evidence/journal-record.js';
import { findJournals, ingestJournals } from '../../src/observe/store/ingest-journals.js';
import { SqliteStore } from '../../src/observe/store/sqlite-store.js';
import type { ObservationStore } from '../../src/observe/store/store.js';
import { Csms } from '../../src/session/csms.js';
import { JournalLock } from '../../src/session/journal-lock.js';
import { BOOT_PAYLOAD, closeAndWait, connectStation, readJournal, startCsms } from '../helpers/csms-fixture.js';
import type { WriterOrder } from '../helpers/rotated-journal-writer.js';

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Writes a rotated journal in another process and kills it (SIGKILL) once it has written. */
async function writeThenKill(order: WriterOrder): Promise<void> {
  const child = fork(fileURLToPath(new URL('../helpers/rotated-journal-writer.ts', import.meta.url)), [JSON.stringify(order)], { execArgv: ['--import', 'tsx'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the journal writer exited (${code})`)));
  });
  child.kill('SIGKILL');
  expect(await exited).to.equal('SIGKILL');
}

async function indexOf(store: ObservationStore): Promise<unknown> {
  return { stations: await store.stations(), connections: await store.connections(), messages: await store.messages(), statuses: await store.statuses() };
}

describe('daily journal rotation across a kill -9, indexed by the store (integration)', function () {
  this.timeout(120_000);
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'journal-rotation-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('repairs and seals the day a killed process left, continues its seq on the next day, and both days are found and ingested', async () => {
    const out = join(root, 'out');
    const path = join(out, 'KILLED_1', 'trace.jsonl');
    const yesterday = join(out, 'KILLED_1', 'days', '2026-03-01', 'trace.jsonl');
    const today = join(out, 'KILLED_1', 'days', '2026-03-02', 'trace.jsonl');
    await writeThenKill({
      path,
      identity: 'KILLED/1',
      now: '2026-03-01T23:58:00.000Z',
      frames: [JSON.stringify([2, 'b1', 'BootNotification', BOOT_PAYLOAD]), JSON.stringify([2, 's1', 'StatusNotification', { timestamp: '2026-03-01T23:58:00Z', connectorStatus: 'Available', evseId: 1, connectorId: 1 }])],
      torn: '{"schemaVersion":"1.2","record":"frame","seq":4,"timestamp":"2026-03-01T23:59:',
    });
    // Killed: the day has no SHA-256, and no live session holds it any more.
    expect(existsSync(`${yesterday}.sha256`)).to.equal(false);
    expect((await listJournalDays(out)).map((d) => [d.station, d.day, d.state])).to.deep.equal([['KILLED/1', '2026-03-01', 'unhashed']]);

    // The restarted process, after midnight: the stale lock is taken over, the journal opened on the new day.
    const lock = JournalLock.acquire(path, 'KILLED/1');
    const journal = Journal.open(path, 'KILLED/1', { rotation: 'daily', now: () => new Date('2026-03-02T00:01:00.000Z') });
    const live = new Map<string, JournalRecord[]>();
    journal.onRecord((record, tracePath) => {
      const key = relative(out, tracePath).split(sep).join('/');
      live.set(key, [...(live.get(key) ?? []), record]);
    });
    const records = readJournalRecords(today);
    expect(records.map((r) => r.seq)).to.deep.equal([4, 5]);
    expect((records[0] as ConnectionRecord).details).to.deep.include({ day: '2026-03-02', previousDay: '2026-03-01', lastSeqOfPreviousDay: 3 });
    expect(records[1]).to.deep.include({ event: 'journal-repaired' });
    expect(readFileSync(yesterday, 'utf8').endsWith('}\n')).to.equal(true);
    journal.appendFrame({ direction: 'cp-to-csms', at: new Date('2026-03-02T00:01:00.000Z'), monotonicMs: 0, raw: '[2,"h1","Heartbeat",{}]', messageType: 'CALL', messageTypeId: 2, messageId: 'h1', action: 'Heartbeat', payload: {}, findings: [] }, 1);
    await journal.daysSealed();
    expect(readFileSync(`${yesterday}.sha256`, 'utf8')).to.equal(`${sha256(yesterday)}  trace.jsonl\n`);
    expect((await listJournalDays(out)).map((d) => [d.day, d.state])).to.deep.equal([
      ['2026-03-01', 'verified'],
      ['2026-03-02', 'open'],
    ]);
    await journal.close();
    lock.release();
    expect((await listJournalDays(out)).map((d) => [d.day, d.state])).to.deep.equal([
      ['2026-03-01', 'verified'],
      ['2026-03-02', 'verified'],
    ]);

    // Every day is a journal of its own to the store, and the seq runs on across them.
    expect(findJournals(out)).to.deep.equal(['KILLED_1/days/2026-03-01/trace.jsonl', 'KILLED_1/days/2026-03-02/trace.jsonl']);
    const rebuilt = new SqliteStore(join(root, 'rebuilt.sqlite'));
    const fed = new SqliteStore(join(root, 'fed.sqlite'));
    try {
      await rebuilt.migrate();
      const ingested = await ingestJournals(rebuilt, out);
      expect(ingested.map((i) => [i.journal, i.records])).to.deep.equal([
        ['KILLED_1/days/2026-03-01/trace.jsonl', 3],
        ['KILLED_1/days/2026-03-02/trace.jsonl', 3],
      ]);
      expect(await rebuilt.lastSeq('KILLED_1/days/2026-03-01/trace.jsonl')).to.equal(3);
      expect(await rebuilt.lastSeq('KILLED_1/days/2026-03-02/trace.jsonl')).to.equal(6);
      expect((await rebuilt.stations()).map((s) => [s.identity, s.vendor])).to.deep.equal([['KILLED/1', 'TestVendor']]);
      expect((await rebuilt.statuses()).length).to.equal(1);

      // Fed live: what was on disk when the listener was attached (the killed process's day, and
      // the records Journal.open wrote), then what the listener saw under the names it was given.
      await fed.migrate();
      await fed.ingest('KILLED_1/days/2026-03-01/trace.jsonl', readJournalRecords(yesterday));
      await fed.ingest('KILLED_1/days/2026-03-02/trace.jsonl', records);
      expect([...live.keys()]).to.deep.equal(['KILLED_1/days/2026-03-02/trace.jsonl']);
      for (const [name, list] of live) await fed.ingest(name, list);
      expect(await indexOf(fed)).to.deep.equal(await indexOf(rebuilt));
    } finally {
      await rebuilt.close();
      await fed.close();
    }
  });

  it('a CSMS started with journalRotation writes each station\'s journal by day and seals the day on close', async () => {
    const csms: Csms = await startCsms({ journalRotation: 'daily' });
    const out = csms.options.outDir;
    let closed = false;
    try {
      const { station, session } = await connectStation(csms, 'ROT-1');
      const day = session.journal.day;
      expect(day).to.match(/^\d{4}-\d{2}-\d{2}$/);
      expect(session.journal.path).to.equal(join(out, 'ROT-1', 'days', day ?? '', 'trace.jsonl'));
      expect(readJournal(session.journal.path).some((r) => r.record === 'frame' && r.action === 'BootNotification')).to.equal(true);
      await closeAndWait(station);
      await csms.close();
      closed = true;
      expect(existsSync(join(out, 'ROT-1', 'trace.jsonl'))).to.equal(false);
      const days = await listJournalDays(out);
      expect(days.length).to.be.at.least(1);
      expect(days.map((d) => [d.station, d.state])).to.deep.include(['ROT-1', 'verified']);
      expect(days.every((d) => d.state === 'verified')).to.equal(true);
    } finally {
      if (!closed) await csms.close();
      rmSync(out, { recursive: true, force: true });
    }
  });
});
