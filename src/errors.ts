/**
 * Tool errors: problems of the tool or of its user's input (a busy port, an unreadable certificate,
 * a bad option). They carry a stable `code` for programs and a one-line message for people; only
 * `cli/` maps them to exit codes. A station's misbehaviour is never a ToolError: it is data.
 */
export type ToolErrorCode =
  | 'ERR_INVALID_OPTION'
  | 'ERR_PORT_IN_USE'
  | 'ERR_LISTEN'
  | 'ERR_TLS_FILE'
  | 'ERR_OUTPUT_DIR'
  | 'ERR_JOURNAL_IN_USE'
  | 'ERR_SCHEMA_LOAD'
  | 'ERR_INVALID_OUTBOUND'
  | 'ERR_NOT_CONNECTED'
  | 'ERR_CONNECT'
  | 'ERR_INVALID_PROFILE'
  | 'ERR_INVALID_TESTCASE'
  | 'ERR_UNRESOLVED_REFERENCE'
  | 'ERR_NO_STATION'
  | 'ERR_INVALID_CONFIG'
  | 'ERR_INVALID_GUIDELINE';

export class ToolError extends Error {
  readonly code: ToolErrorCode;

  constructor(code: ToolErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ToolError';
    this.code = code;
  }
}

export function isToolError(value: unknown): value is ToolError {
  return value instanceof ToolError;
}
