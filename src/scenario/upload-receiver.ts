import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ReceivedUpload } from '../evidence/evidence.js';

/** A diagnostics file or log is not expected to be larger; beyond it the upload is refused (413) and recorded as cut. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
/**
 * Bytes held in memory for all uploads under way at once: a station that starts many uploads in
 * parallel gets 413 for what goes beyond, instead of each taking MAX_UPLOAD_BYTES of the audit's memory.
 */
const MAX_BUFFERED_BYTES = 2 * MAX_UPLOAD_BYTES;

export interface UploadReceiverOptions {
  /** The address to listen on and to put in the location: one the station can reach. */
  host: string;
  /** Where received files are kept (created when the first file arrives); none: not kept. */
  saveDirectory?: string;
  /** Prefix of the saved files' names (the case id). */
  saveName?: string;
  maxBytes?: number;
  /** Bytes of all unfinished uploads held at once (default MAX_BUFFERED_BYTES). */
  maxBufferedBytes?: number;
  /** Called for each file once its body has arrived, before it is answered; may add to the record (the journal's seq). */
  onUpload?: (upload: ReceivedUpload) => void;
  /**
   * Answer every upload to the location with a redirect (307) to another address of this receiver
   * (`<location>moved/`), as a URL the CSMS should not give does (OCPP 2.1 N01.FR.26): a station
   * must not follow it (N01.FR.30). Files that still arrive there are recorded with `viaRedirect`.
   */
  redirect?: boolean;
  /** Called for each upload answered with the redirect; may add to the record. */
  onRedirect?: (answer: RedirectAnswer) => void;
}

/** An upload the receiver answered with a redirect instead of taking it. */
export interface RedirectAnswer {
  method: string;
  /** The request path below the location. */
  path: string;
  receivedAt: string;
  /** Journal seq of the `upload-redirected` record. */
  seq?: number;
}

/** Below the location: where redirected uploads are sent. */
const REDIRECT_FOLDER = 'moved/';

/**
 * An HTTP server that takes the files a station uploads (GetDiagnostics, GetLog: OCPP 1.6 §5.9,
 * §8.2; 1.6 security WP N01): the audit gives its location as the URL to upload to and judges what
 * arrived. Files come as a PUT or POST body to the location or below it (`<location>/<fileName>`,
 * as a station that treats the location as a folder sends them), or as the file part of a
 * multipart/form-data POST. Each file is recorded with the name the station gave, its size and
 * SHA-256. Only paths under the location's random prefix are taken, so nothing else that finds
 * the port is recorded as the station's upload.
 */
export class UploadReceiver {
  readonly received: ReceivedUpload[] = [];
  readonly redirects: RedirectAnswer[] = [];
  readonly #server: Server;
  readonly #prefix: string;
  readonly #options: UploadReceiverOptions;
  #location = '';
  /** Bytes of unfinished uploads held in memory now. */
  #buffered = 0;

  private constructor(options: UploadReceiverOptions) {
    this.#options = options;
    this.#prefix = `/ocpp-audit/${randomBytes(6).toString('hex')}/`;
    this.#server = createServer((request, response) => this.#handle(request, response));
  }

  /** Starts a receiver on `host`, port 0 (a free port). */
  static async start(options: UploadReceiverOptions): Promise<UploadReceiver> {
    const receiver = new UploadReceiver(options);
    await new Promise<void>((resolve, reject) => {
      receiver.#server.once('error', reject);
      receiver.#server.listen(0, plainHost(options.host), () => resolve());
    });
    const { port } = receiver.#server.address() as AddressInfo;
    receiver.#location = `http://${urlHost(options.host)}:${port}${receiver.#prefix}`;
    return receiver;
  }

  /** Bytes of unfinished uploads held in memory now. */
  get bufferedBytes(): number {
    return this.#buffered;
  }

  /** The URL the station is told to upload to (ends with a slash). */
  get location(): string {
    return this.#location;
  }

