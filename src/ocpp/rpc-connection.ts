import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import PQueue from 'p-queue';
import type { RawData, WebSocket } from 'ws';
import { ToolError } from '../errors.js';
import type { CallOutcome } from './call-outcome.js';
import { OcppCallError, type OcppErrorCode } from './error-codes.js';
import type { FrameEvent, FrameValidation, ProtocolFinding, TraceDirection } from './frame-event.js';
import { parseFrame, serializeFrame, type CallFrame, type CallResultErrorFrame, type Frame, type SendFrame } from './frame.js';
import { MAX_ERROR_DESCRIPTION_LENGTH, MessageTypeId, UNREADABLE_MESSAGE_ID } from './message-type.js';
import { protocolFor, type OcppProtocol } from './protocol.js';
import { PendingCalls } from './pending-calls.js';
import { RecentIds } from './recent-ids.js';
import type { SchemaValidator, ValidationOutcome } from './schema-validator.js';

/** Which end of the link this connection is: it decides which actions the peer may send us. */
export type ConnectionSide = 'csms' | 'station';

export interface InboundCallContext {
  messageId: string;
  action: string;
  connection: RpcConnection;
  /**
   * Runs `work` once the handler's CALLRESULT has been handed to the socket, so that anything it
   * sends goes out after the answer (a CSMS must not call a station before its boot answer is on
   * the wire). Not run when no CALLRESULT is sent (the handler threw, or its answer was invalid).
   */
  afterReply: (work: () => void) => void;
}

/** Answers one inbound CALL: returns the response payload, or throws OcppCallError for a CALLERROR. */
export type CallHandler = (payload: unknown, context: InboundCallContext) => unknown;

export interface RpcConnectionOptions {
  side: ConnectionSide;
  /** The OCPP version the handshake settled on (default 2.0.1): framing, actions, error codes, schemas. */
  protocol?: OcppProtocol;
  /** Overrides the protocol's own schema set (tests). */
  validator?: SchemaValidator;
  /** Per-call timeout for outbound CALLs (default 30 s, as mobilityhouse/ocpp and most CSMSs). */
  callTimeoutMs?: number;
  /** WebSocket ping period; 0 disables. A ping still unanswered at the next one is a missed pong. */
  pingIntervalMs?: number;
  /**
   * Message ids the peer already used. Part 4 (ERR23 4.2) wants ids unique across all connections
   * of one station identity, so a session passes the same registry to each of its connections.
   */
  peerMessageIds?: RecentIds<true>;
  /** The frame size limit the socket was opened with (maxPayload), to name it when a frame breaks it. */
  maxFrameBytes?: number;
}

export interface ConnectionEvents {
  frame: [FrameEvent];
  'pong-missing': [{ at: Date; missed: number }];
  'internal-error': [{ at: Date; error: Error }];
  /** The peer began a frame over the size limit; the connection is being closed with 1009 (the frame is not read). */
  'frame-too-large': [{ at: Date; message: string }];
  close: [{ code: number; reason: string; at: Date }];
}

const DEFAULT_CALL_TIMEOUT_MS = 30_000;
/**
 * Fair share: one connection handles at most this many frames (or, for large frames, about this
 * many bytes) per turn of the event loop, then lets every other connection have its turn. Without
 * it a station that floods had its whole socket backlog (thousands of frames) handled before any
 * other station's frame was even read.
 */
const FRAMES_PER_TURN = 16;
const BYTES_PER_TURN = 256 * 1024;
/**
 * Back-pressure: with this many frames (or bytes) read but not yet handled, the socket stops
 * reading until they are, so a flood waits in the peer's TCP buffers, not in our memory.
 */
const BACKLOG_PAUSE_FRAMES = 256;
const BACKLOG_PAUSE_BYTES = 4 * 1024 * 1024;
// ignoreBOM keeps a byte order mark in the text, so the evidence stays verbatim.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const BYTE_ORDER_MARK = '\uFEFF';

/** How many of this side's CALLRESULTs and SENDs are remembered, to tie the peer's CALLRESULTERROR or stray reply to them. */
const SENT_MEMORY = 1_000;

