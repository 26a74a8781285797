import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { OcppCallError } from '../../src/ocpp/error-codes.js';
import type { FrameEvent } from '../../src/ocpp/frame-event.js';
import { RpcConnection } from '../../src/ocpp/rpc-connection.js';
import { sharedSchemaValidator } from '../../src/ocpp/schema-validator.js';
import { eventually } from '../helpers/csms-fixture.js';
import { RawClient } from '../helpers/raw-client.js';

const GET_VARIABLES = {
  getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }],
};
const GET_VARIABLES_RESULT = {
  getVariableResult: [
    { attributeStatus: 'Accepted', attributeValue: '300', component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } },
  ],
};

interface Pair {
  csms: RpcConnection;
  peer: RawClient;
  frames: FrameEvent[];
  close: () => Promise<void>;
}

/**
 * A CSMS-side RpcConnection over a real socket, with a raw peer on the other end that the test
 * scripts frame by frame.
 */
async function pair(options: { callTimeoutMs?: number; pingIntervalMs?: number; autoPong?: boolean } = {}): Promise<Pair> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: true, handleProtocols: () => 'ocpp2.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const accepted = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
  const port = (server.address() as AddressInfo).port;
  const peerPromise =
    options.autoPong === false
      ? new Promise<RawClient>((resolve, reject) => {
          const socket = new WebSocket(`ws://127.0.0.1:${port}/x`, ['ocpp2.0.1'], { autoPong: false });
          socket.once('open', () => resolve(RawClient.wrap(socket)));
          socket.once('error', reject);
        })
      : RawClient.connect(`ws://127.0.0.1:${port}/x`);
  const [socket, peer] = await Promise.all([accepted, peerPromise]);
  const csms = new RpcConnection(socket, {
    side: 'csms',
    validator: sharedSchemaValidator(),
    callTimeoutMs: options.callTimeoutMs ?? 5000,
    pingIntervalMs: options.pingIntervalMs ?? 0,
  });
  const frames: FrameEvent[] = [];
  csms.on('frame', (frame) => frames.push(frame));
  return {
    csms,
    peer,
    frames,
    close: async () => {
      await peer.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function findingsOf(frames: FrameEvent[]): string[] {
  return frames.flatMap((f) => f.findings.map((x) => x.code));
}

/** Makes the CSMS side hold its Heartbeat answers until the returned function is called. */
function holdHeartbeats(csms: RpcConnection): () => void {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  csms.handle('Heartbeat', async () => {
    await gate;
    return { currentTime: new Date().toISOString() };
  });
  return () => release();
}

describe('RpcConnection', () => {
  let current: Pair | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });

  it('keeps one outbound CALL outstanding at a time under concurrent call()s, in call order', async () => {
    current = await pair();
    const { csms, peer } = current;
    const order: string[] = [];
    let outstanding = 0;
    let maxOutstanding = 0;
    peer.socket.on('message', (data) => {
      const [, id, , payload] = JSON.parse((data as Buffer).toString()) as [number, string, string, { getVariableData: Array<{ variable: { name: string } }> }];
      outstanding += 1;
      maxOutstanding = Math.max(maxOutstanding, outstanding);
      order.push(payload.getVariableData[0]?.variable.name ?? '');
      // Answer later, so that a second CALL, if the queue let one through, would arrive first.
      setTimeout(() => {
        outstanding -= 1;
        peer.send(JSON.stringify([3, id, GET_VARIABLES_RESULT]));
      }, 20);
    });
    const names = ['A', 'B', 'C', 'D', 'E'];
    const outcomes = await Promise.all(
      names.map((name) =>
        csms.call('GetVariables', { getVariableData: [{ component: { name: 'X' }, variable: { name } }] }),
      ),
    );
    expect(outcomes.every((o) => o.ok)).to.equal(true);
    expect(maxOutstanding).to.equal(1);
    expect(order).to.deep.equal(names);
  });

  it('times a call out, moves on to the next, and records the late answer as such', async () => {
    current = await pair();
    const { csms, peer, frames } = current;
    const first = csms.call('GetVariables', GET_VARIABLES, { timeoutMs: 100 });
    const firstCall = (await peer.next()) as [number, string];
    const second = csms.call('GetVariables', GET_VARIABLES);
    const outcome = await first;
    expect(outcome.ok).to.equal(false);
    expect(!outcome.ok && outcome.failure).to.deep.equal({ kind: 'timeout', timeoutMs: 100 });
    const secondCall = (await peer.next()) as [number, string];
    peer.send(JSON.stringify([3, firstCall[1], GET_VARIABLES_RESULT]));
    peer.send(JSON.stringify([3, secondCall[1], GET_VARIABLES_RESULT]));
    expect((await second).ok).to.equal(true);
    const late = await eventually(() => frames.find((f) => f.messageId === firstCall[1] && f.direction === 'cp-to-csms'));
    expect(late.findings.map((f) => f.code)).to.deep.equal(['late-response']);
    expect(late.action).to.equal('GetVariables');
  });

  it('ends the pending call and the queued ones as disconnected when the link closes', async () => {
    current = await pair();
    const { csms, peer } = current;
    const calls = [csms.call('GetVariables', GET_VARIABLES), csms.call('GetVariables', GET_VARIABLES), csms.call('GetVariables', GET_VARIABLES)];
    await peer.next();
    peer.socket.close(4000, 'going');
    const outcomes = await Promise.all(calls);
    for (const outcome of outcomes) {
      expect(outcome.ok).to.equal(false);
      expect(!outcome.ok && outcome.failure.kind).to.equal('disconnected');
    }
    const first = outcomes[0];
    expect(first && !first.ok && first.failure.kind === 'disconnected' && first.failure.reason).to.contain('4000');
  });

  it('correlates by id: a response for an unknown id and a duplicate are recorded, the real one is used', async () => {
    current = await pair();
    const { csms, peer, frames } = current;
    const call = csms.call('GetVariables', GET_VARIABLES);
    const [, id] = (await peer.next()) as [number, string];
    peer.send(JSON.stringify([3, 'not-ours', GET_VARIABLES_RESULT]));
    peer.send(JSON.stringify([3, id, GET_VARIABLES_RESULT]));
    peer.send(JSON.stringify([3, id, GET_VARIABLES_RESULT]));
    const outcome = await call;
    expect(outcome.ok && outcome.payload).to.deep.equal(GET_VARIABLES_RESULT);
    await eventually(() => findingsOf(frames).includes('duplicate-response'));
    expect(findingsOf(frames)).to.deep.equal(['unknown-response-id', 'duplicate-response']);
  });

  it('gives a CALLERROR back as a value and records the 1.6 spelling and unknown codes', async () => {
    current = await pair();
    const { csms, peer, frames } = current;
    const first = csms.call('GetVariables', GET_VARIABLES);
    const [, id1] = (await peer.next()) as [number, string];
    peer.send(JSON.stringify([4, id1, 'OccurenceConstraintViolation', 'too many', {}]));
    const outcome = await first;
    expect(!outcome.ok && outcome.failure).to.deep.include({ kind: 'call-error', errorCode: 'OccurenceConstraintViolation' });
    const second = csms.call('GetVariables', GET_VARIABLES);
    const [, id2] = (await peer.next()) as [number, string];
    peer.send(JSON.stringify([4, id2, 'Oops', 'x'.repeat(300), []]));
    await second;
    expect(findingsOf(frames)).to.deep.equal(['ocpp16-error-code', 'unknown-error-code', 'error-description-too-long', 'error-details-not-object']);
  });

  it('fails a call whose response breaks its schema, keeping the payload for the evidence', async () => {
    current = await pair();
    const { csms, peer, frames } = current;
    const call = csms.call('GetVariables', GET_VARIABLES);
    const [, id] = (await peer.next()) as [number, string];
    peer.send(JSON.stringify([3, id, { getVariableResult: [{ attributeStatus: 'Maybe' }] }]));
    const outcome = await call;
    expect(!outcome.ok && outcome.failure.kind).to.equal('invalid-response');
    const response = frames.find((f) => f.messageType === 'CALLRESULT');
    expect(response?.validation).to.deep.include({ valid: false, schema: 'GetVariablesResponse', errorCode: 'OccurrenceConstraintViolation' });
    expect(response?.findings.map((f) => f.code)).to.deep.equal(['schema-violation']);
  });

  it('fails a call at once when its response is malformed', async () => {
    current = await pair();
    const { csms, peer } = current;
    const call = csms.call('GetVariables', GET_VARIABLES);
    const [, id] = (await peer.next()) as [number, string];
    peer.send(JSON.stringify([3, id]));
    const outcome = await call;
    expect(!outcome.ok && outcome.failure.kind).to.equal('malformed-response');
  });

  it('records a second inbound CALL sent while the first is unanswered, and answers both', async () => {
    current = await pair();
    const { csms, peer, frames } = current;
    const release = holdHeartbeats(csms);
    peer.send('[2,"h1","Heartbeat",{}]');
    peer.send('[2,"h2","Heartbeat",{}]');
    await eventually(() => frames.filter((f) => f.direction === 'cp-to-csms').length === 2);
    release();
    const replies = [await peer.next(), await peer.next()] as Array<[number, string]>;
    expect(replies.map((r) => [r[0], r[1]])).to.deep.equal([
      [3, 'h1'],
      [3, 'h2'],
    ]);
    expect(frames.find((f) => f.messageId === 'h2' && f.direction === 'cp-to-csms')?.findings.map((f) => f.code)).to.deep.equal(['concurrent-call']);
  });

  it('names at most three of the unanswered CALLs in a concurrent-call finding, with their count', async () => {
    current = await pair();
    const { csms, peer, frames } = current;
    const release = holdHeartbeats(csms);
    for (let i = 1; i <= 6; i++) peer.send(`[2,"h${i}","Heartbeat",{}]`);
    await eventually(() => frames.filter((f) => f.direction === 'cp-to-csms').length === 6);
    release();
    for (let i = 1; i <= 6; i++) await peer.next();
    const messageOf = (id: string): string | undefined => frames.find((f) => f.messageId === id && f.direction === 'cp-to-csms')?.findings[0]?.message;
    expect(messageOf('h2')).to.match(/^a second CALL while h1 is still unanswered/);
    expect(messageOf('h4')).to.match(/while 3 CALLs \(h1, h2, h3\) are still unanswered/);
    expect(messageOf('h6')).to.match(/while 5 CALLs \(h1, h2, h3, …\) are still unanswered/);
  });

  it('answers InternalError when its own handler fails or builds an invalid response, and records why', async () => {
    current = await pair();
    const { csms, peer, frames } = current;
    csms.handle('Heartbeat', () => {
      throw new Error('boom');
    });
    csms.handle('StatusNotification', () => ({ unexpected: true }));
    csms.handle('Authorize', () => {
      throw new OcppCallError('SecurityError', 'not now');
    });
    peer.send('[2,"a","Heartbeat",{}]');
    expect(await peer.next()).to.deep.equal([4, 'a', 'InternalError', 'the handler failed', {}]);
    peer.send(JSON.stringify([2, 'b', 'StatusNotification', { timestamp: new Date().toISOString(), connectorStatus: 'Available', evseId: 1, connectorId: 1 }]));
    expect(await peer.next()).to.deep.equal([4, 'b', 'InternalError', 'the response could not be built', {}]);
    peer.send(JSON.stringify([2, 'c', 'Authorize', { idToken: { idToken: 'X', type: 'Central' } }]));
    expect(await peer.next()).to.deep.equal([4, 'c', 'SecurityError', 'not now', {}]);
    expect(findingsOf(frames)).to.deep.equal(['handler-failed', 'invalid-outbound']);
  });

  it('refuses to send an invalid request of its own, and nothing reaches the wire', async () => {
    current = await pair();
    const { csms, peer, frames } = current;
    let error: unknown;
    try {
      await csms.call('GetVariables', { getVariableData: [] });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.have.property('code', 'ERR_INVALID_OUTBOUND');
    expect(await peer.silentFor(100)).to.equal(true);
    expect(frames).to.have.length(0);
    // The connection still works.
    const call = csms.call('GetVariables', GET_VARIABLES);
    const [, id] = (await peer.next()) as [number, string];
    peer.send(JSON.stringify([3, id, GET_VARIABLES_RESULT]));
    expect((await call).ok).to.equal(true);
  });

  it('refuses to send a number JSON cannot carry (a station maxLimit of 1e400 + 1 is Infinity, which would go out as null), and nothing reaches the wire', async () => {
    current = await pair();
    const { csms, peer, frames } = current;
    const payload = { setMonitoringData: [{ value: Number.POSITIVE_INFINITY, type: 'UpperThreshold', severity: 5, component: { name: 'C' }, variable: { name: 'V' } }] };
    let error: unknown;
    try {
      await csms.call('SetVariableMonitoring', payload);
    } catch (caught) {
      error = caught;
    }
    expect(error).to.have.property('code', 'ERR_INVALID_OUTBOUND');
    expect((error as Error).message).to.contain('/setMonitoringData/0/value');
    expect(await peer.silentFor(100)).to.equal(true);
    expect(frames).to.have.length(0);
  });

  it('answers InternalError, as a tool error, when its own response holds a number JSON cannot carry', async () => {
    current = await pair();
    const { csms, peer, frames } = current;
    csms.handle('Heartbeat', () => ({ currentTime: '2026-11-23T10:00:00.000Z', customData: { vendorId: 'x', reading: Number.POSITIVE_INFINITY } }));
    peer.send('[2,"n","Heartbeat",{}]');
    expect(await peer.next()).to.deep.equal([4, 'n', 'InternalError', 'the response could not be built', {}]);
    expect(findingsOf(frames)).to.deep.equal(['invalid-outbound']);
  });

  it('survives a bug in its own frame listener: reports it and keeps serving', async () => {
    current = await pair();
    const { csms, peer } = current;
    csms.handle('Heartbeat', () => ({ currentTime: '2026-11-23T10:00:00.000Z' }));
    let broken = true;
    csms.on('frame', () => {
      if (broken) {
        broken = false;
        throw new Error('listener bug');
      }
    });
    const reported = new Promise<Error>((resolve) => csms.once('internal-error', ({ error }) => resolve(error)));
    peer.send('[2,"a","Heartbeat",{}]');
    expect((await reported).message).to.equal('listener bug');
    peer.send('[2,"b","Heartbeat",{}]');
    const replies: unknown[] = [];
    for (;;) {
      const reply = (await peer.next()) as [number, string];
      replies.push(reply);
      if (reply[1] === 'b') break;
    }
    expect(replies.at(-1)).to.deep.equal([3, 'b', { currentTime: '2026-11-23T10:00:00.000Z' }]);
    expect(csms.isOpen).to.equal(true);
  });

  it('records missing pongs from a peer that does not answer pings, without closing', async () => {
    current = await pair({ pingIntervalMs: 30, autoPong: false });
    const { csms } = current;
    const missed = await new Promise<number>((resolve) => csms.once('pong-missing', ({ missed: count }) => resolve(count)));
    expect(missed).to.be.greaterThan(0);
    expect(csms.isOpen).to.equal(true);
  });
});
