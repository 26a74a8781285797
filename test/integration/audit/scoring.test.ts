import { expect } from 'chai';
import type { AuditResult } from '../../../src/result/audit-result.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import type { FaultName } from '../../../src/simulator/station/faults.js';
import { useAuditBed } from '../../helpers/audit-fixture.js';

const categoryScore = (result: AuditResult, id: string): number => result.categories?.find((c) => c.id === id)?.score ?? Number.NaN;

describe('scoring the virtual stations: own archetype high, each named fault lowers the right category', function () {
  this.timeout(60_000);
  const audit = useAuditBed();
  const cases = () => loadTestCases(['inventory-full', 'monitoring-preflight', 'monitoring-bases', 'monitoring-custom', 'events-threshold']);
  let clean: AuditResult | undefined;

  for (const profile of ['ac-wallbox', 'dc-fast', 'hpc'] as const) {
    it(`${profile}: detected as its own archetype, scored against its own guideline, and scores high`, async () => {
      const { result } = await audit(`SCORE-${profile}`, cases(), { profile });
      expect(result.guideline).to.deep.include({ id: profile, archetype: profile, how: 'detected' });
      expect(result.score, JSON.stringify(result.categories?.map((c) => [c.id, c.score]))).to.be.at.least(80);
      expect(categoryScore(result, 'device-model')).to.be.at.least(85);
    });
  }

  // One clean audit of the same profile and cases is the baseline every fault is compared with.
  const baseline = async (): Promise<AuditResult> => {
    clean ??= (await audit('SCORE-CLEAN', cases())).result;
    return clean;
  };

  const table: Array<[FaultName, string]> = [
    ['schema-violations', 'protocol'],
    ['report-seqno-from-1', 'protocol'],
    ['monitoring-accepted-empty', 'monitoring'],
    ['threshold-without-cleared', 'events'],
  ];
  for (const [fault, category] of table) {
    it(`${fault} lowers ${category}`, async () => {
      const reference = await baseline();
      const { result } = await audit(`SCORE-${fault}`, cases(), { faults: [fault] }, { caseOptions: { eventWindowS: 3 } });
      expect(result.guideline?.id).to.equal('ac-wallbox');
      expect(categoryScore(result, category), `${category}: ${categoryScore(reference, category)} → ${categoryScore(result, category)}`).to.be.below(categoryScore(reference, category));
      expect(result.score ?? 100).to.be.below(reference.score ?? 0);
    });
  }
});
