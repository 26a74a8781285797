/**
 * Malformed and edge-case frames from a station, against a real CSMS over a real socket.
 *
 * Each table row starts from a booted station on a RawClient, sends the row's frame, and checks:
 *   (a) the answer: a CALLERROR with the expected id and code, the CALLRESULT of a valid edge case,
 *       or nothing at all (responses are never answered, Part 4);
 *   (b) the evidence: the inbound frame record in the station's trace.jsonl, verbatim (`raw`, base64
 *       for bytes that are not UTF-8) with exactly the expected finding codes, and every frame the
 *       CSMS sent back recorded as it went on the wire;
 *   (c) that the connection still serves a valid call: a Heartbeat sent right after the row's frame
 *       gets its CALLRESULT.
 *
 * The CSMS answers frames in the order they arrive, so when the next frame received after a
 * malformed response is the Heartbeat's CALLRESULT, the malformed frame got no reply: no sleeping
 * needed. A short `silentFor` at the end only proves that nothing late follows.
 */
import { expect } from 'chai';
import { framePayload, type FrameRecord, type JournalRecord } from '../../src/evidence/journal-record.js';
import type { Csms } from '../../src/session/csms.js';
import type { StationSession } from '../../src/session/station-session.js';
import { eventually, readJournal, startCsms, stopCsms } from '../helpers/csms-fixture.js';
import { RawClient } from '../helpers/raw-client.js';

/** Generous: the suite runs on a loaded 2-core machine. */
const REPLY_MS = 10_000;
const JOURNAL_MS = 10_000;
/** Only proves absence after the Heartbeat round trip has already shown the order of replies. */
const SILENCE_MS = 300;

const BOOT_FRAME = '[2,"boot-1","BootNotification",{"reason":"PowerUp","chargingStation":{"model":"M","vendorName":"V"}}]';

/** Exactly 36 and 37 characters: the Part 4 limit on message ids, and one past it. */
const ID_36 = 'a'.repeat(36);
const ID_37 = 'b'.repeat(37);

type ExpectedReply =
  /** A CALLERROR answering the row's frame: its id (the frame's, or "-1") and error code. */
  | { error: string; code: string }
  /** A CALLRESULT answering the row's frame (a valid edge case), with this id. */
  | { result: string; payload?: Record<string, unknown> }
  /** No answer at all (malformed or unexpected responses). */
  | 'none';

interface Row {
  name: string;
  /** What goes on the wire: text, or bytes (sent as a text frame unless `binary`). */
  send: string | Buffer;
  binary?: boolean;
  /** A valid frame sent first, whose CALLRESULT is awaited (to set up a reused id). */
  before?: string;
  reply: ExpectedReply;
  /** The finding codes the inbound record must carry, exactly (any order); [] for none. */
  findings: string[];
  /** The journal holds the raw bytes as base64 (not valid UTF-8). */
  base64?: true;
  /** Skip the deep comparison of the recorded payload with the one sent (very deep JSON). */
  skipPayloadEvidence?: true;
}

const statusNotification = (overrides: Record<string, unknown>, drop: string[] = []): string => {
  const payload: Record<string, unknown> = {
    timestamp: '2024-05-01T12:00:00Z',
    connectorStatus: 'Available',
    evseId: 1,
    connectorId: 1,
    ...overrides,
  };
  for (const key of drop) delete payload[key];
  return JSON.stringify(payload);
};

/** 100 000 levels of array nesting: valid JSON (JSON.parse copes), a schema-valid DataTransfer `data`. */
const DEEPLY_NESTED = `${'['.repeat(100_000)}0${']'.repeat(100_000)}`;

