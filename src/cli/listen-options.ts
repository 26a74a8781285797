import type { Command } from 'commander';
import { Option } from 'commander';
import { resolve } from 'node:path';
import { ToolError } from '../errors.js';
import { DEFAULT_MAX_FRAME_BYTES, type TlsMaterial } from '../ocpp/csms-server.js';
import { CSMS_DEFAULTS, type CsmsOptions } from '../session/csms.js';
import { OCPP_VERSIONS, type OcppVersion } from '../ocpp/protocol.js';
import { collect, parseFrameBytes, parseOcppVersion, parsePort, parsePositiveSeconds, parseSeconds, parseSecurityProfile, parseWholeSeconds } from './option-parsers.js';
import { refusePseudoFileSystem } from './out-dir.js';
import { readTlsFiles } from './tls-files.js';

/** The options of a command that is the CSMS stations connect to (run, observe). */
export interface ListenFlags {
  host: string;
  port: number;
  path: string;
  out: string;
  securityProfile: 0 | 1 | 2 | 3;
  password?: string;
  tlsCert?: string[];
  tlsKey?: string[];
  tlsCa?: string;
  heartbeatInterval: number;
  callTimeout: number;
  pingInterval: number;
  maxFrameBytes: number;
  ocppVersion?: OcppVersion;
}

/** Adds the listen, path, security and connection options `run` and `observe` share. */
export function addListenOptions(command: Command, outHelp: string, outDefault: string): Command {
  return command
    .option('--host <host>', 'address to listen on', CSMS_DEFAULTS.host)
    .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, CSMS_DEFAULTS.port)
    .option('--path <prefix>', 'URL path before the station identity', CSMS_DEFAULTS.path)
    .option('--out <dir>', outHelp, outDefault)
    .option('--security-profile <n>', 'OCPP security profile 1, 2 or 3 (0: no authentication, lab use)', parseSecurityProfile, 0)
    .addOption(new Option('--password <password>', 'Basic-auth password expected from stations (profiles 1 and 2)').env('OCPP_AUDIT_PASSWORD'))
    .option('--tls-cert <file>', 'PEM server certificate (profiles 2 and 3); repeat for an RSA and an ECDSA one', collect)
    .option('--tls-key <file>', 'PEM private key of each --tls-cert, in the same order', collect)
    .option('--tls-ca <file>', 'PEM CA that signs station certificates (profile 3)')
    .option('--heartbeat-interval <seconds>', 'heartbeat interval given to accepted stations (whole seconds)', parseWholeSeconds, CSMS_DEFAULTS.heartbeatIntervalS)
    .option('--call-timeout <seconds>', 'how long to wait for a station to answer a CALL', parsePositiveSeconds, CSMS_DEFAULTS.callTimeoutMs / 1000)
    .option('--ping-interval <seconds>', 'WebSocket ping period (0: no pings)', parseSeconds, CSMS_DEFAULTS.pingIntervalMs / 1000)
    .option('--max-frame-bytes <size>', 'largest frame a station may send (bytes, or e.g. 512KiB, 4MiB); a larger one closes its connection with 1009', parseFrameBytes, DEFAULT_MAX_FRAME_BYTES)
    .option('--ocpp-version <version>', `accept only this OCPP version (${OCPP_VERSIONS.join(', ')}); default: all, the newest a station offers`, parseOcppVersion);
}

/**
 * Checks the listen options against each other (a profile's password and certificates) and
 * reads the TLS files, before any socket opens; bad input is one line naming the option. Returns
 * the CSMS options they give (the caller adds boot status and the rest) and the output directory.
 */
export function resolveListen(flags: ListenFlags, warn: (line: string) => void): { outDir: string; csms: Omit<CsmsOptions, 'outDir' | 'bootStatus'> } {
  const profile = flags.securityProfile;
  if ((profile === 1 || profile === 2) && !flags.password) {
    throw new ToolError('ERR_INVALID_OPTION', `security profile ${profile} needs --password (or the OCPP_AUDIT_PASSWORD environment variable)`);
  }
  if (profile < 2 && (flags.tlsCert || flags.tlsKey || flags.tlsCa)) {
    throw new ToolError('ERR_INVALID_OPTION', 'the --tls-* options need --security-profile 2 or 3');
  }
  if (profile === 3 && !flags.tlsCa) {
    throw new ToolError('ERR_INVALID_OPTION', 'security profile 3 needs --tls-ca, the CA that signs station certificates');
  }
  let tls: TlsMaterial | undefined;
  if (profile >= 2) tls = readTlsFiles(flags.tlsCert ?? [], flags.tlsKey ?? [], flags.tlsCa);
  if (flags.password !== undefined && (flags.password.length < 16 || flags.password.length > 64)) {
    warn(`warning: OCPP passwords are 16 to 64 characters (BasicAuthPassword); this one has ${flags.password.length}`);
  }
  const password = flags.password;
  refusePseudoFileSystem('--out', flags.out);
  return {
    outDir: resolve(flags.out),
    csms: {
      host: flags.host,
      port: flags.port,
      path: flags.path,
      securityProfile: profile,
      ...(password !== undefined ? { passwordFor: () => password } : {}),
      ...(tls ? { tls } : {}),
      heartbeatIntervalS: flags.heartbeatInterval,
      callTimeoutMs: flags.callTimeout * 1000,
      pingIntervalMs: flags.pingInterval * 1000,
      maxFrameBytes: flags.maxFrameBytes,
      ...(flags.ocppVersion ? { ocppVersions: [flags.ocppVersion] } : {}),
    },
  };
}

/** "no authentication (lab use)" or "security profile 2". */
export function describeProfile(profile: number): string {
  return profile === 0 ? 'no authentication (lab use)' : `security profile ${profile}`;
}
