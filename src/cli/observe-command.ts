import type { OcppVersion } from '../ocpp/protocol.js';
import { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import { ToolError } from '../errors.js';
import { loadGuideline } from '../config/guideline-loader.js';
import type { Guideline } from '../config/guideline.js';
import type { DeviceModelEntry } from '../evidence/evidence.js';
import { defaultPlan } from '../observe/plan/default-plan.js';
import type { MonitoringPlan, PlanFile } from '../observe/plan/monitoring-plan.js';
import { planFromFile } from '../observe/plan/monitoring-plan.js';
import { loadPlanFile } from '../observe/plan/plan-file.js';
import { Observation } from '../observe/observer/observation.js';
import { openStore } from '../observe/store/open-store.js';
import { chooseGuideline } from '../scoring/choose-guideline.js';
import { Csms } from '../session/csms.js';
import { ExitCode } from './exit-codes.js';
import { addListenOptions, describeProfile, resolveListen, type ListenFlags } from './listen-options.js';
import { parseDuration, parsePositiveSeconds, parseSeconds } from './option-parsers.js';
import type { ExitHolder, Terminal } from './run-command.js';

interface ObserveOptions extends ListenFlags {
  plan?: string;
  guideline?: string;
  store?: string;
  duration?: number;
  statusInterval: number;
  checkInterval: number;
  reportWindow: number;
}

/**
 * `observe` (issue 16): the CSMS for a pilot's stations, for as long as it runs. Each station's
 * inventory is read, the monitoring plan kept on it and verified on every boot and reconnect (and
 * checked for drift at an interval), every frame journalled (the evidence) and indexed into the
 * store (SQLite by default, PostgreSQL for several processes), a status line per station printed
 * at an interval. Stops on Ctrl-C or after --duration.
 */
export function observeCommand(terminal: Terminal, exit: ExitHolder): Command {
  const command = addListenOptions(
    new Command('observe').description('keep a monitoring plan on every station that connects, for days: journal every frame, index diagnostics into the pilot store'),
    'evidence directory: <dir>/<station>/days/<day>/trace.jsonl, the store <dir>/pilot.sqlite',
    'pilot-out',
  )
    .option('--plan <file>', 'monitoring plan file (schemas/monitoring-plan.schema.json; per station, archetype or any); default: from each station\'s guideline')
    .option('--guideline <id|file>', 'the guideline the default plan comes from (default: the shipped one of the archetype each station\'s device model shows)')
    .option('--store <file|url>', 'the SQLite store file, or a PostgreSQL database as postgres://… (default: <out>/pilot.sqlite)')
    .option('--duration <time>', 'stop by itself after this long (90, 30m, 12h, 7d); default: until Ctrl-C', parseDuration)
    .option('--status-interval <seconds>', 'a status line per station this often (0: none)', parseSeconds, 60)
    .option('--check-interval <seconds>', 'look for drift of the plan this often while a station stays connected (0: only on boots and reconnects)', parseSeconds, 3600)
    .option('--report-window <seconds>', 'how long a station may take to send a whole inventory or monitoring report', parsePositiveSeconds, 120);
  return command.action(async (options: ObserveOptions) => {
    exit.code = await observe(options, terminal);
  });
}

/** The versions observe accepts, newest first: those with a device model to place a plan on. */
const OBSERVED_VERSIONS: readonly OcppVersion[] = ['2.1', '2.0.1'];

async function observe(options: ObserveOptions, terminal: Terminal): Promise<number> {
  const stopping = terminal.stopSignal();
  const listen = resolveListen(options, terminal.err);
  // A plan is monitors on a device model: 2.0.1 and 2.1 have one, 1.6 has not (its stations are audited, not observed).
  if (options.ocppVersion && !OBSERVED_VERSIONS.includes(options.ocppVersion)) {
    throw new ToolError('ERR_INVALID_OPTION', `--ocpp-version ${options.ocppVersion}: observe places monitors on a device model, which OCPP ${options.ocppVersion} lacks; observe speaks ${OBSERVED_VERSIONS.join(' and ')}`);
  }
  listen.csms.ocppVersions ??= OBSERVED_VERSIONS;
  const planFor = planSource(options);
  // Like run, observe makes its output directory (the store lives in it by default).
  try {
    mkdirSync(listen.outDir, { recursive: true });
  } catch (error) {
    throw new ToolError('ERR_OUTPUT_DIR', `--out ${options.out}: cannot create it: ${(error as Error).message}`);
  }
  const store = await openStore(listen.outDir, options.store);
  let csms: Csms;
  try {
    csms = await Csms.start({ ...listen.csms, outDir: listen.outDir, bootStatus: 'Accepted', journalRotation: 'daily', inboxLimits: OBSERVE_INBOX_LIMITS, peerMessageIdMemory: OBSERVE_MESSAGE_ID_MEMORY });
  } catch (error) {
    await store.close();
    throw error;
  }
  terminal.out(`CSMS listening on ${csms.url} (${describeProfile(options.securityProfile)}, subprotocols ${csms.server.subprotocols.join(', ')})`);
  terminal.out(`Observing: point stations at ${csms.url}<identity>; journals go to ${listen.outDir}, the index to ${store.description}.${options.duration ? ` Stopping after ${options.duration} s.` : ' Press Ctrl-C to stop.'}`);
  const observation = await Observation.start(csms, store, {
    outDir: listen.outDir,
    planFor,
    reportWindowMs: options.reportWindow * 1000,
    checkIntervalMs: options.checkInterval * 1000,
    reconnectGraceMs: 10_000,
    statusIntervalMs: options.statusInterval * 1000,
    log: terminal.out,
  });
  csms.on('connected', ({ session, replaced }) => terminal.out(`${session.identity}: connected${replaced ? ' (replacing its older connection)' : ''}`));
  csms.on('disconnected', ({ session, code }) => terminal.out(`${session.identity}: disconnected (${code})`));
  const unrecorded: string[] = [];
  csms.on('journal-failed', ({ identity, failure }) => {
    unrecorded.push(`${identity} (${failure.code})`);
    terminal.err(`ocpp-audit: ${identity}: the journal cannot be written (${failure.code}: ${failure.message}); its session was ended, the other stations go on`);
  });
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<string>((resolve) => {
    if (options.duration !== undefined) timer = setTimeout(() => resolve('duration reached'), options.duration * 1000);
  });
  const nothingWritable = new Promise<string>((resolve) => csms.once('server-journal-failed', (failure) => resolve(`the output directory takes no more writes (${failure.message})`)));
  const reason = await Promise.race([stopping, elapsed, nothingWritable]);
  clearTimeout(timer);
  terminal.out(`${reason}: closing connections, journals and the store`);
  observation.printStatus();
  observation.stop();
  const summaries = await csms.close();
  await observation.finish();
  await store.close();
  for (const summary of summaries) terminal.out(`${summary.path}: ${summary.records} records, sha256 ${summary.sha256}`);
  const { indexed, leftForRebuild } = observation.ingestCounts;
  terminal.out(`store: ${indexed} record(s) indexed${leftForRebuild > 0 ? `, ${leftForRebuild} left for \`ocpp-audit store rebuild\`` : ''}`);
  if (reason.startsWith('the output directory')) return ExitCode.RUNTIME;
  // Evidence that could not be written makes the observation incomplete: said again at the end, exit 1.
  if (unrecorded.length > 0) {
    terminal.err(`ocpp-audit: the journals of ${unrecorded.join(', ')} could not be written; those sessions were ended, the other stations were observed`);
    return ExitCode.RUNTIME;
  }
  // Ctrl-C is how an observation normally ends (like run --record-only): nothing was cut short.
  return ExitCode.OK;
}

/**
 * Observe holds little of what stations send in memory: the journal and the store have it all,
 * a pilot has many stations for weeks, and its only reader (a report it asked for) starts
 * listening before it asks. Measured (bench/observe-fleet.bench.ts): with an audit's limits a
 * station's inbox grew to 1.3 MB and its message-id memory towards 9 MB.
 */
const OBSERVE_INBOX_LIMITS = { recentMessages: 100, recentBytes: 256 * 1024, keptMessages: 0, keptBytes: 0 };
/** Reused message ids are looked for among a station's last 1,000, and the CSMS's last 1,000 CALLs are remembered (an audit remembers 100,000 of each). */
const OBSERVE_MESSAGE_ID_MEMORY = 1000;

/** The plan of a station: its entry in --plan, else the default plan of its guideline (forced by --guideline, or detected). */
function planSource(options: ObserveOptions): (identity: string, entries: readonly DeviceModelEntry[]) => MonitoringPlan {
  const file: PlanFile | undefined = options.plan ? loadPlanFile(options.plan) : undefined;
  const forced: Guideline | undefined = options.guideline ? loadGuideline(options.guideline) : undefined;
  return (identity, entries) => {
    const choice = chooseGuideline(entries, forced);
    const fromFile = file ? planFromFile(file, basename(options.plan!), identity, choice.archetype) : undefined;
    return fromFile ?? defaultPlan(choice.guideline);
  };
}