const ROWS: Row[] = [
  // --- Not an OCPP-J message at all: the id cannot be read, so the answer carries "-1". ---
  { name: 'not JSON', send: 'hello, CSMS', reply: { error: '-1', code: 'RpcFrameworkError' }, findings: ['invalid-json'] },
  {
    name: 'truncated JSON (a CALL cut off before its closing bracket)',
    send: '[2,"trunc-1","Heartbeat",{}',
    reply: { error: '-1', code: 'RpcFrameworkError' },
    findings: ['invalid-json'],
  },
  {
    name: 'JSON with a trailing comma',
    send: '[2,"comma-1","Heartbeat",{},]',
    reply: { error: '-1', code: 'RpcFrameworkError' },
    findings: ['invalid-json'],
  },
  { name: 'empty string', send: '', reply: { error: '-1', code: 'RpcFrameworkError' }, findings: ['invalid-json'] },
  {
    name: 'JSON object instead of an array',
    send: '{"messageTypeId":2,"messageId":"obj-1","action":"Heartbeat","payload":{}}',
    reply: { error: '-1', code: 'RpcFrameworkError' },
    findings: ['not-an-array'],
  },
  {
    name: 'JSON string (a CALL serialised twice)',
    send: JSON.stringify('[2,"str-1","Heartbeat",{}]'),
    reply: { error: '-1', code: 'RpcFrameworkError' },
    findings: ['not-an-array'],
  },
  { name: 'JSON number', send: '2', reply: { error: '-1', code: 'RpcFrameworkError' }, findings: ['not-an-array'] },
  { name: 'empty array', send: '[]', reply: { error: '-1', code: 'RpcFrameworkError' }, findings: ['bad-message-type'] },

  // --- Message type id ---
  {
    name: 'message type as the string "2"',
    send: '["2","mt-str","Heartbeat",{}]',
    reply: { error: 'mt-str', code: 'RpcFrameworkError' },
    findings: ['bad-message-type'],
  },
  {
    name: 'message type 2.5 (not an integer)',
    send: '[2.5,"mt-frac","Heartbeat",{}]',
    reply: { error: 'mt-frac', code: 'RpcFrameworkError' },
    findings: ['bad-message-type'],
  },
  {
    name: 'message type 7 (unknown)',
    send: '[7,"mt-7","Heartbeat",{}]',
    reply: { error: 'mt-7', code: 'MessageTypeNotSupported' },
    findings: ['unknown-message-type'],
  },
  {
    name: 'message type 0 (unknown)',
    send: '[0,"mt-0","Heartbeat",{}]',
    reply: { error: 'mt-0', code: 'MessageTypeNotSupported' },
    findings: ['unknown-message-type'],
  },
  {
    name: 'message type 5 (OCPP 2.1 CALLRESULTERROR) under ocpp2.0.1',
    send: '[5,"mt-5","FormatViolation","your CALLRESULT was malformed",{}]',
    reply: { error: 'mt-5', code: 'MessageTypeNotSupported' },
    findings: ['ocpp21-message-type'],
  },
  {
    name: 'message type 6 (OCPP 2.1 SEND) under ocpp2.0.1',
    send: '[6,"mt-6","NotifyPeriodicEventStream",{"id":1,"pending":0,"basetime":"2024-05-01T12:00:00Z","data":[]}]',
    reply: { error: 'mt-6', code: 'MessageTypeNotSupported' },
    findings: ['ocpp21-message-type'],
  },

  // --- Message id ---
  { name: 'id as a number', send: '[2,12345,"Heartbeat",{}]', reply: { error: '-1', code: 'RpcFrameworkError' }, findings: ['bad-message-id'] },
  { name: 'id null', send: '[2,null,"Heartbeat",{}]', reply: { error: '-1', code: 'RpcFrameworkError' }, findings: ['bad-message-id'] },
  { name: 'empty id', send: '[2,"","Heartbeat",{}]', reply: { error: '-1', code: 'RpcFrameworkError' }, findings: ['bad-message-id'] },
  {
    name: 'id of 37 characters (one over the limit)',
    send: `[2,"${ID_37}","Heartbeat",{}]`,
    reply: { error: '-1', code: 'RpcFrameworkError' },
    findings: ['message-id-too-long'],
  },
  {
    name: 'id of exactly 36 characters (valid)',
    send: `[2,"${ID_36}","Heartbeat",{}]`,
    reply: { result: ID_36 },
    findings: [],
  },

  // --- CALL structure and action ---
  {
    name: 'CALL with 3 elements (no payload)',
    send: '[2,"ar-3","Heartbeat"]',
    reply: { error: 'ar-3', code: 'RpcFrameworkError' },
    findings: ['wrong-arity'],
  },
  {
    name: 'CALL with 5 elements',
    send: '[2,"ar-5","Heartbeat",{},{}]',
    reply: { error: 'ar-5', code: 'RpcFrameworkError' },
    findings: ['wrong-arity'],
  },
  {
    name: 'action not a string',
    send: '[2,"act-num",42,{}]',
    reply: { error: 'act-num', code: 'RpcFrameworkError' },
    findings: ['bad-action'],
  },
  {
    name: 'empty action',
    send: '[2,"act-empty","",{}]',
    reply: { error: 'act-empty', code: 'RpcFrameworkError' },
    findings: ['bad-action'],
  },
  {
    name: 'unknown action',
    send: '[2,"act-unk","FlyToTheMoon",{}]',
    reply: { error: 'act-unk', code: 'NotImplemented' },
    findings: ['unknown-action'],
  },
  {
    name: 'unknown action of 300 characters (the error description stays within 255)',
    send: `[2,"act-long","${'X'.repeat(300)}",{}]`,
    reply: { error: 'act-long', code: 'NotImplemented' },
    findings: ['unknown-action'],
  },
  {
    name: 'CSMS-to-station action "Reset" sent by the station',
    send: '[2,"act-reset","Reset",{"type":"Immediate"}]',
    reply: { error: 'act-reset', code: 'NotSupported' },
    findings: ['unsupported-action'],
  },
  {
    name: 'wrong-case action "heartbeat" (actions are case-sensitive)',
    send: '[2,"act-case","heartbeat",{}]',
    reply: { error: 'act-case', code: 'NotImplemented' },
    findings: ['unknown-action'],
  },

  // --- Payload against the OCA schema ---
  {
    name: 'payload missing a required field (StatusNotification without connectorId)',
    send: `[2,"sch-req","StatusNotification",${statusNotification({}, ['connectorId'])}]`,
    reply: { error: 'sch-req', code: 'OccurrenceConstraintViolation' },
    findings: ['schema-violation'],
  },
  {
    name: 'nested required field missing (customData without vendorId)',
    send: '[2,"sch-nreq","Heartbeat",{"customData":{}}]',
    reply: { error: 'sch-nreq', code: 'OccurrenceConstraintViolation' },
    findings: ['schema-violation'],
  },
  {
    name: 'payload field of the wrong type (connectorId "1")',
    send: `[2,"sch-type","StatusNotification",${statusNotification({ connectorId: '1' })}]`,
    reply: { error: 'sch-type', code: 'TypeConstraintViolation' },
    findings: ['schema-violation'],
  },
  {
    name: 'enum value outside the list (connectorStatus "Broken")',
    send: `[2,"sch-enum","StatusNotification",${statusNotification({ connectorStatus: 'Broken' })}]`,
    reply: { error: 'sch-enum', code: 'PropertyConstraintViolation' },
    findings: ['schema-violation'],
  },
  {
    name: 'string over maxLength (BootNotification model of 21 characters)',
    send: `[2,"sch-len","BootNotification",{"reason":"PowerUp","chargingStation":{"model":"${'M'.repeat(21)}","vendorName":"V"}}]`,
    reply: { error: 'sch-len', code: 'PropertyConstraintViolation' },
    findings: ['schema-violation'],
  },
  {
    name: 'unknown extra property (Heartbeat {"foo":1})',
    send: '[2,"sch-extra","Heartbeat",{"foo":1}]',
    reply: { error: 'sch-extra', code: 'FormatViolation' },
    findings: ['schema-violation'],
  },
  {
    name: 'bad date-time ("yesterday")',
    send: `[2,"sch-date","StatusNotification",${statusNotification({ timestamp: 'yesterday' })}]`,
    reply: { error: 'sch-date', code: 'FormatViolation' },
    findings: ['schema-violation'],
  },
  {
    name: 'date-time without a time zone offset (RFC 3339 requires one)',
    send: `[2,"sch-tz","StatusNotification",${statusNotification({ timestamp: '2024-05-01T12:00:00' })}]`,
    reply: { error: 'sch-tz', code: 'FormatViolation' },
    findings: ['schema-violation'],
  },
  {
    name: 'null for an optional field (serialNumber null: optional fields must be omitted)',
    send: '[2,"sch-null","BootNotification",{"reason":"PowerUp","chargingStation":{"model":"M","vendorName":"V","serialNumber":null}}]',
    reply: { error: 'sch-null', code: 'TypeConstraintViolation' },
    findings: ['schema-violation'],
  },
  {
    name: 'payload that is an array instead of an object',
    send: '[2,"pl-arr","Heartbeat",[]]',
    reply: { error: 'pl-arr', code: 'FormatViolation' },
    findings: ['schema-violation'],
  },
  {
    name: 'payload that is a string instead of an object',
    send: '[2,"pl-str","Heartbeat","{}"]',
    reply: { error: 'pl-str', code: 'FormatViolation' },
    findings: ['schema-violation'],
  },
  {
    name: 'payload null instead of an object',
    send: '[2,"pl-null","Heartbeat",null]',
    reply: { error: 'pl-null', code: 'FormatViolation' },
    findings: ['schema-violation'],
  },
  {
    name: 'empty array where minItems is 1 (MeterValues meterValue [])',
    send: '[2,"sch-min","MeterValues",{"evseId":1,"meterValue":[]}]',
    reply: { error: 'sch-min', code: 'OccurrenceConstraintViolation' },
    findings: ['schema-violation'],
  },

  // --- Responses: never answered, whatever is wrong with them ---
  { name: 'CALLRESULT with an unknown id', send: '[3,"res-unk",{}]', reply: 'none', findings: ['unknown-response-id'] },
  {
    name: 'CALLERROR with an unknown id',
    send: '[4,"err-unk","GenericError","boom",{}]',
    reply: 'none',
    findings: ['unknown-response-id'],
  },
  { name: 'CALLRESULT with 2 elements', send: '[3,"res-ar"]', reply: 'none', findings: ['wrong-arity'] },
  { name: 'CALLRESULT with a numeric id', send: '[3,42,{}]', reply: 'none', findings: ['bad-message-id'] },
  {
    name: 'CALLRESULT with an id of 37 characters',
    send: `[3,"${ID_37}",{}]`,
    reply: 'none',
    findings: ['message-id-too-long'],
  },
  { name: 'CALLERROR with 4 elements (no errorDetails)', send: '[4,"err-ar","GenericError","boom"]', reply: 'none', findings: ['wrong-arity'] },
  {
    name: 'CALLERROR with a numeric error code',
    send: '[4,"err-fields",500,"boom",{}]',
    reply: 'none',
    findings: ['bad-error-fields'],
  },
  {
    name: 'CALLERROR with the OCPP 1.6 spelling OccurenceConstraintViolation, unknown id',
    send: '[4,"err-16","OccurenceConstraintViolation","missing field",{}]',
    reply: 'none',
    findings: ['unknown-response-id', 'ocpp16-error-code'],
  },
  {
    name: 'CALLERROR with an unknown error code and null errorDetails, unknown id',
    send: '[4,"err-code","Oops","x",null]',
    reply: 'none',
    findings: ['unknown-response-id', 'unknown-error-code', 'error-details-not-object'],
  },
  {
    name: 'CALLERROR with a 256-character description, unknown id',
    send: `[4,"err-desc","GenericError","${'d'.repeat(256)}",{}]`,
    reply: 'none',
    findings: ['unknown-response-id', 'error-description-too-long'],
  },
  {
    name: 'CALLERROR with id "-1" (the answer to an unreadable frame: no fault)',
    send: '[4,"-1","RpcFrameworkError","could not read your frame",{}]',
    reply: 'none',
    findings: [],
  },

  // --- Reused ids ---
  {
    name: 'reused message id (the same valid Heartbeat id twice: both answered)',
    before: '[2,"dup-1","Heartbeat",{}]',
    send: '[2,"dup-1","Heartbeat",{}]',
    reply: { result: 'dup-1' },
    findings: ['reused-message-id'],
  },

  // --- Transport: frame type and encoding ---
  {
    name: 'binary frame carrying a valid Heartbeat',
    send: Buffer.from('[2,"bin-1","Heartbeat",{}]', 'utf8'),
    binary: true,
    reply: { error: 'bin-1', code: 'RpcFrameworkError' },
    findings: ['binary-frame'],
  },
  {
    name: 'binary frame carrying a CALLRESULT (not answered)',
    send: Buffer.from('[3,"bin-res",{}]', 'utf8'),
    binary: true,
    reply: 'none',
    findings: ['binary-frame'],
  },
  {
    name: 'text frame with invalid UTF-8 bytes',
    send: Buffer.from([0x5b, 0x32, 0x2c, 0xff, 0xfe, 0x5d]),
    reply: { error: '-1', code: 'RpcFrameworkError' },
    findings: ['invalid-utf8'],
    base64: true,
  },
  {
    name: 'text frame with an invalid UTF-8 byte inside a string of an otherwise valid CALL',
    send: Buffer.concat([
      Buffer.from('[2,"u8-2","Heartbeat",{"customData":{"vendorId":"', 'utf8'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}}]', 'utf8'),
    ]),
    reply: { error: '-1', code: 'RpcFrameworkError' },
    findings: ['invalid-utf8'],
    base64: true,
  },

  // --- Valid edge cases: answered, no finding, recorded verbatim ---
  {
    name: 'leading and trailing whitespace around a valid frame',
    send: ' \n\t[2,"ws-1","Heartbeat",{}]\r\n ',
    reply: { result: 'ws-1' },
    findings: [],
  },
  {
    name: 'whitespace between the elements of a valid frame',
    send: '[ 2 ,\n  "ws-2" ,\n  "Heartbeat" ,\n  { }\n]',
    reply: { result: 'ws-2' },
    findings: [],
  },
  {
    name: 'multi-byte UTF-8 text in a valid payload',
    send: '[2,"utf8-ok","DataTransfer",{"vendorId":"Überladung ⚡ 充电","data":"😀"}]',
    reply: { result: 'utf8-ok', payload: { status: 'UnknownVendorId' } },
    findings: [],
  },
  {
    name: 'very large but valid payload (DataTransfer with 200 kB of data)',
    send: JSON.stringify([2, 'big-1', 'DataTransfer', { vendorId: 'V', data: 'x'.repeat(200_000) }]),
    reply: { result: 'big-1', payload: { status: 'UnknownVendorId' } },
    findings: [],
  },
  {
    // RFC 8259 8.1: a BOM must not be sent, but a parser MAY ignore it. The CSMS reads on, records
    // the fault, and keeps the frame verbatim.
    name: 'UTF-8 byte order mark before a valid frame (recorded verbatim)',
    send: '\uFEFF[2,"bom-1","Heartbeat",{}]',
    reply: { result: 'bom-1' },
    findings: ['byte-order-mark'],
  },
  {
    name: 'schema-valid customData with an object under the key "constructor"',
    send: '[2,"proto-1","Heartbeat",{"customData":{"vendorId":"V","constructor":{}}}]',
    reply: { result: 'proto-1' },
    findings: [],
  },
  {
    name: 'schema-valid customData with the key "__proto__" (recorded payload keeps it)',
    send: '[2,"proto-2","Heartbeat",{"customData":{"vendorId":"V","__proto__":1}}]',
    reply: { result: 'proto-2' },
    findings: [],
  },
  {
    // RFC 8259 9 lets a parser limit nesting: refused once at the frame, never a stack overflow later.
    name: 'DataTransfer whose data is nested 100 000 levels deep (valid JSON, schema-valid)',
    send: `[2,"deep-1","DataTransfer",{"vendorId":"V","data":${DEEPLY_NESTED}}]`,
    reply: { error: 'deep-1', code: 'FormatViolation' },
    findings: ['too-deep'],
    skipPayloadEvidence: true,
  },
];

