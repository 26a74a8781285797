import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTraceRecord } from '../../../src/evidence/journal-files.js';
import type { JournalRecord } from '../../../src/evidence/journal-record.js';
import { findJournals, ingestJournals } from '../../../src/observe/store/ingest-journals.js';
import { SqliteStore } from '../../../src/observe/store/sqlite-store.js';
import { auditedJournal, dump } from './store-contract.js';

/** A journal as the session writes it: the frames in trace.jsonl, the connection events beside it. */
function writeJournal(dir: string, records: readonly JournalRecord[], tornLine = ''): void {
  mkdirSync(dir, { recursive: true });
  const lines = (list: readonly JournalRecord[]): string => list.map((r) => `${JSON.stringify(r)}\n`).join('');
  writeFileSync(join(dir, 'trace.jsonl'), lines(records.filter(isTraceRecord)) + tornLine);
  writeFileSync(join(dir, 'connections.jsonl'), lines(records.filter((r) => !isTraceRecord(r))));
}

describe('store rebuild from the journals under an output directory (issue 16)', function () {
  this.timeout(120_000);
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'pilot-rebuild-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('indexes every station\'s journal, connection events included, and a second rebuild changes nothing', async () => {
    const records = await auditedJournal();
    const out = join(root, 'out');
    writeJournal(join(out, 'STORE-REAL-1'), records, '{"torn": ');
    // A second station, one folder deeper (a run of its own under the same output directory).
    writeJournal(join(out, 'site-2', 'CS-COPY'), records.map((r) => ({ ...r, chargePointId: 'CS-COPY' })));
    mkdirSync(join(out, 'no-journal'));
    writeFileSync(join(out, 'server-events.jsonl'), '');
    expect(findJournals(out)).to.deep.equal(['STORE-REAL-1/trace.jsonl', 'site-2/CS-COPY/trace.jsonl']);

    const store = new SqliteStore(join(root, 'pilot.sqlite'));
    try {
      await store.migrate();
      const first = await ingestJournals(store, out);
      expect(first.map((i) => [i.journal, i.records, i.skipped])).to.deep.equal([
        ['STORE-REAL-1/trace.jsonl', records.length, 0],
        ['site-2/CS-COPY/trace.jsonl', records.length, 0],
      ]);
      expect(first[0]?.added).to.be.greaterThan(0);
      expect((await store.connections({ stations: ['STORE-REAL-1'] })).map((c) => c.event)).to.include('open');
      expect((await store.stations()).map((s) => s.identity)).to.deep.equal(['CS-COPY', 'STORE-REAL-1']);
      expect(await store.lastSeq('site-2/CS-COPY/trace.jsonl')).to.equal(records.at(-1)?.seq);
      const before = await dump(store);

      const seen: string[] = [];
      const second = await ingestJournals(store, out, (ingest) => seen.push(ingest.journal));
      expect(seen).to.deep.equal(['STORE-REAL-1/trace.jsonl', 'site-2/CS-COPY/trace.jsonl']);
      expect(second.map((i) => [i.journal, i.records, i.added, i.skipped])).to.deep.equal(first.map((i) => [i.journal, i.records, 0, i.added]));
      expect(await dump(store)).to.deep.equal(before);
    } finally {
      await store.close();
    }
  });

  it('refuses a directory that is not there', async () => {
    const store = new SqliteStore(join(root, 'pilot.sqlite'));
    try {
      await store.migrate();
      let error: unknown;
      await ingestJournals(store, join(root, 'missing')).catch((e: unknown) => (error = e));
      expect((error as Error).message).to.match(/missing: no such directory/);
    } finally {
      await store.close();
    }
  });
});