/**
 * One OCPP-J connection over a WebSocket, either side, under the rules of one OCPP version: frames,
 * correlation, validation of every payload both ways, at most one outstanding outbound CALL (a
 * concurrency-1 queue), inbound CALLs dispatched by action; 2.1's SEND and CALLRESULTERROR read and
 * judged. Every frame is emitted as a `frame` event before anything answers it.
 */
export class RpcConnection extends EventEmitter<ConnectionEvents> {
  readonly side: ConnectionSide;
  readonly protocol: OcppProtocol;
  readonly #socket: WebSocket;
  readonly #validator: SchemaValidator;
  readonly #callTimeoutMs: number;
  readonly #handlers = new Map<string, CallHandler>();
  readonly #queue = new PQueue({ concurrency: 1 });
  readonly #pending = new PendingCalls();
  readonly #peerMessageIds: RecentIds<true>;
  readonly #inboundInProgress = new Set<string>();
  readonly #peerActions: ReadonlySet<string>;
  readonly #peerSends: ReadonlySet<string>;
  /** This side's recent CALLRESULTs (id → action) and SENDs (id → action). */
  readonly #sentResults = new RecentIds<string>(SENT_MEMORY);
  readonly #sentSends = new RecentIds<string>(SENT_MEMORY);
  #closed: { code: number; reason: string } | undefined;
  /** Why this side closed the link when the socket's own close code cannot say (ws reports 1006 after its 1009). */
  #closeCause: { code: number; reason: string } | undefined;
  #pingTimer: NodeJS.Timeout | undefined;
  #pingsUnanswered = 0;
  /** Frames read from the socket and not yet handled, oldest first. */
  #backlog: ArrivedFrame[] = [];
  #backlogBytes = 0;
  #turnScheduled = false;
  #readingPaused = false;

  constructor(socket: WebSocket, options: RpcConnectionOptions) {
    super();
    this.side = options.side;
    this.protocol = options.protocol ?? protocolFor('2.0.1');
    this.#socket = socket;
    this.#validator = options.validator ?? this.protocol.validator();
    this.#callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.#peerMessageIds = options.peerMessageIds ?? new RecentIds<true>(100_000);
    this.#peerActions = this.side === 'csms' ? this.protocol.stationActions : this.protocol.csmsActions;
    // Only a station sends SEND messages in OCPP 2.1.
    this.#peerSends = this.side === 'csms' ? this.protocol.sendActions : new Set();
    socket.on('message', (data, isBinary) => this.#arrive(data, isBinary));
    socket.on('pong', () => {
      this.#pingsUnanswered = 0;
    });
    socket.on('close', (code, reason) => {
      // Whatever arrived before the close is handled (and recorded) before the close is.
      this.#handleBacklog(Infinity, Infinity);
      this.#onClose(code, reason.toString());
    });
    socket.on('error', (error: Error & { code?: string }) => {
      // The close event follows and carries what matters; an unhandled 'error' would crash the tool.
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        // ws has sent close 1009 and stops reading, so the socket itself closes as 1006: keep the real cause.
        const limit = options.maxFrameBytes !== undefined ? ` of ${options.maxFrameBytes} bytes` : '';
        this.#closeCause = { code: 1009, reason: `frame larger than the limit${limit}` };
        this.emit('frame-too-large', { at: new Date(), message: error.message });
      }
    });
    if (options.pingIntervalMs && options.pingIntervalMs > 0) this.#startPinging(options.pingIntervalMs);
  }

  get isOpen(): boolean {
    return this.#closed === undefined && this.#socket.readyState === this.#socket.OPEN;
  }

  /** True once the socket has closed and the close has been handled (pending calls settled). */
  get isClosed(): boolean {
    return this.#closed !== undefined;
  }

  /** The subprotocol the handshake settled on, as the socket has it. */
  get subprotocol(): string {
    return this.#socket.protocol;
  }

  /** Registers the handler for an inbound action; one handler per action. */
  handle(action: string, handler: CallHandler): this {
    this.#handlers.set(action, handler);
    return this;
  }

