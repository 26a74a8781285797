import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJournalExcerpt } from '../../../src/report/read-journal.js';

const directory = mkdtempSync(join(tmpdir(), 'read-journal-'));

function journal(name: string, records: number, tail = ''): string {
  const file = join(directory, name);
  // Frames of a few KB each, so the file spans several of the reader's 1 MB chunks.
  const payload = 'x'.repeat(3000);
  const lines = Array.from({ length: records }, (_, i) => JSON.stringify({ seq: i + 1, timestamp: '2026-11-24T05:00:00.000Z', record: 'frame', direction: 'cp-to-csms', raw: `[2,"m${i + 1}","DataTransfer",{"data":"${payload}"}]`, payload: { data: payload } }));
  writeFileSync(file, `${lines.join('\n')}\n${tail}`);
  return file;
}

describe('readJournalExcerpt', () => {
  it('parses the first records only and counts all of them, across chunk boundaries', () => {
    const excerpt = readJournalExcerpt(journal('long.jsonl', 1500), 400)!;
    expect(excerpt.total).to.equal(1500);
    expect(excerpt.records.map((r) => r.seq)).to.deep.equal(Array.from({ length: 400 }, (_, i) => i + 1));
    expect(excerpt.records[399]).to.have.keys(['seq', 'timestamp', 'record', 'direction', 'event', 'raw']);
    expect(excerpt.records[399]?.raw).to.match(/^\[2,"m400","DataTransfer",/);
  });

  it('also holds the records the findings cite, wherever they are, and still counts all (issue 15 item 7)', () => {
    const excerpt = readJournalExcerpt(journal('cited.jsonl', 1500), 400, new Set([3, 1234, 1500, 9999]))!;
    expect(excerpt.total).to.equal(1500);
    const seqs = excerpt.records.map((r) => r.seq);
    expect(seqs.slice(0, 400)).to.deep.equal(Array.from({ length: 400 }, (_, i) => i + 1));
    expect(seqs.slice(400)).to.deep.equal([1234, 1500]);
    expect(excerpt.records.at(-1)?.raw).to.match(/^\[2,"m1500","DataTransfer",/);
  });

  it('shows every record of a short journal', () => {
    const excerpt = readJournalExcerpt(journal('short.jsonl', 3), 400)!;
    expect(excerpt).to.deep.include({ total: 3 });
    expect(excerpt.records.map((r) => r.seq)).to.deep.equal([1, 2, 3]);
  });

  it('skips a line torn by a crash', () => {
    const excerpt = readJournalExcerpt(journal('torn.jsonl', 3, '{"seq":4,"timest'), 400)!;
    expect(excerpt.records.map((r) => r.seq)).to.deep.equal([1, 2, 3]);
    expect(excerpt.total).to.equal(3);
  });

  it('is undefined when the journal is not at hand', () => {
    expect(readJournalExcerpt(join(directory, 'missing.jsonl'))).to.equal(undefined);
  });
});
