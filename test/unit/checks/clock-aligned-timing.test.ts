import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { clockAlignedTiming } from '../../../src/checks/clock-aligned-timing.js';
import type { Evidence } from '../../../src/evidence/evidence.js';
import { evidence, periodicEvidence, T0 } from './event-fixtures.js';

const CASE = 'events-clock-aligned';

function judge(e: Evidence): CheckResult {
  const result = clockAlignedTiming.evaluate(e);
  if (Array.isArray(result)) throw new Error('one result expected');
  return result;
}

/** Monitor set at T0 + setS with `intervalS`; T0 is a whole hour, so multiples of 60 s after it are boundaries. */
function aligned(times: number[], endS: number, extra: { intervalS?: number; setS?: number; delayS?: number | number[] } = {}): Evidence {
  return periodicEvidence({ caseId: CASE, type: 'PeriodicClockAligned', intervalS: extra.intervalS ?? 60, times, endS, setS: extra.setS ?? 5, ...(extra.delayS !== undefined ? { delayS: extra.delayS } : {}) });
}

describe('check clock-aligned-timing (N08.FR.07)', () => {
  it('has its meta', () => {
    expect(clockAlignedTiming.id).to.equal('clock-aligned-timing');
    expect(clockAlignedTiming.category).to.equal('events');
    expect(clockAlignedTiming.refs).to.include('N08.FR.07');
  });

  it('PASS: events on minute boundaries, and the reason says OCTT never times these', () => {
    const result = judge(aligned([60.3, 120, 179.8], 185));
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.contain('OCTT never times');
    expect(result.details).to.deep.include({ events: 3, expectedEvents: 3, maxAlignmentErrorS: 0.3, judgedBy: 'timestamp' });
    expect(result.details?.intervalsS).to.deep.equal([59.7, 59.8]);
  });

  it('FAIL: events counted from the set time, not from the clock', () => {
    const result = judge(aligned([65, 125, 185], 190));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('3 of 3 events are off the clock grid').and.contain('up to 5 s').and.contain('OCTT never times');
    expect(result.reason).to.contain('at whole intervals after the monitor was set: the station counts from the set time');
    expect(result.details).to.deep.include({ setDistanceFromBoundaryS: 4.95, maxDistanceFromSetGridS: 0.05 });
  });

  it('FAIL without naming the set time when the events are off both grids', () => {
    const result = judge(aligned([80, 140, 200], 205, { setS: 30 }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('off the clock grid').and.not.contain('counts from the set time');
  });

  it('INCONCLUSIVE, not PASS: aligned events from a monitor set right at a boundary prove nothing', () => {
    // A station counting from the set time would have fired on these boundaries too.
    const result = judge(aligned([60, 120, 180], 185, { setS: 0.5 }));
    expect(result.verdict).to.equal('INCONCLUSIVE');
    expect(result.reason).to.contain('set only 0.45 s from a boundary').and.contain('counting from the set time would look the same');
  });

  it("places the set on the station's clock, read from the lag of its stamps", () => {
    // The station's clock is 30 s behind ours: the set at our 30.5 s is its 0.5 s, on a boundary.
    expect(judge(aligned([60, 120, 180], 215, { setS: 30.5, delayS: 30.05 })).verdict).to.equal('INCONCLUSIVE');
    const mid = judge(aligned([60, 120, 180], 215, { setS: 60, delayS: 30.05 }));
    expect(mid.verdict).to.equal('PASS');
    expect(mid.details).to.deep.include({ stationClockLagS: 30.05, setDistanceFromBoundaryS: 29.95 });
  });

  it('INCONCLUSIVE: a tolerance of half the interval or more would accept any event', () => {
    const e = aligned([65, 125, 185], 190);
    const result = judge({ ...e, options: { periodicToleranceS: 30 } });
    expect(result.verdict).to.equal('INCONCLUSIVE');
    expect(result.reason).to.contain('half the 60 s interval or more');
  });

  it('FAIL: a boundary skipped', () => {
    const result = judge(aligned([60, 180, 240], 245));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('differ from 60 s').and.contain('120 s');
  });

  it('FAIL: too few events for the boundaries in the window', () => {
    const result = judge(aligned([60], 245));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('only 1 event(s) arrived where 4 clock boundaries were due');
  });

  it('accepts alignment since midnight UTC when the interval does not divide a day', () => {
    // 7 s does not divide 86 400 s; T0 is midnight, so T0 + 7k is aligned since midnight.
    expect((T0 / 1000) % 7).to.not.equal(0);
    const result = judge(aligned([7, 14, 21, 28], 30, { intervalS: 7, setS: 3.5 }));
    expect(result.verdict).to.equal('PASS');
    expect((result.details?.perEvent as Array<{ reading: string }>).map((row) => row.reading)).to.deep.equal(['midnight UTC', 'midnight UTC', 'midnight UTC', 'midnight UTC']);
  });

  it('accepts alignment since the epoch as well', () => {
    const shift = 7 - ((T0 / 1000) % 7);
    const result = judge(aligned([shift, shift + 7, shift + 14], shift + 15, { intervalS: 7, setS: shift - 3.5 }));
    expect(result.verdict).to.equal('PASS');
    expect((result.details?.perEvent as Array<{ reading: string }>)[0]?.reading).to.equal('epoch');
  });

  it('WARN: stamped on the boundary but received 2.5 s after it, where the others took 0.05 s', () => {
    const result = judge(aligned([60, 120, 180], 185, { delayS: [0.05, 2.5, 0.05] }));
    expect(result.verdict).to.equal('WARN');
    expect(result.details?.maxReceiveAlignmentErrorS).to.equal(2.45);
  });

  it('PASS, not WARN: the late arrival is within the auditor\'s own stall while it collected', () => {
    const e = aligned([60, 120, 180], 185, { delayS: [0.05, 2.5, 0.05] });
    const events = e.cases[0]?.captures['events'];
    if (events?.kind !== 'messages') throw new Error('fixture has no events capture');
    events.toolLateMs = 2_000;
    const result = judge(e);
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.contain('the auditor itself was up to 2 s late');
  });

  it('no WARN for a station whose clock differs from ours: delivery is measured against its quickest', () => {
    expect(judge(aligned([60, 120, 180], 215, { setS: 60, delayS: 30.05 })).details?.maxReceiveAlignmentErrorS).to.equal(0);
  });

  it('INCONCLUSIVE: a single event in a window with one boundary', () => {
    const result = judge(aligned([60], 70));
    expect(result.verdict).to.equal('INCONCLUSIVE');
    expect(result.reason).to.contain('at least 2');
  });

  it('NOT APPLICABLE: the case was not run', () => {
    expect(judge(evidence()).verdict).to.equal('NOT APPLICABLE');
  });
});
