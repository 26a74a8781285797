import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { csvChunks, csvField, csvRecord, formatCell, spreadsheetSafe, utcTime, writeCsv } from '../../../src/observe/open-data/csv.js';

describe('open data: CSV cells as RFC 4180 writes them, safe in a spreadsheet (issue 16)', () => {
  it('quotes a cell only when it holds a comma, a quote or a line break, and doubles its quotes', () => {
    expect(csvField('plain text')).to.equal('plain text');
    expect(csvField('a, b')).to.equal('"a, b"');
    expect(csvField('say "hot"')).to.equal('"say ""hot"""');
    expect(csvField('line 1\nline 2')).to.equal('"line 1\nline 2"');
    expect(csvField('line 1\r\nline 2')).to.equal('"line 1\r\nline 2"');
    expect(csvField('')).to.equal('');
    expect(csvRecord(['CS-1', 'a,b', ''])).to.equal('CS-1,"a,b",\r\n');
  });

  it('puts an apostrophe before a text a spreadsheet would run as a formula, and before one that starts with an apostrophe', () => {
    expect(spreadsheetSafe('=HYPERLINK("http://x","fan ok")')).to.equal('\'=HYPERLINK("http://x","fan ok")');
    expect(spreadsheetSafe('+cmd')).to.equal('\'+cmd');
    expect(spreadsheetSafe('-2+3+cmd|\' /C calc\'!A0')).to.equal('\'-2+3+cmd|\' /C calc\'!A0');
    expect(spreadsheetSafe('@SUM(A1)')).to.equal('\'@SUM(A1)');
    expect(spreadsheetSafe('\tx')).to.equal('\'\tx');
    expect(spreadsheetSafe('\'quoted')).to.equal('\'\'quoted');
    // Numbers and ordinary text stay as they were.
    expect(spreadsheetSafe('-12.5')).to.equal('-12.5');
    expect(spreadsheetSafe('+3')).to.equal('+3');
    expect(spreadsheetSafe('1e-3')).to.equal('1e-3');
    expect(spreadsheetSafe('Fan degraded')).to.equal('Fan degraded');
  });

  it('a station text starting with = and holding a comma and quotes is escaped, then quoted', () => {
    const cell = formatCell('string', '=1+2,"x"');
    expect(cell).to.equal('\'=1+2,"x"');
    expect(csvRecord([cell])).to.equal('"\'=1+2,""x"""\r\n');
  });

  it('writes each type in its Table Schema form and leaves what a field cannot hold empty', () => {
    expect(formatCell('integer', 3)).to.equal('3');
    expect(formatCell('integer', 1.5)).to.equal('');
    expect(formatCell('integer', 1e30)).to.equal('1000000000000000019884624838656');
    expect(formatCell('number', -12.5)).to.equal('-12.5');
    expect(formatCell('number', 1.5e21)).to.equal('1.5E+21');
    expect(formatCell('number', Number.NaN)).to.equal('');
    expect(formatCell('boolean', false)).to.equal('false');
    expect(formatCell('datetime', '2026-12-01T10:00:00+02:00')).to.equal('2026-12-01T08:00:00.000Z');
    expect(formatCell('datetime', '2026-12-01T10:00:00')).to.equal('', 'no zone: the instant is unknown');
    expect(formatCell('datetime', 'yesterday')).to.equal('');
    expect(formatCell('string', undefined)).to.equal('');
  });

  it('utcTime refuses dates the calendar does not have (Date.parse rolls them over)', () => {
    expect(utcTime('2026-02-30T00:00:00Z')).to.equal(undefined);
    expect(utcTime('2026-13-01T00:00:00Z')).to.equal(undefined);
    expect(utcTime('2028-02-29T23:59:59.5Z')).to.equal('2028-02-29T23:59:59.500Z');
  });

  it('pulls records only as chunks are consumed (a month of samples is never in memory at once)', async () => {
    let pulled = 0;
    async function* records(): AsyncGenerator<string[]> {
      for (let i = 0; i < 100_000; i++) {
        pulled += 1;
        yield await Promise.resolve(['CS-1', String(i), '2026-12-01T00:00:00.000Z']);
      }
    }
    const chunks = csvChunks(['station', 'n', 'at'], records());
    const first = await chunks.next();
    expect(first.done).to.equal(false);
    expect(pulled).to.be.greaterThan(0).and.below(5_000);
    await chunks.return(undefined);
  });

  it('writes the file and tells its rows, bytes and SHA-256', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'open-data-csv-'));
    try {
      async function* records(): AsyncGenerator<string[]> {
        for (let i = 0; i < 20_000; i++) yield await Promise.resolve([`CS-${i % 3}`, String(i)]);
      }
      const result = await writeCsv(join(dir, 'x.csv'), ['station', 'n'], records());
      const bytes = await readFile(join(dir, 'x.csv'));
      const lines = bytes.toString('utf8').split('\r\n');
      expect(lines[0]).to.equal('station,n');
      expect(lines[20_000]).to.equal('CS-1,19999');
      expect(lines).to.have.length(20_002, 'a CRLF after every record, the last too');
      expect(result).to.deep.equal({ rows: 20_000, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
