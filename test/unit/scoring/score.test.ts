import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult, Verdict } from '../../../src/checks/check.js';
import { GUIDELINE_DIRECTORY } from '../../../src/config/guideline-loader.js';
import { ToolError } from '../../../src/errors.js';
import { scoreChecks, type CategoryScore, type Scores } from '../../../src/scoring/score.js';
import { DEFAULT_SCORING_FILE, loadScoringConfig, type ScoringConfig } from '../../../src/scoring/scoring-config.js';

const GRADES = [
  { min: 90, grade: 'A' },
  { min: 75, grade: 'B' },
  { min: 60, grade: 'C' },
  { min: 40, grade: 'D' },
  { min: 0, grade: 'E' },
];

function config(overrides: Partial<ScoringConfig> = {}): ScoringConfig {
  return {
    verdictCredit: { PASS: 1, WARN: 0.5, FAIL: 0, INCONCLUSIVE: 0 },
    inconclusive: 'count',
    categories: [
      { id: 'device-model', title: 'Device-model completeness', weight: 3, checkCategories: ['inventory', 'device-model'] },
      { id: 'monitorability', title: 'Monitorability', weight: 2, checkCategories: ['monitorability'] },
      { id: 'monitoring', title: 'Monitoring behaviour', weight: 2, checkCategories: ['monitoring'] },
      { id: 'events', title: 'Event quality and timing', weight: 1, checkCategories: ['events'] },
    ],
    grades: GRADES,
    ...overrides,
  };
}

/** One category `only` of weight 1 gathering check category `c`. */
const single = (overrides: Partial<ScoringConfig> = {}): ScoringConfig => config({ categories: [{ id: 'only', title: 'Only', weight: 1, checkCategories: ['c'] }], ...overrides });

let counter = 0;
function check(verdict: Verdict, extra: Partial<CheckResult> = {}): CheckResult {
  counter += 1;
  return { id: `test/check-${counter}`, title: `Check ${counter}`, refs: [], category: 'c', verdict, reason: 'r', seqs: [], ...extra };
}

const category = (scores: Scores, id: string): CategoryScore => {
  const found = scores.categories.find((c) => c.id === id);
  if (!found) throw new Error(`no category ${id}`);
  return found;
};

