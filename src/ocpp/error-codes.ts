import type { ProtocolFinding } from './frame-event.js';

/** The twelve CALLERROR codes of OCPP-J 2.0.1 (Part 4); OCPP 2.1 keeps the same list. */
export const OCPP_ERROR_CODES = [
  'FormatViolation',
  'GenericError',
  'InternalError',
  'MessageTypeNotSupported',
  'NotImplemented',
  'NotSupported',
  'OccurrenceConstraintViolation',
  'PropertyConstraintViolation',
  'ProtocolError',
  'RpcFrameworkError',
  'SecurityError',
  'TypeConstraintViolation',
] as const;

export type OcppErrorCode = (typeof OCPP_ERROR_CODES)[number];

/** OCPP 1.6 spelled this code with a single "r"; stations ported from 1.6 still send it. */
export const OCPP16_OCCURRENCE_SPELLING = 'OccurenceConstraintViolation';

const known = new Set<string>(OCPP_ERROR_CODES);

export function isOcppErrorCode(code: unknown): code is OcppErrorCode {
  return typeof code === 'string' && known.has(code);
}

/**
 * Thrown by an inbound-call handler to answer with a CALLERROR instead of a CALLRESULT.
 * This is a wire error (architecture: error kind 1), never a tool error.
 */
export class OcppCallError extends Error {
  readonly errorCode: OcppErrorCode;
  readonly errorDetails: Record<string, unknown>;
  /** The peer's fault that earned this answer, recorded with the outgoing CALLERROR. */
  readonly finding: ProtocolFinding | undefined;

  constructor(errorCode: OcppErrorCode, description: string, options: { details?: Record<string, unknown>; finding?: ProtocolFinding } = {}) {
    super(description);
    this.name = 'OcppCallError';
    this.errorCode = errorCode;
    this.errorDetails = options.details ?? {};
    this.finding = options.finding;
  }
}
