import { expect } from 'chai';
import { MAX_NESTING_DEPTH, parseFrame, serializeFrame } from '../../../src/ocpp/frame.js';

describe('parseFrame', () => {
  it('reads the three OCPP 2.0.1 message types', () => {
    expect(parseFrame('[2,"a","Heartbeat",{}]')).to.deep.include({
      ok: true,
      frame: { messageType: 'CALL', messageId: 'a', action: 'Heartbeat', payload: {} },
    });
    expect(parseFrame('[3,"a",{"x":1}]')).to.deep.include({ ok: true, frame: { messageType: 'CALLRESULT', messageId: 'a', payload: { x: 1 } } });
    expect(parseFrame('[4,"a","NotSupported","no",{}]')).to.deep.include({
      ok: true,
      frame: { messageType: 'CALLERROR', messageId: 'a', errorCode: 'NotSupported', errorDescription: 'no', errorDetails: {} },
    });
  });

  const problems: Array<[string, string, string, { messageId: string; errorCode: string } | undefined]> = [
    ['not JSON', '[2,', 'invalid-json', { messageId: '-1', errorCode: 'RpcFrameworkError' }],
    ['an object', '{}', 'not-an-array', { messageId: '-1', errorCode: 'RpcFrameworkError' }],
    ['a string message type', '["2","a","Heartbeat",{}]', 'bad-message-type', { messageId: 'a', errorCode: 'RpcFrameworkError' }],
    ['an OCPP 2.1 SEND', '[6,"a","NotifyPeriodicEventStream",{}]', 'ocpp21-message-type', { messageId: 'a', errorCode: 'MessageTypeNotSupported' }],
    ['an OCPP 2.1 CALLRESULTERROR', '[5,"a","FormatViolation","",{}]', 'ocpp21-message-type', { messageId: 'a', errorCode: 'MessageTypeNotSupported' }],
    ['an unknown message type', '[9,"a"]', 'unknown-message-type', { messageId: 'a', errorCode: 'MessageTypeNotSupported' }],
    ['a numeric id', '[2,17,"Heartbeat",{}]', 'bad-message-id', { messageId: '-1', errorCode: 'RpcFrameworkError' }],
    ['an id of 37 characters', `[2,"${'x'.repeat(37)}","Heartbeat",{}]`, 'message-id-too-long', { messageId: '-1', errorCode: 'RpcFrameworkError' }],
    ['a CALL without payload', '[2,"a","Heartbeat"]', 'wrong-arity', { messageId: 'a', errorCode: 'RpcFrameworkError' }],
    ['a numeric action', '[2,"a",5,{}]', 'bad-action', { messageId: 'a', errorCode: 'RpcFrameworkError' }],
    ['a CALLRESULT with extra elements', '[3,"a",{},{}]', 'wrong-arity', undefined],
    ['a CALLERROR with a numeric code', '[4,"a",1,"",{}]', 'bad-error-fields', undefined],
  ];
  for (const [what, text, kind, reply] of problems) {
    it(`reports ${what} as ${kind}${reply ? ` answered ${reply.errorCode} "${reply.messageId}"` : ', unanswered'}`, () => {
      const outcome = parseFrame(text);
      expect(outcome.ok).to.equal(false);
      if (!outcome.ok) {
        expect(outcome.problem.kind).to.equal(kind);
        expect(outcome.problem.reply).to.deep.equal(reply);
      }
    });
  }

  it('accepts an id of exactly 36 characters', () => {
    expect(parseFrame(`[2,"${'x'.repeat(36)}","Heartbeat",{}]`).ok).to.equal(true);
  });

  it('keeps the readable id of a malformed response, for correlation', () => {
    const outcome = parseFrame('[3,"abc"]');
    expect(!outcome.ok && outcome.problem.messageId).to.equal('abc');
  });

  it('serialises what it parses back to the same text', () => {
    for (const text of ['[2,"a","Heartbeat",{}]', '[3,"a",{"currentTime":"2026-01-01T00:00:00Z"}]', '[4,"a","GenericError","x",{}]']) {
      const outcome = parseFrame(text);
      expect(outcome.ok && serializeFrame(outcome.frame)).to.equal(text);
    }
  });
});

describe('parseFrame nesting limit', () => {
  it(`accepts ${MAX_NESTING_DEPTH} levels and refuses one more, answering a CALL with FormatViolation`, () => {
    // The frame array itself and the payload object are two levels.
    const nested = (levels: number): string => `${'['.repeat(levels)}0${']'.repeat(levels)}`;
    const ok = `[2,"a","DataTransfer",{"vendorId":"V","data":${nested(MAX_NESTING_DEPTH - 2)}}]`;
    const tooDeep = `[2,"a","DataTransfer",{"vendorId":"V","data":${nested(MAX_NESTING_DEPTH - 1)}}]`;
    expect(parseFrame(ok).ok).to.equal(true);
    const outcome = parseFrame(tooDeep);
    expect(!outcome.ok && outcome.problem).to.deep.include({ kind: 'too-deep', reply: { messageId: 'a', errorCode: 'FormatViolation' } });
    const response = parseFrame(`[3,"a",${nested(200)}]`);
    expect(!response.ok && response.problem.reply).to.equal(undefined);
  });
});
