import { expect } from 'chai';
import { protocolFor } from '../../../../src/ocpp/protocol.js';
import type { EventData } from '../../../../src/simulator/monitoring/messages.js';
import { type ConstantStreamData, type NotifyPeriodicEventStream, PeriodicEventStreams, type StreamQuirks } from '../../../../src/simulator/monitoring/event-streams.js';
import { FakeClock, START } from './fake-clock.js';

const validator = protocolFor('2.1').validator();

/** A link that records what the streams send; `accept` decides the CSMS's answer to each Open. */
function harness(options: { max?: number; quirks?: StreamQuirks; accept?: boolean; online?: () => boolean } = {}) {
  const clock = new FakeClock();
  const opened: ConstantStreamData[] = [];
  const sent: NotifyPeriodicEventStream[] = [];
  const closed: number[] = [];
  const order: string[] = [];
  const streams = new PeriodicEventStreams({
    clock,
    maxStreams: () => options.max,
    quirks: options.quirks ?? {},
    link: {
      open: (data) => {
        expect(validator.validate('OpenPeriodicEventStream', 'request', { constantStreamData: data }).valid).to.equal(true);
        opened.push(data);
        order.push(`open ${data.id}`);
        return Promise.resolve(options.accept ?? true);
      },
      notify: (payload) => {
        if (options.online?.() === false) return false;
        expect(validator.validate('NotifyPeriodicEventStream', 'send', payload)).to.deep.include({ valid: true });
        sent.push(payload);
        order.push(`notify ${payload.id}`);
        return true;
      },
      close: (id) => {
        closed.push(id);
        order.push(`close ${id}`);
        return Promise.resolve();
      },
    },
  });
  /** A periodic value of monitor `id` now, as the engine would emit it. */
  const value = (id: number, v: string): boolean => streams.take(eventOf(id, v, clock.now()));
  /**
   * Runs a monitor that gives a value every `periodMs`, 300 ms into each period (so no value falls
   * on the instant of a flush), until `untilMs` after the start; the clock ends there.
   */
  const run = (id: number, periodMs: number, untilMs: number): void => {
    for (let at = 300; at <= untilMs; at += periodMs) {
      if (START + at <= clock.now()) continue;
      clock.advance(START + at - clock.now());
      value(id, String(at / 1000));
    }
    clock.advance(Math.max(0, START + untilMs - clock.now()));
  };
  return { clock, streams, opened, sent, closed, order, value, run };
}

