import { expect } from 'chai';
import { ToolError } from '../../../src/errors.js';
import { isoTime, parseAnnotationsCsv } from '../../../src/observe/annotations-csv.js';

describe("a technician's log (annotate --import, issue 16)", () => {
  it('reads the columns by name, any order, with RFC 4180 quoting; times normalised to UTC', () => {
    const csv = 'Kind,Station,At,Text,Until,Author\r\nfailure,CS-1,2026-12-01T08:30:00+01:00,"Converter tripped, fan seized",,Ana\nexcluded,CS-1,2026-12-01T09:00:00Z,"Grid outage ""planned""",2026-12-01T11:00:00Z,\n\n';
    expect(parseAnnotationsCsv(csv, 'notes.csv')).to.deep.equal([
      { station: 'CS-1', at: '2026-12-01T07:30:00.000Z', kind: 'failure', text: 'Converter tripped, fan seized', author: 'Ana' },
      { station: 'CS-1', at: '2026-12-01T09:00:00.000Z', kind: 'excluded', text: 'Grid outage "planned"', until: '2026-12-01T11:00:00.000Z' },
    ]);
  });

  it('a bad row stops the import with the file, the line and what is wrong', () => {
    const bad = (csv: string): string => {
      try {
        parseAnnotationsCsv(csv, 'notes.csv');
      } catch (error) {
        expect(error).to.be.instanceOf(ToolError);
        return (error as Error).message;
      }
      throw new Error('no error');
    };
    expect(bad('station,at,kind\nCS-1,2026-12-01T08:00:00Z,note')).to.equal('notes.csv: line 1: the header has no "text" column (station,at,kind,text,until,author)');
    expect(bad('station,at,kind,text\nCS-1,2026-12-01T08:00:00Z,note,ok\nCS-1,yesterday,note,x')).to.equal('notes.csv: line 3: at "yesterday" is not an ISO 8601 time with a zone (e.g. 2026-12-01T08:30:00Z)');
    expect(bad('station,at,kind,text\nCS-1,2026-12-01T08:00:00Z,broken,x')).to.equal('notes.csv: line 2: kind "broken" is not one of site-visit, failure, repair, excluded, note');
    expect(bad('station,at,kind,text,until\nCS-1,2026-12-01T08:00:00Z,excluded,x,2026-12-01T07:00:00Z')).to.equal('notes.csv: line 2: until is before at');
    expect(bad('station,at,kind,text\nCS-1,2026-12-01T08:00:00Z,note,"open')).to.equal('notes.csv: line 2: a quoted field is not closed');
  });

  it('a time without a zone is refused: a site log in local time would shift every event', () => {
    expect(() => isoTime('2026-12-01T08:30:00', '--at')).to.throw(ToolError, /--at "2026-12-01T08:30:00" is not an ISO 8601 time with a zone/);
  });
});
