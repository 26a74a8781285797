import { expect } from 'chai';
import { InvalidArgumentError } from 'commander';
import { parseFrameBytes } from '../../../src/cli/option-parsers.js';

describe('parseFrameBytes (--max-frame-bytes)', () => {
  it('reads bytes, KiB and MiB', () => {
    expect(parseFrameBytes('65536')).to.equal(65536);
    expect(parseFrameBytes('512KiB')).to.equal(512 * 1024);
    expect(parseFrameBytes('4MiB')).to.equal(4 * 1024 * 1024);
    expect(parseFrameBytes('4m')).to.equal(4 * 1024 * 1024);
    expect(parseFrameBytes('100MiB')).to.equal(100 * 1024 * 1024);
  });

  it('refuses what is not a size, too small for a BootNotification or past the WebSocket ceiling', () => {
    for (const value of ['', 'big', '-1', '1.5MiB', '4GB', '1023', '0', '101MiB', '4 MB']) {
      expect(() => parseFrameBytes(value), value).to.throw(InvalidArgumentError);
    }
  });
});
