import { Command } from 'commander';
import { resolve } from 'node:path';
import { serveAudits } from '../audit/audit-server.js';
import { reachesFailLevel } from '../result/audit-result.js';
import { Csms, CSMS_DEFAULTS } from '../session/csms.js';
import { DEFAULT_MAX_FRAME_BYTES } from '../ocpp/csms-server.js';
import { checkFaultsFit, checkFaultsFitVersion, startVirtualStation } from '../simulator/start-virtual-station.js';
import { builtInProfiles, loadStationProfile } from '../simulator/station-profile.js';
import type { FaultName } from '../simulator/station/faults.js';
import type { SimulatedStation } from '../simulator/simulated-station.js';
import { TOOL_VERSION } from '../tool-version.js';
import { addAuditOptions, resolveAudit, type AuditFlags } from './audit-options.js';
import { refusePseudoFileSystem } from './out-dir.js';
import { ExitCode, exitCodeForSignal } from './exit-codes.js';
import { isToolError } from '../errors.js';
import { parseFrameBytes, parseOcppVersion, parsePositiveInteger } from './option-parsers.js';
import { OCPP_VERSIONS, type OcppVersion } from '../ocpp/protocol.js';
import { reportProgress } from './progress-reporter.js';
import { WaitStatus } from './wait-status.js';
import { printAuditSummary, type ExitHolder, type Terminal } from './run-command.js';
import { parseFault } from './simulate-command.js';

interface DemoOptions extends AuditFlags {
  profile: string;
  fault?: FaultName[];
  out: string;
  seed: number;
  id: string;
  maxFrameBytes: number;
  ocppVersion: OcppVersion;
}

/**
 * `demo`: the whole audit without hardware. The CSMS listens on a free loopback port, the
 * virtual station connects in-process, the catalogue runs, and the outputs' paths are printed.
 */
export function demoCommand(terminal: Terminal, exit: ExitHolder): Command {
  const command = new Command('demo')
    .description('audit the built-in virtual charging station end to end (no hardware needed)')
    .option('--profile <name|file>', `station profile: ${builtInProfiles().join(', ')}, or a JSON file`, 'ac-wallbox')
    .option('--fault <name>', 'make the virtual station misbehave (repeatable; see `simulate --help`)', parseFault)
    .option('--out <dir>', 'output directory: <dir>/<station>/{trace.jsonl,evidence.json,result.json}', 'demo-out')
    .option('--id <identity>', 'identity of the virtual station', 'VIRTUAL-DEMO')
    .option('--max-frame-bytes <size>', 'largest frame the station may send (bytes, or e.g. 512KiB, 4MiB); a larger one closes its connection with 1009', parseFrameBytes, DEFAULT_MAX_FRAME_BYTES)
    .option('--seed <n>', 'seed of the virtual station (sensor values, jitter)', parsePositiveInteger, 1)
    .option('--ocpp-version <version>', `the OCPP version the virtual station speaks (${OCPP_VERSIONS.join(', ')})`, parseOcppVersion, '2.0.1' as OcppVersion);
  return addAuditOptions(command, { failOn: 'none' }).action(async (options: DemoOptions) => {
    const stopping = terminal.stopSignal();
    const profile = loadStationProfile(options.profile);
    checkFaultsFitVersion(options.ocppVersion, options.fault ?? []);
    checkFaultsFit(profile, options.fault ?? []);
    const audit = resolveAudit({ ...options, nonInteractive: true }, { callTimeoutMs: 10_000, securityProfile: 0, version: TOOL_VERSION, prompt: terminal.prompt });
    const outDir = resolve(options.out);
    refusePseudoFileSystem('--out', options.out);
    const csms = await Csms.start({ ...CSMS_DEFAULTS, securityProfile: 0, port: 0, outDir, callTimeoutMs: 10_000, pingIntervalMs: 0, maxFrameBytes: options.maxFrameBytes, ocppVersions: [options.ocppVersion] });
    terminal.out(`CSMS listening on ${csms.url}; auditing the virtual ${profile.id} station ${options.id} (OCPP ${options.ocppVersion})${options.fault ? ` with faults ${options.fault.join(', ')}` : ''}`);
    // On a terminal, long waits count down on a status line; elsewhere they are a line each.
    const waits = terminal.status ? new WaitStatus(terminal.status) : undefined;
    const serving = serveAudits(csms, audit.cases, audit.options, {
      maxStations: 1,
      concurrency: 1,
      waitS: 30,
      onRunner: (runner, session) => reportProgress(runner, session.identity, terminal.out, waits),
      // An output that cannot be written is one line, as in `run`; the tool's own bugs keep their stack.
      onAuditError: (session, error) => terminal.err(`ocpp-audit: the audit of ${session.identity} failed: ${isToolError(error) ? error.message : (error.stack ?? error.message)}`),
    });
    let station: SimulatedStation;
    try {
      station = await startVirtualStation({ url: csms.url, identity: options.id, profile, ocppVersion: options.ocppVersion, seed: options.seed, rebootDelayMs: 200, ...(options.fault ? { faults: options.fault } : {}) });
    } catch (error) {
      // A listening CSMS would keep the process alive after the error is printed.
      serving.stop('the virtual station did not start');
      await csms.close();
      throw error;
    }
    let interruptedBy: string | undefined;
    let served = false;
    void stopping.then((signal) => {
      if (served) return;
      interruptedBy = signal;
      serving.stop(`${signal} received`);
    });
    const outcome = await serving.done;
    served = true;
    waits?.endAll();
    await station.stop();
    await csms.close();
    for (const audited of outcome.audits) printAuditSummary(audited, terminal);
    if (outcome.audits.length === 0) {
      terminal.err('ocpp-audit: the virtual station was never accepted; see the journal in the output directory');
      exit.code = ExitCode.RUNTIME;
      return;
    }
    // Interrupted, the outputs are written but the run did not complete: CI must not read it as success.
    if (interruptedBy !== undefined) exit.code = exitCodeForSignal(interruptedBy);
    else exit.code = outcome.audits.some((a) => reachesFailLevel(a.result, options.failOn)) ? ExitCode.AUDIT_FAILED : ExitCode.OK;
  });
}
