import type { ValidationIssue } from './schema-validator.js';

/**
 * Why an outbound CALL did not produce a usable response. A station's misbehaviour is a value the
 * audit can judge, never an exception.
 */
export type CallFailure =
  | { kind: 'call-error'; errorCode: string; errorDescription: string; errorDetails: unknown }
  /**
   * `notKept`: the caller's own process was too blocked to wait the whole timeout out (see
   * event-loop-lateness.ts): why, in words, and its worst stall. Silence then proves nothing.
   */
  | { kind: 'timeout'; timeoutMs: number; notKept?: { why: string; toolLateMs: number } }
  | { kind: 'disconnected'; reason: string }
  | { kind: 'invalid-response'; payload: unknown; issues: ValidationIssue[] }
  | { kind: 'malformed-response'; raw: string; reason: string };

export type CallOutcome<Response = Record<string, unknown>> =
  | { ok: true; action: string; messageId: string; payload: Response; durationMs: number }
  | { ok: false; action: string; messageId?: string; failure: CallFailure; durationMs: number };

/** One line for people: "CALLERROR NotSupported: ...", "no response within 30000 ms", ... */
export function describeFailure(failure: CallFailure): string {
  switch (failure.kind) {
    case 'call-error':
      return `CALLERROR ${failure.errorCode}${failure.errorDescription ? `: ${failure.errorDescription}` : ''}`;
    case 'timeout':
      return `no response within ${failure.timeoutMs} ms`;
    case 'disconnected':
      return `disconnected: ${failure.reason}`;
    case 'invalid-response':
      return `response violates its schema: ${failure.issues.map((i) => `${i.instancePath || '/'} ${i.message}`).join('; ')}`;
    case 'malformed-response':
      return `malformed response: ${failure.reason}`;
  }
}
