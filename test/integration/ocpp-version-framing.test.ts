import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { FrameEvent } from '../../src/ocpp/frame-event.js';
import { protocolFor, type OcppVersion } from '../../src/ocpp/protocol.js';
import { RpcConnection } from '../../src/ocpp/rpc-connection.js';
import { eventually } from '../helpers/csms-fixture.js';
import { RawClient } from '../helpers/raw-client.js';

/** A CSMS-side connection of one OCPP version over a real socket, with a raw peer the test scripts. */
async function pair(version: OcppVersion): Promise<{ csms: RpcConnection; peer: RawClient; frames: FrameEvent[]; close: () => Promise<void> }> {
  const subprotocol = protocolFor(version).subprotocol;
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => subprotocol });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const accepted = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
  const [socket, peer] = await Promise.all([accepted, RawClient.connect(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/x`, [subprotocol])]);
  const csms = new RpcConnection(socket, { side: 'csms', protocol: protocolFor(version), callTimeoutMs: 3000 });
  csms.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));
  const frames: FrameEvent[] = [];
  csms.on('frame', (frame) => frames.push(frame));
  return { csms, peer, frames, close: async () => { await peer.close(); await new Promise<void>((resolve) => server.close(() => resolve())); } };
}

const STREAM = { id: 1, pending: 0, basetime: '2026-12-05T10:00:00.000Z', data: [{ t: 0, v: '21.5' }, { t: 10, v: '21.7' }] };
const findings = (frames: FrameEvent[]): string[] => frames.flatMap((f) => f.findings.map((x) => x.code));

describe('OCPP 2.1 framing on a real socket: SEND and CALLRESULTERROR judged (issue 17)', () => {
  let current: Awaited<ReturnType<typeof pair>> | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });

  /** Sends a Heartbeat CALL and returns everything the CSMS sent back up to its answer: a SEND before it must have drawn nothing. */
  async function repliesUpToHeartbeat(peer: RawClient): Promise<unknown[]> {
    const from = peer.received.length;
    peer.send(JSON.stringify([2, `hb-${from}`, 'Heartbeat', {}]));
    await eventually(() => peer.received.slice(from).find((m) => Array.isArray(m) && m[1] === `hb-${from}`));
    return peer.received.slice(from);
  }

  it('records a valid NotifyPeriodicEventStream SEND against its schema and never answers it (N15.FR.01–.02)', async () => {
    current = await pair('2.1');
    const { peer, frames } = current;
    peer.send(JSON.stringify([6, 'send-1', 'NotifyPeriodicEventStream', STREAM]));
    const replies = await repliesUpToHeartbeat(peer);
    expect(replies).to.have.length(1);
    const send = frames.find((f) => f.messageId === 'send-1');
    expect(send?.messageType).to.equal('SEND');
    expect(send?.messageTypeId).to.equal(6);
    expect(send?.validation).to.deep.equal({ valid: true, schema: 'NotifyPeriodicEventStream' });
    expect(send?.findings).to.deep.equal([]);
  });

  it('judges a SEND that breaks its schema, a SEND of a CALL action, and NotifyPeriodicEventStream sent as a CALL', async () => {
    current = await pair('2.1');
    const { peer, frames } = current;
    peer.send(JSON.stringify([6, 'send-2', 'NotifyPeriodicEventStream', { id: 1, pending: 0, basetime: '2026-12-05T10:00:00Z', data: [{ t: '2026-12-05T10:00:00Z', v: '1' }] }]));
    peer.send(JSON.stringify([6, 'send-3', 'Heartbeat', {}]));
    const replies = await repliesUpToHeartbeat(peer);
    expect(replies, 'no SEND is answered, not even a wrong one').to.have.length(1);
    expect(frames.find((f) => f.messageId === 'send-2')?.findings.map((f) => f.code)).to.deep.equal(['schema-violation']);
    expect(frames.find((f) => f.messageId === 'send-3')?.findings.map((f) => f.code)).to.deep.equal(['not-a-send-message']);
    peer.send(JSON.stringify([2, 'call-1', 'NotifyPeriodicEventStream', STREAM]));
    const answer = (await eventually(() => peer.received.find((m) => Array.isArray(m) && m[1] === 'call-1'))) as unknown[];
    expect(answer[0]).to.equal(4);
    expect(findings(frames)).to.include('send-as-call');
  });

  it('ties a CALLRESULTERROR to the CALLRESULT it answers, and records one that answers nothing', async () => {
    current = await pair('2.1');
    const { peer, frames } = current;
    await repliesUpToHeartbeat(peer);
    peer.send(JSON.stringify([5, 'hb-0', 'FormatViolation', 'could not read currentTime', {}]));
    peer.send(JSON.stringify([5, 'never-sent', 'GenericError', 'x', {}]));
    const known = await eventually(() => frames.find((f) => f.messageType === 'CALLRESULTERROR' && f.messageId === 'hb-0'));
    expect(known.action).to.equal('Heartbeat');
    expect(known.findings).to.deep.equal([]);
    const unknown = await eventually(() => frames.find((f) => f.messageType === 'CALLRESULTERROR' && f.messageId === 'never-sent'));
    expect(unknown.findings.map((f) => f.code)).to.deep.equal(['unknown-result-id']);
  });

  it('answers a CALLRESULT that breaks its schema with a CALLRESULTERROR under 2.1, and with nothing under 2.0.1', async () => {
    for (const version of ['2.1', '2.0.1'] as const) {
      current = await pair(version);
      const { csms, peer } = current;
      const outcome = csms.call('GetVariables', { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] });
      const call = (await peer.next()) as [number, string];
      peer.send(JSON.stringify([3, call[1], { getVariableResult: 'not a list' }]));
      expect((await outcome).ok).to.equal(false);
      const replies = await repliesUpToHeartbeat(peer);
      if (version === '2.1') expect((replies[0] as unknown[]).slice(0, 3)).to.deep.equal([5, call[1], 'TypeConstraintViolation']);
      else expect(replies).to.have.length(1);
      await current.close();
      current = undefined;
    }
  });

  it('ignores an unknown message type under 2.1, and answers it MessageTypeNotSupported under 2.0.1', async () => {
    current = await pair('2.1');
    current.peer.send(JSON.stringify([7, 'odd-1', 'Heartbeat', {}]));
    expect(await repliesUpToHeartbeat(current.peer)).to.have.length(1);
    expect(findings(current.frames)).to.include('unknown-message-type');
    await current.close();
    current = await pair('2.0.1');
    current.peer.send(JSON.stringify([6, 'send-9', 'NotifyPeriodicEventStream', STREAM]));
    const answer = (await eventually(() => current?.peer.received.find((m) => Array.isArray(m) && m[1] === 'send-9'))) as unknown[];
    expect(answer.slice(0, 3)).to.deep.equal([4, 'send-9', 'MessageTypeNotSupported']);
  });
});

describe('OCPP 1.6 framing on a real socket (issue 17)', () => {
  it('validates against the 1.6 schemas and answers with 1.6 spellings; accepts both spellings from the station', async () => {
    const { csms, peer, frames, close } = await pair('1.6');
    try {
      csms.handle('BootNotification', () => ({ status: 'Accepted', currentTime: new Date().toISOString(), interval: 300 }));
      peer.send(JSON.stringify([2, 'b1', 'BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'W1' }]));
      const accepted = (await eventually(() => peer.received.find((m) => Array.isArray(m) && m[1] === 'b1'))) as unknown[];
      expect(accepted[0]).to.equal(3);
      expect(frames.find((f) => f.messageId === 'b1')?.validation).to.deep.equal({ valid: true, schema: 'BootNotification.req' });
      peer.send(JSON.stringify([2, 'b2', 'BootNotification', { chargePointVendor: 'ACME' }]));
      const refused = (await eventually(() => peer.received.find((m) => Array.isArray(m) && m[1] === 'b2'))) as unknown[];
      expect(refused.slice(0, 3)).to.deep.equal([4, 'b2', 'OccurenceConstraintViolation']);
      const outcome = csms.call('GetConfiguration', {});
      const call = (await peer.next()) as [number, string];
      peer.send(JSON.stringify([4, call[1], 'FormationViolation', 'bad', {}]));
      expect((await outcome).ok).to.equal(false);
      const error = await eventually(() => frames.find((f) => f.messageId === call[1] && f.messageType === 'CALLERROR'));
      expect(error.findings, 'FormationViolation is the 1.6 spelling: no finding').to.deep.equal([]);
    } finally {
      await close();
    }
  });
});
