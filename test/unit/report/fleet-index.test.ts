import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { buildFleetIndexModel, renderFleetIndex } from '../../../src/report/fleet-index.js';
import type { AuditResult } from '../../../src/result/audit-result.js';
import { goldenFile } from '../../fixtures/evidence/golden.js';

const golden = (name: string): AuditResult => JSON.parse(readFileSync(goldenFile(`${name}.evidence.json`), 'utf8')) as AuditResult;

/** A run of one case: part of the catalogue, so no grade. */
function partial(): AuditResult {
  const result = golden('ac-wallbox');
  result.station = { ...result.station, identity: 'CS-PARTIAL' };
  result.score = 59.2;
  result.grade = null;
  result.coverage = { cases: { applicable: 25, run: 3 }, ratio: 0.12, categories: [], complete: false, incompleteBecause: ['a subset of the catalogue: 22 of 25 cases were not selected'] };
  result.summary = { ...result.summary, INCONCLUSIVE: 2 };
  return result;
}

function capped(): AuditResult {
  const result = golden('minimal');
  result.score = 43.9;
  result.summary = { ...result.summary, FAIL: 21, WARN: 63, INCONCLUSIVE: 0 };
  result.coverage = { cases: { applicable: 3, run: 3 }, ratio: 1, categories: [], complete: true, incompleteBecause: [] };
  result.grade = 'D';
  result.uncappedGrade = 'B';
  result.mustHaves = { gradeCap: 'D', items: [{ check: 'event-rate', title: 'The station does not flood the CSMS with events', verdict: 'FAIL', why: 'a flood takes backends down', source: 'scoring', reason: '48 NotifyEvents a second' }] };
  return result;
}

