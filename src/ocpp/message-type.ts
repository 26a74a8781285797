/**
 * OCPP-J message type ids. 2/3/4 are every version's; 5 (CALLRESULTERROR) and 6 (SEND) exist only
 * in OCPP 2.1: under the other subprotocols they are recognised but answered as unknown types.
 */
export const MessageTypeId = {
  CALL: 2,
  CALLRESULT: 3,
  CALLERROR: 4,
  CALLRESULTERROR: 5,
  SEND: 6,
} as const;

export type MessageTypeName = keyof typeof MessageTypeId;

/** The OCPP 2.0.1 subprotocol (IANA-registered name); every version's is in protocol.ts. */
export const OCPP_201_SUBPROTOCOL = 'ocpp2.0.1';

/** OCPP-J limits (Part 4): message ids are at most 36 characters, error descriptions at most 255. */
export const MAX_MESSAGE_ID_LENGTH = 36;
export const MAX_ERROR_DESCRIPTION_LENGTH = 255;

/** The id to answer with when a frame's own id cannot be read (Part 4). */
export const UNREADABLE_MESSAGE_ID = '-1';
