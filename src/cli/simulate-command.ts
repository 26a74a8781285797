import { Command, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { ToolError } from '../errors.js';
import { isScenarioName, SCENARIOS, type ScenarioName } from '../simulator/scenarios/index.js';
import { FAULTS, isFaultName, OCPP21_FAULTS, type FaultName } from '../simulator/station/faults.js';
import { OCPP16_FAULTS } from '../simulator/ocpp16/faults.js';
import { startVirtualStation } from '../simulator/start-virtual-station.js';
import { builtInProfiles, loadStationProfile } from '../simulator/station-profile.js';
import { parseOcppVersion, parsePositiveInteger } from './option-parsers.js';
import { OCPP_VERSIONS, type OcppVersion } from '../ocpp/protocol.js';
import type { Terminal } from './run-command.js';

interface SimulateOptions {
  url: string;
  id: string;
  profile: string;
  password?: string;
  tlsCa?: string;
  tlsCert?: string;
  tlsKey?: string;
  fault?: FaultName[];
  scenario?: ScenarioName[];
  seed: number;
  sensorInterval: number;
  timeScale: number;
  ocppVersion: OcppVersion;
}

export function parseFault(value: string, previous: FaultName[] | undefined): FaultName[] {
  if (!isFaultName(value)) throw new InvalidArgumentError(`unknown fault; known: ${Object.keys(FAULTS).join(', ')}; of OCPP 2.1: ${Object.keys(OCPP21_FAULTS).join(', ')}; of OCPP 1.6: ${Object.keys(OCPP16_FAULTS).join(', ')}`);
  return [...(previous ?? []), value];
}

export function parseScenario(value: string, previous: ScenarioName[] | undefined): ScenarioName[] {
  if (!isScenarioName(value)) throw new InvalidArgumentError(`unknown scenario; known: ${Object.keys(SCENARIOS).join(', ')}`);
  return [...(previous ?? []), value];
}

function parseTimeScale(value: string): number {
  const scale = Number(value);
  if (!Number.isFinite(scale) || scale < 1) throw new InvalidArgumentError('a number of at least 1 (3600: an hour of station time per second)');
  return scale;
}

function readPem(file: string | undefined, what: string): string | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ToolError('ERR_TLS_FILE', `${file}: cannot read the ${what}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export function simulateCommand(terminal: Terminal): Command {
  const faultHelp = Object.entries(FAULTS)
    .map(([name, what]) => `  ${name}: ${what}`)
    .join('\n');
  const fault21Help = Object.entries(OCPP21_FAULTS)
    .map(([name, what]) => `  ${name}: ${what}`)
    .join('\n');
  const fault16Help = Object.entries(OCPP16_FAULTS)
    .map(([name, what]) => `  ${name}: ${what}`)
    .join('\n');
  const scenarioHelp = Object.entries(SCENARIOS)
    .map(([name, scenario]) => `  ${name}: ${scenario.description}`)
    .join('\n');
  return new Command('simulate')
    .description('run a virtual OCPP charging station (1.6, 2.0.1 or 2.1) against a CSMS')
    .requiredOption('--url <url>', 'CSMS endpoint; the identity is appended (ws://host:9220/ocpp)')
    .option('--id <identity>', 'station identity', 'VIRTUAL-1')
    .option('--profile <name|file>', `station profile: ${builtInProfiles().join(', ')}, or a JSON file`, 'ac-wallbox')
    .addOption(new Option('--password <password>', 'Basic-auth password (security profiles 1 and 2)').env('OCPP_AUDIT_STATION_PASSWORD'))
    .option('--tls-ca <file>', 'PEM CA that signs the CSMS certificate (wss://)')
    .option('--tls-cert <file>', 'PEM client certificate (security profile 3)')
    .option('--tls-key <file>', 'PEM key of --tls-cert')
    .option('--fault <name>', 'misbehave on purpose (repeatable); see below', parseFault)
    .option('--scenario <name>', 'play a story over the station\'s time (repeatable); see below', parseScenario)
    .option('--seed <n>', 'seed for sensor values, scenarios and back-off jitter', parsePositiveInteger, 1)
    .option('--sensor-interval <ms>', 'how often sensor values move, in station time', parsePositiveInteger, 1000)
    .option('--ocpp-version <version>', `the OCPP version to speak (${OCPP_VERSIONS.join(', ')})`, parseOcppVersion, '2.0.1' as OcppVersion)
    .option('--time-scale <n>', 'run the station\'s clock n times faster than real time (timestamps, sensors, monitors, heartbeats)', parseTimeScale, 1)
    .addHelpText('after', `\nFaults (OCPP 2.0.1 and 2.1 stations):\n${faultHelp}\n\nFaults (OCPP 2.1 stations, --ocpp-version 2.1; a profile with monitoring):\n${fault21Help}\n\nFaults (OCPP 1.6 stations, --ocpp-version 1.6):\n${fault16Help}\n\nScenarios (deterministic by --seed; times are station time):\n${scenarioHelp}`)
    .action(async (options: SimulateOptions) => {
      // Listen for Ctrl-C before anything starts, so an early one is not lost.
      const stopping = terminal.stopSignal();
      const profile = loadStationProfile(options.profile);
      const ca = readPem(options.tlsCa, 'CA certificate');
      const cert = readPem(options.tlsCert, 'client certificate');
      const key = readPem(options.tlsKey, 'client key');
      const station = await startVirtualStation({
        url: options.url,
        identity: options.id,
        profile,
        ocppVersion: options.ocppVersion,
        ...(options.password !== undefined ? { password: options.password } : {}),
        ...(ca ? { ca } : {}),
        ...(cert ? { cert } : {}),
        ...(key ? { key } : {}),
        faults: options.fault ?? [],
        scenarios: options.scenario ?? [],
        seed: options.seed,
        timeScale: options.timeScale,
        sensorIntervalMs: options.sensorInterval,
        log: terminal.out,
      });
      terminal.out(`virtual station ${options.id} (OCPP ${options.ocppVersion}, ${profile.id}${options.fault?.length ? `, faults: ${options.fault.join(', ')}` : ''}${options.scenario?.length ? `, scenarios: ${options.scenario.join(', ')}` : ''}${options.timeScale !== 1 ? `, time ×${options.timeScale}` : ''}) → ${options.url}. Press Ctrl-C to stop.`);
      // The station's timers are unref'd so that it never holds a host program open; this
      // command is the station's own process, so it stays up (reconnecting) until Ctrl-C.
      const keepAlive = setInterval(() => undefined, 1 << 30);
      const signal = await stopping;
      clearInterval(keepAlive);
      terminal.out(`${signal}: stopping the station`);
      await station.stop();
    });
}
