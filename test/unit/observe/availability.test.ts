import { expect } from 'chai';
import { availability } from '../../../src/observe/report/availability.js';
import type { Annotation, ConnectionRow, StatusRow } from '../../../src/observe/store/store.js';

/** Minutes after 2026-12-01T00:00Z. */
const t = (minutes: number): string => new Date(Date.UTC(2026, 11, 1) + minutes * 60_000).toISOString();
const status = (minutes: number, value: string, connectorId = 1): StatusRow => ({ station: 'CS-1', journal: 'j', seq: minutes, receivedAt: t(minutes), evseId: 1, connectorId, status: value });
const connection = (minutes: number, event: 'open' | 'close'): ConnectionRow => ({ station: 'CS-1', journal: 'j', seq: minutes, at: t(minutes), event });
const excluded = (fromMin: number, toMin: number): Annotation => ({ id: 1, station: 'CS-1', at: t(fromMin), until: t(toMin), kind: 'excluded', text: 'grid outage', recordedAt: t(0) });

describe('availability per port, as NEVI counts it (issue 16)', () => {
  const period = { from: t(0), to: t(24 * 60) };

  it('a day with a one-hour Faulted spell and a 30-minute offline spell: 90 minutes out of 1440', () => {
    const [port] = availability(period, [status(0, 'Available'), status(600, 'Faulted'), status(660, 'Available')], [connection(0, 'open'), connection(900, 'close'), connection(930, 'open')], []);
    expect(port).to.deep.include({ station: 'CS-1', evseId: 1, connectorId: 1, knownMinutes: 1440, outageMinutes: 90, excludedMinutes: 0, uptimePercent: 93.8 });
    expect(port.outages.map((o) => [o.minutes, o.why])).to.deep.equal([[60, 'Faulted (StatusNotification)'], [30, 'station offline']]);
    expect(port.slots).to.have.length(96);
    expect(port.slots.filter((s) => s === 'down')).to.have.length(6);
  });

  it('an excluded annotation takes its part out of T_outage (never the rest)', () => {
    const [port] = availability(period, [status(0, 'Available'), status(600, 'Unavailable'), status(720, 'Available')], [], [excluded(600, 660)]);
    expect(port).to.deep.include({ outageMinutes: 120, excludedMinutes: 60, uptimePercent: 95.8 });
    expect(port.slots.filter((s) => s === 'excluded')).to.have.length(4);
    expect(port.slots.filter((s) => s === 'down')).to.have.length(4);
  });

  it('time before the port\'s first status is unknown, not up', () => {
    const [port] = availability(period, [status(720, 'Available')], [], []);
    expect(port).to.deep.include({ knownMinutes: 720, outageMinutes: 0, uptimePercent: 100 });
    expect(port.slots.slice(0, 48).every((s) => s === 'unknown')).to.equal(true);
    expect(port.slots.slice(48).every((s) => s === 'up')).to.equal(true);
  });

  it('overlapping causes count once; each port on its own', () => {
    const ports = availability(period, [status(0, 'Available'), status(0, 'Available', 2), status(100, 'Faulted'), status(200, 'Available')], [connection(150, 'close'), connection(250, 'open')], []);
    expect(ports.map((p) => [p.connectorId, p.outageMinutes])).to.deep.equal([[1, 150], [2, 100]]);
    expect(ports[0].outages[0].why).to.equal('Faulted (StatusNotification); station offline');
  });
});
