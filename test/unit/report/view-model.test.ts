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

describe('the scorecard of an OCPP 1.6 station (issue 17 item 5)', () => {
  const ocpp16 = (): AuditResult => golden('ocpp16');

  it('names every station\'s OCPP version and subprotocol; a result from before versions were recorded leaves it to the page, which says 2.0.1', () => {
    expect(buildViewModel(ocpp16()).station.protocol).to.equal('OCPP 1.6, subprotocol ocpp1.6');
    const offered = golden('ac-wallbox');
    offered.station = { ...offered.station, protocol: { version: '2.1', subprotocol: 'ocpp2.1', offered: ['ocpp2.1', 'ocpp2.0.1'] } };
    expect(buildViewModel(offered).station.protocol).to.equal('OCPP 2.1, subprotocol ocpp2.1 (offered: ocpp2.1, ocpp2.0.1)');
    expect(buildViewModel(golden('ac-wallbox')).station.protocol).to.equal(undefined);
    expect(renderScorecard(buildViewModel(golden('ac-wallbox')))).to.include('<dt>OCPP</dt><dd>OCPP 2.0.1 (recorded before the version was; the tool then accepted only ocpp2.0.1)</dd>');
  });

  it('page one: one plain verdict that device-model diagnostics need 2.0.1 or later, and what this station would gain, from its result', () => {
    const result = ocpp16();
    const model = buildViewModel(result);
    expect(model.upgrade?.title).to.equal('What OCPP 2.0.1 would give this station');
    expect(model.upgrade?.headline).to.equal(result.upgrade?.headline);
    expect(model.upgrade?.gains.map((g) => g.title)).to.deep.equal(['A typed inventory', 'A three-tier topology', 'Monitors with severities', 'Fault events per component', 'Log uploads with request ids', 'Security events in Core']);
    expect(model.upgrade?.gains[3]?.now).to.match(/^2 error\(s\) only as connector errorCodes/);
    expect(model.verdict).to.match(/^Scores [\d.]+ of 100 \(grade [A-E]\) against OCPP 1\.6 diagnostics baseline \(an OCPP 1\.6 grade: not comparable with the grades of OCPP 2\.0\.1 and later stations/);
    // A 2.0.1 result has none of it.
    const wallbox = buildViewModel(golden('ac-wallbox'));
    expect([wallbox.upgrade, wallbox.sectionsNote, wallbox.certificationNote]).to.deep.equal([undefined, undefined, undefined]);
  });

  it('the device-model sections are absent and say why; no empty table, no NaN, no "undefined" anywhere on the page', () => {
    const model = buildViewModel(ocpp16());
    expect([model.topology, model.monitorability, model.monitoring]).to.deep.equal([undefined, undefined, undefined]);
    expect(model.sectionsNote).to.match(/^OCPP 1\.6 has no device model: there is no topology, monitorability or monitoring behaviour to show/);
    expect(model.events.note).to.equal('OCPP 1.6 has no NotifyEvent: the station\'s errors come as StatusNotification error codes, judged in the findings.');
    expect(model.certificationNote).to.match(/^OCPP 1\.6 stations have no TC_B or TC_N certification test cases/);
    expect(model.categories.map((c) => c.id)).to.deep.equal(['protocol', 'configuration', 'diagnostics', 'events', 'robustness']);
    const html = renderScorecard(model);
    const page = html.slice(0, html.indexOf('<script type="application/json"'));
    for (const id of ['topology', 'monitorability', 'monitoring']) expect(page).not.to.include(`id="${id}"`);
    for (const bad of ['undefined', 'NaN', '[object Object]', '<tbody>\n    </tbody>']) expect(page, bad).not.to.include(bad);
    expect(page).to.include('id="device-model-note"');
    expect(page).to.include('<dt>OCPP</dt><dd>OCPP 1.6, subprotocol ocpp1.6</dd>');
  });
});
