import type { ToolErrorCode } from '../errors.js';

/** Exit codes of the `ocpp-audit` command; documented in the README. */
export const ExitCode = {
  OK: 0,
  /** Reserved for the audit: the station failed checks at or above the configured level. */
  AUDIT_FAILED: 1,
  /** Bad usage: an unknown or invalid option, an unreadable or invalid input file. */
  USAGE: 2,
  /** The environment refused: port in use, cannot listen, output directory not writable. */
  ENVIRONMENT: 3,
  /** A bug in the tool. */
  INTERNAL: 4,
} as const;

const BY_TOOL_ERROR: Partial<Record<ToolErrorCode, number>> = {
  ERR_INVALID_OPTION: ExitCode.USAGE,
  ERR_TLS_FILE: ExitCode.USAGE,
  ERR_INVALID_PROFILE: ExitCode.USAGE,
  ERR_PORT_IN_USE: ExitCode.ENVIRONMENT,
  ERR_LISTEN: ExitCode.ENVIRONMENT,
  ERR_OUTPUT_DIR: ExitCode.ENVIRONMENT,
  ERR_CONNECT: ExitCode.ENVIRONMENT,
};

export function exitCodeFor(code: ToolErrorCode): number {
  return BY_TOOL_ERROR[code] ?? ExitCode.INTERNAL;
}
