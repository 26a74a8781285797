import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ToolError } from '../../../src/errors.js';
import { readJournalRecords } from '../../../src/evidence/journal-files.js';

describe('readJournalRecords', () => {
  it('a line altered in the middle of a journal is one error naming the file and the line, not a stack trace', () => {
    const trace = join(mkdtempSync(join(tmpdir(), 'journal-files-')), 'trace.jsonl');
    writeFileSync(trace, '{"seq":1,"record":"frame"}\n{"seq":2,"rec\n{"seq":3,"record":"frame"}\n');
    expect(() => readJournalRecords(trace)).to.throw(ToolError, `${trace}: line 2 is not a journal record`);
  });

  it('a torn last line (a crash mid-write) is left out, as on opening', () => {
    const trace = join(mkdtempSync(join(tmpdir(), 'journal-files-')), 'trace.jsonl');
    writeFileSync(trace, '{"seq":1,"record":"frame"}\n{"seq":2,"rec');
    expect(readJournalRecords(trace).map((r) => r.seq)).to.deep.equal([1]);
  });
});