  /** Stops taking files; uploads still running are cut off. */
  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(request: IncomingMessage, response: ServerResponse): void {
    const path = (request.url ?? '').split('?')[0] ?? '';
    if (!path.startsWith(this.#prefix)) {
      response.writeHead(404).end();
      request.resume();
      return;
    }
    if (request.method !== 'PUT' && request.method !== 'POST') {
      response.writeHead(405, { allow: 'PUT, POST' }).end();
      request.resume();
      return;
    }
    const below = path.slice(this.#prefix.length);
    const viaRedirect = this.#options.redirect === true && below.startsWith(REDIRECT_FOLDER);
    if (this.#options.redirect === true && !viaRedirect) {
      const answer: RedirectAnswer = { method: request.method, path: below, receivedAt: new Date().toISOString() };
      this.redirects.push(answer);
      this.#options.onRedirect?.(answer);
      response.writeHead(307, { location: `${this.#location}${REDIRECT_FOLDER}${below}` }).end();
      request.resume();
      return;
    }
    const maxBytes = this.#options.maxBytes ?? MAX_UPLOAD_BYTES;
    const chunks: Buffer[] = [];
    let bytes = 0;
    let truncated = false;
    let held = 0;
    const release = (): void => {
      this.#buffered -= held;
      held = 0;
      chunks.length = 0;
    };
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (!truncated && (bytes > maxBytes || this.#buffered + chunk.length > (this.#options.maxBufferedBytes ?? MAX_BUFFERED_BYTES))) {
        truncated = true;
        release();
      }
      if (truncated) return;
      chunks.push(chunk);
      held += chunk.length;
      this.#buffered += chunk.length;
    });
    request.on('close', release);
    request.on('end', () => {
      const file = fileOf(request, Buffer.concat(chunks), path.slice(this.#prefix.length));
      const upload: ReceivedUpload = {
        ...(file.name !== undefined ? { name: file.name } : {}),
        size: truncated ? bytes : file.body.length,
        sha256: createHash('sha256').update(file.body).digest('hex'),
        method: request.method ?? '',
        path: path.slice(this.#prefix.length),
        ...(request.headers['content-type'] ? { contentType: request.headers['content-type'] } : {}),
        receivedAt: new Date().toISOString(),
        ...(truncated ? { truncated: true as const } : {}),
        ...(viaRedirect ? { viaRedirect: true as const } : {}),
      };
      if (!truncated) this.#save(upload, file.body);
      this.received.push(upload);
      this.#options.onUpload?.(upload);
      response.writeHead(truncated ? 413 : 201).end();
    });
    // A station that stops half-way has uploaded nothing: the file is only taken when its body ends.
    request.on('error', () => response.destroy());
  }

  /** Keeps the file next to the evidence; a file that cannot be written is still recorded (size, hash). */
  #save(upload: ReceivedUpload, body: Buffer): void {
    const directory = this.#options.saveDirectory;
    if (directory === undefined) return;
    const name = `${this.#options.saveName ?? 'upload'}-${this.received.length + 1}-${safeFileName(upload.name ?? 'unnamed')}`;
    try {
      mkdirSync(directory, { recursive: true });
      writeFileSync(join(directory, name), body);
      upload.savedAs = name;
    } catch {
      // Disk full or gone: the upload itself happened; only the copy is missing.
    }
  }
}

/** The file in a request: the part with a file name of a multipart body, or the whole body. */
function fileOf(request: IncomingMessage, body: Buffer, below: string): { name?: string; body: Buffer } {
  const type = request.headers['content-type'] ?? '';
  const boundary = /^multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) {
    const parts = multipartParts(body, boundary);
    const part = parts.find((p) => p.name !== undefined) ?? parts[0];
    if (part) return part;
  }
  const fromPath = decodedLastSegment(below);
  const fromHeader = fileNameIn(request.headers['content-disposition'] ?? '');
  const name = fromHeader ?? fromPath;
  return name !== undefined ? { name, body } : { body };
}

/** The parts of a multipart/form-data body (RFC 7578), each with its file name when it has one. */
function multipartParts(body: Buffer, boundary: string): Array<{ name?: string; body: Buffer }> {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Array<{ name?: string; body: Buffer }> = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const raw = body.subarray(start + delimiter.length, next);
    const headerEnd = raw.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = raw.subarray(0, headerEnd).toString('latin1');
      // The part's content ends before the CRLF that precedes the next delimiter.
      const content = raw.subarray(headerEnd + 4, raw.length >= 2 && raw.subarray(raw.length - 2).toString() === '\r\n' ? raw.length - 2 : raw.length);
      const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
      const name = fileNameIn(disposition);
      parts.push(name !== undefined ? { name, body: content } : { body: content });
    }
    start = next;
  }
  return parts;
}

/** `filename*=UTF-8''…` or `filename="…"` of a Content-Disposition value. */
function fileNameIn(disposition: string): string | undefined {
  const extended = /filename\*\s*=\s*[^']*'[^']*'([^;\s]+)/i.exec(disposition)?.[1];
  if (extended !== undefined) return decodeSafely(extended);
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(disposition);
  const name = plain?.[1] ?? plain?.[2];
  return name !== undefined && name !== '' ? name : undefined;
}

function decodedLastSegment(path: string): string | undefined {
  const last = path.split('/').filter(Boolean).at(-1);
  return last === undefined ? undefined : decodeSafely(last);
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 100) || 'unnamed';
}

/** An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`, as a dual-stack socket reports it) as IPv4. */
function plainHost(host: string): string {
  return /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(host)?.[1] ?? host;
}

/** A host as it is written in a URL: IPv6 in brackets. */
export function urlHost(host: string): string {
  const plain = plainHost(host);
  return plain.includes(':') ? `[${plain}]` : plain;
}
