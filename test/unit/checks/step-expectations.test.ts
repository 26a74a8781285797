import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { stepExpectations } from '../../../src/checks/step-expectations.js';
import type { CaseEvidence, StepOutcome } from '../../../src/evidence/evidence.js';
import { FIXTURE_TIME, makeCase, makeEvidence } from '../../helpers/evidence-fixture.js';

function stepOutcome(id: string, overrides: Partial<StepOutcome> = {}): StepOutcome {
  return { index: 0, id, kind: 'expect', phase: 'steps', status: 'ok', detail: `${id} detail`, startedAt: FIXTURE_TIME, durationMs: 1, seqs: [3, 4], ...overrides };
}

const check = (title: string, level: 'fail' | 'warn' = 'fail', refs: string[] = ['B05']): NonNullable<StepOutcome['check']> => ({ title, refs, level });

function results(...cases: CaseEvidence[]): CheckResult[] {
  const result = stepExpectations.evaluate(makeEvidence({ cases }));
  if (!Array.isArray(result)) throw new Error('a list of results expected');
  return result;
}

function only(testCase: CaseEvidence): CheckResult {
  const all = results(testCase);
  expect(all).to.have.length(1);
  return all[0];
}

describe('check step-expectations', () => {
  it('has its meta', () => {
    expect(stepExpectations.id).to.equal('step-expectations');
    expect(stepExpectations.category).to.equal('protocol');
    expect(stepExpectations.refs).to.deep.equal([]);
  });

  it('gives nothing without cases', () => {
    expect(results()).to.deep.equal([]);
  });

  it('ok is PASS, with the step detail, seqs, case category and id <case>/<step>', () => {
    const testCase = makeCase('session-boot', { category: 'protocol', steps: [stepOutcome('heartbeat-interval-accepted', { check: check('HeartbeatInterval can be set'), seqs: [7, 8] })] });
    expect(only(testCase)).to.deep.equal({
      id: 'session-boot/heartbeat-interval-accepted',
      title: 'HeartbeatInterval can be set',
      refs: ['B05'],
      category: 'protocol',
      verdict: 'PASS',
      reason: 'heartbeat-interval-accepted detail',
      seqs: [7, 8],
    });
  });

  it('unmet is FAIL', () => {
    const result = only(makeCase('c', { steps: [stepOutcome('s', { status: 'unmet', detail: 'response.status: "Rejected", wanted one of ["Accepted"]', check: check('Accepted') })] }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.equal('response.status: "Rejected", wanted one of ["Accepted"]');
  });

  it('unmet with level warn is WARN', () => {
    const result = only(makeCase('c', { steps: [stepOutcome('s', { status: 'unmet', detail: 'nope', check: check('Trigger accepted', 'warn') })] }));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.equal('nope');
  });

  it('unmet as a defect (GetVariables Accepted without a value) is FAIL even at level warn', () => {
    const result = only(makeCase('c', { steps: [stepOutcome('s', { status: 'unmet', defect: true, detail: 'no value', check: check('Base shown', 'warn') })] }));
    expect(result.verdict).to.equal('FAIL');
  });

  it('ok with level warn is still PASS', () => {
    expect(only(makeCase('c', { steps: [stepOutcome('s', { check: check('t', 'warn') })] })).verdict).to.equal('PASS');
  });

  it('unmet and inconclusive is INCONCLUSIVE, whatever the level', () => {
    const fail = only(makeCase('c', { steps: [stepOutcome('s', { status: 'unmet', inconclusive: true, detail: 'no response to judge: timeout', check: check('t') })] }));
    expect([fail.verdict, fail.reason]).to.deep.equal(['INCONCLUSIVE', 'no response to judge: timeout']);
    const warn = only(makeCase('c', { steps: [stepOutcome('s', { status: 'unmet', inconclusive: true, check: check('t', 'warn') })] }));
    expect(warn.verdict).to.equal('INCONCLUSIVE');
  });

  it('skipped is INCONCLUSIVE with the skip reason', () => {
    const result = only(makeCase('c', { steps: [stepOutcome('s', { status: 'skipped', detail: 'step accepted unmet: stopped', check: check('t') })] }));
    expect([result.verdict, result.reason]).to.deep.equal(['INCONCLUSIVE', 'step accepted unmet: stopped']);
  });

  it('a step that did not apply is NOT APPLICABLE with its own reason, its case still completed', () => {
    const testCase = makeCase('variables-get-set', {
      steps: [
        stepOutcome('set-read-only', { status: 'skipped', notApplicable: true, detail: 'the station reports no read-only variable with a value', check: check('read-only refuses') }),
        stepOutcome('set-accepted', { check: check('valid write accepted') }),
      ],
    });
    expect(results(testCase).map((r) => [r.id, r.verdict, r.reason])).to.deep.equal([
      ['variables-get-set/set-read-only', 'NOT APPLICABLE', 'the station reports no read-only variable with a value'],
      ['variables-get-set/set-accepted', 'PASS', 'set-accepted detail'],
    ]);
  });

  it('failed is INCONCLUSIVE', () => {
    const result = only(makeCase('c', { steps: [stepOutcome('s', { status: 'failed', detail: 'nothing was captured as "x"', check: check('t') })] }));
    expect([result.verdict, result.reason]).to.deep.equal(['INCONCLUSIVE', 'nothing was captured as "x"']);
  });

  it('a case that did not apply makes every check NOT APPLICABLE with the case reason', () => {
    const testCase = makeCase('monitoring-custom', {
      status: 'not-applicable',
      reason: 'monitoring unsupported: the device model has no MonitoringCtrlr',
      steps: [stepOutcome('a', { status: 'skipped', detail: 'skipped', check: check('A') }), stepOutcome('b', { status: 'unmet', check: check('B') })],
    });
    const all = results(testCase);
    expect(all.map((r) => [r.id, r.verdict, r.reason])).to.deep.equal([
      ['monitoring-custom/a', 'NOT APPLICABLE', 'monitoring unsupported: the device model has no MonitoringCtrlr'],
      ['monitoring-custom/b', 'NOT APPLICABLE', 'monitoring unsupported: the device model has no MonitoringCtrlr'],
    ]);
  });

  it('a case that did not apply without a reason says so', () => {
    const result = only(makeCase('c', { status: 'not-applicable', steps: [stepOutcome('s', { status: 'skipped', check: check('t') })] }));
    expect([result.verdict, result.reason]).to.deep.equal(['NOT APPLICABLE', 'the case does not apply']);
  });

  it('an inconclusive case still judges its steps one by one', () => {
    const testCase = makeCase('c', { status: 'inconclusive', reason: 'station gone', steps: [stepOutcome('a', { check: check('A') }), stepOutcome('b', { status: 'skipped', check: check('B') })] });
    expect(results(testCase).map((r) => r.verdict)).to.deep.equal(['PASS', 'INCONCLUSIVE']);
  });

  it('steps without check produce nothing', () => {
    const testCase = makeCase('c', { steps: [stepOutcome('send'), stepOutcome('judged', { status: 'unmet', check: check('t') }), stepOutcome('await', { status: 'unmet' })] });
    expect(results(testCase).map((r) => r.id)).to.deep.equal(['c/judged']);
  });

  it('adds the case’s TC refs (only those) to the check refs, without repeats', () => {
    const testCase = makeCase('c', { refs: ['B01', 'B01.FR.04', 'TC_B_01', 'TC_B_09'], steps: [stepOutcome('s', { check: check('t', 'fail', ['B05', 'TC_B_09']) })] });
    expect(only(testCase).refs).to.deep.equal(['B05', 'TC_B_09', 'TC_B_01']);
  });

  it('gives one result per declared check, case by case, in step order', () => {
    const first = makeCase('first', { category: 'inventory', steps: [stepOutcome('x', { check: check('X') }), stepOutcome('y', { status: 'unmet', check: check('Y') })] });
    const second = makeCase('second', { category: 'variables', steps: [stepOutcome('x', { status: 'unmet', check: check('X2', 'warn') })] });
    expect(results(first, second).map((r) => [r.id, r.title, r.category, r.verdict])).to.deep.equal([
      ['first/x', 'X', 'inventory', 'PASS'],
      ['first/y', 'Y', 'inventory', 'FAIL'],
      ['second/x', 'X2', 'variables', 'WARN'],
    ]);
  });

  it('judges cleanup steps with a check too', () => {
    const testCase = makeCase('c', { steps: [stepOutcome('restore', { kind: 'restore-variables', phase: 'cleanup', status: 'unmet', check: check('Restored') })] });
    expect(only(testCase)).to.include({ id: 'c/restore', verdict: 'FAIL' });
  });
});
