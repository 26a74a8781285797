import { expect } from 'chai';
import { EventOutbox } from '../../../../src/simulator/monitoring/event-outbox.js';
import type { EventData, NotifyEventRequest } from '../../../../src/simulator/monitoring/messages.js';
import { addMonitor, EVSE1, expectValid, harness, POWER } from './fixtures.js';
import { FakeClock } from './fake-clock.js';

const item = (eventId: number): EventData => ({
  eventId,
  timestamp: '2025-01-01T00:00:00.000Z',
  trigger: 'Delta',
  actualValue: String(eventId),
  component: EVSE1,
  variable: POWER,
  variableMonitoringId: 4,
  eventNotificationType: 'CustomMonitor',
});

/** A CSMS link whose answers the test controls; checks every payload and that only one is in flight. */
function link(answers: Array<boolean | Error> = []) {
  const sent: NotifyEventRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let calls = 0;
  const send = async (payload: NotifyEventRequest): Promise<boolean> => {
    calls++;
    expectValid('NotifyEvent', 'request', payload);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    inFlight--;
    const answer = answers.shift() ?? true;
    if (answer instanceof Error) throw answer;
    if (answer) sent.push(payload);
    return answer;
  };
  return { send, sent, calls: () => calls, ids: () => sent.map((p) => p.eventData[0].eventId), maxInFlight: () => maxInFlight };
}

describe('EventOutbox (NotifyEvent delivery, N07.FR.04)', () => {
  it('N07.FR.07 online: one NotifyEvent per event, seqNo 0, tbc false, in order and one at a time', async () => {
    const csms = link();
    const clock = new FakeClock();
    const outbox = new EventOutbox(csms.send, { offlineQueuingSeverity: () => 9, clock });
    for (const id of [1, 2, 3, 4]) outbox.push(item(id), 5);
    await outbox.idle();
    expect(csms.ids()).to.deep.equal([1, 2, 3, 4]);
    expect(csms.maxInFlight()).to.equal(1);
    expect(csms.sent[0]).to.deep.equal({ generatedAt: '2025-01-01T00:00:00.000Z', seqNo: 0, tbc: false, eventData: [item(1)] });
  });

  it('N04.FR.11 the CSMS learns a monitor id before its first event: sends on a later turn of the event loop, so the response to the request that raised the event goes first', async () => {
    const csms = link();
    const outbox = new EventOutbox(csms.send, { offlineQueuingSeverity: () => 9, clock: new FakeClock() });
    outbox.push(item(1), 5);
    await Promise.resolve();
    expect(csms.calls()).to.equal(0);
    await outbox.idle();
    expect(csms.ids()).to.deep.equal([1]);
  });

  it('N07.FR.04 offline: severity ≤ OfflineQueuingSeverity is queued, the rest dropped and counted; online flushes in order', async () => {
    const csms = link();
    let offlineQueuingSeverity = 5;
    const outbox = new EventOutbox(csms.send, { offlineQueuingSeverity: () => offlineQueuingSeverity, clock: new FakeClock() });
    outbox.setOnline(false);
    outbox.push(item(1), 5); // = level: queued
    outbox.push(item(2), 6); // dropped
    outbox.push(item(3), 0); // queued
    offlineQueuingSeverity = 7; // read per event
    outbox.push(item(4), 7); // queued
    outbox.push(item(5), 9); // dropped
    await outbox.idle();
    expect(csms.sent).to.have.length(0);
    expect([outbox.queued, outbox.dropped]).to.deep.equal([3, 2]);
    outbox.setOnline(true);
    await outbox.idle();
    expect(csms.ids()).to.deep.equal([1, 3, 4]);
    expect(outbox.queued).to.equal(0);
  });

  it('N07.FR.04 a failed send puts the event back at the front and goes offline; it goes first after reconnecting', async () => {
    const csms = link([true, false]);
    const outbox = new EventOutbox(csms.send, { offlineQueuingSeverity: () => 5, clock: new FakeClock() });
    outbox.push(item(1), 5);
    outbox.push(item(2), 5);
    outbox.push(item(3), 5);
    await outbox.idle();
    expect(outbox.online).to.equal(false);
    expect(csms.ids()).to.deep.equal([1]);
    outbox.push(item(4), 8); // offline now, above OfflineQueuingSeverity
    outbox.push(item(5), 2);
    outbox.setOnline(true);
    await outbox.idle();
    expect(csms.ids()).to.deep.equal([1, 2, 3, 5]);
    expect(outbox.dropped).to.equal(1);
  });

  it('N07.FR.04 a send that throws counts as failed', async () => {
    const csms = link([new Error('socket closed')]);
    const outbox = new EventOutbox(csms.send, { offlineQueuingSeverity: () => 9, clock: new FakeClock() });
    outbox.push(item(1), 5);
    await outbox.idle();
    expect([outbox.online, outbox.queued]).to.deep.equal([false, 1]);
    outbox.setOnline(true);
    await outbox.idle();
    expect(csms.ids()).to.deep.equal([1]);
  });

  it('N07.FR.04 maxQueue: a full queue drops its least severe (oldest first) event, or the new one when that is least severe', async () => {
    const csms = link();
    const outbox = new EventOutbox(csms.send, { offlineQueuingSeverity: () => 9, maxQueue: 3, clock: new FakeClock() });
    outbox.setOnline(false);
    outbox.push(item(1), 7);
    outbox.push(item(2), 3);
    outbox.push(item(3), 7);
    outbox.push(item(4), 1); // evicts 1 (severity 7, oldest)
    outbox.push(item(5), 8); // least severe of all: dropped itself
    expect(outbox.dropped).to.equal(2);
    outbox.setOnline(true);
    await outbox.idle();
    expect(csms.ids()).to.deep.equal([2, 3, 4]);
  });

  it('TC_N_22/23 wired to the engine: offline, a severity-5 threshold event is queued and a severity-8 delta event dropped (OfflineQueuingSeverity 5)', async () => {
    const h = harness();
    const csms = link();
    const outbox = new EventOutbox(csms.send, { offlineQueuingSeverity: () => h.state.offlineQueuingSeverity(), clock: h.clock });
    h.engine.on('event', (eventData, severity) => outbox.push(eventData, severity));
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'UpperThreshold', value: 1000, severity: 5 });
    addMonitor(h.state, { component: EVSE1, variable: POWER, type: 'Delta', value: 10, severity: 8 });
    outbox.setOnline(false);
    h.model.setByStation(EVSE1, POWER, '2000');
    outbox.setOnline(true);
    await outbox.idle();
    expect(csms.sent.map((p) => p.eventData[0].trigger)).to.deep.equal(['Alerting']);
    expect(outbox.dropped).to.equal(1);
  });
});
