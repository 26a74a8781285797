import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGuideline } from '../../../src/config/guideline-loader.js';
import { ToolError } from '../../../src/errors.js';
import { defaultPlan } from '../../../src/observe/plan/default-plan.js';
import { planFromFile, type PlanFile } from '../../../src/observe/plan/monitoring-plan.js';
import { validateFile } from '../../../src/config/validate-file.js';
import { loadPlanFile } from '../../../src/observe/plan/plan-file.js';

const directory = mkdtempSync(join(tmpdir(), 'plan-'));
const write = (name: string, value: unknown): string => {
  const file = join(directory, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};

describe('monitoring plan (issue 16)', () => {
  it('the default plan samples every monitorable numeric variable of the guideline, and watches its severity categories\' flags', () => {
    const guideline = loadGuideline('dc-fast');
    const plan = defaultPlan(guideline, 60);
    expect(plan.source).to.equal('guideline:dc-fast');
    expect(plan.settings).to.deep.equal({ activeMonitoringLevel: 9, offlineQueuingSeverity: 3, queueAllMessages: false });
    const samples = plan.monitors.filter((m) => m.type === 'Periodic');
    const wanted = guideline.variables.filter((v) => v.monitoring !== undefined && (v.dataType === 'decimal' || v.dataType === 'integer'));
    expect(samples.length).to.be.greaterThan(0);
    expect(samples.length).to.be.at.most(wanted.length);
    expect(samples.every((m) => m.value === 60 && m.severity === 8)).to.equal(true);
    expect(samples.map((m) => `${m.component.name}.${m.variable.name}`)).to.include('EVSE.DCVoltage');
    const flags = plan.monitors.filter((m) => m.type === 'Delta');
    expect(flags.length).to.be.greaterThan(0);
    // Each flag at the least urgent severity its category allows.
    for (const flag of flags) {
      const category = guideline.severities.find((c) => c.match.some((m) => m.component === flag.component.name && m.variable === flag.variable.name));
      expect(flag.severity, flag.why).to.equal(category?.severity.max);
    }
    // No monitor twice.
    const keys = plan.monitors.map((m) => `${m.component.name}.${m.variable.name}.${m.type}`);
    expect(new Set(keys).size).to.equal(keys.length);
  });

  it('a plan file: the station\'s own entry, else its archetype\'s, else any', () => {
    const file: PlanFile = {
      plans: [
        { for: { any: true }, monitors: [] },
        { for: { archetype: 'dc-fast' }, settings: { activeMonitoringLevel: 5 }, monitors: [] },
        { for: { station: 'CS-7' }, monitors: [{ component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' }, type: 'Periodic', value: 60, severity: 8, why: 'power every minute' }] },
      ],
    };
    expect(planFromFile(file, 'p.json', 'CS-7', 'dc-fast')?.source).to.equal('p.json#/plans/2');
    expect(planFromFile(file, 'p.json', 'CS-8', 'dc-fast')).to.deep.include({ source: 'p.json#/plans/1', settings: { activeMonitoringLevel: 5 } });
    expect(planFromFile(file, 'p.json', 'CS-8', 'ac-wallbox')?.source).to.equal('p.json#/plans/0');
    expect(planFromFile({ plans: [{ for: { station: 'X' }, monitors: [] }] }, 'p.json', 'CS-8', 'ac-wallbox')).to.equal(undefined);
  });

  it('loads a plan file against its schema; a bad one is one line with the file and the pointer', () => {
    const good = write('good.json', { plans: [{ for: { archetype: 'hpc' }, monitors: [{ component: { name: 'PowerConverter' }, variable: { name: 'Temperature' }, type: 'UpperThreshold', value: 80, severity: 3, why: 'converter over-temperature' }] }] });
    expect(loadPlanFile(good).plans[0]?.monitors[0]?.value).to.equal(80);
    const bad = write('bad.json', { plans: [{ for: { archetype: 'hpc' }, monitors: [{ component: { name: 'X' }, variable: { name: 'Y' }, type: 'Periodic', value: 60, severity: 12, why: 'w' }] }] });
    expect(() => loadPlanFile(bad)).to.throw(ToolError, `${bad}: /plans/0/monitors/0/severity must be <= 9`);
    expect(() => loadPlanFile(write('broken.json', '{'))).to.throw(ToolError, /broken\.json: /);
    expect(() => loadPlanFile(join(directory, 'missing.json'))).to.throw(ToolError, /missing\.json: no such plan file/);
  });

  it('`validate` knows a plan file: OK for a good one, every problem with its pointer for a bad one', () => {
    const good = write('good-plan.json', { plans: [{ for: { any: true }, monitors: [] }] });
    expect(validateFile(good)).to.deep.equal({ kind: 'plan', problems: [] });
    const bad = write('bad-plan.json', { plans: [{ for: { any: true }, monitors: [{ component: { name: 'X' }, variable: { name: 'Y' }, type: 'Sometimes', value: 60, severity: 12, why: 'w' }] }] });
    const { kind, problems } = validateFile(bad);
    expect(kind).to.equal('plan');
    expect(problems).to.include(`${bad}: /plans/0/monitors/0/severity must be <= 9`);
    expect(problems.some((p) => p.startsWith(`${bad}: /plans/0/monitors/0/type `))).to.equal(true);
  });
});
