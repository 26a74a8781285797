/** Part 4: the identity is at most 48 characters and has no ':' (it is the Basic-auth username). */
export const MAX_IDENTITY_LENGTH = 48;

export type StationPathResult =
  | { ok: true; identity: string }
  | { ok: false; status: 400 | 404; reason: string; detail: string };

/**
 * Reads the station identity from a connection URL: the last path segment after the CSMS's prefix,
 * percent-decoded (`/ocpp/RDAM%20123` → `RDAM 123`).
 */
export function parseStationPath(url: string, prefix: string): StationPathResult {
  const path = url.split('?')[0] ?? '';
  const base = `/${prefix.replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '');
  if (!path.startsWith(`${base}/`)) {
    return { ok: false, status: 404, reason: 'unknown-path', detail: `the path must be ${base}/<identity>, got ${path}` };
  }
  const segment = path.slice(base.length + 1);
  if (segment.length === 0 || segment.includes('/')) {
    return { ok: false, status: 404, reason: 'unknown-path', detail: `the path must be ${base}/<identity>, got ${path}` };
  }
  let identity: string;
  try {
    identity = decodeURIComponent(segment);
  } catch {
    return { ok: false, status: 400, reason: 'bad-identity', detail: `the identity ${segment} is not valid percent-encoding` };
  }
  if (identity.length > MAX_IDENTITY_LENGTH) {
    return { ok: false, status: 400, reason: 'bad-identity', detail: `the identity has ${identity.length} characters, more than ${MAX_IDENTITY_LENGTH}` };
  }
  if (identity.includes(':')) {
    return { ok: false, status: 400, reason: 'bad-identity', detail: 'the identity must not contain ":" (it is the Basic-auth username)' };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f/]/.test(identity)) {
    return { ok: false, status: 400, reason: 'bad-identity', detail: 'the identity contains control characters or "/"' };
  }
  return { ok: true, identity };
}