  /**
   * Sends a CALL and resolves with its outcome. Calls queue behind each other so that at most one
   * is outstanding (Part 4). A station's misbehaviour resolves as a failure value; only a payload
   * that this tool itself got wrong rejects (ERR_INVALID_OUTBOUND): it never reaches the wire.
   */
  call<Response = Record<string, unknown>>(
    action: string,
    payload: unknown,
    options: { timeoutMs?: number } = {},
  ): Promise<CallOutcome<Response>> {
    const unrepresentable = unrepresentableNumberAt(payload);
    if (unrepresentable !== undefined) {
      // JSON has no NaN or Infinity: JSON.stringify would send null where the schema wants a number.
      return Promise.reject(new ToolError('ERR_INVALID_OUTBOUND', `refusing to send ${action}: the number at ${unrepresentable || '/'} cannot be written in JSON`));
    }
    const outcome = this.#validator.validate(action, 'request', payload);
    if (!outcome.valid) {
      const issues = outcome.issues.map((i) => `${i.instancePath || '/'} ${i.message}`).join('; ');
      return Promise.reject(new ToolError('ERR_INVALID_OUTBOUND', `refusing to send an invalid ${action} request: ${issues}`));
    }
    return this.#queue.add(() => this.#sendCall(action, payload, options.timeoutMs ?? this.#callTimeoutMs)) as Promise<
      CallOutcome<Response>
    >;
  }

