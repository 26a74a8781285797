import { ExitCode } from './exit-codes.js';

let closed = false;
let failure: string | undefined;

/**
 * `ocpp-audit list testcases | head`: the reader has what it wanted and closed the pipe, so the
 * next write to standard output fails with EPIPE. That is the reader's choice, not a failure of
 * the tool: later lines are dropped silently, instead of Node's unhandled 'error' stack trace, and
 * the command goes on to its normal end. For `list` that is at once (exit 0, as `head` expects of
 * a writer); an audit (`run`, `demo`) keeps auditing, since its evidence is in files, not on the
 * console, and nothing collected may be lost. Any other failure of standard output (a full disk
 * behind `> file`) is one line on stderr, and the command exits 1 at its end: what it printed is
 * incomplete. Installed once by the entry point, for every command.
 */
export function watchStdout(stdout: NodeJS.WriteStream = process.stdout): void {
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    if (error.code === 'EPIPE') return;
    failure = error.message;
    process.stderr.write(`ocpp-audit: standard output: cannot write: ${error.message}\n`);
  });
}

/** False once standard output failed or its reader went away: lines for it are dropped. */
export function stdoutOpen(): boolean {
  return !closed;
}

/** The exit code a command's own code gives way to: 1 when standard output failed (not a closed pipe). */
export function exitCodeAfterStdout(code: number): number {
  return failure !== undefined ? ExitCode.RUNTIME : code;
}