// ---------------------------------------------------------------------------------------------

function isFrame(record: JournalRecord): record is FrameRecord {
  return record.record === 'frame';
}

/** Frame records written after the cursor, in journal order. */
function framesAfter(session: StationSession, cursor: number): FrameRecord[] {
  return readJournal(session.journal.path)
    .filter(isFrame)
    .filter((record) => record.seq > cursor);
}

function expectCallError(frame: unknown, id: string, code: string): void {
  expect(frame, 'a CALLERROR').to.be.an('array').with.lengthOf(5);
  const [type, messageId, errorCode, description, details] = frame as unknown[];
  expect(type, 'message type').to.equal(4);
  expect(messageId, 'CALLERROR id').to.equal(id);
  expect(errorCode, 'error code').to.equal(code);
  expect(description, 'errorDescription').to.be.a('string');
  expect((description as string).length, 'errorDescription length (max 255)').to.be.at.most(255);
  expect(details, 'errorDetails is an object').to.be.an('object').and.not.be.an('array');
}

function expectCallResult(frame: unknown, id: string): Record<string, unknown> {
  expect(frame, 'a CALLRESULT').to.be.an('array').with.lengthOf(3);
  const [type, messageId, payload] = frame as unknown[];
  expect(type, 'message type').to.equal(3);
  expect(messageId, 'CALLRESULT id').to.equal(id);
  expect(payload, 'CALLRESULT payload').to.be.an('object').and.not.be.an('array');
  return payload as Record<string, unknown>;
}

