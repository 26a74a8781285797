import type { OcppErrorCode } from './error-codes.js';
import {
  MAX_MESSAGE_ID_LENGTH,
  MessageTypeId,
  type MessageTypeName,
  UNREADABLE_MESSAGE_ID,
} from './message-type.js';

export interface CallFrame {
  messageType: 'CALL';
  messageId: string;
  action: string;
  payload: unknown;
}

export interface CallResultFrame {
  messageType: 'CALLRESULT';
  messageId: string;
  payload: unknown;
}

export interface CallErrorFrame {
  messageType: 'CALLERROR';
  messageId: string;
  errorCode: string;
  errorDescription: string;
  errorDetails: unknown;
}

/** OCPP 2.1 message type 6: an unconfirmed message, never answered (N15.FR.01–.02). */
export interface SendFrame {
  messageType: 'SEND';
  messageId: string;
  action: string;
  payload: unknown;
}

/** OCPP 2.1 message type 5: the receiver of a CALLRESULT could not process it; id = that CALLRESULT's. */
export interface CallResultErrorFrame {
  messageType: 'CALLRESULTERROR';
  messageId: string;
  errorCode: string;
  errorDescription: string;
  errorDetails: unknown;
}

export type Frame = CallFrame | CallResultFrame | CallErrorFrame | SendFrame | CallResultErrorFrame;

/** What the parser needs to know of the connection's OCPP version (OcppProtocol has it). */
export interface FrameRules {
  label: string;
  messageTypes: ReadonlySet<number>;
  unknownTypeReply: OcppErrorCode | undefined;
}

/** OCPP-J 2.0.1: types 2/3/4; any other is answered MessageTypeNotSupported (Part 4). */
export const OCPP201_FRAME_RULES: FrameRules = {
  label: 'OCPP 2.0.1',
  messageTypes: new Set([MessageTypeId.CALL, MessageTypeId.CALLRESULT, MessageTypeId.CALLERROR]),
  unknownTypeReply: 'MessageTypeNotSupported',
};

/** Why a frame could not be read as an OCPP-J message of the connection's version. */
export type FrameProblemKind =
  | 'invalid-json'
  | 'not-an-array'
  | 'bad-message-type'
  | 'unknown-message-type'
  | 'ocpp21-message-type'
  | 'bad-message-id'
  | 'message-id-too-long'
  | 'wrong-arity'
  | 'bad-action'
  | 'bad-error-fields'
  | 'too-deep';

export interface FrameProblem {
  kind: FrameProblemKind;
  description: string;
  /** The message type id, when the frame had a readable one. */
  messageTypeId?: number;
  /** The frame's own id, when it could be read (a non-empty string of at most 36 characters). */
  messageId?: string;
  /** The CALLERROR to send back, when the frame may have been a request (never for responses). */
  reply?: { messageId: string; errorCode: OcppErrorCode };
}

/**
 * Deepest nesting accepted in a frame. OCPP 2.0.1 payloads nest about ten levels; RFC 8259 §9 lets a
 * parser limit depth, and every consumer of a payload (validation, redaction, the journal, checks)
 * walks it, so a pathological depth is refused here once instead of overflowing a stack later.
 */
export const MAX_NESTING_DEPTH = 100;

export type ParseOutcome = { ok: true; frame: Frame; message: unknown[] } | { ok: false; problem: FrameProblem };

function readableId(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_MESSAGE_ID_LENGTH ? value : undefined;
}

/**
 * Reads one text frame as an OCPP-J message of the connection's version. Every malformed case
 * returns a problem that says what is wrong and, where the frame could have been a CALL, which
 * CALLERROR answers it (Part 4: an unreadable id is answered with "-1"; a message type the version
 * lacks with MessageTypeNotSupported, or, under 2.1, not at all). Responses and SENDs are never
 * answered, even when malformed.
 */
