import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { ToolError } from '../errors.js';
import type { TlsMaterial } from '../ocpp/csms-server.js';
import { Csms, CSMS_DEFAULTS } from '../session/csms.js';
import type { BootStatus } from '../session/default-replies.js';
import { reportToConsole } from './console-reporter.js';
import { collect, parseBootStatus, parsePort, parseSeconds, parseSecurityProfile } from './option-parsers.js';
import { readTlsFiles } from './tls-files.js';

interface RunOptions {
  host: string;
  port: number;
  path: string;
  out: string;
  securityProfile: 0 | 1 | 2 | 3;
  password?: string;
  tlsCert?: string[];
  tlsKey?: string[];
  tlsCa?: string;
  bootStatus: BootStatus;
  heartbeatInterval: number;
  callTimeout: number;
  pingInterval: number;
}

/** Where the CLI talks to people; tests and the library swap it. */
export interface Terminal {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Resolves when the user asks to stop (SIGINT/SIGTERM). */
  stopSignal: () => Promise<string>;
}

export function runCommand(terminal: Terminal): Command {
  return new Command('run')
    .description('start the mock CSMS, accept charging stations and record every frame as evidence')
    .option('--host <host>', 'address to listen on', CSMS_DEFAULTS.host)
    .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, CSMS_DEFAULTS.port)
    .option('--path <prefix>', 'URL path before the station identity', CSMS_DEFAULTS.path)
    .option('--out <dir>', 'evidence directory: <dir>/<station>/trace.jsonl', 'audit-out')
    .option('--security-profile <n>', 'OCPP security profile 1, 2 or 3 (0: no authentication, lab use)', parseSecurityProfile, 0)
    .addOption(
      new Option('--password <password>', 'Basic-auth password expected from stations (profiles 1 and 2)').env('OCPP_AUDIT_PASSWORD'),
    )
    .option('--tls-cert <file>', 'PEM server certificate (profiles 2 and 3); repeat for an RSA and an ECDSA one', collect)
    .option('--tls-key <file>', 'PEM private key of each --tls-cert, in the same order', collect)
    .option('--tls-ca <file>', 'PEM CA that signs station certificates (profile 3)')
    .option('--boot-status <status>', 'answer to BootNotification: Accepted, Pending or Rejected', parseBootStatus, CSMS_DEFAULTS.bootStatus)
    .option('--heartbeat-interval <seconds>', 'heartbeat interval given to accepted stations', parseSeconds, CSMS_DEFAULTS.heartbeatIntervalS)
    .option('--call-timeout <seconds>', 'how long to wait for a station to answer a CALL', parseSeconds, CSMS_DEFAULTS.callTimeoutMs / 1000)
    .option('--ping-interval <seconds>', 'WebSocket ping period (0: no pings)', parseSeconds, CSMS_DEFAULTS.pingIntervalMs / 1000)
    .action(async (options: RunOptions) => {
      await run(options, terminal);
    });
}

async function run(options: RunOptions, terminal: Terminal): Promise<void> {
  // Listen for Ctrl-C before anything starts, so an early one is not lost.
  const stopping = terminal.stopSignal();
  const profile = options.securityProfile;
  if ((profile === 1 || profile === 2) && !options.password) {
    throw new ToolError('ERR_INVALID_OPTION', `security profile ${profile} needs --password (or the OCPP_AUDIT_PASSWORD environment variable)`);
  }
  if (profile < 2 && (options.tlsCert || options.tlsKey || options.tlsCa)) {
    throw new ToolError('ERR_INVALID_OPTION', 'the --tls-* options need --security-profile 2 or 3');
  }
  if (profile === 3 && !options.tlsCa) {
    throw new ToolError('ERR_INVALID_OPTION', 'security profile 3 needs --tls-ca, the CA that signs station certificates');
  }
  let tls: TlsMaterial | undefined;
  if (profile >= 2) tls = readTlsFiles(options.tlsCert ?? [], options.tlsKey ?? [], options.tlsCa);
  if (options.password !== undefined && (options.password.length < 16 || options.password.length > 64)) {
    terminal.err(`warning: OCPP passwords are 16 to 64 characters (BasicAuthPassword); this one has ${options.password.length}`);
  }
  const password = options.password;
  const outDir = resolve(options.out);
  const csms = await Csms.start({
    host: options.host,
    port: options.port,
    path: options.path,
    securityProfile: profile,
    ...(password !== undefined ? { passwordFor: () => password } : {}),
    ...(tls ? { tls } : {}),
    outDir,
    bootStatus: options.bootStatus,
    heartbeatIntervalS: options.heartbeatInterval,
    callTimeoutMs: options.callTimeout * 1000,
    pingIntervalMs: options.pingInterval * 1000,
  });
  const profileText = profile === 0 ? 'no authentication (lab use)' : `security profile ${profile}`;
  terminal.out(`CSMS listening on ${csms.url} (${profileText}, subprotocol ocpp2.0.1)`);
  terminal.out(`Point a charging station at ${csms.url}<identity>; evidence goes to ${outDir}. Press Ctrl-C to stop.`);
  reportToConsole(csms, terminal.out);
  const signal = await stopping;
  terminal.out(`${signal}: closing connections and journals`);
  const summaries = await csms.close();
  for (const summary of summaries) {
    terminal.out(`${summary.path}: ${summary.records} records, sha256 ${summary.sha256}`);
  }
  if (summaries.length === 0) terminal.out('no station connected');
}