describe('scoring score', () => {
  describe('scoreChecks', () => {
    it('PASS/WARN/FAIL earn their verdict credit, weighted (default weight 1)', () => {
      const scores = scoreChecks([check('PASS', { weight: 2 }), check('FAIL'), check('WARN')], single());
      // (2·1 + 1·0 + 1·0.5) / 4 = 62.5
      expect(scores.categories).to.deep.equal([
        { id: 'only', title: 'Only', weight: 1, score: 62.5, examined: true, counts: { scored: 3, pass: 1, fail: 1, warn: 1, inconclusive: 0, notApplicable: 0 }, verdict: '1 of 3 checks passed, 1 failed, 1 warned' },
      ]);
      expect(scores.overall).to.equal(62.5);
      expect(scores.grade).to.equal('C');
    });

    it('weight scales a check against the others', () => {
      expect(scoreChecks([check('PASS', { weight: 9 }), check('FAIL', { weight: 1 })], single()).overall).to.equal(90);
      expect(scoreChecks([check('PASS', { weight: 1 }), check('FAIL', { weight: 9 })], single()).overall).to.equal(10);
      // Weight 0 counts as scored but does not weigh.
      const zero = scoreChecks([check('PASS'), check('FAIL', { weight: 0 })], single());
      expect(category(zero, 'only').score).to.equal(100);
      expect(category(zero, 'only').counts.scored).to.equal(2);
    });

    it('a check score overrides the verdict credit', () => {
      expect(scoreChecks([check('WARN', { score: 0.75 })], single()).overall).to.equal(75);
      expect(scoreChecks([check('FAIL', { score: 0.5 })], single()).overall).to.equal(50);
      expect(scoreChecks([check('PASS', { score: 0 })], single()).overall).to.equal(0);
      expect(scoreChecks([check('FAIL', { score: 0.5, weight: 2 }), check('PASS', { weight: 2 })], single()).overall).to.equal(75);
    });

    it('credit is clamped to 0–1', () => {
      expect(scoreChecks([check('PASS', { score: 1.5 }), check('FAIL')], single()).overall).to.equal(50);
      expect(scoreChecks([check('PASS', { score: -1 }), check('PASS')], single()).overall).to.equal(50);
      expect(scoreChecks([check('PASS')], single({ verdictCredit: { PASS: 2, WARN: 0.5, FAIL: 0, INCONCLUSIVE: 0 } })).overall).to.equal(100);
    });

    it('the verdict credit comes from the configuration', () => {
      const generous = single({ verdictCredit: { PASS: 1, WARN: 0.9, FAIL: 0.2, INCONCLUSIVE: 0 } });
      expect(scoreChecks([check('WARN'), check('FAIL')], generous).overall).to.equal(55);
    });

    it('NOT APPLICABLE weighs nothing, whatever its weight or score', () => {
      const scores = scoreChecks([check('PASS'), check('NOT APPLICABLE', { weight: 50, score: 0 }), check('NOT APPLICABLE')], single());
      expect(category(scores, 'only').score).to.equal(100);
      expect(category(scores, 'only').counts).to.deep.equal({ scored: 1, pass: 1, fail: 0, warn: 0, inconclusive: 0, notApplicable: 2 });
    });

    it("INCONCLUSIVE 'count' weighs with the configured credit", () => {
      const checks = [check('PASS'), check('INCONCLUSIVE')];
      const scores = scoreChecks(checks, single());
      expect(category(scores, 'only').score).to.equal(50);
      expect(category(scores, 'only').counts).to.deep.equal({ scored: 2, pass: 1, fail: 0, warn: 0, inconclusive: 1, notApplicable: 0 });
      expect(category(scores, 'only').verdict).to.equal('1 of 2 checks passed, 1 inconclusive');
      expect(scoreChecks(checks, single({ verdictCredit: { PASS: 1, WARN: 0.5, FAIL: 0, INCONCLUSIVE: 0.5 } })).overall).to.equal(75);
      // The check's own score still wins.
      expect(scoreChecks([check('PASS'), check('INCONCLUSIVE', { score: 0 })], single({ verdictCredit: { PASS: 1, WARN: 0.5, FAIL: 0, INCONCLUSIVE: 0.5 } })).overall).to.equal(50);
    });

    it("INCONCLUSIVE 'exclude' does not weigh but is still counted", () => {
      const scores = scoreChecks([check('PASS'), check('FAIL'), check('INCONCLUSIVE', { weight: 10 })], single({ inconclusive: 'exclude' }));
      expect(category(scores, 'only').score).to.equal(50);
      expect(category(scores, 'only').counts).to.deep.equal({ scored: 2, pass: 1, fail: 1, warn: 0, inconclusive: 1, notApplicable: 0 });
      expect(category(scores, 'only').verdict).to.equal('1 of 2 checks passed, 1 failed, 1 inconclusive');
    });

    it('a category with no scorable checks scores null and is left out of the overall', () => {
      const scores = scoreChecks([check('PASS', { category: 'device-model' }), check('FAIL', { category: 'device-model', score: 0.6 }), check('NOT APPLICABLE', { category: 'events' })], config());
      expect(category(scores, 'device-model').score).to.equal(80);
      expect(category(scores, 'events').score).to.equal(null);
      expect(category(scores, 'events').verdict).to.equal('not applicable to this station');
      expect(category(scores, 'monitoring').score).to.equal(null);
      expect(category(scores, 'monitoring').verdict).to.equal('nothing measured');
      expect(category(scores, 'monitoring').counts).to.deep.equal({ scored: 0, pass: 0, fail: 0, warn: 0, inconclusive: 0, notApplicable: 0 });
      expect(scores.overall).to.equal(80);
      expect(scores.grade).to.equal('B');
    });

    it('only INCONCLUSIVE checks under exclude: score null', () => {
      const scores = scoreChecks([check('INCONCLUSIVE')], single({ inconclusive: 'exclude' }));
      expect(category(scores, 'only').score).to.equal(null);
      expect(scores.overall).to.equal(null);
      expect(scores.grade).to.equal(null);
    });

    it('no checks at all: every category null, overall and grade null', () => {
      const scores = scoreChecks([], config());
      expect(scores.categories.map((c) => c.score)).to.deep.equal([null, null, null, null]);
      expect(scores.overall).to.equal(null);
      expect(scores.grade).to.equal(null);
    });

    it('overall is the weighted mean of the category scores', () => {
      const scores = scoreChecks(
        [
          check('PASS', { category: 'inventory' }),
          check('FAIL', { category: 'device-model' }), // device-model 50, weight 3
          check('PASS', { category: 'monitorability' }), // 100, weight 2
          check('FAIL', { category: 'monitoring' }), // 0, weight 2
          check('WARN', { category: 'events' }), // 50, weight 1
        ],
        config(),
      );
      expect(scores.categories.map((c) => c.score)).to.deep.equal([50, 100, 0, 50]);
      // (3·50 + 2·100 + 2·0 + 1·50) / 8 = 50
      expect(scores.overall).to.equal(50);
      expect(scores.grade).to.equal('D');
    });

    it('a category of weight 0 does not move the overall', () => {
      const scores = scoreChecks(
        [check('PASS', { category: 'a' }), check('FAIL', { category: 'b' })],
        config({
          categories: [
            { id: 'a', title: 'A', weight: 1, checkCategories: ['a'] },
            { id: 'b', title: 'B', weight: 0, checkCategories: ['b'] },
          ],
        }),
      );
      expect(scores.categories.map((c) => c.score)).to.deep.equal([100, 0]);
      expect(scores.overall).to.equal(100);
    });

    it('checks of categories no scoring category gathers are ignored', () => {
      const scores = scoreChecks([check('PASS'), check('FAIL', { category: 'elsewhere' })], single());
      expect(category(scores, 'only').counts.scored).to.equal(1);
      expect(scores.overall).to.equal(100);
    });

    it('one check category can feed several scoring categories', () => {
      const scores = scoreChecks(
        [check('PASS'), check('FAIL', { category: 'd' })],
        config({
          categories: [
            { id: 'x', title: 'X', weight: 1, checkCategories: ['c'] },
            { id: 'y', title: 'Y', weight: 1, checkCategories: ['c', 'd'] },
          ],
        }),
      );
      expect(scores.categories.map((c) => c.score)).to.deep.equal([100, 50]);
      expect(scores.overall).to.equal(75);
    });

    describe('grade boundaries', () => {
      const gradeOf = (credit: number, grades = GRADES): [number | null, string | null] => {
        const scores = scoreChecks([check('PASS', { score: credit })], single({ grades }));
        return [scores.overall, scores.grade];
      };

      it('exactly on a boundary takes that grade; just below takes the next', () => {
        expect(gradeOf(1)).to.deep.equal([100, 'A']);
        expect(gradeOf(0.9)).to.deep.equal([90, 'A']);
        expect(gradeOf(0.899)).to.deep.equal([89.9, 'B']);
        expect(gradeOf(0.75)).to.deep.equal([75, 'B']);
        expect(gradeOf(0.749)).to.deep.equal([74.9, 'C']);
        expect(gradeOf(0.6)).to.deep.equal([60, 'C']);
        expect(gradeOf(0.599)).to.deep.equal([59.9, 'D']);
        expect(gradeOf(0.4)).to.deep.equal([40, 'D']);
        expect(gradeOf(0.399)).to.deep.equal([39.9, 'E']);
        expect(gradeOf(0)).to.deep.equal([0, 'E']);
      });

      it('a score that rounds up to a boundary takes the boundary grade', () => {
        expect(gradeOf(0.8995)).to.deep.equal([90, 'A']);
      });

      it('the order of the grade list does not matter', () => {
        expect(gradeOf(0.8, [...GRADES].reverse())).to.deep.equal([80, 'B']);
        expect(gradeOf(0.3, [...GRADES].reverse())).to.deep.equal([30, 'E']);
      });

      it('no grade at or below the score: null grade', () => {
        expect(gradeOf(0.3, [{ min: 50, grade: 'pass' }])).to.deep.equal([30, null]);
      });
    });

    it('scores are rounded to one decimal', () => {
      expect(scoreChecks([check('PASS'), check('FAIL'), check('FAIL')], single()).overall).to.equal(33.3);
      expect(scoreChecks([check('PASS'), check('PASS'), check('FAIL')], single()).overall).to.equal(66.7);
      expect(scoreChecks([check('PASS', { score: 0.12345 })], single()).overall).to.equal(12.3);
      expect(scoreChecks([check('PASS', { score: 0.12355 })], single()).overall).to.equal(12.4);
    });

    it('the overall is the weighted mean of the rounded category scores, rounded again', () => {
      const scores = scoreChecks(
        [check('PASS', { category: 'a' }), check('FAIL', { category: 'a' }), check('FAIL', { category: 'a' }), check('PASS', { category: 'b' }), check('PASS', { category: 'b' }), check('FAIL', { category: 'b' })],
        config({
          categories: [
            { id: 'a', title: 'A', weight: 1, checkCategories: ['a'] },
            { id: 'b', title: 'B', weight: 2, checkCategories: ['b'] },
          ],
        }),
      );
      expect(scores.categories.map((c) => c.score)).to.deep.equal([33.3, 66.7]);
      // (33.3 + 2·66.7) / 3 = 55.5666…
      expect(scores.overall).to.equal(55.6);
    });

    it('is deterministic: the same input gives deep-equal, byte-identical output, and the input is untouched', () => {
      const checks = [
        check('PASS', { category: 'device-model', id: 'guideline/components/A', title: 'Reports the A component (station)', weight: 2, score: 1 }),
        check('FAIL', { category: 'device-model', weight: 2, score: 0.5 }),
        check('WARN', { category: 'monitorability' }),
        check('INCONCLUSIVE', { category: 'monitoring' }),
        check('NOT APPLICABLE', { category: 'events' }),
      ];
      const before = JSON.stringify(checks);
      const first = scoreChecks(checks, config());
      const second = scoreChecks(checks, config());
      expect(second).to.deep.equal(first);
      expect(JSON.stringify(second)).to.equal(JSON.stringify(first));
      expect(JSON.stringify(scoreChecks([...checks].reverse(), config()))).to.equal(JSON.stringify(first));
      expect(JSON.stringify(checks)).to.equal(before);
      expect(first.overall).to.equal(46.4);
    });
  });

  describe('verdict text', () => {
    const guidelineCheck = (section: string, key: string, title: string, verdict: Verdict, category: string): CheckResult => check(verdict, { id: `guideline/${section}/${key}`, title, category });

    it('device-model: required components and variables met, then the check counts', () => {
      const scores = scoreChecks(
        [
          guidelineCheck('components', 'A', 'Reports the A component (station)', 'PASS', 'device-model'),
          guidelineCheck('components', 'B', 'Reports the B component (each evse)', 'FAIL', 'device-model'),
          guidelineCheck('components', 'C', 'Should report the C component (station)', 'WARN', 'device-model'),
          guidelineCheck('variables', 'A.X', 'Reports A.X', 'WARN', 'device-model'),
          guidelineCheck('variables', 'A.Y', 'Reports A.Y', 'PASS', 'device-model'),
          guidelineCheck('variables', 'A.Z', 'Should report A.Z', 'PASS', 'device-model'),
          check('PASS', { category: 'inventory' }),
        ],
        config(),
      );
      expect(category(scores, 'device-model').verdict).to.equal('reports 1 of 2 required components; 1 of 2 required variables; 4 of 7 checks passed, 1 failed, 2 warned');
    });

    it('device-model without guideline checks: only the counts', () => {
      expect(category(scoreChecks([check('PASS', { category: 'inventory' })], config()), 'device-model').verdict).to.equal('1 of 1 checks passed');
    });

    it('monitorability: variables the guideline wants monitorable', () => {
      const scores = scoreChecks(
        [guidelineCheck('monitoring', 'EVSE.Power', 'EVSE.Power supports monitoring', 'PASS', 'monitorability'), guidelineCheck('monitoring', 'Connector.Temperature', 'Connector.Temperature should support monitoring', 'FAIL', 'monitorability')],
        config(),
      );
      expect(category(scores, 'monitorability').verdict).to.match(/^1 of 2 variables the guideline wants monitorable\b/);
      expect(category(scores, 'monitorability').verdict).to.match(/; 1 of 2 checks passed, 1 failed$/);
    });

    it('monitoring: expected preset monitors present', () => {
      const scores = scoreChecks(
        [guidelineCheck('monitors', 'A.B-Delta', 'Has a hard-wired Delta monitor on A.B', 'PASS', 'monitoring'), guidelineCheck('monitors', 'A.C-Delta', 'Should have a preconfigured Delta monitor on A.C', 'PASS', 'monitoring'), check('FAIL', { category: 'monitoring' })],
        config(),
      );
      expect(category(scores, 'monitoring').verdict).to.equal('2 of 2 expected preset monitors present; 2 of 3 checks passed, 1 failed');
    });

    it('events: event categories with the expected severity', () => {
      const scores = scoreChecks(
        [
          guidelineCheck('severities', 'a', 'Monitors for "A" carry a severity of 0–3', 'WARN', 'events'),
          guidelineCheck('severities', 'b', 'Monitors for "B" carry a severity of 0–3', 'PASS', 'events'),
          guidelineCheck('severities', 'c', 'Monitors for "C" carry a severity of 0–3', 'NOT APPLICABLE', 'events'),
          check('INCONCLUSIVE', { category: 'events' }),
        ],
        config(),
      );
      // NOT APPLICABLE severity categories are listed too; the counts leave them out.
      expect(category(scores, 'events').verdict).to.equal('1 of 3 event categories with the expected severity; 1 of 3 checks passed, 1 warned, 1 inconclusive');
    });
  });

  describe('loadScoringConfig', () => {
    let dir: string;

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-scoring-'));
    });

    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    const shipped = (): Record<string, unknown> => JSON.parse(readFileSync(DEFAULT_SCORING_FILE, 'utf8'));

    function write(content: unknown): string {
      const file = join(dir, 'scoring.json');
      writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
      return file;
    }

    function configError(file: string): string {
      try {
        loadScoringConfig(file);
      } catch (error) {
        expect(error).to.be.instanceOf(ToolError);
        expect((error as ToolError).code).to.equal('ERR_INVALID_CONFIG');
        return (error as ToolError).message;
      }
      throw new Error('loadScoringConfig did not throw');
    }

    it('loads the shipped guidelines/scoring.json by default', () => {
      expect(DEFAULT_SCORING_FILE).to.equal(join(GUIDELINE_DIRECTORY, 'scoring.json'));
      const loaded = loadScoringConfig();
      expect(loaded).to.deep.equal(shipped());
      expect(loaded.verdictCredit).to.deep.equal({ PASS: 1, WARN: 0.5, FAIL: 0, INCONCLUSIVE: 0 });
      expect(loaded.inconclusive).to.equal('count');
      expect(loaded.categories.map((c) => [c.id, c.weight])).to.deep.equal([
        ['protocol', 15],
        ['configuration', 20],
        ['diagnostics', 20],
        ['device-model', 20],
        ['monitorability', 20],
        ['monitoring', 20],
        ['events', 15],
        ['logs', 10],
        ['robustness', 10],
      ]);
      expect(loaded.grades).to.deep.equal(GRADES);
    });

    it('a station is scored in the categories of its OCPP version (default 2.0.1 and 2.1): 1.6 has configuration and logs, not the device model', () => {
      const shipped16 = scoreChecks([check('PASS', { category: 'configuration' }), check('WARN', { category: 'diagnostics' }), check('FAIL', { category: 'device-model' })], loadScoringConfig(), undefined, '1.6');
      expect(shipped16.categories.map((c) => c.id)).to.deep.equal(['protocol', 'configuration', 'diagnostics', 'events', 'robustness']);
      // The device-model check is in no 1.6 category: it does not weigh.
      expect(shipped16.overall).to.equal(75);
      expect(scoreChecks([], loadScoringConfig()).categories.map((c) => c.id)).to.deep.equal(['protocol', 'device-model', 'monitorability', 'monitoring', 'events', 'logs', 'robustness']);
    });

    it('configuration: required keys listed (the ones that apply), then the check counts', () => {
      const guidelineCheck = (section: string, key: string, title: string, verdict: Verdict, category: string): CheckResult => check(verdict, { id: `guideline/${section}/${key}`, title, category });
      const scores = scoreChecks(
        [
          guidelineCheck('configurationKeys', 'A', 'Lists the A configuration key', 'PASS', 'configuration'),
          guidelineCheck('configurationKeys', 'B', 'Lists the B configuration key', 'FAIL', 'configuration'),
          guidelineCheck('configurationKeys', 'C', 'Lists the C configuration key', 'NOT APPLICABLE', 'configuration'),
          guidelineCheck('configurationKeys', 'D', 'Should list the D configuration key', 'WARN', 'configuration'),
        ],
        config({ categories: [{ id: 'configuration', title: 'Configuration completeness', weight: 1, checkCategories: ['configuration'], versions: ['1.6'] }] }),
        undefined,
        '1.6',
      );
      expect(category(scores, 'configuration').verdict).to.equal('lists 1 of 2 required configuration keys; 1 of 3 checks passed, 1 failed, 1 warned');
    });

    it('a bad versions list in a scoring file names the pointer', () => {
      const dir = mkdtempSync(join(tmpdir(), 'scoring-'));
      try {
        const file = join(dir, 'scoring.json');
        writeFileSync(file, JSON.stringify({ ...shipped(), categories: [{ id: 'x', title: 'X', weight: 1, checkCategories: ['c'], versions: ['1.5'] }] }));
        expect(() => loadScoringConfig(file)).to.throw(ToolError, /\/categories\/0\/versions must list OCPP versions \(2\.1, 2\.0\.1, 1\.6\)/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('the shipped configuration gathers every category the guideline checks use', () => {
      const gathered = loadScoringConfig().categories.flatMap((c) => c.checkCategories);
      expect(gathered).to.include.members(['device-model', 'monitorability', 'monitoring', 'events', 'inventory', 'protocol']);
    });

    it('a valid file elsewhere loads', () => {
      const file = write(config());
      expect(loadScoringConfig(file)).to.deep.equal(config());
    });

    it('invalid JSON names the file', () => {
      const file = write('{ "verdictCredit": ');
      expect(configError(file)).to.match(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*JSON`));
    });

    it('a missing file names the file', () => {
      const file = join(dir, 'absent.json');
      expect(configError(file)).to.match(/absent\.json: ENOENT/);
    });

    it('a credit above 1', () => {
      const file = write({ ...shipped(), verdictCredit: { PASS: 1, WARN: 1.5, FAIL: 0, INCONCLUSIVE: 0 } });
      expect(configError(file)).to.equal(`${file}: /verdictCredit/WARN must be a number from 0 to 1`);
    });

    it('a credit below 0', () => {
      const file = write({ ...shipped(), verdictCredit: { PASS: 1, WARN: 0.5, FAIL: -0.1, INCONCLUSIVE: 0 } });
      expect(configError(file)).to.equal(`${file}: /verdictCredit/FAIL must be a number from 0 to 1`);
    });

    it('a credit that is not a number, or missing', () => {
      expect(configError(write({ ...shipped(), verdictCredit: { PASS: '1', WARN: 0.5, FAIL: 0, INCONCLUSIVE: 0 } }))).to.match(/: \/verdictCredit\/PASS must be a number from 0 to 1$/);
      expect(configError(write({ ...shipped(), verdictCredit: { PASS: 1, WARN: 0.5, FAIL: 0 } }))).to.match(/: \/verdictCredit\/INCONCLUSIVE must be a number from 0 to 1$/);
      expect(configError(write({ ...shipped(), verdictCredit: undefined }))).to.match(/: \/verdictCredit\/PASS must be a number from 0 to 1$/);
    });

    it('a bad inconclusive mode', () => {
      const file = write({ ...shipped(), inconclusive: 'ignore' });
      expect(configError(file)).to.equal(`${file}: /inconclusive must be "count" or "exclude"`);
    });

    it('empty or missing categories', () => {
      const file = write({ ...shipped(), categories: [] });
      expect(configError(file)).to.equal(`${file}: /categories must be a non-empty list`);
      expect(configError(write({ ...shipped(), categories: undefined }))).to.equal(`${file}: /categories must be a non-empty list`);
    });

    it('a category without a title, with a negative weight, or without checkCategories', () => {
      const category = { id: 'x', title: 'X', weight: 1, checkCategories: ['c'] };
      const file = write({ ...shipped(), categories: [category, { id: 'y', weight: 1, checkCategories: [] }] });
      expect(configError(file)).to.equal(`${file}: /categories/1 needs an id and a title`);
      expect(configError(write({ ...shipped(), categories: [{ ...category, weight: -1 }] }))).to.equal(`${file}: /categories/0/weight must be a number, 0 or more`);
      expect(configError(write({ ...shipped(), categories: [{ ...category, checkCategories: 'c' }] }))).to.equal(`${file}: /categories/0/checkCategories must be a list of check categories`);
    });

    it('grades without a min 0 boundary', () => {
      const file = write({ ...shipped(), grades: [{ min: 90, grade: 'A' }, { min: 50, grade: 'B' }] });
      expect(configError(file)).to.equal(`${file}: /grades must list grade boundaries down to min 0`);
      expect(configError(write({ ...shipped(), grades: undefined }))).to.equal(`${file}: /grades must list grade boundaries down to min 0`);
    });
  });
});

describe('scoring: fixes found by review', () => {
  it('all checks INCONCLUSIVE and excluded: the verdict says so, not "not applicable"', () => {
    const scores = scoreChecks([check('INCONCLUSIVE'), check('INCONCLUSIVE')], single({ inconclusive: 'exclude' }));
    expect(category(scores, 'only')).to.deep.include({ score: null, verdict: 'not scored: 2 check(s) could not be judged' });
  });

  it('a null document, a null category or a null grade is a config error naming the pointer, not a crash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scoring-null-'));
    try {
      const shipped = JSON.parse(readFileSync(DEFAULT_SCORING_FILE, 'utf8')) as Record<string, unknown>;
      const cases: Array<[unknown, RegExp]> = [
        [null, /: \/ must be an object$/],
        [{ ...shipped, categories: [null] }, /: \/categories\/0 must be an object$/],
        [{ ...shipped, grades: [null, { min: 0, grade: 'E' }] }, /: \/grades must list grade boundaries down to min 0$/],
      ];
      for (const [content, message] of cases) {
        const file = join(dir, 'scoring.json');
        writeFileSync(file, JSON.stringify(content));
        expect(() => loadScoringConfig(file)).to.throw(ToolError, message);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('scoring: must-haves cap the grade (issue 15 item 1)', () => {
  const mustHaves = { gradeCap: 'D', checks: [{ check: 'liveness', why: 'keeps answering' }, { check: 'monitoring-bases/custom-gone-after-*', why: 'base switch takes effect' }] };
  /** 19 passes and one must-have: a score of 95 whatever the must-have says. */
  const audit = (mustHave: CheckResult): CheckResult[] => [...Array.from({ length: 19 }, () => check('PASS')), mustHave];

  it('a failed must-have caps an A at D; the score stays, the uncapped grade is kept, and the must-have is named', () => {
    const scores = scoreChecks(audit(check('FAIL', { id: 'liveness', title: 'keeps answering' })), single({ mustHaves }));
    expect(scores.overall).to.equal(95);
    expect(scores.grade).to.equal('D');
    expect(scores.uncappedGrade).to.equal('A');
    expect(scores.mustHaves.failed.map((m) => [m.check, m.source, m.why])).to.deep.equal([['liveness', 'scoring', 'keeps answering']]);
  });

  it('a prefix ending in * names a case\'s step checks', () => {
    const scores = scoreChecks(audit(check('FAIL', { id: 'monitoring-bases/custom-gone-after-factory-default' })), single({ mustHaves }));
    expect(scores.grade).to.equal('D');
    expect(scoreChecks(audit(check('FAIL', { id: 'monitoring-bases/all-report' })), single({ mustHaves })).grade).to.equal('A');
  });

  it('a rule holds for the OCPP versions it declares (default 2.0.1 and 2.1)', () => {
    const byVersion = { gradeCap: 'D', checks: [{ check: 'protocol-conformance', why: '2.x schemas' }, { check: 'protocol-conformance', versions: ['1.6' as const], why: '1.6 schemas' }] };
    const failed = audit(check('FAIL', { id: 'protocol-conformance' }));
    expect(scoreChecks(failed, single({ mustHaves: byVersion })).mustHaves.failed.map((m) => m.why)).to.deep.equal(['2.x schemas']);
    expect(scoreChecks(failed, single({ mustHaves: byVersion, categories: [{ id: 'only', title: 'Only', weight: 1, checkCategories: ['c'], versions: ['1.6'] }] }), undefined, '1.6').mustHaves.failed.map((m) => m.why)).to.deep.equal(['1.6 schemas']);
  });

  it('only FAIL fails a must-have: WARN, INCONCLUSIVE and NOT APPLICABLE say nothing certain', () => {
    for (const verdict of ['WARN', 'INCONCLUSIVE', 'NOT APPLICABLE'] as const) {
      const scores = scoreChecks(audit(check(verdict, { id: 'liveness' })), single({ mustHaves }));
      expect(scores.mustHaves.failed, verdict).to.deep.equal([]);
      expect(scores.uncappedGrade, verdict).to.equal(undefined);
    }
  });

  it('a guideline line marked critical is a must-have too', () => {
    const scores = scoreChecks(audit(check('FAIL', { id: 'guideline/variables/EVSE.DCVoltage', critical: true })), single({ mustHaves }));
    expect(scores.grade).to.equal('D');
    expect(scores.mustHaves.failed[0]?.source).to.equal('guideline');
  });

  it('never raises a grade: an E with a failed must-have stays E', () => {
    const scores = scoreChecks([check('FAIL', { id: 'liveness' }), check('FAIL')], single({ mustHaves }));
    expect(scores.grade).to.equal('E');
    expect(scores.uncappedGrade).to.equal(undefined);
  });

  it('the shipped scoring.json names its must-haves; a cap that is not a grade is a config error', () => {
    const shipped = loadScoringConfig(DEFAULT_SCORING_FILE);
    expect(shipped.mustHaves?.gradeCap).to.equal('D');
    expect(shipped.mustHaves?.checks.map((c) => c.check)).to.include.members(['monitoring-support', 'liveness', 'event-rate', 'protocol-conformance']);
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-scoring-'));
    try {
      const file = join(dir, 'scoring.json');
      writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(DEFAULT_SCORING_FILE, 'utf8')), mustHaves: { gradeCap: 'Z', checks: [] } }));
      expect(() => loadScoringConfig(file)).to.throw(ToolError, /\/mustHaves\/gradeCap must be one of the grades/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
