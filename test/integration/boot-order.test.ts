import { expect } from 'chai';
import type { Csms } from '../../src/session/csms.js';
import type { StationSession } from '../../src/session/station-session.js';
import { readJournal, startCsms, stopCsms } from '../helpers/csms-fixture.js';
import { RawClient } from '../helpers/raw-client.js';

const REPLY_MS = 10_000;
const BOOT_FRAME = '[2,"boot-1","BootNotification",{"reason":"PowerUp","chargingStation":{"model":"M","vendorName":"V"}}]';

async function connectRaw(csms: Csms, identity: string): Promise<{ client: RawClient; session: StationSession }> {
  const client = await RawClient.connect(`${csms.url}${encodeURIComponent(identity)}`);
  const session = await csms.waitForStation(identity, REPLY_MS);
  if (!session) throw new Error(`no session for ${identity}`);
  return { client, session };
}

/** [type, id, action?] of each frame the raw station received. */
function heads(client: RawClient): Array<[number, string, string?]> {
  return client.received.map((frame) => {
    const [type, id, third] = frame as [number, string, unknown];
    return type === 2 ? [type, id, String(third)] : [type, id];
  });
}

describe('integration: boot order (issue 13: nothing reaches a station before its boot answer)', function () {
  this.timeout(30_000);
  let csms: Csms | undefined;
  let client: RawClient | undefined;

  afterEach(async () => {
    await client?.close();
    client = undefined;
    await stopCsms(csms);
    csms = undefined;
  });

  it('a CSMS that calls the station the moment it boots sends the BootNotification answer first (B01: a strict station ignores earlier requests)', async () => {
    csms = await startCsms();
    // What `run` does: the audit starts on the boot event and its first request follows at once.
    csms.on('boot', ({ session }) => void session.call('GetVariables', { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] }));
    ({ client } = await connectRaw(csms, 'BOOT-ORDER'));
    client.send(BOOT_FRAME);
    await client.next(REPLY_MS, 1);
    const [first, second] = heads(client);
    expect(first, 'first frame: the CALLRESULT of the boot').to.deep.equal([3, 'boot-1']);
    expect(second?.[2], 'then the CSMS request').to.equal('GetVariables');
    const session = csms.sessions.get('BOOT-ORDER');
    const outbound = readJournal(session!.journal.path).filter((r) => r.record === 'frame' && r.direction === 'csms-to-cp');
    expect(outbound.map((r) => (r.record === 'frame' ? r.messageType : '')), 'the journal in the order of the wire').to.deep.equal(['CALLRESULT', 'CALL']);
  });

  it('a boot answer the CSMS cannot build is not a boot: no boot event, the station is not taken as accepted', async () => {
    // A fractional interval breaks the BootNotificationResponse schema (integer): a tool error.
    csms = await startCsms({ heartbeatIntervalS: 1.5 });
    let boots = 0;
    csms.on('boot', () => (boots += 1));
    let session: StationSession;
    ({ client, session } = await connectRaw(csms, 'BOOT-BAD-ANSWER'));
    client.send(BOOT_FRAME);
    const [type, , code] = (await client.next(REPLY_MS)) as [number, string, string];
    expect([type, code]).to.deep.equal([4, 'InternalError']);
    expect(await client.silentFor(300)).to.equal(true);
    expect(boots).to.equal(0);
    expect(session.bootState).to.equal('none');
  });

  it('a station that reconnects without booting (Part 4) is served, then asked to boot (TriggerMessage), and audited once it boots', async () => {
    csms = await startCsms();
    const boots: string[] = [];
    csms.on('boot', ({ status }) => boots.push(status));
    let session: StationSession;
    ({ client, session } = await connectRaw(csms, 'BOOT-RECONNECTED'));
    client.send('[2,"hb-1","Heartbeat",{}]');
    const answer = (await client.next(REPLY_MS)) as [number, string, Record<string, unknown>];
    expect([answer[0], answer[1]], 'the Heartbeat is answered, not refused').to.deep.equal([3, 'hb-1']);
    expect(answer[2]['currentTime']).to.be.a('string');
    const trigger = (await client.next(REPLY_MS, 1)) as [number, string, string, Record<string, unknown>];
    expect([trigger[0], trigger[2], trigger[3]], 'then a TriggerMessage BootNotification').to.deep.equal([2, 'TriggerMessage', { requestedMessage: 'BootNotification' }]);
    client.send(JSON.stringify([3, trigger[1], { status: 'Accepted' }]));
    client.send(BOOT_FRAME.replace('PowerUp', 'Triggered'));
    expect(((await client.next(REPLY_MS, 2)) as [number, string])[1]).to.equal('boot-1');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(boots).to.deep.equal(['Accepted']);
    expect(session.bootState).to.equal('Accepted');
    const records = readJournal(session.journal.path);
    expect(records.some((r) => r.record === 'connection' && r.event === 'boot-requested')).to.equal(true);
    const findings = records.flatMap((r) => (r.record === 'frame' ? (r.findings ?? []).map((f) => f.code) : []));
    expect(findings, 'reconnecting without a boot is correct behaviour: no finding').to.deep.equal([]);
  });

  it('a quiet reconnected station is asked to boot; one that never boots is adopted and audited without boot information', async () => {
    csms = await startCsms({ quietBootTriggerMs: 200, callTimeoutMs: 500 });
    const boots: Array<{ status: string; adopted?: boolean }> = [];
    csms.on('boot', ({ status, adopted }) => boots.push({ status, ...(adopted ? { adopted } : {}) }));
    let session: StationSession;
    ({ client, session } = await connectRaw(csms, 'BOOT-QUIET'));
    const trigger = (await client.next(REPLY_MS)) as [number, string, string, Record<string, unknown>];
    expect([trigger[0], trigger[2]]).to.deep.equal([2, 'TriggerMessage']);
    client.send(JSON.stringify([3, trigger[1], { status: 'Rejected' }]));
    const deadline = Date.now() + REPLY_MS;
    while (boots.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(boots).to.deep.equal([{ status: 'Accepted', adopted: true }]);
    expect(session.bootState).to.equal('Accepted');
    const events = readJournal(session.journal.path).flatMap((r) => (r.record === 'connection' ? [r.event] : []));
    expect(events).to.include.members(['boot-requested', 'adopted-without-boot']);
  });
});
