import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { STATION_GONE } from '../../../src/evidence/evidence.js';
import { coverageOf } from '../../../src/scoring/coverage.js';
import { scoreChecks } from '../../../src/scoring/score.js';
import { loadScoringConfig } from '../../../src/scoring/scoring-config.js';
import { makeCase, makeEvidence } from '../../helpers/evidence-fixture.js';

const CATALOGUE = [
  { id: 'inventory-full', category: 'inventory' },
  { id: 'monitoring-custom', category: 'monitoring' },
  { id: 'events-periodic', category: 'events' },
  { id: 'events-delta', category: 'events' },
];

describe('coverage: applicable cases run against the whole catalogue (issue 15 item 2)', () => {
  it('a full run is complete: every applicable case ran; not applicable ones do not count', () => {
    const evidence = makeEvidence({
      catalogue: CATALOGUE,
      cases: [makeCase('inventory-full'), makeCase('monitoring-custom', { category: 'monitoring' }), makeCase('events-periodic', { category: 'events' }), makeCase('events-delta', { category: 'events', status: 'not-applicable', reason: 'no Delta' })],
    });
    const coverage = coverageOf(evidence);
    expect(coverage).to.deep.include({ cases: { applicable: 3, run: 3 }, ratio: 1, complete: true, incompleteBecause: [] });
    expect(coverage.categories.find((c) => c.category === 'events')).to.deep.equal({ category: 'events', applicable: 1, run: 1 });
  });

  it('a subset of the catalogue is incomplete, and says which cases were left out', () => {
    const coverage = coverageOf(makeEvidence({ catalogue: CATALOGUE, cases: [makeCase('inventory-full')] }));
    expect(coverage.complete).to.equal(false);
    expect(coverage.ratio).to.equal(0.25);
    expect(coverage.incompleteBecause).to.deep.equal(['a subset of the catalogue: 3 of 4 cases were not selected (monitoring-custom, events-periodic, events-delta)']);
    expect(coverage.categories.find((c) => c.category === 'monitoring')).to.deep.equal({ category: 'monitoring', applicable: 1, run: 0 });
  });

  it('an interrupted run, and a station that left for good, are incomplete', () => {
    const cut = makeCase('monitoring-custom', { category: 'monitoring', status: 'inconclusive', reason: 'not run: the audit was interrupted (SIGINT received)' });
    const interrupted = coverageOf(makeEvidence({ interrupted: { reason: 'SIGINT received' }, cases: [makeCase('inventory-full'), cut] }));
    expect(interrupted.complete).to.equal(false);
    expect(interrupted.incompleteBecause).to.deep.equal(['the audit was interrupted (SIGINT received)']);
    const gone = coverageOf(makeEvidence({ cases: [makeCase('inventory-full'), makeCase('monitoring-custom', { category: 'monitoring', status: 'inconclusive', reason: STATION_GONE })] }));
    expect(gone.incompleteBecause).to.deep.equal(['the station left and did not come back: 1 case(s) not run']);
  });

  it('a station that wedged is not excused: the run stays complete (the wedge is the finding), its coverage shows the loss', () => {
    const wedged = makeCase('monitoring-custom', { category: 'monitoring', status: 'inconclusive', reason: 'not run: the station stopped answering (liveness failed twice after inventory-full)' });
    const coverage = coverageOf(makeEvidence({ cases: [makeCase('inventory-full'), wedged] }));
    expect(coverage.complete).to.equal(true);
    expect(coverage.ratio).to.equal(0.5);
  });

  it('evidence from before the catalogue was recorded is counted against its own cases', () => {
    expect(coverageOf(makeEvidence({ cases: [makeCase('inventory-full')] })).complete).to.equal(true);
  });
});

describe('scoring an incomplete run (issue 15 item 2)', () => {
  const config = loadScoringConfig();
  const check = (id: string, category: string, verdict: CheckResult['verdict']): CheckResult => ({ id, title: id, refs: [], category, verdict, reason: 'r', seqs: [] });
  const checks = [check('inventory-full/a', 'inventory', 'PASS'), check('monitoring-support', 'monitoring', 'INCONCLUSIVE'), check('liveness', 'robustness', 'NOT APPLICABLE')];

  it('no letter grade; a category none of whose cases ran is "not examined" with no score, never 0', () => {
    const coverage = coverageOf(makeEvidence({ catalogue: CATALOGUE, cases: [makeCase('inventory-full')] }));
    const scores = scoreChecks(checks, config, coverage);
    expect(scores.grade).to.equal(null);
    expect(scores.overall).to.equal(100);
    const monitoring = scores.categories.find((c) => c.id === 'monitoring');
    expect(monitoring).to.deep.include({ score: null, examined: false, verdict: 'not examined: none of its cases ran' });
  });

  it('the same checks in a complete run keep the grade and count the INCONCLUSIVE', () => {
    const coverage = coverageOf(makeEvidence({ catalogue: CATALOGUE.slice(0, 2), cases: [makeCase('inventory-full'), makeCase('monitoring-custom', { category: 'monitoring' })] }));
    const scores = scoreChecks(checks, config, coverage);
    expect(scores.grade).to.not.equal(null);
    expect(scores.categories.find((c) => c.id === 'monitoring')?.score).to.equal(0);
  });
});
