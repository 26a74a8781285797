import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FrameRecord, JournalRecord } from '../../src/evidence/journal-record.js';
import type { Csms } from '../../src/session/csms.js';
import { closeAndWait, connectStation, eventually, readJournal, startCsms, stopCsms } from '../helpers/csms-fixture.js';

const frames = (records: JournalRecord[]): FrameRecord[] => records.filter((r): r is FrameRecord => r.record === 'frame');
const findingCodes = (records: JournalRecord[]): string[] => frames(records).flatMap((r) => (r.findings ?? []).map((f) => f.code));

const REPORT_PART = (requestId: number, seqNo: number, tbc: boolean, value = '300') => ({
  requestId,
  generatedAt: '2026-11-23T10:00:00.000Z',
  seqNo,
  tbc,
  reportData: [
    {
      component: { name: 'OCPPCommCtrlr' },
      variable: { name: 'HeartbeatInterval' },
      variableAttribute: [{ value, mutability: 'ReadWrite' }],
      variableCharacteristics: { dataType: 'integer', supportsMonitoring: true },
    },
  ],
});

describe('StationSession', () => {
  let csms: Csms | undefined;
  afterEach(async () => {
    await stopCsms(csms);
    csms = undefined;
  });

  it('remembers the CSMS\'s last CALLs only as far as peerMessageIdMemory (observe keeps 1,000): the oldest exchange is forgotten, the newest keeps its frames', async () => {
    csms = await startCsms({ peerMessageIdMemory: 2 });
    const { station, session } = await connectStation(csms, 'CS-EXCH');
    station.handle('GetVariables', () => ({ getVariableResult: [{ attributeStatus: 'UnknownComponent', component: { name: 'X' }, variable: { name: 'Y' } }] }));
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const outcome = await session.call('GetVariables', { getVariableData: [{ component: { name: 'X' }, variable: { name: 'Y' } }] });
      expect(outcome.ok).to.equal(true);
      ids.push(outcome.messageId ?? '');
    }
    expect(session.framesOf(ids[0])).to.deep.equal([]);
    expect(session.framesOf(ids[2])).to.have.length(2);
  });

  it('keeps a Pending boot as a provisioning window: only what the CSMS asked for is served, then accepts', async () => {
    csms = await startCsms({ bootStatus: 'Pending', heartbeatIntervalS: 300, bootRetryIntervalS: 7 });
    const { station, session } = await connectStation(csms, 'PENDING-1', { boot: false });
    const boot = await station.call('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'M', vendorName: 'V' } });
    expect(boot.ok && boot.payload).to.deep.include({ status: 'Pending', interval: 7 });
    expect(session.bootState).to.equal('Pending');

    const heartbeat = await station.call('Heartbeat', {});
    expect(!heartbeat.ok && heartbeat.failure).to.deep.include({ kind: 'call-error', errorCode: 'SecurityError' });

    // The CSMS may use the Pending window (B02): it asks for a report, and the report is served.
    station.handle('GetBaseReport', () => {
      setImmediate(() => void station.call('NotifyReport', REPORT_PART(9, 0, false)));
      return { status: 'Accepted' };
    });
    const cursor = session.mark();
    expect((await session.call('GetBaseReport', { requestId: 9, reportBase: 'FullInventory' })).ok).to.equal(true);
    const part = await session.waitFor((m) => m.action === 'NotifyReport', { after: cursor, timeoutMs: 5000 });
    expect(part?.payload['requestId']).to.equal(9);
    // An unsolicited report (another requestId) is still refused.
    const stray = await station.call('NotifyReport', REPORT_PART(10, 0, false));
    expect(!stray.ok && stray.failure.kind === 'call-error' && stray.failure.errorCode).to.equal('SecurityError');

    session.setBootStatus('Accepted');
    const again = await station.call('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'M', vendorName: 'V' } });
    expect(again.ok && again.payload).to.deep.include({ status: 'Accepted', interval: 300 });
    expect((await station.call('Heartbeat', {})).ok).to.equal(true);
    await closeAndWait(station);
    const codes = findingCodes(readJournal(session.journal.path));
    expect(codes).to.deep.equal(['call-while-pending', 'call-while-pending']);
  });

  it('answers SecurityError to everything but BootNotification after a rejected boot', async () => {
    csms = await startCsms({ bootStatus: 'Rejected' });
    const { station, session } = await connectStation(csms, 'REJECTED-1', { boot: false });
    const boot = await station.call('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'M', vendorName: 'V' } });
    expect(boot.ok && boot.payload['status']).to.equal('Rejected');
    const status = await station.call('StatusNotification', {
      timestamp: '2026-11-23T10:00:00.000Z',
      connectorStatus: 'Available',
      evseId: 1,
      connectorId: 1,
    });
    expect(!status.ok && status.failure.kind === 'call-error' && status.failure.errorCode).to.equal('SecurityError');
    await eventually(() => findingCodes(readJournal(session.journal.path)).includes('call-after-rejected-boot'));
  });

  it('never misses a report part that arrives before the CALLRESULT of its request', async () => {
    csms = await startCsms();
    const { station, session } = await connectStation(csms, 'EARLY-1');
    station.handle('GetBaseReport', async (payload) => {
      const { requestId } = payload as { requestId: number };
      // Both parts go out, and are answered, before the station answers the request itself.
      await station.call('NotifyReport', REPORT_PART(requestId, 0, true));
      await station.call('NotifyReport', REPORT_PART(requestId, 1, false));
      return { status: 'Accepted' };
    });
    const cursor = session.mark();
    const outcome = await session.call('GetBaseReport', { requestId: 42, reportBase: 'FullInventory' });
    expect(outcome.ok).to.equal(true);
    const parts = await session.collect((m) => m.action === 'NotifyReport' && m.payload['requestId'] === 42, {
      after: cursor,
      timeoutMs: 5000,
      until: (got) => got.some((m) => m.payload['tbc'] !== true),
    });
    expect(parts.map((m) => m.payload['seqNo'])).to.deep.equal([0, 1]);
    const records = frames(readJournal(session.journal.path));
    const result = records.find((r) => r.action === 'GetBaseReport' && r.messageType === 'CALLRESULT');
    expect(parts.every((p) => p.seq < (result?.seq ?? 0))).to.equal(true);
    // Once closed, the session forgets what it held for waits: a fleet keeps its closed sessions.
    expect(session.messages().length).to.be.greaterThan(2);
    await session.close();
    expect(session.messages()).to.deep.equal([]);
  });

  it('serves several stations at once, each with its own session and journal', async () => {
    csms = await startCsms();
    const identities = ['MULTI-1', 'MULTI-2', 'MULTI-3'];
    const connected = await Promise.all(identities.map((identity) => connectStation(csms as Csms, identity)));
    expect(csms.sessions.size).to.equal(3);
    for (const [index, { station }] of connected.entries()) {
      station.handle('GetVariables', () => ({
        getVariableResult: [
          { attributeStatus: 'Accepted', attributeValue: identities[index], component: { name: 'SecurityCtrlr' }, variable: { name: 'Identity' } },
        ],
      }));
    }
    const answers = await Promise.all(
      connected.map(({ session }) =>
        session.call<{ getVariableResult: Array<{ attributeValue: string }> }>('GetVariables', {
          getVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'Identity' } }],
        }),
      ),
    );
    expect(answers.map((a) => a.ok && a.payload.getVariableResult[0]?.attributeValue)).to.deep.equal(identities);
    const directories = new Set(connected.map(({ session }) => dirname(session.journal.path)));
    expect(directories.size).to.equal(3);
  });

  it('keeps the boot across reconnects and spots message ids reused on a new connection (ERR23 4.2)', async () => {
    csms = await startCsms();
    const first = await connectStation(csms, 'RECONNECT-1');
    first.station.sendRaw('[2,"same-id","Heartbeat",{}]');
    await eventually(() => frames(readJournal(first.session.journal.path)).some((r) => r.messageId === 'same-id' && r.messageType === 'CALLRESULT'));
    await closeAndWait(first.station);
    const second = await connectStation(csms, 'RECONNECT-1', { boot: false });
    expect(second.session).to.equal(first.session);
    // No new BootNotification: the session still counts the station as accepted.
    expect((await second.station.call('Heartbeat', {})).ok).to.equal(true);
    second.station.sendRaw('[2,"same-id","Heartbeat",{}]');
    await eventually(() => findingCodes(readJournal(second.session.journal.path)).includes('reused-message-id'));
    const records = readJournal(second.session.journal.path);
    const opens = records.filter((r) => r.record === 'connection' && r.event === 'open').map((r) => r.connection);
    expect(opens).to.deep.equal([1, 2]);
  });

  it('keeps BasicAuthPassword out of the journal in both directions', async () => {
    csms = await startCsms();
    const { station, session } = await connectStation(csms, 'SECRET-1');
    const secret = 'Very-Secret-Password-2026';
    station.handle('SetVariables', () => ({
      setVariableResult: [{ attributeStatus: 'Accepted', component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }],
    }));
    const set = await session.call('SetVariables', {
      setVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: secret }],
    });
    expect(set.ok).to.equal(true);
    // A careless station reports the password back in its inventory.
    const leak = REPORT_PART(1, 0, false, `${secret}-leaked`);
    (leak.reportData[0] as { component: { name: string }; variable: { name: string } }).component.name = 'SecurityCtrlr';
    (leak.reportData[0] as { variable: { name: string } }).variable.name = 'BasicAuthPassword';
    expect((await station.call('NotifyReport', leak)).ok).to.equal(true);
    const summary = await session.close();
    const text = readFileSync(summary.path, 'utf8');
    expect(text).not.to.contain(secret);
    const redacted = frames(readJournal(summary.path)).filter((r) => r.redacted);
    expect(redacted.map((r) => r.action)).to.deep.equal(['SetVariables', 'NotifyReport']);
    expect(summary.sha256).to.equal(createHash('sha256').update(readFileSync(summary.path)).digest('hex'));
  });
});
