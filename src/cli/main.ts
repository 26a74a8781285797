import { Command, CommanderError } from 'commander';
import { isToolError } from '../errors.js';
import { TOOL_VERSION } from '../tool-version.js';
import { compareCommand } from './compare-command.js';
import { demoCommand } from './demo-command.js';
import { indexCommand } from './index-command.js';
import { listCommand } from './list-command.js';
import { reportCommand } from './report-command.js';
import { scoreCommand } from './score-command.js';
import { validateCommand } from './validate-command.js';
import { exitCodeFor, ExitCode } from './exit-codes.js';
import { printable } from '../report/printable.js';
import { stdoutOpen } from './closed-stdout.js';
import { TtyStatusLine } from './tty-status-line.js';
import { runCommand, type Terminal } from './run-command.js';
import { simulateCommand } from './simulate-command.js';
import { storeCommand } from './store-command.js';
import { observeCommand } from './observe-command.js';
import { annotateCommand } from './annotate-command.js';
import { pilotReportCommand } from './pilot-report-command.js';


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

/** Asks the person at the terminal and waits for Enter. */
async function prompt(message: string): Promise<void> {
  const { createInterface } = await import('node:readline/promises');
  const reader = createInterface({ input: process.stdin, output: process.stdout });
  try {
    await reader.question(`${message}\nPress Enter when done. `);
  } finally {
    reader.close();
  }
}

/**
 * The live status line, on a terminal only (not a pipe, a file, or a terminal that knows no
 * escape codes): a log must read as whole lines, with no carriage return or escape code in it.
 */
const statusLine = process.stdout.isTTY && process.env['TERM'] !== 'dumb' ? new TtyStatusLine(process.stdout, stdoutOpen) : undefined;
// A second Ctrl-C ends the process at once: the shell's prompt must not land on the status line.
if (statusLine) process.once('exit', () => statusLine.show(undefined));

const processTerminal: Terminal = {
  // Station text reaches these lines (vendorName, close reasons, CALLERROR descriptions): its
  // control characters are shown escaped, never run by the terminal.
  out: (line) => {
    const write = (): void => {
      if (stdoutOpen()) process.stdout.write(`${printable(line)}\n`);
    };
    if (statusLine) statusLine.above(write);
    else write();
  },
  // On the same screen as the status line, most likely: it goes above it too.
  err: (line) => {
    const write = (): void => void process.stderr.write(`${printable(line)}\n`);
    if (statusLine) statusLine.above(write);
    else write();
  },
  stopSignal,
  prompt,
  ...(statusLine ? { status: (text: string | undefined) => statusLine.show(text) } : {}),
};

/**
 * The program's output and exit handling, down to subcommands of subcommands (`list testcases`):
 * without it their usage errors bypassed main (commander's own "error: …" and exit 1, not 2).
 */
function inheritSettings(command: Command, parent: Command): void {
  command.copyInheritedSettings(parent);
  for (const sub of command.commands) inheritSettings(sub, command);
}

/** The `ocpp-audit` command. The only place that reads argv, prints errors and picks exit codes. */
export async function main(argv: string[], terminal: Terminal = processTerminal): Promise<number> {
  const program = new Command('ocpp-audit')
    .description('Audit the device model and monitoring of an OCPP 2.0.1 charging station')
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => terminal.out(text.trimEnd()),
      writeErr: (text) => terminal.err(text.trimEnd()),
      // Usage errors read like every other error of the tool: one line, named after it.
      outputError: (text, write) => write(text.replace(/^error: /, 'ocpp-audit: ')),
    });
  // Commands that complete with a verdict set the exit code here (0, or 3 for --fail-on).
  const exit = { code: ExitCode.OK as number };
  for (const command of [runCommand(terminal, exit), demoCommand(terminal, exit), simulateCommand(terminal), scoreCommand(terminal, exit), reportCommand(terminal), compareCommand(terminal), indexCommand(terminal), listCommand(terminal), validateCommand(terminal, exit), storeCommand(terminal), annotateCommand(terminal), observeCommand(terminal, exit), pilotReportCommand(terminal)]) {
    inheritSettings(command, program);
    program.addCommand(command);
  }
  try {
    await program.parseAsync(argv);
    return exit.code;
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
