import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type UploadOutcome = { ok: true; url: string } | { ok: false; reason: string };

export interface UploadOptions {
  /** PEM CA to trust an HTTPS server with (the one the station trusts its CSMS with). */
  ca?: string;
  timeoutMs?: number;
}

/**
 * Uploads a file the way the 1.6 station does for GetDiagnostics and GetLog: an HTTP PUT of the
 * file to `location` + `/` + `fileName` (location names the directory, 1.6 §6.23), body as
 * text/plain. Only HTTP and HTTPS (SupportedFileTransferProtocols); FTP and FTPS locations fail.
 * A 2xx answer is success; anything else, or no answer, is a failure with the reason.
 */
export function uploadFile(location: string, fileName: string, body: string, options: UploadOptions = {}): Promise<UploadOutcome> {
  return putFile(location.endsWith('/') ? `${location}${encodeURIComponent(fileName)}` : `${location}/${encodeURIComponent(fileName)}`, body, options);
}

/** How many redirects a station that follows them goes along (the `follows-redirect` fault). */
const MAX_REDIRECTS = 3;

/**
 * An HTTP PUT of `body` (text/plain) to exactly `href` (HTTP and HTTPS only). A 2xx answer is
 * success. A redirect (3xx) is a failure and is not followed (OCPP 2.1 N01.FR.30), unless
 * `followRedirects` is set, as a firmware that uses a library's defaults does.
 */
export async function putFile(href: string, body: string, options: UploadOptions & { followRedirects?: boolean } = {}): Promise<UploadOutcome> {
  let target = href;
  for (let hop = 0; ; hop += 1) {
    const answer = await putOnce(target, body, options);
    if (!('redirect' in answer)) return answer;
    if (!options.followRedirects || hop >= MAX_REDIRECTS || answer.redirect === undefined) return { ok: false, reason: `the server answered HTTP ${answer.status}, a redirect, which the station does not follow` };
    target = new URL(answer.redirect, target).href;
  }
}

function putOnce(href: string, body: string, options: UploadOptions): Promise<UploadOutcome | { redirect: string | undefined; status: number }> {
  const url = transferUrl(href);
  if (typeof url === 'string') return Promise.resolve({ ok: false, reason: url });
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const bytes = Buffer.from(body, 'utf8');
  return new Promise((resolve) => {
    const outgoing = request(
      url,
      {
        method: 'PUT',
        headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': bytes.length },
        timeout: options.timeoutMs ?? 10_000,
        ...(options.ca && url.protocol === 'https:' ? { ca: options.ca } : {}),
      },
      (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        response.on('end', () => {
          if (status >= 300 && status < 400) resolve({ redirect: response.headers.location, status });
          else resolve(status >= 200 && status < 300 ? { ok: true, url: url.href } : { ok: false, reason: `the server answered HTTP ${status}` });
        });
        response.on('error', (error) => resolve({ ok: false, reason: error.message }));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('no answer in time')));
    outgoing.on('error', (error) => resolve({ ok: false, reason: error.message }));
    outgoing.end(bytes);
  });
}

export type DownloadOutcome = { ok: true; bytes: number } | { ok: false; reason: string };

/**
 * Downloads a file the way this station does for UpdateFirmware: an HTTP GET of `location` (HTTP
 * and HTTPS only). A 2xx answer is success; the body is read and counted, not kept.
 */
export function downloadFile(location: string, options: UploadOptions = {}): Promise<DownloadOutcome> {
  const url = transferUrl(location);
  if (typeof url === 'string') return Promise.resolve({ ok: false, reason: url });
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const outgoing = request(url, { method: 'GET', timeout: options.timeoutMs ?? 10_000, ...(options.ca && url.protocol === 'https:' ? { ca: options.ca } : {}) }, (response) => {
      const status = response.statusCode ?? 0;
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      response.on('end', () => resolve(status >= 200 && status < 300 ? { ok: true, bytes } : { ok: false, reason: `the server answered HTTP ${status}` }));
      response.on('error', (error) => resolve({ ok: false, reason: error.message }));
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('no answer in time')));
    outgoing.on('error', (error) => resolve({ ok: false, reason: error.message }));
    outgoing.end();
  });
}

/** The URL of a transfer, or why this station cannot use it (not a URL, not HTTP or HTTPS). */
function transferUrl(href: string): URL | string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return `${href} is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${url.protocol.slice(0, -1).toUpperCase()} is not a transfer protocol of this station (HTTP, HTTPS)`;
  return url;
}
