import type { FrameProblemKind } from './frame.js';
import type { MessageTypeName } from './message-type.js';
import type { ValidationIssue } from './schema-validator.js';

/** Direction names as open-ocpp-trace spells them. */
export type TraceDirection = 'cp-to-csms' | 'csms-to-cp';

/**
 * A protocol fault seen on the wire. Faults are data: they are recorded with the frame that shows
 * them and judged by checks later; they never end the connection.
 */
export type ProtocolFindingCode =
  | FrameProblemKind
  | 'binary-frame'
  | 'invalid-utf8'
  | 'byte-order-mark'
  | 'schema-violation'
  | 'unknown-action'
  | 'unsupported-action'
  | 'concurrent-call'
  | 'reused-message-id'
  | 'unknown-response-id'
  | 'late-response'
  | 'duplicate-response'
  | 'ocpp16-error-code'
  | 'unknown-error-code'
  | 'error-description-too-long'
  | 'error-details-not-object'
  | 'handler-failed'
  | 'invalid-outbound'
  | 'not-delivered'
  | 'call-before-boot'
  | 'call-while-pending'
  | 'call-after-rejected-boot'
  // OCPP 2.1 framing (Part 4, N15.FR.01–.02).
  | 'not-a-send-message'
  | 'send-as-call'
  | 'answered-send'
  | 'unknown-result-id';

export interface ProtocolFinding {
  code: ProtocolFindingCode;
  message: string;
}

/** How the frame's payload fared against the OCA schema. */
export type FrameValidation =
  | { valid: true; schema: string }
  | { valid: false; schema: string; errorCode: string; issues: ValidationIssue[] };

/**
 * One frame as it crossed the wire, with everything the journal needs. Emitted by the RPC
 * connection for every frame in both directions, readable or not, before any reply to it is sent.
 */
export interface FrameEvent {
  direction: TraceDirection;
  /** Wall-clock time the frame arrived or was sent. */
  at: Date;
  /** Monotonic milliseconds (performance.now), immune to clock steps. */
  monotonicMs: number;
  /** The verbatim text of the frame; base64 when it was not valid UTF-8. */
  raw: string;
  rawEncoding?: 'base64';
  binary?: boolean;
  messageTypeId?: number;
  messageType?: MessageTypeName;
  messageId?: string;
  /** The action; for CALLRESULT and CALLERROR, the action of the CALL they answer, when known. */
  action?: string;
  payload?: unknown;
  error?: { code: string; description: string; details: unknown };
  validation?: FrameValidation;
  /** Milliseconds from the CALL to this response, for responses to calls this side sent. */
  latencyMs?: number;
  findings: ProtocolFinding[];
}
