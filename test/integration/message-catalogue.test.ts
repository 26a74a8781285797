import { expect } from 'chai';
import { CSMS_INITIATED_ACTIONS, STATION_INITIATED_ACTIONS } from '../../src/ocpp/actions.js';
import type { FrameEvent } from '../../src/ocpp/frame-event.js';
import type { FrameRecord } from '../../src/evidence/journal-record.js';
import type { Csms } from '../../src/session/csms.js';
import { CSMS_REQUEST_EXAMPLES } from '../fixtures/csms-requests.js';
import { connectStation, readJournal, startCsms, stopCsms } from '../helpers/csms-fixture.js';
import { minimalPayload } from '../helpers/minimal-payload.js';

/** Requests a station would send, where the schema-minimal one would be unrealistic. */
const STATION_REQUEST_EXAMPLES: Record<string, Record<string, unknown>> = {
  TransactionEvent: {
    eventType: 'Started',
    timestamp: '2026-11-23T10:00:00.000Z',
    triggerReason: 'Authorized',
    seqNo: 0,
    transactionInfo: { transactionId: 'tx-1' },
    idToken: { idToken: 'TAG-1', type: 'ISO14443' },
    evse: { id: 1, connectorId: 1 },
  },
  NotifyEvent: {
    generatedAt: '2026-11-23T10:00:00.000Z',
    seqNo: 0,
    eventData: [
      {
        eventId: 1,
        timestamp: '2026-11-23T10:00:00.000Z',
        trigger: 'Alerting',
        actualValue: '81',
        component: { name: 'TemperatureSensor', evse: { id: 1 } },
        variable: { name: 'Temperature' },
        variableMonitoringId: 3,
        eventNotificationType: 'CustomMonitor',
      },
    ],
  },
};

describe('the message catalogue, end to end', () => {
  let csms: Csms | undefined;
  afterEach(async () => {
    await stopCsms(csms);
    csms = undefined;
  });

  it(`sends one of each of the ${CSMS_INITIATED_ACTIONS.length} CSMS-initiated actions, each valid on the wire`, async () => {
    csms = await startCsms();
    const { station, session } = await connectStation(csms, 'CATALOGUE-1');
    const stationFrames: FrameEvent[] = [];
    station.on('frame', (frame) => stationFrames.push(frame));
    for (const action of CSMS_INITIATED_ACTIONS) station.handle(action, () => minimalPayload(action, 'response'));

    for (const action of CSMS_INITIATED_ACTIONS) {
      const payload = CSMS_REQUEST_EXAMPLES[action] ?? minimalPayload(action, 'request');
      const outcome = await session.call(action, payload);
      expect(outcome.ok, `${action}: ${JSON.stringify(outcome)}`).to.equal(true);
    }
    // The station side validated every request independently of what the CSMS believed.
    const received = stationFrames.filter((f) => f.direction === 'csms-to-cp' && f.messageType === 'CALL');
    expect(received.map((f) => f.action)).to.deep.equal([...CSMS_INITIATED_ACTIONS]);
    for (const frame of received) {
      expect(frame.validation, frame.action).to.deep.equal({ valid: true, schema: `${frame.action}Request` });
      expect(frame.findings, frame.action).to.deep.equal([]);
    }
    await session.close();
    const sent = readJournal(session.journal.path).filter(
      (r): r is FrameRecord => r.record === 'frame' && r.direction === 'csms-to-cp' && r.messageType === 'CALL',
    );
    expect(sent).to.have.length(CSMS_INITIATED_ACTIONS.length);
    expect(sent.every((r) => r.validation?.valid === true)).to.equal(true);
  });

  it(`answers each of the ${STATION_INITIATED_ACTIONS.length} station-initiated actions with a schema-valid response`, async () => {
    csms = await startCsms();
    const { station, session } = await connectStation(csms, 'CATALOGUE-2');
    for (const action of STATION_INITIATED_ACTIONS) {
      const payload = STATION_REQUEST_EXAMPLES[action] ?? minimalPayload(action, 'request');
      // The station's connection validates every response against the OCA schema.
      const outcome = await station.call(action, payload);
      expect(outcome.ok, `${action}: ${JSON.stringify(outcome)}`).to.equal(true);
    }
    await session.close();
    const answers = readJournal(session.journal.path).filter(
      (r): r is FrameRecord => r.record === 'frame' && r.direction === 'csms-to-cp',
    );
    // BootNotification (from connectStation) plus one answer per action, all CALLRESULTs.
    expect(answers).to.have.length(STATION_INITIATED_ACTIONS.length + 1);
    for (const answer of answers) {
      expect(answer.messageType, answer.action).to.equal('CALLRESULT');
      expect(answer.validation?.valid, answer.action).to.equal(true);
    }
  });

  it('never lets the session send an invalid request', async () => {
    csms = await startCsms();
    const { session } = await connectStation(csms, 'CATALOGUE-3');
    const before = session.journal.records;
    let error: unknown;
    try {
      await session.call('SetMonitoringBase', { monitoringBase: 'Hardwired' });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.have.property('code', 'ERR_INVALID_OUTBOUND');
    expect((error as Error).message).to.contain('/monitoringBase');
    expect(session.journal.records).to.equal(before);
  });
});
