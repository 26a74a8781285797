import { timingSafeEqual } from 'node:crypto';

export interface BasicAuthResult {
  ok: boolean;
  /** A short stable reason, recorded in the evidence. */
  reason: 'accepted' | 'missing-credentials' | 'malformed-credentials' | 'username-mismatch' | 'wrong-password' | 'no-password-configured';
  detail: string;
  /** The username the station sent. The password is never kept. */
  username?: string;
}

/**
 * Checks an HTTP Basic `Authorization` header for security profiles 1 and 2: the username must
 * equal the station identity (OCTT TC_A_01/02) and the password the configured one.
 */
export function checkBasicAuth(header: string | undefined, identity: string, expectedPassword: string | undefined): BasicAuthResult {
  if (!header) return { ok: false, reason: 'missing-credentials', detail: 'no Authorization header' };
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return { ok: false, reason: 'malformed-credentials', detail: 'the Authorization header is not Basic <base64>' };
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { ok: false, reason: 'malformed-credentials', detail: 'the credentials have no ":" between username and password' };
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (username !== identity) {
    // Not kept: a username that is not the identity may well be the password typed in the wrong field.
    return { ok: false, reason: 'username-mismatch', detail: `the username (${username.length} characters) is not the identity ${JSON.stringify(identity)}` };
  }
  if (expectedPassword === undefined) {
    return { ok: false, reason: 'no-password-configured', detail: `no password is configured for ${identity}`, username };
  }
  if (!sameSecret(password, expectedPassword)) {
    return { ok: false, reason: 'wrong-password', detail: 'the password does not match', username };
  }
  return { ok: true, reason: 'accepted', detail: 'username and password match', username };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
