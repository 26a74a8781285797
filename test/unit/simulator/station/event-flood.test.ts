import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import { attachEventFlood, EVENT_FLOOD_PER_S } from '../../../../src/simulator/station/event-flood.js';
import type { VirtualStation } from '../../../../src/simulator/station/virtual-station.js';

/** Just what the flood touches: boot and connection events, and the device model's Problem flag. */
function fakeStation(): { station: VirtualStation; writes: string[]; emitter: EventEmitter } {
  const emitter = new EventEmitter();
  const writes: string[] = [];
  const station = Object.assign(emitter, {
    isAccepted: true,
    model: { setByStation: (_c: unknown, _v: unknown, value: string) => writes.push(value) },
  }) as unknown as VirtualStation;
  return { station, writes, emitter };
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the event-flood fault', () => {
  it('flaps Problem as a raise and its clear together, so between flaps it reads false', async () => {
    const { station, writes, emitter } = fakeStation();
    attachEventFlood(station, () => 0);
    emitter.emit('booted', { status: 'Accepted' });
    await wait(3 * (2000 / EVENT_FLOOD_PER_S) + 20);
    emitter.emit('disconnected');
    expect(writes.length).to.be.at.least(2);
    expect(writes.length % 2).to.equal(0);
    expect(writes.filter((_, i) => i % 2 === 0).every((v) => v === 'true')).to.equal(true);
    expect(writes.at(-1)).to.equal('false');
  });

  it('does not starve the station\'s own queue: no flap while events wait to be sent', async () => {
    const { station, writes, emitter } = fakeStation();
    attachEventFlood(station, () => 50);
    emitter.emit('booted', { status: 'Accepted' });
    await wait(3 * (2000 / EVENT_FLOOD_PER_S) + 20);
    emitter.emit('disconnected');
    expect(writes).to.deep.equal([]);
  });
});
