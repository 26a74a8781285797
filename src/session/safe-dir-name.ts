import { createHash } from 'node:crypto';

/** A plain identity is its own folder name: letters, digits, '-' and '_', not starting with '-'. */
const PLAIN_IDENTITY = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/**
 * A directory name for a station identity that cannot escape the output directory or surprise a
 * shell, and that no other identity gets (two stations must never share a journal).
 *
 * A plain identity is kept as it is. Any other identity becomes its characters with the odd ones
 * (and a leading '-', which commands would take for an option) replaced by '_', then '~' and 64
 * bits of the identity's SHA-256: `x!` → `x_~4038e65d…`. A plain identity never contains '~', so
 * a mapped name can never be the name of a plain identity (`x_-4038e65d` stays itself), and two
 * odd identities share a name only if their hashes collide, which nobody can arrange (2^64 work).
 * Identities may contain '~' themselves (the URL allows it), which makes them odd, never plain.
 */
export function safeDirName(identity: string): string {
  if (PLAIN_IDENTITY.test(identity)) return identity;
  const readable = identity.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^-/, '_').slice(0, 48) || 'station';
  const hash = createHash('sha256').update(identity, 'utf8').digest('hex').slice(0, 16);
  return `${readable}~${hash}`;
}
