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
    const result = judge(aligned([7, 14, 21, 28], 30, { intervalS: 7, setS: 1 }));
    expect(result.verdict).to.equal('PASS');
    expect((result.details?.perEvent as Array<{ reading: string }>).map((row) => row.reading)).to.deep.equal(['midnight UTC', 'midnight UTC', 'midnight UTC', 'midnight UTC']);
  });

  it('accepts alignment since the epoch as well', () => {
    const shift = 7 - ((T0 / 1000) % 7);
    const result = judge(aligned([shift, shift + 7, shift + 14], shift + 15, { intervalS: 7, setS: 0 }));
    expect(result.verdict).to.equal('PASS');
    expect((result.details?.perEvent as Array<{ reading: string }>)[0]?.reading).to.equal('epoch');
  });

  it('WARN: stamped on the boundary but received 2.5 s after it', () => {
    const result = judge(aligned([60, 120, 180], 185, { delayS: [0.05, 2.5, 0.05] }));
    expect(result.verdict).to.equal('WARN');
    expect(result.details?.maxReceiveAlignmentErrorS).to.equal(2.5);
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
