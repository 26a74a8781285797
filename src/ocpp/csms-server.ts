import { EventEmitter } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { WebSocketServer, type WebSocket } from 'ws';
import { ToolError } from '../errors.js';
import { checkBasicAuth, type BasicAuthResult } from './basic-auth.js';
import { checkClientCertificate, describeTls, type TlsDetails } from './client-certificate.js';
import { redactUrl } from '../evidence/redact.js';
import { parseStationPath } from './station-path.js';
import { chooseSubprotocol, OCPP_VERSIONS, protocolFor, versionOfSubprotocol, type OcppVersion } from './protocol.js';

/**
 * 0 is this tool's lab mode (plain ws, no authentication; not an OCPP profile). 1: Basic auth over
 * ws; 2: TLS + Basic auth; 3: mutual TLS (OCPP 2.0.1 Part 2, A00).
 */
export type SecurityProfile = 0 | 1 | 2 | 3;

export interface TlsMaterial {
  /** PEM certificate chain(s); one per key (e.g. an RSA and an ECDSA pair, A00.FR.318). */
  cert: string[];
  key: string[];
  /** PEM CA bundle to verify station certificates (profile 3). */
  ca?: string;
}

export interface CsmsServerOptions {
  host: string;
  port: number;
  /** Path prefix before the station identity, e.g. `/ocpp` for `ws://host/ocpp/CS001`. */
  path: string;
  securityProfile: SecurityProfile;
  /** The Basic-auth password expected from a station (profiles 1 and 2). */
  passwordFor?: (identity: string) => string | undefined;
  tls?: TlsMaterial;
  /** The largest frame a station may send, bytes (default DEFAULT_MAX_FRAME_BYTES); a larger one closes the connection with 1009. */
  maxFrameBytes?: number;
  /**
   * A connection that has not completed its WebSocket upgrade request (nor, on wss, its TLS
   * handshake) this long after it opened is refused and closed (default 20 s): a slowloris peer that
   * dribbles its request byte by byte must not hold a socket for ever.
   */
  handshakeTimeoutMs?: number;
  /**
   * The OCPP versions accepted, in the order the CSMS prefers them when a station offers several
   * (default: all, newest first; `--ocpp-version` gives one).
   */
  ocppVersions?: readonly OcppVersion[];
}

/**
 * 4 MiB. The largest frames a 2.0.1 station sends on purpose are NotifyReport parts: ItemsPerMessage
 * [GetReport] items (100 in libocpp, rarely over 250), each at most about 11 kB when every field is
 * filled (four attribute values of up to 2500 characters and a valuesList of up to 1000). 250 such
 * items are under 3 MB. Everyday frames are a few kB: the BytesPerMessage stations advertise for
 * what they accept is of that order (libocpp 2048, SetVariableMonitoring 4000). ws would otherwise accept 100 MiB, which a hostile station can repeat
 * until the process runs out of memory.
 */
export const DEFAULT_MAX_FRAME_BYTES = 4 * 1024 * 1024;

/** Long enough for a station on a slow, lossy cellular link; short enough to free sockets. */
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 20_000;

/** What the handshake established about an accepted connection. */
export interface Handshake {
  identity: string;
  remoteAddress: string;
  remotePort: number;
  /** This side's address of the connection: one the station can reach (the upload location of GetDiagnostics/GetLog). */
  localAddress?: string;
  url: string;
  offeredProtocols: string[];
  protocol: string;
  extensions: string;
  userAgent?: string;
  securityProfile: SecurityProfile;
  auth?: Omit<BasicAuthResult, 'ok'>;
  tls?: TlsDetails;
}

/** A connection attempt turned away, with the HTTP status it got and why. */
export interface Rejection {
  identity?: string;
  remoteAddress: string;
  url: string;
  status: number;
  reason: string;
  detail: string;
  username?: string;
}

export interface CsmsServerEvents {
  /** Emitted synchronously on accept: attach message listeners before returning. */
  station: [WebSocket, Handshake];
  rejected: [Rejection];
  'subprotocol-missing': [Handshake];
  'tls-error': [{ remoteAddress: string; code: string; message: string }];
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  426: 'Upgrade Required',
  431: 'Request Header Fields Too Large',
};

/** node's parser errors (before any upgrade) and the answer node itself would give. */
const HTTP_PARSER_REFUSALS: Record<string, { status: number; reason: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, reason: 'headers-too-large', detail: "the request line and headers exceed the HTTP server's limit (a path this long is no station identity)" },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, reason: 'payload-too-large', detail: 'the request body is larger than the HTTP server accepts' },
};

