import { bootFacts16, bootFacts2x, type BootFacts } from './boot-facts.js';
import { CSMS_INITIATED_ACTIONS, STATION_INITIATED_ACTIONS } from './actions.js';
import { OCPP16_CSMS_ACTIONS, OCPP16_STATION_ACTIONS, OCPP21_CSMS_ACTIONS, OCPP21_SEND_ACTIONS, OCPP21_STATION_ACTIONS } from './actions-by-version.js';
import { OCPP_ERROR_CODES, type OcppErrorCode } from './error-codes.js';
import { MessageTypeId } from './message-type.js';
import { ocpp16SchemaSet, ocpp21SchemaSet, SchemaValidator, sharedSchemaValidator } from './schema-validator.js';

/** The OCPP versions this tool speaks, newest first. */
export const OCPP_VERSIONS = ['2.1', '2.0.1', '1.6'] as const;
export type OcppVersion = (typeof OCPP_VERSIONS)[number];

export function isOcppVersion(value: unknown): value is OcppVersion {
  return typeof value === 'string' && (OCPP_VERSIONS as readonly string[]).includes(value);
}

/**
 * Everything that differs between OCPP versions on the wire, as data: the subprotocol, the
 * actions each side may start, the message types and error codes of its RPC framework, and its
 * schema set. A connection has one, chosen at the handshake; nothing above `ocpp/` asks which
 * version it is to decide how to frame, validate or answer.
 */
export interface OcppProtocol {
  readonly version: OcppVersion;
  /** The WebSocket subprotocol (IANA-registered name). */
  readonly subprotocol: string;
  /** "OCPP 2.1", for people. */
  readonly label: string;
  readonly stationActions: ReadonlySet<string>;
  readonly csmsActions: ReadonlySet<string>;
  /** Actions sent as SEND, never answered (2.1: NotifyPeriodicEventStream, N15.FR.01–.02). */
  readonly sendActions: ReadonlySet<string>;
  /** Message type ids the version defines (2/3/4; 2.1 adds 5 CALLRESULTERROR and 6 SEND). */
  readonly messageTypes: ReadonlySet<number>;
  /**
   * The answer to a CALL-like frame of a type the version does not define: a CALLERROR code (1.6,
   * 2.0.1 Part 4: MessageTypeNotSupported), or undefined when it is ignored (2.1 Part 4 §4.4).
   */
  readonly unknownTypeReply: OcppErrorCode | undefined;
  /** 2.1: a CALLRESULT this side cannot process is answered with CALLRESULTERROR (Part 4 §4.2.3). */
  readonly answersBadResults: boolean;
  /** The error codes of the version, as spelt on its wire. */
  readonly errorCodes: ReadonlySet<string>;
  /** The version's spelling of an error code (1.6 keeps OccurenceConstraintViolation, FormationViolation). */
  wireErrorCode(code: OcppErrorCode): string;
  /** Codes of another version's spelling, with the version they belong to: recorded when a peer uses them. */
  readonly foreignSpellings: ReadonlyMap<string, string>;
  /** The version's OCA schemas, compiled on first use. */
  validator(): SchemaValidator;
  /** Vendor, model, serial, firmware (and 2.x's reason) from a BootNotification of the version. */
  bootFacts(payload: Record<string, unknown>): BootFacts;
  /**
   * A cheap request every station of the version answers, for a round trip that only has to be
   * answered (the liveness probe): reading the heartbeat interval (2.x GetVariables, 1.6 GetConfiguration).
   */
  readonly cheapRequest: { action: string; payload: Record<string, unknown> };
}

const READ_HEARTBEAT_2X = { action: 'GetVariables', payload: { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] } };

/** OCPP-J 1.6 spells two codes differently; its errata keep them as they are (§5.1, §5.2). */
const OCPP16_SPELLING: Partial<Record<OcppErrorCode, string>> = {
  OccurrenceConstraintViolation: 'OccurenceConstraintViolation',
  FormatViolation: 'FormationViolation',
};
/** The ten OCPP-J 1.6 codes (no MessageTypeNotSupported, no RpcFrameworkError in 1.6). */
const OCPP16_CODES = ['NotImplemented', 'NotSupported', 'InternalError', 'ProtocolError', 'SecurityError', 'FormationViolation', 'PropertyConstraintViolation', 'OccurenceConstraintViolation', 'TypeConstraintViolation', 'GenericError'];

