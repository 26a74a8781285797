import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { isToolError } from '../errors.js';
import { exitCodeFor, ExitCode } from './exit-codes.js';
import { runCommand, type Terminal } from './run-command.js';
import { simulateCommand } from './simulate-command.js';

const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

/** Resolves on the first SIGINT or SIGTERM; a second one ends the process at once. */
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

const processTerminal: Terminal = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  stopSignal,
};

/** The `ocpp-audit` command. The only place that reads argv, prints errors and picks exit codes. */
export async function main(argv: string[], terminal: Terminal = processTerminal): Promise<number> {
  const program = new Command('ocpp-audit')
    .description('Audit the device model and monitoring of an OCPP 2.0.1 charging station')
    .version(version)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => terminal.out(text.trimEnd()),
      writeErr: (text) => terminal.err(text.trimEnd()),
      // Usage errors read like every other error of the tool: one line, named after it.
      outputError: (text, write) => write(text.replace(/^error: /, 'ocpp-audit: ')),
    });
  for (const command of [runCommand(terminal), simulateCommand(terminal)]) {
    command.copyInheritedSettings(program);
    program.addCommand(command);
  }
  try {
    await program.parseAsync(argv);
    return ExitCode.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    }
    if (isToolError(error)) {
      terminal.err(`ocpp-audit: ${error.message}`);
      return exitCodeFor(error.code);
    }
    terminal.err(`ocpp-audit: internal error: ${(error as Error)?.stack ?? String(error)}`);
    return ExitCode.INTERNAL;
  }
}
