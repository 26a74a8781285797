import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderScorecard, scriptSafeJson, TEMPLATE_DIRECTORY } from '../../../src/report/html-renderer.js';
import { buildViewModel, gaugeArc, type ScorecardViewModel } from '../../../src/report/view-model.js';
import type { AuditResult } from '../../../src/result/audit-result.js';
import { goldenFile } from '../../fixtures/evidence/golden.js';

const golden = (name: string): AuditResult => JSON.parse(readFileSync(goldenFile(`${name}.evidence.json`), 'utf8')) as AuditResult;

describe('scorecard view model and renderer', () => {
  it('gauge: empty, half and full arcs end where they should', () => {
    expect(gaugeArc(0)).to.equal('M 20 100 A 80 80 0 0 1 20.00 100.00');
    expect(gaugeArc(0.5)).to.equal('M 20 100 A 80 80 0 0 1 100.00 20.00');
    expect(gaugeArc(1)).to.equal('M 20 100 A 80 80 0 0 1 180.00 100.00');
    expect(gaugeArc(7)).to.equal(gaugeArc(1));
  });

  it('topology: many instances of one component at one place fold into one item; a few stay as they are', () => {
    const result = golden('ac-wallbox');
    const modules = Array.from({ length: 2000 }, (_, i) => ({ name: 'PowerModule', instance: `M${String(i).padStart(4, '0')}`, status: 'non-standard' as const }));
    const sensors = ['inlet', 'outlet'].map((instance) => ({ name: 'TemperatureSensor', instance, status: 'present' as const }));
    result.topology = { station: [...modules, ...sensors, { name: 'ChargingStation', status: 'present' }], evses: [] };
    const model = buildViewModel(result);
    expect(model.topology?.station.map((item) => item.label)).to.deep.equal(['PowerModule × 2000', 'TemperatureSensor[inlet]', 'TemperatureSensor[outlet]', 'ChargingStation']);
    expect(model.topology?.station[0]?.instances).to.have.length(2000);
    expect(model.topology?.station[0]?.instances?.[1999]).to.equal('M1999');
    const html = renderScorecard(model);
    expect(html).to.include('<summary>PowerModule × 2000</summary>');
    expect(html.match(/<li class="warn folded"/g)).to.have.length(1);
  });

  it('event timeline: a thinned row says how many of its events are drawn; the note counts every event and says why some are not drawn', () => {
    const result = golden('ac-wallbox');
    result.observations.events = {
      durationS: 100,
      rows: [
        { label: 'ChargingStation.Problem', kind: 'HardWiredNotification', times: [1, 50, 99], events: 4000 },
        { label: 'EVSE@1.Power (monitor 3)', kind: 'CustomMonitor', times: [10, 20], events: 2 },
      ],
      omitted: { rows: 0, events: 3997 },
    };
    const model = buildViewModel(result);
    expect(model.events.rows.map((row) => row.count)).to.deep.equal(['4000, 3 drawn', '2']);
    expect(model.events.note).to.match(/^4002 event\(s\) from 2 monitor\(s\) over 100 s \(3997 not drawn: thinned out of busy rows\)\./);
    expect(renderScorecard(model)).to.include('ChargingStation.Problem (4000, 3 drawn)');
    // A result.json from before rows carried their count drew all it listed.
    result.observations.events.rows = [{ label: 'X.Y', kind: '', times: [1, 2] } as (typeof result.observations.events.rows)[number]];
    result.observations.events.omitted = { rows: 0, events: 0 };
    expect(buildViewModel(result).events.rows[0]?.count).to.equal('2');
  });

  it('from the golden wallbox result: identity, score, grade, a row per category and per check, worst first', () => {
    const result = golden('ac-wallbox');
    const model = buildViewModel(result);
    expect(model.station).to.deep.include({ identity: 'FIXTURE-ac-wallbox', vendor: result.station.boot?.vendorName });
    expect(model.score.value).to.equal(String(result.score));
    expect(model.score.grade).to.equal(result.grade);
    expect(model.categories.map((c) => c.id)).to.deep.equal(result.categories?.map((c) => c.id));
    expect(model.findings.flatMap((g) => g.checks)).to.have.length(result.checks.length);
    const order = model.findings.flatMap((g) => g.checks.map((c) => c.verdict));
    expect(order.indexOf('FAIL')).to.be.lessThan(Math.max(0, order.indexOf('PASS')) + 1);
    expect(model.counts.reduce((sum, c) => sum + c.count, 0)).to.equal(result.checks.length);
    expect(model.verdict).to.match(new RegExp(`^Scores ${result.score} of 100 \\(grade ${result.grade}\\)`));
  });

  it('script-safe JSON cannot close its script element and still parses to the same value', () => {
    const value = { s: '</script><!-- \u2028 \u2029 <b>' };
    const safe = scriptSafeJson(JSON.stringify(value));
    expect(safe).not.to.include('<');
    expect(JSON.parse(safe)).to.deep.equal(value);
  });

  it('the documented sample view model renders (the templates use nothing it lacks)', () => {
    const sample = JSON.parse(readFileSync(join(TEMPLATE_DIRECTORY, 'sample-view-model.json'), 'utf8')) as ScorecardViewModel;
    const html = renderScorecard(sample);
    expect(html).to.match(/^<!DOCTYPE html>/);
    expect(html).to.include(`<h1>${sample.station.identity}</h1>`);
    for (const id of ['summary', 'topology', 'categories', 'monitorability', 'findings', 'appendix', 'audit-result']) expect(html).to.include(`id="${id}"`);
  });

  it('timing figures: the periodic check\'s numbers, nested measurements flattened, in plain words (issue 15 item 8)', () => {
    const result = golden('ac-wallbox');
    result.checks = [
      { id: 'periodic-timing', title: 'Periodic', refs: [], category: 'events', verdict: 'PASS', reason: 'ok', seqs: [], details: { requestedIntervalS: 5, byTimestamp: { meanIntervalS: 5, maxAbsErrorS: 0.001, jitterS: 0 }, intervalsS: [5, 5] } },
    ];
    const figures = buildViewModel(result).events.timing[0]?.figures.map((f) => `${f.name}=${f.value}`);
    expect(figures).to.deep.equal(['requested interval (s)=5', "mean interval, station's clock (s)=5", "largest interval error, station's clock (s)=0.001", "jitter, station's clock (s)=0"]);
  });
});