  /**
   * Sends an OCPP 2.1 SEND (message type 6): not queued behind an outstanding CALL, never answered
   * (N15.FR.01–.02). Only actions the version sends this way; an invalid payload never reaches the wire.
   */
  send(action: string, payload: unknown): void {
    if (!this.protocol.sendActions.has(action)) throw new ToolError('ERR_INVALID_OUTBOUND', `${action} is not sent as SEND under ${this.protocol.label}`);
    const outcome = this.#validator.validate(action, 'send', payload);
    if (!outcome.valid) throw new ToolError('ERR_INVALID_OUTBOUND', `refusing to send an invalid ${action}: ${summariseIssues(outcome)}`);
    const frame: SendFrame = { messageType: 'SEND', messageId: randomUUID(), action, payload };
    const text = serializeFrame(frame);
    const event = this.#eventFor('out', text);
    this.#describeFrame(event, frame);
    event.validation = { valid: true, schema: this.#validator.schemaName(action, 'send') };
    this.#sentSends.set(frame.messageId, action);
    this.#transmit(event, text);
  }

  /**
   * Sends text as it is, recorded like any frame. For deliberately malformed frames (robustness
   * probes, tests); bypasses the queue and validation on purpose.
   */
  sendRaw(text: string): void {
    const event = this.#eventFor('out', text);
    const parsed = parseFrame(text, this.protocol);
    if (parsed.ok) this.#describeFrame(event, parsed.frame);
    this.#transmit(event, text);
  }

  /** Closes the connection; pending calls end as `disconnected`. */
  close(code = 1000, reason = ''): void {
    if (this.#socket.readyState === this.#socket.CLOSED) return;
    this.#socket.close(code, reason);
  }

  /** Ends the connection at once, without a closing handshake. */
  terminate(): void {
    this.#socket.terminate();
  }

  async #sendCall(action: string, payload: unknown, timeoutMs: number): Promise<CallOutcome> {
    if (!this.isOpen) {
      const reason = this.#closed ? `connection closed (code ${this.#closed.code})` : 'connection not open';
      return { ok: false, action, failure: { kind: 'disconnected', reason }, durationMs: 0 };
    }
    const frame: CallFrame = { messageType: 'CALL', messageId: randomUUID(), action, payload };
    const text = serializeFrame(frame);
    const event = this.#eventFor('out', text);
    this.#describeFrame(event, frame);
    event.validation = { valid: true, schema: this.#validator.schemaName(action, 'request') };
    const outcome = this.#pending.open(action, frame.messageId, timeoutMs);
    this.#transmit(event, text);
    return outcome;
  }

  #transmit(event: FrameEvent, text: string): void {
    if (!this.isOpen) {
      event.findings.push({ code: 'not-delivered', message: 'the connection closed before this frame could be sent' });
      this.emit('frame', event);
      return;
    }
    this.emit('frame', event);
    this.#socket.send(text, (error) => {
      // A failed send means the socket is going away; the close event settles any pending call.
      if (error) this.#socket.terminate();
    });
  }

  /**
   * A frame read from the socket joins the backlog, stamped with its arrival: the journal's times
   * are when the station's frame came in, not when its turn came. It is handled in a later turn of
   * the event loop, a bounded number per turn (FRAMES_PER_TURN), so that every connection is served
   * in turn; a large backlog stops the socket reading until it is worked off.
   */
  #arrive(data: RawData, isBinary: boolean): void {
    // ws hands a Buffer (binaryType nodebuffer): decoded as it is, not copied first.
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    this.#backlog.push({ bytes, isBinary, at: new Date(), monotonicMs: performance.now() });
    this.#backlogBytes += bytes.length;
    if (!this.#readingPaused && (this.#backlog.length >= BACKLOG_PAUSE_FRAMES || this.#backlogBytes >= BACKLOG_PAUSE_BYTES)) {
      this.#readingPaused = true;
      this.#socket.pause();
    }
    this.#scheduleTurn();
  }

  #scheduleTurn(): void {
    if (this.#turnScheduled) return;
    this.#turnScheduled = true;
    setImmediate(() => {
      this.#turnScheduled = false;
      this.#handleBacklog(FRAMES_PER_TURN, BYTES_PER_TURN);
      if (this.#backlog.length > 0) {
        this.#scheduleTurn();
      } else if (this.#readingPaused) {
        this.#readingPaused = false;
        this.#socket.resume();
      }
    });
  }

  /** Handles frames from the backlog, oldest first, until either budget is spent (at least one). */
  #handleBacklog(maxFrames: number, maxBytes: number): void {
    let frames = 0;
    let bytes = 0;
    while (this.#backlog.length > 0 && frames < maxFrames && bytes < maxBytes) {
      const arrived = this.#backlog.shift()!;
      this.#backlogBytes -= arrived.bytes.length;
      frames += 1;
      bytes += arrived.bytes.length;
      try {
        this.#receive(arrived);
      } catch (error) {
        // A bug of ours (in a listener or handler) must not take the connection, or the tool, down
        // with it: report it and keep serving the station.
        this.emit('internal-error', { at: new Date(), error: error instanceof Error ? error : new Error(String(error)) });
      }
    }
  }

  #receive(arrived: ArrivedFrame): void {
    const { bytes, isBinary } = arrived;
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      const event = this.#eventFor('in', bytes.toString('base64'), arrived);
      event.rawEncoding = 'base64';
      if (isBinary) event.binary = true;
      event.findings.push({ code: 'invalid-utf8', message: 'the frame is not valid UTF-8; OCPP-J frames are UTF-8 JSON text' });
      this.emit('frame', event);
      this.#sendError(UNREADABLE_MESSAGE_ID, 'RpcFrameworkError', 'frame is not valid UTF-8');
      return;
    }
    const event = this.#eventFor('in', text, arrived);
    let json = text;
    if (text.startsWith(BYTE_ORDER_MARK)) {
      // RFC 8259 §8.1: a sender must not add a BOM, a parser may ignore it. We read on, and say so.
      event.findings.push({ code: 'byte-order-mark', message: 'the frame starts with a UTF-8 byte order mark' });
      json = text.slice(1);
    }
    const parsed = parseFrame(json, this.protocol);
    if (isBinary) {
      // OCPP-J uses text frames only; a binary frame is not processed, only answered.
      event.binary = true;
      event.findings.push({ code: 'binary-frame', message: 'binary WebSocket frame; OCPP-J messages are text frames' });
      const id = parsed.ok ? parsed.frame.messageId : (parsed.problem.messageId ?? UNREADABLE_MESSAGE_ID);
      if (parsed.ok) this.#describeFrame(event, parsed.frame);
      this.emit('frame', event);
      if (!parsed.ok || parsed.frame.messageType === 'CALL') {
        this.#sendError(id, 'RpcFrameworkError', 'binary frames are not OCPP-J messages; send text frames');
      }
      return;
    }
    if (!parsed.ok) {
      const { problem } = parsed;
      event.findings.push({ code: problem.kind, message: problem.description });
      if (problem.messageTypeId !== undefined) event.messageTypeId = problem.messageTypeId;
      if (problem.messageId !== undefined) event.messageId = problem.messageId;
      const pending = problem.messageId !== undefined && !problem.reply ? this.#pending.get(problem.messageId) : undefined;
      if (pending) event.action = pending.action;
      this.emit('frame', event);
      if (problem.reply) this.#sendError(problem.reply.messageId, problem.reply.errorCode, problem.description);
      if (pending && problem.messageId !== undefined) {
        this.#pending.fail(problem.messageId, { kind: 'malformed-response', raw: json, reason: problem.description });
      }
      return;
    }
    const { frame } = parsed;
    this.#describeFrame(event, frame);
    if (frame.messageType === 'CALL') this.#receiveCall(frame, event);
    else if (frame.messageType === 'SEND') this.#receiveSend(frame, event);
    else if (frame.messageType === 'CALLRESULTERROR') this.#receiveResultError(frame, event);
    else this.#receiveResponse(frame, event);
  }

  #knowsAction(action: string): boolean {
    const { stationActions, csmsActions, sendActions } = this.protocol;
    return stationActions.has(action) || csmsActions.has(action) || sendActions.has(action);
  }

  /**
   * An OCPP 2.1 SEND: recorded, validated and judged, never answered, not even when it is wrong
   * (N15.FR.02). Its id follows the CALL uniqueness rule.
   */
  #receiveSend(frame: SendFrame, event: FrameEvent): void {
    const { messageId, action } = frame;
    if (this.#peerMessageIds.has(messageId)) event.findings.push({ code: 'reused-message-id', message: `message id ${messageId} was used before by this peer` });
    this.#peerMessageIds.set(messageId, true);
    if (!this.#peerSends.has(action)) {
      const allowed = [...this.#peerSends].join(', ') || 'nothing';
      event.findings.push({ code: 'not-a-send-message', message: `${action} sent as SEND; ${this.protocol.label} sends only ${allowed} this way from this peer (N15.FR.01)` });
      this.emit('frame', event);
      return;
    }
    const validation = this.#validator.validate(action, 'send', frame.payload);
    event.validation = toFrameValidation(this.#validator.schemaName(action, 'send'), validation);
    if (!validation.valid) event.findings.push({ code: 'schema-violation', message: summariseIssues(validation) });
    this.emit('frame', event);
  }

  /**
   * An OCPP 2.1 CALLRESULTERROR: the peer could not process a CALLRESULT of ours. Recorded with
   * the action it answered; one naming no CALLRESULT we sent is a finding. Never answered.
   */
  #receiveResultError(frame: CallResultErrorFrame, event: FrameEvent): void {
    const action = this.#sentResults.get(frame.messageId);
    if (action) event.action = action;
    else event.findings.push({ code: 'unknown-result-id', message: `no CALLRESULT with id ${frame.messageId} was sent (a CALLRESULTERROR answers one)` });
    checkErrorFrame(frame, event.findings, this.protocol);
    this.emit('frame', event);
  }

  #receiveCall(frame: CallFrame, event: FrameEvent): void {
    const { messageId, action } = frame;
    if (this.#peerMessageIds.has(messageId)) {
      event.findings.push({ code: 'reused-message-id', message: `message id ${messageId} was used before by this peer` });
    }
    this.#peerMessageIds.set(messageId, true);
    if (this.#inboundInProgress.size > 0) {
      event.findings.push({ code: 'concurrent-call', message: concurrentCallMessage(this.#inboundInProgress) });
    }
    if (this.protocol.sendActions.has(action)) {
      event.findings.push({ code: 'send-as-call', message: `${action} is a SEND message (type 6) in ${this.protocol.label}, sent as a CALL (N15.FR.01)` });
      this.emit('frame', event);
      this.#sendError(messageId, 'ProtocolError', `${action} is sent as SEND (message type 6), not as a CALL`);
      return;
    }
    if (!this.#knowsAction(action)) {
      event.findings.push({ code: 'unknown-action', message: `${action} is not an ${this.protocol.label} action` });
      this.emit('frame', event);
      this.#sendError(messageId, 'NotImplemented', `unknown action ${action}`);
      return;
    }
    const handler = this.#peerActions.has(action) ? this.#handlers.get(action) : undefined;
    if (!handler) {
      event.findings.push({ code: 'unsupported-action', message: `${action} is not supported from this peer` });
      this.emit('frame', event);
      this.#sendError(messageId, 'NotSupported', `${action} is not supported by this ${this.side === 'csms' ? 'CSMS' : 'station'}`);
      return;
    }
    const validation = this.#validator.validate(action, 'request', frame.payload);
    event.validation = toFrameValidation(this.#validator.schemaName(action, 'request'), validation);
    if (!validation.valid) {
      event.findings.push({ code: 'schema-violation', message: summariseIssues(validation) });
      this.emit('frame', event);
      this.#sendError(messageId, validation.errorCode, truncate(summariseIssues(validation)));
      return;
    }
    this.emit('frame', event);
    this.#inboundInProgress.add(messageId);
    void this.#answer(frame, handler);
  }

  async #answer(frame: CallFrame, handler: CallHandler): Promise<void> {
    const { messageId, action } = frame;
    let response: unknown;
    const afterReply: Array<() => void> = [];
    try {
      response = await handler(frame.payload, { messageId, action, connection: this, afterReply: (work) => afterReply.push(work) });
    } catch (error) {
      this.#inboundInProgress.delete(messageId);
      if (error instanceof OcppCallError) {
        this.#sendError(messageId, error.errorCode, error.message, error.errorDetails, action, error.finding);
      } else {
        this.#sendError(messageId, 'InternalError', 'the handler failed', {}, action, {
          code: 'handler-failed',
          message: `handler for ${action} failed: ${(error as Error)?.message ?? String(error)}`,
        });
      }
      return;
    }
    this.#inboundInProgress.delete(messageId);
    const unrepresentable = unrepresentableNumberAt(response);
    if (unrepresentable !== undefined) {
      this.#sendError(messageId, 'InternalError', 'the response could not be built', {}, action, {
        code: 'invalid-outbound',
        message: `our ${action} response holds a number JSON cannot carry at ${unrepresentable || '/'}`,
      });
      return;
    }
    const validation = this.#validator.validate(action, 'response', response);
    if (!validation.valid) {
      // Our own reply would break the schema: a tool bug. Say so on the wire instead of sending it.
      this.#sendError(messageId, 'InternalError', 'the response could not be built', {}, action, {
        code: 'invalid-outbound',
        message: `our ${action} response violates its schema: ${summariseIssues(validation)}`,
      });
      return;
    }
    const text = serializeFrame({ messageType: 'CALLRESULT', messageId, payload: response });
    const event = this.#eventFor('out', text);
    this.#describeFrame(event, { messageType: 'CALLRESULT', messageId, payload: response });
    event.action = action;
    event.validation = { valid: true, schema: this.#validator.schemaName(action, 'response') };
    this.#sentResults.set(messageId, action);
    this.#transmit(event, text);
    // ws sends in order: whatever these send now follows the answer on the wire.
    for (const work of afterReply) {
      try {
        work();
      } catch (error) {
        this.emit('internal-error', { at: new Date(), error: error instanceof Error ? error : new Error(String(error)) });
      }
    }
  }

  #receiveResponse(frame: Exclude<Frame, CallFrame | SendFrame | CallResultErrorFrame>, event: FrameEvent): void {
    const pending = this.#pending.get(frame.messageId);
    if (!pending) {
      const settled = this.#pending.settledAs(frame.messageId);
      if (settled) event.action = settled.action;
      const send = this.#sentSends.get(frame.messageId);
      if (send) {
        event.action = send;
        event.findings.push({ code: 'answered-send', message: `the peer answered the SEND ${send} ${frame.messageId}; a SEND is never answered (N15.FR.02)` });
      } else if (settled?.how === 'timed-out') {
        event.findings.push({ code: 'late-response', message: `response to ${settled.action} ${frame.messageId} arrived after its timeout` });
      } else if (settled) {
        event.findings.push({ code: 'duplicate-response', message: `${settled.action} ${frame.messageId} was already answered` });
      } else if (!(frame.messageType === 'CALLERROR' && frame.messageId === UNREADABLE_MESSAGE_ID)) {
        // A CALLERROR with id "-1" is the Part 4 answer to a frame whose id could not be read: no fault.
        event.findings.push({ code: 'unknown-response-id', message: `no CALL with id ${frame.messageId} was sent` });
      }
    } else {
      event.action = pending.action;
      event.latencyMs = Math.round(event.monotonicMs - pending.startedAt);
    }
    if (frame.messageType === 'CALLERROR') {
      checkErrorFrame(frame, event.findings, this.protocol);
      this.emit('frame', event);
      if (pending) {
        this.#pending.fail(frame.messageId, {
          kind: 'call-error',
          errorCode: frame.errorCode,
          errorDescription: frame.errorDescription,
          errorDetails: frame.errorDetails,
        });
      }
      return;
    }
    const action = event.action;
    const validation = action ? this.#validator.validate(action, 'response', frame.payload) : undefined;
    if (action && validation) {
      event.validation = toFrameValidation(this.#validator.schemaName(action, 'response'), validation);
      if (!validation.valid) event.findings.push({ code: 'schema-violation', message: summariseIssues(validation) });
    }
    this.emit('frame', event);
    if (pending && validation && !validation.valid && this.protocol.answersBadResults) {
      // 2.1 Part 4: the receiver of a CALLRESULT it cannot process says so with a CALLRESULTERROR.
      this.#sendError(frame.messageId, validation.errorCode, truncate(summariseIssues(validation)), {}, action, undefined, 'CALLRESULTERROR');
    }
    if (!pending) return;
    if (validation && !validation.valid) {
      this.#pending.fail(frame.messageId, { kind: 'invalid-response', payload: frame.payload, issues: validation.issues });
    } else {
      this.#pending.answer(frame.messageId, frame.payload as Record<string, unknown>);
    }
  }

  #sendError(
    messageId: string,
    errorCode: OcppErrorCode,
    description: string,
    details: Record<string, unknown> = {},
    action?: string,
    finding?: ProtocolFinding,
    messageType: 'CALLERROR' | 'CALLRESULTERROR' = 'CALLERROR',
  ): void {
    const frame: Frame = {
      messageType,
      messageId,
      errorCode: this.protocol.wireErrorCode(errorCode),
      errorDescription: truncate(description),
      errorDetails: details,
    };
    const text = serializeFrame(frame);
    const event = this.#eventFor('out', text);
    this.#describeFrame(event, frame);
    if (action) event.action = action;
    if (finding) event.findings.push(finding);
    this.#transmit(event, text);
  }

  #eventFor(way: 'in' | 'out', raw: string, arrived?: ArrivedFrame): FrameEvent {
    const fromStation = (way === 'in') === (this.side === 'csms');
    const direction: TraceDirection = fromStation ? 'cp-to-csms' : 'csms-to-cp';
    return { direction, at: arrived?.at ?? new Date(), monotonicMs: arrived?.monotonicMs ?? performance.now(), raw, findings: [] };
  }

  #describeFrame(event: FrameEvent, frame: Frame): void {
    event.messageType = frame.messageType;
    event.messageTypeId = MessageTypeId[frame.messageType];
    event.messageId = frame.messageId;
    if (frame.messageType === 'CALL' || frame.messageType === 'SEND') {
      event.action = frame.action;
      event.payload = frame.payload;
    } else if (frame.messageType === 'CALLRESULT') {
      event.payload = frame.payload;
    } else {
      event.error = { code: frame.errorCode, description: frame.errorDescription, details: frame.errorDetails };
    }
  }

  #startPinging(intervalMs: number): void {
    this.#pingTimer = setInterval(() => {
      if (!this.isOpen) return;
      if (this.#pingsUnanswered > 0) this.emit('pong-missing', { at: new Date(), missed: this.#pingsUnanswered });
      this.#pingsUnanswered += 1;
      this.#socket.ping();
    }, intervalMs);
    this.#pingTimer.unref();
  }

  #onClose(socketCode: number, socketReason: string): void {
    if (this.#closed) return;
    const { code, reason } = this.#closeCause ?? { code: socketCode, reason: socketReason };
    this.#closed = { code, reason };
    if (this.#pingTimer) clearInterval(this.#pingTimer);
    this.#pending.disconnectAll(`connection closed (code ${code}${reason ? `, ${reason}` : ''})`);
    this.emit('close', { code, reason, at: new Date() });
  }
}

