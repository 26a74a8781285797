import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ToolError } from '../../../src/errors.js';
import { buildCompareViewModel } from '../../../src/report/compare-view-model.js';
import type { AuditResult } from '../../../src/result/audit-result.js';
import { goldenFile } from '../../fixtures/evidence/golden.js';

const golden = (name: string): AuditResult => JSON.parse(readFileSync(goldenFile(`${name}.evidence.json`), 'utf8')) as AuditResult;

describe('comparison view model', () => {
  it('stations side by side: scores, best and worst per category marked, differing checks first', () => {
    const model = buildCompareViewModel([golden('ac-wallbox'), golden('minimal')]);
    expect(model.guideline).to.equal('ac-wallbox 1.0.0');
    expect(model.stations.map((s) => s.label)).to.deep.equal(['FIXTURE-ac-wallbox (1.4.2)', 'FIXTURE-minimal (1.0.0)']);
    const monitorability = model.categories.find((c) => c.title === 'Monitorability');
    expect(monitorability?.differs).to.equal(true);
    expect(monitorability?.cells.map((c) => c.css)).to.deep.equal(['pass', 'fail']);
    const firstSame = model.requirements.findIndex((r) => !r.differs);
    expect(firstSame).to.be.greaterThan(0);
    expect(model.requirements.slice(firstSame).every((r) => !r.differs)).to.equal(true);
    expect(model.summary).to.match(/^2 results against ac-wallbox 1\.0\.0: \d+ of \d+ checks differ; highest overall score FIXTURE-ac-wallbox/);
  });

  it('the same result twice: nothing differs', () => {
    const model = buildCompareViewModel([golden('minimal'), golden('minimal')]);
    expect(model.requirements.some((r) => r.differs)).to.equal(false);
    expect(model.categories.some((c) => c.differs)).to.equal(false);
  });

  it('refuses results scored against different guidelines, and a single result', () => {
    const other = golden('minimal');
    other.guideline = { ...other.guideline!, id: 'ocpp-201-core' };
    expect(() => buildCompareViewModel([golden('ac-wallbox'), other])).to.throw(ToolError, /scored against different guidelines \(ac-wallbox 1\.0\.0, ocpp-201-core 1\.0\.0\); re-score them with one: compare --guideline <id>/);
    expect(() => buildCompareViewModel([golden('ac-wallbox')])).to.throw(ToolError, /at least two results/);
  });
});
