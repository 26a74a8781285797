import { expect } from 'chai';
import { completeness, offlineSpells, type PeriodicHours } from '../../../src/observe/report/completeness.js';
import type { ConnectionRow, EventRow } from '../../../src/observe/store/store.js';
import { MemoryStore } from '../../helpers/memory-store.js';

const t = (minutes: number): string => new Date(Date.UTC(2026, 11, 1) + minutes * 60_000).toISOString();
const connection = (minutes: number, event: 'open' | 'close'): ConnectionRow => ({ station: 'CS-1', journal: 'j', seq: minutes, at: t(minutes), event });
/** A periodic report stamped at `stamped` and received at `received` (minutes). */
const sample = (stamped: number, received = stamped, actualValue = '40'): EventRow => ({
  station: 'CS-1', journal: 'j', seq: received * 100 + (stamped % 100), item: 0, receivedAt: t(received), timestamp: t(stamped), trigger: 'Periodic', actualValue, monitorId: 7, component: 'PowerConverter', variable: 'Temperature',
});

/** What the report reads of the periodic reports: their hourly series over the period and over its offline spells (as loadPilotData asks the store). */
async function hoursOf(reports: EventRow[], period: { from: string; to: string }, connections: ConnectionRow[]): Promise<PeriodicHours> {
  const store = new MemoryStore({ events: reports });
  const offline = [];
  for (const spell of offlineSpells(connections, Date.parse(period.to))) offline.push(...(await store.seriesHours({ from: new Date(spell.from).toISOString(), to: new Date(spell.to).toISOString() })));
  return { period: await store.seriesHours(period), offline };
}

describe('data completeness per station (issue 16, evidence report)', () => {
  it('offline spells, late and queued events, gaps in a periodic series, the clock against ours', async () => {
    // Samples every 5 minutes; offline from minute 20 to 40: the samples of 20–35 arrive at 40 (queued);
    // the sample of 60 never comes (a gap).
    const reports = [0, 5, 10, 15].map((m) => sample(m)).concat([20, 25, 30, 35].map((m) => sample(m, 40)), [40, 45, 50, 55, 65, 70].map((m) => sample(m)));
    const period = { from: t(0), to: t(80) };
    const connections = [connection(0, 'open'), connection(20, 'close'), connection(40, 'open')];
    const [station] = completeness(period, connections, [], await hoursOf(reports, period, connections));
    expect(station?.offline).to.deep.equal([{ from: t(20), to: t(40), minutes: 20 }]);
    expect(station?.offlineMinutes).to.equal(20);
    // 20, 25 and 30 arrived more than a minute late (35 too: 5 minutes), all stamped while offline.
    expect(station?.late).to.deep.equal({ events: 4, queued: 4, worstS: 1200 });
    // From one hour to the next: to the sample.
    expect(station?.gaps).to.deep.equal([{ component: 'PowerConverter', variable: 'Temperature', usualS: 300, from: t(55), to: t(65), missing: 1, withinHour: false }]);
    expect(station?.clock).to.deep.equal({ firstDayS: 0, lastDayS: 0, days: 1 });
  });

  it('a gap within an hour: its samples against its span tell how many are missing, its first and last sample where', async () => {
    // Every 5 minutes for two hours, but 20 and 25 of the first hour never came.
    const reports = Array.from({ length: 24 }, (_v, i) => i * 5).filter((m) => m !== 20 && m !== 25).map((m) => sample(m));
    const period = { from: t(0), to: t(120) };
    const [station] = completeness(period, [connection(0, 'open')], [], await hoursOf(reports, period, []));
    expect(station?.gaps).to.deep.equal([{ component: 'PowerConverter', variable: 'Temperature', usualS: 300, from: t(0), to: t(55), missing: 2, withinHour: true }]);
    // One sample late in the first hour, and none missing: no gap (the hour's span is its samples' at the usual rate).
    const steady = Array.from({ length: 24 }, (_v, i) => sample(i * 5, i === 3 ? 17 : i * 5));
    expect(completeness(period, [], [], await hoursOf(steady, period, []))[0]?.gaps).to.deep.equal([]);
  });

  it('late and queued count the other events one by one, and the periodic reports by their hours, those that are not numbers too', async () => {
    const period = { from: t(0), to: t(120) };
    const connections = [connection(0, 'open'), connection(50, 'close'), connection(70, 'open')];
    // Periodic reports of text stamped offline and sent on reconnect; an alert stamped offline, sent 30 minutes later.
    const reports = [sample(55, 70, 'Operative'), sample(65, 70, 'Operative'), sample(90, 90, 'Operative')];
    const alert: EventRow = { station: 'CS-1', journal: 'j', seq: 9000, item: 0, receivedAt: t(90), timestamp: t(60), trigger: 'Alerting', actualValue: '95', component: 'PowerConverter', variable: 'Temperature' };
    // A periodic report among the events is counted by its hour only.
    const [station] = completeness(period, connections, [alert, reports[0]], await hoursOf(reports, period, connections));
    expect(station?.late).to.deep.equal({ events: 3, queued: 3, worstS: 1800 });
  });

  it('the clock: the smallest received − stamped of each day of the station\'s date', async () => {
    const day = 24 * 60;
    // A station 2 s behind on the first day, 5 s behind two days later; an alert of the last day arrived 3 s after its stamp.
    const reports = [sample(60, 60), sample(65, 65)].map((r) => ({ ...r, receivedAt: new Date(Date.parse(r.receivedAt) + 2000).toISOString() }));
    reports.push(...[2 * day + 60, 2 * day + 65].map((m) => ({ ...sample(m), receivedAt: new Date(Date.parse(t(m)) + 5000).toISOString() })));
    const alert: EventRow = { station: 'CS-1', journal: 'j', seq: 9000, item: 0, receivedAt: new Date(Date.parse(t(2 * day + 70)) + 3000).toISOString(), timestamp: t(2 * day + 70), trigger: 'Delta', actualValue: 'true', component: 'Fan', variable: 'Active' };
    const period = { from: t(0), to: t(3 * day) };
    const [station] = completeness(period, [], [alert], await hoursOf(reports, period, []));
    expect(station?.clock).to.deep.equal({ firstDayS: 2, lastDayS: 3, days: 2 });
  });

  it('a station still offline at the end of the period is offline until then', () => {
    const [station] = completeness({ from: t(0), to: t(60) }, [connection(0, 'open'), connection(30, 'close')], []);
    expect(station?.offlineMinutes).to.equal(30);
    expect(station?.clock).to.equal(undefined);
  });
});
