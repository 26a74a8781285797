import type { ToolErrorCode } from '../errors.js';

/** Exit codes of the `ocpp-audit` command; documented in the README. */
export const ExitCode = {
  /** Completed (an audit's verdicts below --fail-on). */
  OK: 0,
  /** Runtime failure: port in use, cannot listen, output not writable, no station within --wait. */
  RUNTIME: 1,
  /** Bad usage: an unknown or invalid option, an unreadable or invalid input file. */
  USAGE: 2,
  /** The audit completed with verdicts at or above --fail-on. */
  AUDIT_FAILED: 3,
  /** A bug in the tool. */
  INTERNAL: 4,
  /** An audit interrupted by Ctrl-C (SIGINT): 128 + 2, as shells report it, so CI never reads it as success. */
  INTERRUPTED_SIGINT: 130,
  /** An audit interrupted by SIGTERM: 128 + 15. */
  INTERRUPTED_SIGTERM: 143,
} as const;

/** The exit code of an audit run that a signal interrupted (its outputs are written first). */
export function exitCodeForSignal(signal: string): number {
  return signal === 'SIGTERM' ? ExitCode.INTERRUPTED_SIGTERM : ExitCode.INTERRUPTED_SIGINT;
}

const BY_TOOL_ERROR: Partial<Record<ToolErrorCode, number>> = {
  ERR_INVALID_OPTION: ExitCode.USAGE,
  ERR_TLS_FILE: ExitCode.USAGE,
  ERR_INVALID_PROFILE: ExitCode.USAGE,
  ERR_INVALID_TESTCASE: ExitCode.USAGE,
  ERR_INVALID_CONFIG: ExitCode.USAGE,
  ERR_INVALID_GUIDELINE: ExitCode.USAGE,
  ERR_PORT_IN_USE: ExitCode.RUNTIME,
  ERR_LISTEN: ExitCode.RUNTIME,
  ERR_OUTPUT_DIR: ExitCode.RUNTIME,
  ERR_JOURNAL_IN_USE: ExitCode.RUNTIME,
  ERR_CONNECT: ExitCode.RUNTIME,
  ERR_NO_STATION: ExitCode.RUNTIME,
};

export function exitCodeFor(code: ToolErrorCode): number {
  return BY_TOOL_ERROR[code] ?? ExitCode.INTERNAL;
}