function lazy(make: () => SchemaValidator): () => SchemaValidator {
  let made: SchemaValidator | undefined;
  return () => (made ??= make());
}

const identity = (code: OcppErrorCode): string => code;

const PROTOCOLS: Record<OcppVersion, OcppProtocol> = {
  '2.0.1': {
    version: '2.0.1',
    subprotocol: 'ocpp2.0.1',
    label: 'OCPP 2.0.1',
    stationActions: new Set(STATION_INITIATED_ACTIONS),
    csmsActions: new Set(CSMS_INITIATED_ACTIONS),
    sendActions: new Set(),
    messageTypes: new Set([MessageTypeId.CALL, MessageTypeId.CALLRESULT, MessageTypeId.CALLERROR]),
    unknownTypeReply: 'MessageTypeNotSupported',
    answersBadResults: false,
    errorCodes: new Set(OCPP_ERROR_CODES),
    wireErrorCode: identity,
    foreignSpellings: new Map([['OccurenceConstraintViolation', '1.6'], ['FormationViolation', '1.6']]),
    validator: sharedSchemaValidator,
    bootFacts: bootFacts2x,
    cheapRequest: READ_HEARTBEAT_2X,
  },
  '2.1': {
    version: '2.1',
    subprotocol: 'ocpp2.1',
    label: 'OCPP 2.1',
    stationActions: new Set(OCPP21_STATION_ACTIONS),
    csmsActions: new Set(OCPP21_CSMS_ACTIONS),
    sendActions: new Set(OCPP21_SEND_ACTIONS),
    messageTypes: new Set(Object.values(MessageTypeId)),
    unknownTypeReply: undefined,
    answersBadResults: true,
    errorCodes: new Set(OCPP_ERROR_CODES),
    wireErrorCode: identity,
    foreignSpellings: new Map([['OccurenceConstraintViolation', '1.6'], ['FormationViolation', '1.6']]),
    validator: lazy(() => new SchemaValidator(ocpp21SchemaSet())),
    bootFacts: bootFacts2x,
    cheapRequest: READ_HEARTBEAT_2X,
  },
  '1.6': {
    version: '1.6',
    subprotocol: 'ocpp1.6',
    label: 'OCPP 1.6',
    stationActions: new Set(OCPP16_STATION_ACTIONS),
    csmsActions: new Set(OCPP16_CSMS_ACTIONS),
    sendActions: new Set(),
    messageTypes: new Set([MessageTypeId.CALL, MessageTypeId.CALLRESULT, MessageTypeId.CALLERROR]),
    // OCPP-J 1.6 has no MessageTypeNotSupported: it goes on the wire as GenericError (wireErrorCode).
    unknownTypeReply: 'MessageTypeNotSupported',
    answersBadResults: false,
    // The 2.x spellings are the corrected ones: accepted as well (facts §12).
    errorCodes: new Set([...OCPP16_CODES, 'OccurrenceConstraintViolation', 'FormatViolation']),
    wireErrorCode: (code) => OCPP16_SPELLING[code] ?? (OCPP16_CODES.includes(code) ? code : 'GenericError'),
    foreignSpellings: new Map(),
    validator: lazy(() => new SchemaValidator(ocpp16SchemaSet())),
    bootFacts: bootFacts16,
    cheapRequest: { action: 'GetConfiguration', payload: { key: ['HeartbeatInterval'] } },
  },
};

/** The protocol rules of one version. */
export function protocolFor(version: OcppVersion): OcppProtocol {
  return PROTOCOLS[version];
}

/** The version a subprotocol names, if this tool speaks it. */
export function versionOfSubprotocol(subprotocol: string): OcppVersion | undefined {
  return OCPP_VERSIONS.find((version) => PROTOCOLS[version].subprotocol === subprotocol);
}

/**
 * The subprotocol the CSMS picks from what a station offers: the first of `accepted` (the CSMS's
 * own order, newest first unless `--ocpp-version` forces one) that the station offered, or
 * undefined when there is none (Part 4: the handshake completes without one and the CSMS closes).
 */
export function chooseSubprotocol(offered: ReadonlySet<string>, accepted: readonly OcppVersion[] = OCPP_VERSIONS): string | undefined {
  for (const version of accepted) if (offered.has(PROTOCOLS[version].subprotocol)) return PROTOCOLS[version].subprotocol;
  return undefined;
}