/**
 * The CSMS's WebSocket endpoint: `ws://` or `wss://`, OCPP security profiles 1–3, permessage-deflate
 * offered (Part 4 requires a CSMS to support it), subprotocols `ocpp2.1`, `ocpp2.0.1`, `ocpp1.6` (or the
 * ones `ocppVersions` allows). It authenticates
 * and hands accepted sockets on; it knows nothing of sessions or audits.
 */
export class CsmsServer extends EventEmitter<CsmsServerEvents> {
  readonly options: CsmsServerOptions;
  readonly #http: HttpServer;
  readonly #wss: WebSocketServer;

  constructor(options: CsmsServerOptions) {
    super();
    this.options = options;
    const secure = options.securityProfile >= 2;
    if (secure && !options.tls) throw new ToolError('ERR_TLS_FILE', `security profile ${options.securityProfile} needs a TLS certificate and key`);
    if (options.securityProfile === 3 && !options.tls?.ca) {
      throw new ToolError('ERR_TLS_FILE', 'security profile 3 needs a CA file to verify station certificates (--tls-ca)');
    }
    const handshakeTimeoutMs = options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
    // node checks these timeouts every connectionsCheckingInterval: a socket is closed between the
    // timeout and a quarter of it (at most a second) later.
    const timeouts = {
      headersTimeout: handshakeTimeoutMs,
      requestTimeout: handshakeTimeoutMs,
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(handshakeTimeoutMs / 4))),
    };
    const onRequest = (_req: IncomingMessage, res: import('node:http').ServerResponse): void => {
      res.writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket' });
      res.end(`This is an OCPP endpoint: connect with a WebSocket and one of the subprotocols ${this.subprotocols.join(', ')}.\n`);
    };
    if (secure && options.tls) {
      try {
        this.#http = createHttpsServer(
          {
            cert: options.tls.cert,
            key: options.tls.key,
            ...(options.tls.ca ? { ca: options.tls.ca } : {}),
            minVersion: 'TLSv1.2', // A00.FR.313: TLS 1.2 or newer only.
            requestCert: options.securityProfile === 3,
            // Verified per request instead, so a bad certificate is answered and recorded with the identity.
            rejectUnauthorized: false,
            handshakeTimeout: handshakeTimeoutMs,
            ...timeouts,
          },
          onRequest,
        );
      } catch (error) {
        throw new ToolError('ERR_TLS_FILE', `cannot use the TLS certificate or key: ${(error as Error).message}`);
      }
      this.#http.on('tlsClientError', (error: NodeJS.ErrnoException, socket: TLSSocket) => {
        this.emit('tls-error', {
          remoteAddress: socket.remoteAddress ?? '',
          code: error.code ?? 'TLS_ERROR',
          message: error.message,
        });
      });
    } else {
      this.#http = createHttpServer(timeouts, onRequest);
    }
    // Requests node's HTTP parser refuses before any upgrade (a 100k-character path: 431; a
    // handshake not complete in time: 408) are refusals too.
    this.#http.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => this.#clientError(error, socket, handshakeTimeoutMs));
    this.#wss = new WebSocketServer({
      noServer: true,
      perMessageDeflate: true,
      // Checked against the frame's length before it is buffered (and while it is inflated): a
      // larger frame closes the connection with 1009, Message Too Big (RFC 6455 §7.4.1).
      maxPayload: options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
      // We validate UTF-8 ourselves so that a bad frame is answered and recorded, not a dropped link.
      skipUTF8Validation: true,
      handleProtocols: (protocols) => chooseSubprotocol(protocols, this.options.ocppVersions ?? OCPP_VERSIONS) ?? false,
    });
    this.#http.on('upgrade', (req, socket, head) => this.#upgrade(req, socket, head));
  }

  /** The subprotocols accepted, in preference order. */
  get subprotocols(): string[] {
    return (this.options.ocppVersions ?? OCPP_VERSIONS).map((version) => protocolFor(version).subprotocol);
  }

  /**
   * Answers what node's parser refused (as node would: 431, 408 or 400) and records it. With a
   * listener here node writes no answer itself. A peer that has already gone is not a refusal.
   */
  #clientError(error: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex, handshakeTimeoutMs: number): void {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const refused =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? // A slowloris peer, or one that opened a socket and said nothing.
          { status: 408, reason: 'handshake-timeout', detail: `no complete WebSocket upgrade request within ${handshakeTimeoutMs} ms` }
        : (HTTP_PARSER_REFUSALS[error.code ?? ''] ?? { status: 400, reason: 'bad-request', detail: 'the request could not be parsed as HTTP' });
    const received = error.rawPacket ? `; ${error.rawPacket.length} bytes received` : '';
    const remoteAddress = (socket as Duplex & { remoteAddress?: string }).remoteAddress ?? '';
    this.emit('rejected', { remoteAddress, url: '', status: refused.status, reason: refused.reason, detail: `${refused.detail} (${error.code ?? error.message}${received})` });
    socket.on('error', () => socket.destroy());
    socket.end(`HTTP/1.1 ${refused.status} ${STATUS_TEXT[refused.status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    // A peer that never reads nor closes (slowloris) must not keep the socket after the answer.
    setTimeout(() => socket.destroy(), 1000).unref();
  }

  /** Starts listening; resolves with the bound address (port 0 picks a free port). */
  listen(): Promise<{ host: string; port: number }> {
    const { host, port } = this.options;
    return new Promise((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException): void => {
        if (error.code === 'EADDRINUSE') {
          reject(new ToolError('ERR_PORT_IN_USE', `port ${port} on ${host} is already in use`));
        } else {
          reject(new ToolError('ERR_LISTEN', `cannot listen on ${host}:${port}: ${error.message}`));
        }
      };
      this.#http.once('error', onError);
      this.#http.listen(port, host, () => {
        this.#http.off('error', onError);
        const address = this.#http.address();
        resolve({ host, port: typeof address === 'object' && address ? address.port : port });
      });
    });
  }

  get url(): string {
    const address = this.#http.address();
    const port = typeof address === 'object' && address ? address.port : this.options.port;
    const scheme = this.options.securityProfile >= 2 ? 'wss' : 'ws';
    const prefix = this.options.path.replace(/\/+$/, '');
    return `${scheme}://${this.options.host}:${port}${prefix}/`;
  }

  /** Closes every connection (1001, going away) and stops listening. */
  async close(): Promise<void> {
    for (const client of this.#wss.clients) client.close(1001, 'CSMS shutting down');
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    await new Promise<void>((resolve) => {
      this.#http.close(() => resolve());
      // Give stations a moment for the closing handshake, then drop what is left.
      setTimeout(() => this.#http.closeAllConnections(), 500).unref();
    });
  }

  #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const remoteAddress = req.socket.remoteAddress ?? '';
    const url = req.url ?? '/';
    // What is recorded and printed: a token in the query string is a credential.
    const recordedUrl = redactUrl(url);
    const reject = (status: number, reason: string, detail: string, identity?: string, username?: string): void => {
      const rejection: Rejection = { remoteAddress, url: recordedUrl, status, reason, detail };
      if (identity !== undefined) rejection.identity = identity;
      if (username !== undefined) rejection.username = username;
      this.emit('rejected', rejection);
      const headers = status === 401 && this.options.securityProfile !== 3 ? 'WWW-Authenticate: Basic realm="ocpp-audit"\r\n' : '';
      socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? ''}\r\n${headers}Connection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    socket.on('error', () => socket.destroy());

    const parsed = parseStationPath(url, this.options.path);
    if (!parsed.ok) {
      reject(parsed.status, parsed.reason, parsed.detail);
      return;
    }
    const { identity } = parsed;
    const profile = this.options.securityProfile;
    let auth: Omit<BasicAuthResult, 'ok'> | undefined;
    if (profile === 1 || profile === 2) {
      const result = checkBasicAuth(req.headers.authorization, identity, this.options.passwordFor?.(identity));
      if (!result.ok) {
        reject(401, result.reason, result.detail, identity, result.username);
        return;
      }
      auth = { reason: result.reason, detail: result.detail, ...(result.username ? { username: result.username } : {}) };
    }
    let tls: TlsDetails | undefined;
    if (profile >= 2) {
      const tlsSocket = req.socket as TLSSocket;
      if (profile === 3) {
        const certificate = checkClientCertificate(tlsSocket, identity);
        if (!certificate.ok) {
          reject(401, certificate.reason, certificate.detail, identity);
          return;
        }
      }
      tls = describeTls(tlsSocket);
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      const handshake: Handshake = {
        identity,
        remoteAddress,
        remotePort: req.socket.remotePort ?? 0,
        ...(req.socket.localAddress ? { localAddress: req.socket.localAddress } : {}),
        url: recordedUrl,
        offeredProtocols: (req.headers['sec-websocket-protocol'] ?? '')
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
        protocol: ws.protocol,
        extensions: ws.extensions,
        securityProfile: profile,
      };
      if (req.headers['user-agent']) handshake.userAgent = req.headers['user-agent'];
      if (auth) handshake.auth = auth;
      if (tls) handshake.tls = tls;
      if (!versionOfSubprotocol(ws.protocol)) {
        // Part 4: with no acceptable subprotocol the CSMS completes the handshake without one and closes.
        this.emit('subprotocol-missing', handshake);
        ws.close(1002, `subprotocol required: ${this.subprotocols.join(', ')}`);
        return;
      }
      this.emit('station', ws, handshake);
    });
  }
}
