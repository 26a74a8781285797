import { WebSocket } from 'ws';
import { ToolError } from '../errors.js';
import { protocolFor, versionOfSubprotocol, type OcppVersion } from './protocol.js';
import { RpcConnection } from './rpc-connection.js';
import type { SchemaValidator } from './schema-validator.js';

export interface StationConnectOptions {
  /** The CSMS endpoint, e.g. `ws://127.0.0.1:9220/ocpp/` (the identity is appended). */
  url: string;
  identity: string;
  /** Basic-auth password (profiles 1 and 2). */
  password?: string;
  /** Override the username (defaults to the identity; tests use it to send a wrong one). */
  username?: string;
  /** The OCPP version to speak (default 2.0.1): its subprotocol is offered unless `protocols` says otherwise. */
  ocppVersion?: OcppVersion;
  /** Subprotocols offered, in preference order (default the one of `ocppVersion`). */
  protocols?: string[];
  /** TLS: CA to trust the CSMS, and a client certificate and key for profile 3. PEM text. */
  ca?: string;
  cert?: string;
  key?: string;
  /** Server name for TLS verification when the URL uses an IP address. */
  servername?: string;
  minTlsVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  maxTlsVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  ciphers?: string;
  /** Overrides the schema set of the version the CSMS chose (tests). */
  validator?: SchemaValidator;
  callTimeoutMs?: number;
  handshakeTimeoutMs?: number;
}

/**
 * Connects to a CSMS as a charging station: the client side of the same OCPP-J layer the CSMS
 * uses. Resolves once the WebSocket is open; rejects with ERR_CONNECT (carrying the HTTP status
 * when the CSMS refused the upgrade).
 */
export function connectAsStation(options: StationConnectOptions): Promise<RpcConnection> {
  const base = options.url.endsWith('/') ? options.url : `${options.url}/`;
  const target = `${base}${encodeURIComponent(options.identity)}`;
  const headers: Record<string, string> = {};
  if (options.password !== undefined) {
    const user = options.username ?? options.identity;
    headers['Authorization'] = `Basic ${Buffer.from(`${user}:${options.password}`, 'utf8').toString('base64')}`;
  }
  const offered = options.protocols ?? [protocolFor(options.ocppVersion ?? '2.0.1').subprotocol];
  const socket = new WebSocket(target, offered, {
    headers,
    perMessageDeflate: true,
    skipUTF8Validation: true,
    handshakeTimeout: options.handshakeTimeoutMs ?? 10_000,
    ...(options.ca ? { ca: options.ca } : {}),
    ...(options.cert ? { cert: options.cert } : {}),
    ...(options.key ? { key: options.key } : {}),
    ...(options.servername ? { servername: options.servername } : {}),
    ...(options.minTlsVersion ? { minVersion: options.minTlsVersion } : {}),
    ...(options.maxTlsVersion ? { maxVersion: options.maxTlsVersion } : {}),
    ...(options.ciphers ? { ciphers: options.ciphers } : {}),
  });
  return new Promise((resolve, reject) => {
    const fail = (message: string, status?: number): void => {
      const error = new ToolError('ERR_CONNECT', message) as ToolError & { status?: number };
      if (status !== undefined) error.status = status;
      reject(error);
    };
    // The version is the one the CSMS chose from those offered; the connection reads from the first frame on.
    socket.once('open', () => {
      const protocol = protocolFor(versionOfSubprotocol(socket.protocol) ?? options.ocppVersion ?? '2.0.1');
      resolve(
        new RpcConnection(socket, {
          side: 'station',
          protocol,
          ...(options.validator ? { validator: options.validator } : {}),
          ...(options.callTimeoutMs !== undefined ? { callTimeoutMs: options.callTimeoutMs } : {}),
        }),
      );
    });
    socket.once('unexpected-response', (_req, res) => {
      fail(`${target}: the CSMS answered HTTP ${res.statusCode}`, res.statusCode);
      socket.terminate();
    });
    socket.once('error', (error) => fail(`${target}: ${error.message}`));
  });
}
