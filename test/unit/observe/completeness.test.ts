import { expect } from 'chai';
import { completeness } from '../../../src/observe/report/completeness.js';
import type { ConnectionRow, EventRow } from '../../../src/observe/store/store.js';

const t = (minutes: number): string => new Date(Date.UTC(2026, 11, 1) + minutes * 60_000).toISOString();
const connection = (minutes: number, event: 'open' | 'close'): ConnectionRow => ({ station: 'CS-1', journal: 'j', seq: minutes, at: t(minutes), event });
/** A periodic sample stamped at `stamped` and received at `received` (minutes). */
const sample = (stamped: number, received = stamped): EventRow => ({ station: 'CS-1', journal: 'j', seq: received, item: 0, receivedAt: t(received), timestamp: t(stamped), trigger: 'Periodic', monitorId: 7, component: 'PowerConverter', variable: 'Temperature' });

describe('data completeness per station (issue 16, evidence report)', () => {
  it('offline spells, late and queued events, gaps in a periodic series, the clock against ours', () => {
    // Samples every 5 minutes; offline from minute 20 to 40: the samples of 20–35 arrive at 40 (queued);
    // the sample of 60 never comes (a gap).
    const events = [0, 5, 10, 15].map((m) => sample(m)).concat([20, 25, 30, 35].map((m) => sample(m, 40)), [40, 45, 50, 55, 65, 70].map((m) => sample(m)));
    const [station] = completeness({ from: t(0), to: t(80) }, [connection(0, 'open'), connection(20, 'close'), connection(40, 'open')], events);
    expect(station?.offline).to.deep.equal([{ from: t(20), to: t(40), minutes: 20 }]);
    expect(station?.offlineMinutes).to.equal(20);
    // 20, 25 and 30 arrived more than a minute late (35 too: 5 minutes), all stamped while offline.
    expect(station?.late).to.deep.equal({ events: 4, queued: 4, worstS: 1200 });
    expect(station?.gaps).to.deep.equal([{ monitorId: 7, component: 'PowerConverter', variable: 'Temperature', usualS: 300, from: t(55), to: t(65), missing: 1 }]);
    expect(station?.clock).to.deep.equal({ firstDayS: 0, lastDayS: 0, days: 1 });
  });

  it('a station still offline at the end of the period is offline until then', () => {
    const [station] = completeness({ from: t(0), to: t(60) }, [connection(0, 'open'), connection(30, 'close')], []);
    expect(station?.offlineMinutes).to.equal(30);
    expect(station?.clock).to.equal(undefined);
  });
});