/** A frame as ws handed it over, waiting for its connection's turn. */
interface ArrivedFrame {
  bytes: Buffer;
  isBinary: boolean;
  at: Date;
  monotonicMs: number;
}

function checkErrorFrame(frame: Extract<Frame, { messageType: 'CALLERROR' | 'CALLRESULTERROR' }>, findings: ProtocolFinding[], protocol: OcppProtocol): void {
  const foreign = protocol.foreignSpellings.get(frame.errorCode);
  if (foreign) {
    findings.push({
      code: 'ocpp16-error-code',
      message: `${frame.errorCode} is the OCPP ${foreign} spelling, not an ${protocol.label} error code`,
    });
  } else if (!protocol.errorCodes.has(frame.errorCode)) {
    findings.push({ code: 'unknown-error-code', message: `${frame.errorCode} is not an ${protocol.label} error code` });
  }
  if (frame.errorDescription.length > MAX_ERROR_DESCRIPTION_LENGTH) {
    findings.push({
      code: 'error-description-too-long',
      message: `the error description has ${frame.errorDescription.length} characters, more than ${MAX_ERROR_DESCRIPTION_LENGTH}`,
    });
  }
  const details = frame.errorDetails;
  if (typeof details !== 'object' || details === null || Array.isArray(details)) {
    findings.push({ code: 'error-details-not-object', message: 'errorDetails must be a JSON object ({} when empty)' });
  }
}