export function parseFrame(text: string, rules: FrameRules = OCPP201_FRAME_RULES): ParseOutcome {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch (error) {
    return problem('invalid-json', `not JSON: ${(error as Error).message}`, undefined, undefined, 'RpcFrameworkError');
  }
  if (!Array.isArray(message)) {
    return problem('not-an-array', `an OCPP-J message is a JSON array, got ${describe(message)}`, undefined, undefined, 'RpcFrameworkError');
  }
  const [typeId, id] = message as unknown[];
  const readable = readableId(id);
  if (typeof typeId !== 'number' || !Number.isInteger(typeId)) {
    return problem('bad-message-type', `the message type id must be an integer, got ${describe(typeId)}`, undefined, readable, 'RpcFrameworkError');
  }
  if (!rules.messageTypes.has(typeId)) {
    if (typeId === MessageTypeId.CALLRESULTERROR || typeId === MessageTypeId.SEND) {
      return problem('ocpp21-message-type', `message type ${typeId} (${typeName(typeId)}) exists only in OCPP 2.1, not under ${rules.label}`, typeId, readable, rules.unknownTypeReply);
    }
    return problem('unknown-message-type', `unknown message type ${typeId}${rules.unknownTypeReply ? '' : ` (${rules.label} ignores it)`}`, typeId, readable, rules.unknownTypeReply);
  }
  const callLike = typeId === MessageTypeId.CALL || typeId === MessageTypeId.SEND;
  const errorLike = typeId === MessageTypeId.CALLERROR || typeId === MessageTypeId.CALLRESULTERROR;
  // Only a CALL is answered when it is malformed: a SEND never is (N15.FR.02), nor a response.
  const replyCode: OcppErrorCode | undefined = typeId === MessageTypeId.CALL ? 'RpcFrameworkError' : undefined;
  if (typeof id !== 'string' || id.length === 0) {
    return problem('bad-message-id', `the message id must be a non-empty string, got ${describe(id)}`, typeId, undefined, replyCode);
  }
  if (id.length > MAX_MESSAGE_ID_LENGTH) {
    return problem('message-id-too-long', `the message id has ${id.length} characters, more than ${MAX_MESSAGE_ID_LENGTH}`, typeId, undefined, replyCode);
  }
  if (exceedsDepth(message, MAX_NESTING_DEPTH)) {
    return problem('too-deep', `the frame nests deeper than ${MAX_NESTING_DEPTH} levels`, typeId, id, replyCode ? 'FormatViolation' : undefined);
  }
  const expectedLength = callLike ? 4 : errorLike ? 5 : 3;
  if (message.length !== expectedLength) {
    return problem('wrong-arity', `a ${typeName(typeId)} has ${expectedLength} elements, got ${message.length}`, typeId, id, replyCode);
  }
  if (callLike) {
    const action: unknown = message[2];
    if (typeof action !== 'string' || action.length === 0) {
      return problem('bad-action', `the action must be a non-empty string, got ${describe(action)}`, typeId, id, replyCode);
    }
    const messageType = typeId === MessageTypeId.CALL ? 'CALL' : 'SEND';
    return { ok: true, message, frame: { messageType, messageId: id, action, payload: message[3] } };
  }
  if (typeId === MessageTypeId.CALLRESULT) {
    return { ok: true, message, frame: { messageType: 'CALLRESULT', messageId: id, payload: message[2] } };
  }
  const [, , errorCode, errorDescription, errorDetails] = message as unknown[];
  if (typeof errorCode !== 'string' || typeof errorDescription !== 'string') {
    return problem('bad-error-fields', `a ${typeName(typeId)} needs a string error code and a string description`, typeId, id, undefined);
  }
  const messageType = typeId === MessageTypeId.CALLERROR ? 'CALLERROR' : 'CALLRESULTERROR';
  return { ok: true, message, frame: { messageType, messageId: id, errorCode, errorDescription, errorDetails } };
}

/**
 * Whether a parsed JSON value nests deeper than `limit`. Recursive, but never more than `limit`
 * calls deep (it stops at the first node past it), and allocation-free for arrays: it runs on
 * every frame, where the former explicit stack of [node, depth] pairs cost a pair per value.
 */
function exceedsDepth(value: unknown, limit: number, depth = 1): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth > limit) return true;
  if (Array.isArray(value)) {
    for (const child of value) if (exceedsDepth(child, limit, depth + 1)) return true;
    return false;
  }
  const object = value as Record<string, unknown>;
  // for-in allocates no key array; a parsed JSON object has no inherited enumerable keys.
  for (const key in object) if (exceedsDepth(object[key], limit, depth + 1)) return true;
  return false;
}

function problem(
  kind: FrameProblemKind,
  description: string,
  messageTypeId: number | undefined,
  messageId: string | undefined,
  replyCode: OcppErrorCode | undefined,
): ParseOutcome {
  const result: FrameProblem = { kind, description };
  if (messageTypeId !== undefined) result.messageTypeId = messageTypeId;
  if (messageId !== undefined) result.messageId = messageId;
  if (replyCode) result.reply = { messageId: messageId ?? UNREADABLE_MESSAGE_ID, errorCode: replyCode };
  return { ok: false, problem: result };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- only primitives reach here
  return `${typeof value} ${String(value)}`;
}

export function typeName(typeId: number): MessageTypeName {
  if (typeId === MessageTypeId.CALL) return 'CALL';
  if (typeId === MessageTypeId.CALLRESULT) return 'CALLRESULT';
  if (typeId === MessageTypeId.SEND) return 'SEND';
  if (typeId === MessageTypeId.CALLRESULTERROR) return 'CALLRESULTERROR';
  return 'CALLERROR';
}

/** Serialises a frame to its OCPP-J text. */
export function serializeFrame(frame: Frame): string {
  switch (frame.messageType) {
    case 'CALL':
      return JSON.stringify([MessageTypeId.CALL, frame.messageId, frame.action, frame.payload]);
    case 'CALLRESULT':
      return JSON.stringify([MessageTypeId.CALLRESULT, frame.messageId, frame.payload]);
    case 'SEND':
      return JSON.stringify([MessageTypeId.SEND, frame.messageId, frame.action, frame.payload]);
    case 'CALLERROR':
    case 'CALLRESULTERROR':
      return JSON.stringify([
        MessageTypeId[frame.messageType],
        frame.messageId,
        frame.errorCode,
        frame.errorDescription,
        frame.errorDetails,
      ]);
  }
}