describe('fleet index', () => {
  it('each run with its label, date and time, score, grade (capped, or none when incomplete), coverage and counts; lowest score first', () => {
    const clean = golden('ac-wallbox');
    const model = buildFleetIndexModel(
      [
        { result: clean, scorecard: '/out/site-a/CS-A/scorecard.html', label: 'site A' },
        { result: capped(), scorecard: '/out/site-b/CS-B/scorecard.html' },
        { result: partial(), scorecard: '/out/site-a/CS-P/scorecard.html', label: 'site A' },
      ],
      '/out',
    );
    expect(model.labelled).to.equal(true);
    expect(model.rows.map((r) => [r.identity, r.label, r.link, r.score, r.grade, r.coverage])).to.deep.equal([
      ['FIXTURE-minimal', '', 'site-b/CS-B/scorecard.html', '43.9', 'D (capped from B)', '3 of 3 cases (100%)'],
      ['CS-PARTIAL', 'site A', 'site-a/CS-P/scorecard.html', '59.2', 'no grade (incomplete)', '3 of 25 cases (12%)'],
      ['FIXTURE-ac-wallbox', 'site A', 'site-a/CS-A/scorecard.html', String(clean.score), clean.grade, `${clean.coverage?.cases.run} of ${clean.coverage?.cases.applicable} cases (100%)`],
    ]);
    expect(model.rows[0]).to.deep.include({ auditedAt: '2026-11-24 04:20:32 UTC', startedAt: '2026-11-24T04:20:32.495Z', failedMustHaves: ['The station does not flood the CSMS with events'], fails: 21, warns: 63, inconclusive: 0 });
    expect(model.rows[1]).to.deep.include({ incomplete: true, coverageRatio: 0.12, incompleteBecause: ['a subset of the catalogue: 22 of 25 cases were not selected'], inconclusive: 2 });
  });

  it('a label given at run --label is the default; without any label the column is left out', () => {
    const stored = golden('minimal');
    stored.options = { ...stored.options, label: 'firmware 2.1 bench' };
    expect(buildFleetIndexModel([{ result: stored, scorecard: '/out/x/scorecard.html' }], '/out').rows[0]?.label).to.equal('firmware 2.1 bench');
    const html = renderFleetIndex([{ result: golden('minimal'), scorecard: '/out/x/scorecard.html' }], '/out');
    expect(html).not.to.include('<th>Label</th>');
    expect(renderFleetIndex([{ result: stored, scorecard: '/out/x/scorecard.html' }], '/out')).to.include('<th>Label</th>');
  });

  it('the page carries sort keys for the numeric and date columns and allows only its own inline script', () => {
    const html = renderFleetIndex([{ result: partial(), scorecard: '/out/p/scorecard.html' }, { result: capped(), scorecard: '/out/c/scorecard.html' }], '/out');
    expect(html).to.include(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"`);
    expect(html).to.include('<td class="num" data-sort="59.2">59.2</td>');
    expect(html).to.include('<td data-sort="0.12">3 of 25 cases (12%)<span class="note">a subset of the catalogue: 22 of 25 cases were not selected</span></td>');
    expect(html).to.include('<time datetime="2026-11-24T04:20:32.495Z">2026-11-24 04:20:32 UTC</time>');
    expect(html).to.include('D (capped from B)<span class="note">must-have failed: The station does not flood the CSMS with events</span>');
  });

  it('a 1.6 station next to 2.0.1 and 2.1 stations: grouped by version, newest first, each grade marked with its guideline, the page saying grades compare only within a version', () => {
    const ocpp21 = golden('minimal');
    ocpp21.station = { ...ocpp21.station, identity: 'CS-21', protocol: { version: '2.1', subprotocol: 'ocpp2.1', offered: ['ocpp2.1', 'ocpp2.0.1'] } };
    const entries = [golden('ocpp16'), golden('ac-wallbox'), ocpp21, golden('minimal')].map((result) => ({ result, scorecard: `/out/${result.station.identity}/scorecard.html` }));
    const model = buildFleetIndexModel(entries, '/out');
    expect(model.mixedVersions).to.equal(true);
    expect(model.groups.map((g) => [g.version, g.heading, g.rows.map((r) => r.identity)])).to.deep.equal([
      ['2.1', 'OCPP 2.1: 1 station(s), graded against ac-wallbox', ['CS-21']],
      ['2.0.1', 'OCPP 2.0.1: 2 station(s), graded against ac-wallbox', ['FIXTURE-minimal', 'FIXTURE-ac-wallbox']],
      ['1.6', 'OCPP 1.6: 1 station(s), graded against ocpp-16-baseline', ['FIXTURE-ocpp16']],
    ]);
    expect(model.rows.map((r) => [r.identity, r.ocpp, r.subprotocol, r.gradeBasis])).to.deep.equal([
      ['CS-21', 'OCPP 2.1', 'ocpp2.1', 'against ac-wallbox'],
      ['FIXTURE-minimal', 'OCPP 2.0.1', '', 'against ac-wallbox'],
      ['FIXTURE-ac-wallbox', 'OCPP 2.0.1', '', 'against ac-wallbox'],
      ['FIXTURE-ocpp16', 'OCPP 1.6', 'ocpp1.6', 'against ocpp-16-baseline'],
    ]);
    expect(model.versionsNote).to.equal(
      'Stations are listed by OCPP version, each graded against a guideline of its own version (OCPP 2.1: ac-wallbox; OCPP 2.0.1: ac-wallbox; OCPP 1.6: ocpp-16-baseline), so a grade compares only with the grades of its own group. OCPP 1.6 has no device model and no monitors: its guideline asks for configuration keys, error codes and logs, far less than a device-model guideline, so its letters do not mean what the same letter means for an OCPP 2.0.1 station.',
    );
    const html = renderFleetIndex(entries, '/out');
    expect(html.match(/<tbody data-version="/g)).to.have.length(3);
    expect(html).to.include('<tr class="group"><th colspan="12" scope="rowgroup">OCPP 1.6: 1 station(s), graded against ocpp-16-baseline</th></tr>');
    expect(html).to.include('<td data-sort="2">OCPP 1.6<span class="note">ocpp1.6</span></td>');
    expect(html).to.match(/<td>B<span class="note">against ocpp-16-baseline<\/span><\/td>/);
    expect(html).to.include('<p class="versions-note">');
  });

  it('one version only: no group headings, no grade notes, the page as before', () => {
    const model = buildFleetIndexModel([golden('minimal'), golden('ac-wallbox')].map((result) => ({ result, scorecard: '/out/x/scorecard.html' })), '/out');
    expect([model.mixedVersions, model.versionsNote, model.rows.map((r) => r.gradeBasis)]).to.deep.equal([false, '', ['', '']]);
    const html = renderFleetIndex([{ result: golden('minimal'), scorecard: '/out/x/scorecard.html' }], '/out');
    expect(html).not.to.include('class="group"');
    expect(html).not.to.include('versions-note');
  });
});