/**
 * The JSON pointer of the first number JSON cannot carry (NaN, ±Infinity, e.g. a station's
 * `maxLimit` of 1e400 read into a double), or undefined when every number is finite.
 */
export function unrepresentableNumberAt(value: unknown, pointer = ''): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : pointer;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const key in value) {
    const found = unrepresentableNumberAt((value as Record<string, unknown>)[key], `${pointer}/${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

function toFrameValidation(schema: string, outcome: ValidationOutcome): FrameValidation {
  return outcome.valid
    ? { valid: true, schema }
    : { valid: false, schema, errorCode: outcome.errorCode, issues: outcome.issues };
}

function summariseIssues(outcome: Extract<ValidationOutcome, { valid: false }>): string {
  return outcome.issues.map((i) => `${i.instancePath || '/'} ${i.message}`).join('; ');
}

function truncate(text: string): string {
  return text.length <= MAX_ERROR_DESCRIPTION_LENGTH ? text : `${text.slice(0, MAX_ERROR_DESCRIPTION_LENGTH - 1)}…`;
}

/** Ids named in a concurrent-call finding: under a flood every frame would list all the others. */
const CONCURRENT_IDS_NAMED = 3;

function concurrentCallMessage(inProgress: ReadonlySet<string>): string {
  const ids = [...inProgress];
  const named = ids.slice(0, CONCURRENT_IDS_NAMED).join(', ');
  const unanswered = ids.length === 1 ? `${named} is` : `${ids.length} CALLs (${named}${ids.length > CONCURRENT_IDS_NAMED ? ', …' : ''}) are`;
  return `a second CALL while ${unanswered} still unanswered (Part 4 allows one outstanding CALL)`;
}
