import { expect } from 'chai';
import { safeDirName } from '../../../src/session/safe-dir-name.js';

const PLAIN = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

describe('safeDirName', () => {
  it('keeps plain identities as they are', () => {
    expect(safeDirName('CS-001_a')).to.equal('CS-001_a');
    expect(safeDirName('_x')).to.equal('_x');
  });

  it('never lets an identity escape or hide: no slashes, no dots, no empty name', () => {
    for (const identity of ['../../etc', '..', '.', '/abs', 'a/b', '', 'C:\\x', '~root', 'a b', 'ü', '-rf', '--help']) {
      const name = safeDirName(identity);
      expect(name, identity).to.match(/^[A-Za-z0-9_][A-Za-z0-9_~-]*$/);
      expect(name.length, identity).to.be.greaterThan(0);
    }
  });

  it('never starts a name with "-" (a command would read it as an option)', () => {
    for (const identity of ['-rf', '--help', '-']) expect(safeDirName(identity), identity).to.not.match(/^-/);
  });

  it('keeps two identities that differ only in odd characters apart', () => {
    expect(safeDirName('a b')).not.to.equal(safeDirName('a_b'));
    expect(safeDirName('a b')).not.to.equal(safeDirName('a.b'));
  });

  it('never gives an odd identity the name of a plain one: x! and the plain identity its name used to be', () => {
    const odd = ['x!', 'a b', '..', '-x', 'x~y', 'ü', '~'];
    for (const identity of odd) {
      const name = safeDirName(identity);
      expect(PLAIN.test(name), `${identity} → ${name}`).to.equal(false);
    }
    // The collision seen in the field: `x!` used to map to `x_-4038e65d`, itself a plain identity.
    expect(safeDirName('x!')).to.not.equal(safeDirName('x_-4038e65d'));
    expect(safeDirName('x_-4038e65d')).to.equal('x_-4038e65d');
    // And a name a mapping produces, used as an identity, is odd itself and maps elsewhere.
    const mapped = safeDirName('x!');
    expect(safeDirName(mapped)).to.not.equal(mapped);
  });

  it('keeps a folder name short enough for every file system, even for 48 odd characters', () => {
    expect(safeDirName('€'.repeat(48)).length).to.be.at.most(80);
  });
});
