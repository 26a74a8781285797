import { expect } from 'chai';
import { printable, printableLine } from '../../../src/report/printable.js';

describe('printable', () => {
  it('shows ESC, BEL, CR, DEL and C1 controls escaped, visibly', () => {
    expect(printable('a\u001b[2Jb\u0007c\rd\u007fe\u009bf')).to.equal('a\\u001b[2Jb\\u0007c\\u000dd\\u007fe\\u009bf');
  });

  it('keeps tabs and line feeds in documents; printableLine escapes the line feed too', () => {
    expect(printable('a\tb\nc')).to.equal('a\tb\nc');
    expect(printableLine('a\tb\nc')).to.equal('a\tb\\u000ac');
  });

  it('escapes the bidirectional overrides that reorder what is shown', () => {
    expect(printable('x\u202ey\u2066z')).to.equal('x\\u202ey\\u2066z');
  });

  it('leaves ordinary text, non-ASCII letters and emoji alone', () => {
    const text = 'Ladesäule 東京 ⚡ "quoted" \\ back';
    expect(printable(text)).to.equal(text);
  });

  it('keeps JSON valid and its value the same when run over JSON text', () => {
    const value = { vendor: 'E\u007fvil\u0085', nested: ['\u009b31m'] };
    const json = JSON.stringify(value);
    expect(JSON.parse(printable(json))).to.deep.equal(value);
    expect(printable(json)).to.not.match(/[\u007f-\u009f]/);
  });
});
