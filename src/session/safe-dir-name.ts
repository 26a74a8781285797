import { createHash } from 'node:crypto';

/**
 * A directory name for a station identity that cannot escape the output directory or surprise a
 * shell: only letters, digits, '-' and '_' survive; anything else becomes '_' and a short hash of
 * the real identity is appended so that two identities never share a directory.
 */
export function safeDirName(identity: string): string {
  const plain = identity.replace(/[^A-Za-z0-9_-]/g, '_');
  if (plain === identity && plain.length > 0) return plain;
  const hash = createHash('sha256').update(identity, 'utf8').digest('hex').slice(0, 8);
  return `${plain.slice(0, 48) || 'station'}-${hash}`;
}