describe('page one: the three findings to fix first (issue 15 item 6)', () => {
  const check = (id: string, verdict: 'FAIL' | 'WARN' | 'PASS', extra: Record<string, unknown> = {}): AuditResult['checks'][number] => ({ id, title: id, refs: [], category: 'monitoring', verdict, reason: `${id} reason`, seqs: [], ...extra });

  it('failed must-haves first, then FAILs before WARNs, heavier first; a finding that follows from another is not listed', () => {
    const result = golden('ac-wallbox');
    result.checks = [
      check('warn-heavy', 'WARN', { weight: 9 }),
      check('fail-light', 'FAIL', { weight: 1 }),
      check('fail-heavy', 'FAIL', { weight: 4 }),
      check('follower', 'FAIL', { weight: 9, causedBy: 'monitoring-support' }),
      check('monitoring-support', 'FAIL', { weight: 1 }),
      check('passed', 'PASS', { weight: 9 }),
    ];
    result.mustHaves = { gradeCap: 'D', items: [{ check: 'monitoring-support', title: 't', verdict: 'FAIL', why: 'w', source: 'scoring', reason: 'r' }] };
    expect(buildViewModel(result).fixFirst.map((f) => f.id)).to.deep.equal(['monitoring-support', 'fail-heavy', 'fail-light']);
  });
});
