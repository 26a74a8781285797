import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '../../../src/evidence/journal.js';
import { readJournalRecords } from '../../../src/evidence/journal-files.js';
import type { ConnectionRecord, JournalRecord } from '../../../src/evidence/journal-record.js';
import type { FrameEvent } from '../../../src/ocpp/frame-event.js';

function heartbeat(id: string): FrameEvent {
  return {
    direction: 'cp-to-csms',
    at: new Date('2026-03-01T23:59:59.000Z'),
    monotonicMs: 1,
    raw: `[2,"${id}","Heartbeat",{}]`,
    messageType: 'CALL',
    messageTypeId: 2,
    messageId: id,
    action: 'Heartbeat',
    payload: {},
    validation: { valid: true, schema: 'HeartbeatRequest' },
    findings: [],
  };
}

/** A clock the test moves by hand. */
function clock(start: string): { now: () => Date; set(iso: string): void } {
  let current = new Date(start);
  return { now: () => current, set: (iso) => (current = new Date(iso)) };
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const opens = (records: JournalRecord[]): ConnectionRecord[] => records.filter((r): r is ConnectionRecord => r.record === 'connection' && r.event === 'journal-open');

describe('Journal rotated by UTC day (observe, issue 16)', () => {
  let dir: string;
  let path: string;
  const day = (d: string): string => join(dir, 'CS-1', 'days', d, 'trace.jsonl');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'journal-days-'));
    path = join(dir, 'CS-1', 'trace.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('crosses midnight by its clock: the day before sealed with its SHA-256, the new day opened, seq continuing', async () => {
    const time = clock('2026-03-01T23:59:58.000Z');
    const journal = Journal.open(path, 'CS-1', { rotation: 'daily', now: time.now });
    const seen: Array<[number, string]> = [];
    journal.onRecord((record, tracePath) => seen.push([record.seq, tracePath]));
    expect(journal.path).to.equal(day('2026-03-01'));
    expect(journal.day).to.equal('2026-03-01');
    journal.appendFrame(heartbeat('a'), 1);
    time.set('2026-03-02T00:00:00.001Z');
    journal.appendFrame(heartbeat('b'), 1);
    journal.appendConnectionEvent('close', { code: 1000 }, 1);

    expect(readdirSync(join(dir, 'CS-1', 'days'))).to.deep.equal(['2026-03-01', '2026-03-02']);
    expect(journal.path).to.equal(day('2026-03-02'));
    const first = readJournalRecords(day('2026-03-01'));
    const second = readJournalRecords(day('2026-03-02'));
    expect(first.map((r) => r.seq)).to.deep.equal([1, 2]);
    expect(second.map((r) => r.seq)).to.deep.equal([3, 4, 5]);
    // The new day's first record says where it stands: a day file reads on its own.
    expect(second[0]).to.deep.include({ record: 'connection', event: 'journal-open', timestamp: '2026-03-02T00:00:00.001Z' });
    expect((second[0] as ConnectionRecord).details).to.deep.include({ rotation: 'daily', day: '2026-03-02', previousDay: '2026-03-01', lastSeqOfPreviousDay: 2 });
    expect(second[1]).to.include({ record: 'frame', messageId: 'b' });
    // Listeners learn which day's journal each record is in (the store's key).
    expect(seen).to.deep.equal([
      [2, day('2026-03-01')],
      [3, day('2026-03-02')],
      [4, day('2026-03-02')],
      [5, day('2026-03-02')],
    ]);

    await journal.daysSealed();
    for (const file of [day('2026-03-01'), join(dir, 'CS-1', 'days', '2026-03-01', 'connections.jsonl')]) {
      expect(readFileSync(`${file}.sha256`, 'utf8')).to.equal(`${sha256(file)}  ${file.endsWith('trace.jsonl') ? 'trace.jsonl' : 'connections.jsonl'}\n`);
    }
    // The open day has no hash until it ends.
    expect(existsSync(`${day('2026-03-02')}.sha256`)).to.equal(false);
    const summary = await journal.close();
    expect(summary).to.deep.include({ path: day('2026-03-02'), records: 5, sha256: sha256(day('2026-03-02')) });
    expect(readFileSync(`${day('2026-03-02')}.sha256`, 'utf8')).to.equal(`${sha256(day('2026-03-02'))}  trace.jsonl\n`);
  });

  it('after a crash, cuts the torn last line of the unsealed day before, hashes it, and continues its seq on the new day', async () => {
    const time = clock('2026-03-01T22:00:00.000Z');
    const before = Journal.open(path, 'CS-1', { rotation: 'daily', now: time.now });
    before.appendFrame(heartbeat('a'), 1);
    before.appendFrame(heartbeat('b'), 1);
    await before.close();
    // What a kill -9 mid-write leaves: no .sha256 (the day never ended) and half a record.
    const yesterday = day('2026-03-01');
    unlinkSync(`${yesterday}.sha256`);
    unlinkSync(join(dir, 'CS-1', 'days', '2026-03-01', 'connections.jsonl.sha256'));
    const complete = readFileSync(yesterday);
    appendFileSync(yesterday, '{"schemaVersion":"1.2","record":"frame","seq":4,"timest');

    time.set('2026-03-02T06:00:00.000Z');
    const after = Journal.open(path, 'CS-1', { rotation: 'daily', now: time.now });
    expect(readFileSync(yesterday)).to.deep.equal(complete);
    const today = readJournalRecords(day('2026-03-02'));
    expect(today.map((r) => r.seq)).to.deep.equal([4, 5]);
    expect((today[0] as ConnectionRecord).details).to.deep.include({
      day: '2026-03-02',
      previousDay: '2026-03-01',
      lastSeqOfPreviousDay: 3,
      sealedLate: ['days/2026-03-01/trace.jsonl', 'days/2026-03-01/connections.jsonl'],
    });
    expect(today[1]).to.deep.include({ event: 'journal-repaired' });
    expect((today[1] as ConnectionRecord).details).to.deep.include({ file: 'days/2026-03-01/trace.jsonl', cutAtByte: complete.length, lastCompleteSeq: 3 });
    await after.daysSealed();
    expect(readFileSync(`${yesterday}.sha256`, 'utf8')).to.equal(`${sha256(yesterday)}  trace.jsonl\n`);
    after.appendFrame(heartbeat('c'), 1);
    await after.close();
    expect(readJournalRecords(day('2026-03-02')).map((r) => r.seq)).to.deep.equal([4, 5, 6]);
  });

  it('continues the same day after a restart, which is sealed again (with the records added) when it ends', async () => {
    const time = clock('2026-03-01T08:00:00.000Z');
    const first = Journal.open(path, 'CS-1', { rotation: 'daily', now: time.now });
    first.appendFrame(heartbeat('a'), 1);
    await first.close();
    expect(existsSync(`${day('2026-03-01')}.sha256`)).to.equal(true);
    time.set('2026-03-01T09:00:00.000Z');
    const second = Journal.open(path, 'CS-1', { rotation: 'daily', now: time.now });
    // It grows again: a hash of its first part would read as an alteration.
    expect(existsSync(`${day('2026-03-01')}.sha256`)).to.equal(false);
    second.appendFrame(heartbeat('b'), 1);
    await second.close();
    const records = readJournalRecords(day('2026-03-01'));
    expect(records.map((r) => r.seq)).to.deep.equal([1, 2, 3, 4]);
    expect(opens(records).map((r) => r.details['continued'])).to.deep.equal([undefined, true]);
    expect(readFileSync(`${day('2026-03-01')}.sha256`, 'utf8')).to.equal(`${sha256(day('2026-03-01'))}  trace.jsonl\n`);
  });

  it('never writes an ended day again when the clock goes back: it stays on its latest day', async () => {
    const time = clock('2026-03-02T00:00:05.000Z');
    const journal = Journal.open(path, 'CS-1', { rotation: 'daily', now: time.now });
    time.set('2026-03-01T23:59:59.000Z');
    journal.appendFrame(heartbeat('a'), 1);
    await journal.close();
    expect(readdirSync(join(dir, 'CS-1', 'days'))).to.deep.equal(['2026-03-02']);
    const reopened = Journal.open(path, 'CS-1', { rotation: 'daily', now: time.now });
    expect(reopened.day).to.equal('2026-03-02');
    await reopened.close();
  });

  it('a failure to open the new day ends the journal as a failed write does', async () => {
    const time = clock('2026-03-01T23:59:59.000Z');
    const journal = Journal.open(path, 'CS-1', { rotation: 'daily', now: time.now });
    // The new day's folder cannot be made (a file is in the way), as on a full or read-only disk.
    mkdirSync(join(dir, 'CS-1', 'days'), { recursive: true });
    writeFileSync(join(dir, 'CS-1', 'days', '2026-03-02'), '');
    const failures: string[] = [];
    journal.onFailure((failure) => failures.push(failure.code));
    time.set('2026-03-02T00:00:01.000Z');
    journal.appendFrame(heartbeat('a'), 1);
    expect(failures).to.deep.equal(['EEXIST']);
    expect(journal.failure?.code).to.equal('EEXIST');
    expect(journal.records).to.equal(1);
    await journal.close();
    // The day that ended is complete and sealed all the same.
    expect(readFileSync(`${day('2026-03-01')}.sha256`, 'utf8')).to.equal(`${sha256(day('2026-03-01'))}  trace.jsonl\n`);
  });

  it('an unrotated journal (run) does not rotate, whatever its clock says', async () => {
    const time = clock('2026-03-01T23:59:59.000Z');
    const journal = Journal.open(path, 'CS-1', { now: time.now });
    time.set('2026-03-02T00:00:01.000Z');
    journal.appendFrame(heartbeat('a'), 1);
    await journal.close();
    expect(readdirSync(join(dir, 'CS-1')).sort()).to.deep.equal(['connections.jsonl', 'connections.jsonl.sha256', 'trace.jsonl', 'trace.jsonl.sha256']);
    expect(readJournalRecords(path).map((r) => r.seq)).to.deep.equal([1, 2]);
  });
});
