import { ExitCode } from './exit-codes.js';

/**
 * `ocpp-audit list testcases | head`: the reader has what it wanted and closed the pipe, so the
 * next write to standard output fails with EPIPE. That is the reader's choice, not a failure of
 * the tool: the process ends at once, silently, with exit code 0 (as `head` expects of a writer),
 * instead of Node's unhandled 'error' stack trace. Installed once by the entry point, for every
 * command.
 */
export function endQuietlyWhenStdoutCloses(stdout: NodeJS.WriteStream = process.stdout): void {
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ExitCode.OK);
    // Any other failure of standard output (a full disk behind `> file`) is one line, exit 1.
    process.stderr.write(`ocpp-audit: standard output: cannot write: ${error.message}\n`);
    process.exit(ExitCode.RUNTIME);
  });
}