function eventOf(monitorId: number, actualValue: string, atMs: number): EventData {
  return { eventId: 1, timestamp: new Date(atMs).toISOString(), trigger: 'Periodic', actualValue, component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' }, variableMonitoringId: monitorId, eventNotificationType: 'CustomMonitor' };
}

/** Lets the promise of the Open answer settle. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('PeriodicEventStreams (OCPP 2.1 N11–N15)', () => {
  it('N11.FR.01/02 a monitor set with a stream opens one with its id, the params given and the monitor id', async () => {
    const h = harness();
    h.streams.request(7, { interval: 3 });
    await settle();
    expect(h.opened).to.deep.equal([{ id: 1, variableMonitoringId: 7, params: { interval: 3 } }]);
    expect(h.streams.list()).to.deep.equal([{ id: 1, variableMonitoringId: 7, params: { interval: 3 } }]);
  });

  it('N15.FR.06/.09/.04 interval only: a message every interval with every buffered value, first t 0, pending 0', async () => {
    const h = harness();
    h.streams.request(7, { interval: 3 });
    await settle();
    h.run(7, 1000, 9000);
    expect(h.sent).to.have.length(3);
    expect(h.sent.map((m) => m.basetime)).to.deep.equal(['2025-01-01T00:00:00.300Z', '2025-01-01T00:00:03.300Z', '2025-01-01T00:00:06.300Z']);
    for (const message of h.sent) {
      expect(message.data.map((d) => d.t)).to.deep.equal([0, 1, 2]);
      expect(message.pending).to.equal(0);
    }
    expect(h.sent[0]?.data.map((d) => d.v)).to.deep.equal(['0.3', '1.3', '2.3']);
  });

  it('N15.FR.07/.08 values 2: a message as soon as two values are there, never more than two', async () => {
    const h = harness();
    h.streams.request(7, { interval: 3, values: 2 });
    await settle();
    h.run(7, 1000, 8000);
    expect(h.sent).to.have.length(4);
    expect(h.sent.every((m) => m.data.length === 2 && m.pending === 0)).to.equal(true);
    expect(h.sent.map((m) => m.basetime)).to.deep.equal(['2025-01-01T00:00:00.300Z', '2025-01-01T00:00:02.300Z', '2025-01-01T00:00:04.300Z', '2025-01-01T00:00:06.300Z']);
  });

  it('N15.FR.04 pending counts what is buffered but not in the message (values kept while offline)', async () => {
    let online = false;
    const h = harness({ online: () => online });
    h.streams.request(7, { interval: 10, values: 2 });
    await settle();
    h.run(7, 1000, 5000);
    expect(h.sent).to.have.length(0);
    online = true;
    h.value(7, 'x');
    expect(h.sent.map((m) => [m.data.length, m.pending])).to.deep.equal([[2, 4], [2, 2], [2, 0]]);
  });

  it('values only (interval 0): flushed by count, never by time', async () => {
    const h = harness();
    h.streams.request(7, { values: 3 });
    await settle();
    h.run(7, 1000, 7000);
    expect(h.sent.map((m) => m.data.length)).to.deep.equal([3, 3]);
    expect(h.clock.pending).to.equal(0);
  });

  it('N11.FR.07 a stream the CSMS rejects is not used: the monitor keeps NotifyEvent', async () => {
    const h = harness({ accept: false });
    h.streams.request(7, { interval: 3 });
    await settle();
    expect(h.value(7, '1')).to.equal(false);
    expect(h.streams.list()).to.deep.equal([]);
    expect(h.streams.count).to.equal(0);
  });

  it('values of other monitors, and of a stream still opening, go to NotifyEvent', () => {
    const h = harness();
    h.streams.request(7, { interval: 3 });
    expect(h.value(7, '1')).to.equal(false);
    expect(h.value(8, '1')).to.equal(false);
  });

  it('N13.FR.03/.05 ending a stream sends its buffered values, then closes it; NotifyEvent resumes (N13.FR.04)', async () => {
    const h = harness();
    h.streams.request(7, { interval: 10, values: 2 });
    await settle();
    h.run(7, 1000, 3000);
    await h.streams.end(7);
    expect(h.order).to.deep.equal(['open 1', 'notify 1', 'notify 1', 'close 1']);
    expect(h.sent.map((m) => m.data.length)).to.deep.equal([2, 1]);
    expect(h.value(7, '9')).to.equal(false);
    expect(h.clock.pending).to.equal(0);
  });

  it('a monitor that goes while its stream is opening gets the stream closed once the CSMS answered', async () => {
    const h = harness();
    h.streams.request(7, { interval: 3 });
    await h.streams.end(7);
    await settle();
    await settle();
    expect(h.order).to.deep.equal(['open 1', 'close 1']);
  });

  it('N14.FR.03 Adjust: Accepted and the new interval is kept from the last message on', async () => {
    const h = harness();
    h.streams.request(7, { interval: 4 });
    await settle();
    h.run(7, 1000, 4000);
    expect(h.streams.adjust(1, { interval: 2 })).to.deep.equal({ status: 'Accepted' });
    h.run(7, 1000, 10_000);
    expect(h.sent.map((m) => m.basetime)).to.deep.equal(['2025-01-01T00:00:00.300Z', '2025-01-01T00:00:04.300Z', '2025-01-01T00:00:06.300Z', '2025-01-01T00:00:08.300Z']);
    expect(h.streams.list()[0]?.params).to.deep.equal({ interval: 2 });
  });

  it('N14.FR.02 Adjust of an unknown stream, or to parameters that never flush, is Rejected', async () => {
    const h = harness();
    h.streams.request(7, { interval: 4 });
    await settle();
    expect(h.streams.adjust(99, { interval: 2 }).status).to.equal('Rejected');
    expect(h.streams.adjust(1, { interval: 0, values: 0 }).status).to.equal('Rejected');
    expect(h.streams.list()[0]?.params).to.deep.equal({ interval: 4 });
  });

  it('MaxPeriodicEventStreams: no stream beyond it; that monitor reports with NotifyEvent', async () => {
    const h = harness({ max: 2 });
    h.streams.request(1, { interval: 3 });
    h.streams.request(2, { interval: 3 });
    h.streams.request(3, { interval: 3 });
    await settle();
    expect(h.opened.map((o) => o.variableMonitoringId)).to.deep.equal([1, 2]);
    expect(h.value(3, '1')).to.equal(false);
  });

  it('N11.FR.09 parameters that ask for nothing open no stream', async () => {
    const h = harness();
    h.streams.request(7, {});
    await settle();
    expect(h.opened).to.deep.equal([]);
  });

  it('a reboot drops the streams; afterwards each monitor that had one and still exists opens a new one', async () => {
    const h = harness();
    h.streams.request(7, { interval: 3 });
    h.streams.request(8, { interval: 5 });
    await settle();
    h.streams.suspend();
    expect(h.streams.list()).to.deep.equal([]);
    h.streams.resume((id) => id === 8);
    await settle();
    expect(h.opened.slice(2)).to.deep.equal([{ id: 3, variableMonitoringId: 8, params: { interval: 5 } }]);
  });

  describe('quirks (named faults)', () => {
    it('neverOpen: no OpenPeriodicEventStream, the monitor keeps NotifyEvent', async () => {
      const h = harness({ quirks: { neverOpen: true } });
      h.streams.request(7, { interval: 3 });
      await settle();
      expect(h.opened).to.deep.equal([]);
      expect(h.value(7, '1')).to.equal(false);
    });

    it('intervalFactor 2: messages at twice the interval', async () => {
      const h = harness({ quirks: { intervalFactor: 2 } });
      h.streams.request(7, { interval: 3 });
      await settle();
      h.run(7, 1000, 12_000);
      expect(h.sent.map((m) => m.data.length)).to.deep.equal([6, 6]);
    });

    it('basetimeNotFirstValue: basetime is the previous flush, the first t is not 0', async () => {
      const h = harness({ quirks: { basetimeNotFirstValue: true } });
      h.streams.request(7, { interval: 3 });
      await settle();
      h.run(7, 1000, 6000);
      expect(h.sent[0]?.basetime).to.equal(new Date(START).toISOString());
      expect(h.sent.map((m) => m.data[0]?.t)).to.deep.equal([0.3, 0.3]);
    });

    it('ignoreValues: everything buffered in one message every interval', async () => {
      const h = harness({ quirks: { ignoreValues: true } });
      h.streams.request(7, { interval: 3, values: 2 });
      await settle();
      h.run(7, 1000, 6000);
      expect(h.sent.map((m) => m.data.length)).to.deep.equal([3, 3]);
    });

    it('ignoreReject: a Rejected stream is used anyway', async () => {
      const h = harness({ accept: false, quirks: { ignoreReject: true } });
      h.streams.request(7, { interval: 3 });
      await settle();
      expect(h.value(7, '1')).to.equal(true);
    });

    it('keepOnClear: the stream stays open and listed, no Close', async () => {
      const h = harness({ quirks: { keepOnClear: true } });
      h.streams.request(7, { interval: 3 });
      await settle();
      await h.streams.end(7);
      expect(h.closed).to.deep.equal([]);
      expect(h.streams.list()).to.have.length(1);
    });

    it('ignoreAdjust: Accepted, the interval unchanged', async () => {
      const h = harness({ quirks: { ignoreAdjust: true } });
      h.streams.request(7, { interval: 4 });
      await settle();
      expect(h.streams.adjust(1, { interval: 2 }).status).to.equal('Accepted');
      h.run(7, 1000, 8000);
      expect(h.streams.list()[0]?.params).to.deep.equal({ interval: 4 });
      expect(h.sent.map((m) => m.data.length)).to.deep.equal([4, 4]);
    });

    it('ignoreMax: opens beyond MaxPeriodicEventStreams', async () => {
      const h = harness({ max: 1, quirks: { ignoreMax: true } });
      h.streams.request(1, { interval: 3 });
      h.streams.request(2, { interval: 3 });
      await settle();
      expect(h.opened).to.have.length(2);
    });
  });
});
