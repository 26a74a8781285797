import { expect } from 'chai';
import { checkBasicAuth } from '../../../src/ocpp/basic-auth.js';

const basic = (text: string): string => `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;
const PASSWORD = 'Correct-Horse-Battery-9';

describe('checkBasicAuth (security profiles 1 and 2)', () => {
  it('accepts the identity as username with the right password, including ":" inside the password', () => {
    expect(checkBasicAuth(basic(`CS1:${PASSWORD}`), 'CS1', PASSWORD)).to.deep.include({ ok: true, username: 'CS1' });
    expect(checkBasicAuth(basic('CS1:a:b:c-0123456789'), 'CS1', 'a:b:c-0123456789').ok).to.equal(true);
  });

  const rejections: Array<[string, string | undefined, string]> = [
    ['no header', undefined, 'missing-credentials'],
    ['another scheme', 'Bearer abc', 'malformed-credentials'],
    ['no colon', basic('CS1'), 'malformed-credentials'],
    ['another username', basic(`CS2:${PASSWORD}`), 'username-mismatch'],
    ['a wrong password', basic('CS1:wrong-password-000'), 'wrong-password'],
    ['a password that only shares a prefix', basic(`CS1:${PASSWORD}x`), 'wrong-password'],
  ];
  for (const [what, header, reason] of rejections) {
    it(`rejects ${what} as ${reason}`, () => {
      const result = checkBasicAuth(header, 'CS1', PASSWORD);
      expect(result).to.include({ ok: false, reason });
      expect(JSON.stringify(result)).not.to.contain(PASSWORD);
    });
  }

  it('rejects when no password is configured for the station', () => {
    expect(checkBasicAuth(basic(`CS1:${PASSWORD}`), 'CS1', undefined)).to.include({ ok: false, reason: 'no-password-configured' });
  });
});
