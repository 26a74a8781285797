import { expect } from 'chai';
import { safeDirName } from '../../../src/session/safe-dir-name.js';

describe('safeDirName', () => {
  it('keeps plain identities as they are', () => {
    expect(safeDirName('CS-001_a')).to.equal('CS-001_a');
  });

  it('never lets an identity escape or hide: no slashes, no dots, no empty name', () => {
    for (const identity of ['../../etc', '..', '.', '/abs', 'a/b', '', 'C:\\x', '~root', 'a b', 'ü']) {
      const name = safeDirName(identity);
      expect(name, identity).to.match(/^[A-Za-z0-9_-]+$/);
      expect(name.length, identity).to.be.greaterThan(0);
    }
  });

  it('keeps two identities that differ only in odd characters apart', () => {
    expect(safeDirName('a b')).not.to.equal(safeDirName('a_b'));
    expect(safeDirName('a b')).not.to.equal(safeDirName('a.b'));
  });
});