function expectHeartbeatResult(frame: unknown, id: string): void {
  const payload = expectCallResult(frame, id);
  expect(payload['currentTime'], 'currentTime').to.be.a('string');
  expect(Number.isNaN(Date.parse(payload['currentTime'] as string)), 'currentTime is a date').to.equal(false);
}

/** What the journal must hold as `raw` for what was sent. */
function expectedRaw(row: Row): string {
  if (typeof row.send === 'string') return row.send;
  return row.base64 ? row.send.toString('base64') : row.send.toString('utf8');
}

/** The payload the station sent, when the frame is a well-formed CALL or CALLRESULT (for the payload evidence check). */
function sentPayload(row: Row): { payload: unknown } | undefined {
  if (row.skipPayloadEvidence || row.base64) return undefined;
  const text = typeof row.send === 'string' ? row.send : row.send.toString('utf8');
  let message: unknown;
  try {
    message = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  if (!Array.isArray(message) || typeof message[1] !== 'string' || message[1].length === 0 || message[1].length > 36) return undefined;
  if (message[0] === 2 && message.length === 4 && typeof message[2] === 'string' && message[2] !== '') return { payload: message[3] };
  if (message[0] === 3 && message.length === 3) return { payload: message[2] };
  return undefined;
}

/** True when the promise settles within `ms`. */
/** Closes the client without letting a wedged peer hold up the hooks. */
async function closeClient(client: RawClient | undefined): Promise<void> {
  if (!client) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([client.close(), new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)))]);
  clearTimeout(timer);
  client.socket.terminate();
}

async function connectRaw(csms: Csms, identity: string): Promise<{ client: RawClient; session: StationSession }> {
  const client = await RawClient.connect(`${csms.url}${encodeURIComponent(identity)}`);
  const session = await csms.waitForStation(identity, REPLY_MS);
  if (!session) throw new Error(`no session for ${identity}`);
  return { client, session };
}

async function boot(client: RawClient): Promise<void> {
  client.send(BOOT_FRAME);
  const reply = expectCallResult(await client.next(REPLY_MS), 'boot-1');
  expect(reply['status'], 'boot status').to.equal('Accepted');
}

describe('integration: malformed and edge-case frames from a station', function () {
  let csms: Csms | undefined;
  let client: RawClient | undefined;

  beforeEach(async function () {
    csms = await startCsms();
  });

  afterEach(async function () {
    await closeClient(client);
    client = undefined;
    // A frame that wedged the CSMS would make this time out and fail the row.
    await stopCsms(csms);
    csms = undefined;
  });

  it(`has a table of at least 30 rows (${ROWS.length})`, function () {
    expect(ROWS.length).to.be.at.least(30);
    expect(new Set(ROWS.map((row) => row.name)).size, 'row names are unique').to.equal(ROWS.length);
  });

  ROWS.forEach((row, index) => {
    const n = String(index + 1).padStart(2, '0');
    const what =
      row.reply === 'none'
        ? 'no reply'
        : 'error' in row.reply
          ? `CALLERROR ${row.reply.code} "${row.reply.error}"`
          : `CALLRESULT "${row.reply.result}"`;
    const findings = row.findings.length > 0 ? row.findings.join(' + ') : 'no finding';

    it(`#${n} ${row.name} → ${what}, ${findings}`, async function () {
      await runRow(row, n);
    });
  });

  /** One row: boot, the row's frame, a Heartbeat; then the answers and the evidence. */
  async function runRow(row: Row, n: string): Promise<void> {
    const identity = `MF-${n}`;
    const hbId = `hb-${n}`;
    const connected = await connectRaw(csms!, identity);
    client = connected.client;
    const { session } = connected;
    await boot(client);

    if (row.before) {
      client.send(row.before);
      expectCallResult(await client.next(REPLY_MS), JSON.parse(row.before)[1] as string);
    }
    const cursor = session.mark();

    // The row's frame, then straight away a valid Heartbeat: replies come back in order.
    client.send(row.send, row.binary ? { binary: true } : {});
    client.send(`[2,"${hbId}","Heartbeat",{}]`);

    // (a) the answer to the row's frame, or none: then the next frame is the Heartbeat's answer.
    let rowReply: unknown;
    if (row.reply !== 'none') {
      rowReply = await client.next(REPLY_MS);
      if ('error' in row.reply) {
        expectCallError(rowReply, row.reply.error, row.reply.code);
      } else {
        const payload = expectCallResult(rowReply, row.reply.result);
        if (row.reply.payload) expect(payload, 'CALLRESULT payload').to.deep.equal(row.reply.payload);
      }
    }
    // (c) the connection still serves a valid call.
    expectHeartbeatResult(await client.next(REPLY_MS), hbId);

    // (b) the evidence.
    const records = await eventually(
      () => {
        const frames = framesAfter(session, cursor);
        return frames.some((r) => r.direction === 'csms-to-cp' && r.messageId === hbId) ? frames : undefined;
      },
      JOURNAL_MS,
      `the Heartbeat's CALLRESULT in ${session.journal.path}`,
    );
    const inbound = records.filter((r) => r.direction === 'cp-to-csms');
    expect(inbound, 'inbound frames recorded after the boot: the row frame and the Heartbeat').to.have.lengthOf(2);
    const [record, heartbeat] = inbound as [FrameRecord, FrameRecord];

    expect(record.raw, 'raw: the frame verbatim').to.equal(expectedRaw(row));
    if (row.base64) expect(record.rawEncoding, 'rawEncoding').to.equal('base64');
    else expect(record.rawEncoding, 'rawEncoding').to.equal(undefined);
    expect(record.binary === true, 'binary flag').to.equal(row.binary === true);
    const codes = (record.findings ?? []).map((f) => f.code);
    expect([...codes].sort(), `finding codes of the inbound record (${JSON.stringify(record.findings ?? [])})`).to.deep.equal(
      [...row.findings].sort(),
    );
    for (const finding of record.findings ?? []) expect(finding.message, `message of finding ${finding.code}`).to.be.a('string').that.is.not.empty;
    if (row.findings.includes('schema-violation') && typeof row.reply === 'object' && 'error' in row.reply) {
      expect(record.validation?.valid, 'validation.valid').to.equal(false);
      expect(record.validation && !record.validation.valid ? record.validation.errorCode : undefined, 'validation.errorCode').to.equal(
        row.reply.code,
      );
    }
    const sent = sentPayload(row);
    if (sent && !row.binary) {
      // Compared as JSON text: a deep-equal diff would not show a lost "__proto__" key.
      expect(JSON.stringify(framePayload(record)), 'recorded payload (read from raw) equals the payload sent').to.equal(JSON.stringify(sent.payload));
    }

    expect(heartbeat.raw, 'the Heartbeat is recorded after the row frame').to.equal(`[2,"${hbId}","Heartbeat",{}]`);

    // Everything the CSMS sent back is in the journal, exactly as it went on the wire.
    const outbound = records.filter((r) => r.direction === 'csms-to-cp');
    const hbResults = outbound.filter((r) => r.messageId === hbId);
    expect(hbResults, 'one CALLRESULT for the Heartbeat').to.have.lengthOf(1);
    const others = outbound.filter((r) => r.messageId !== hbId);
    if (row.reply === 'none') {
      expect(others.map((r) => r.raw), 'nothing sent in answer to the row frame').to.deep.equal([]);
    } else {
      expect(others.map((r) => r.raw), 'the answer to the row frame, as sent').to.deep.equal([JSON.stringify(rowReply)]);
    }

    // Nothing late follows (the order of replies and the journal above already prove that the
    // response got no answer; this short wait only adds the wire's word for it).
    if (row.reply === 'none') expect(await client.silentFor(SILENCE_MS), 'no further frame from the CSMS').to.equal(true);
    expect(session.isConnected, 'the station is still connected').to.equal(true);
  }
});
