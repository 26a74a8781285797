import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { csvCell, renderFindingsCsv } from '../../../src/report/findings-csv.js';
import { renderJunit } from '../../../src/report/junit.js';
import { renderSummaryMd } from '../../../src/report/summary-md.js';
import type { AuditResult } from '../../../src/result/audit-result.js';
import { goldenFile } from '../../fixtures/evidence/golden.js';

const golden = (): AuditResult => JSON.parse(readFileSync(goldenFile('ac-wallbox.evidence.json'), 'utf8')) as AuditResult;

describe('machine outputs: junit.xml, findings.csv, summary.md', () => {
  it('junit: one testcase per check; failures, errors and skipped match the verdict counts', () => {
    const result = golden();
    const xml = renderJunit(result);
    expect(xml.match(/<testcase /g)).to.have.length(result.checks.length);
    expect(xml.match(/<failure /g) ?? []).to.have.length(result.summary.FAIL);
    expect(xml.match(/<error /g) ?? []).to.have.length(result.summary.INCONCLUSIVE);
    expect(xml.match(/<skipped /g) ?? []).to.have.length(result.summary['NOT APPLICABLE']);
    expect(xml).to.include(`<testsuites name="ocpp-audit ${result.station.identity}" tests="${result.checks.length}" failures="${result.summary.FAIL}"`);
  });

  it('junit: station text is escaped, control characters shown escaped, and nothing XML forbids is left', () => {
    const result = golden();
    result.checks = [{ ...result.checks[0], verdict: 'FAIL', reason: 'a "quote" <tag> & \u0001bell' }];
    const xml = renderJunit(result);
    expect(xml).to.include('message="a &quot;quote&quot; &lt;tag&gt; &amp; \\u0001bell');
    expect(xml).not.to.include('\u0001');
  });

  it('csv: quoted where needed, and formula-looking station text cannot run in a spreadsheet', () => {
    expect(csvCell('plain')).to.equal('plain');
    expect(csvCell('a,b')).to.equal('"a,b"');
    expect(csvCell('say "hi"')).to.equal('"say ""hi"""');
    expect(csvCell('=HYPERLINK("http://x")')).to.equal(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).to.equal("'+1");
    const result = golden();
    const csv = renderFindingsCsv(result);
    expect(csv.split('\r\n').filter(Boolean)).to.have.length(result.checks.length + 1);
    expect(csv.startsWith('station,id,verdict,category,title,refs,reason,frames\r\n')).to.equal(true);
  });

  it('summary.md: score, categories and failed checks; table cells escaped', () => {
    const result = golden();
    result.station = { ...result.station, identity: 'CS|<b>x</b>' };
    const md = renderSummaryMd(result);
    expect(md).to.match(/^# OCPP diagnostics audit: CS\\\|\\<b\\>x\\<\/b\\>/);
    expect(md).to.include(`**Score ${result.score} / 100, grade ${result.grade}**`);
    // A category none of whose cases ran (the golden audit predates the log cases) shows a dash.
    for (const category of result.categories ?? []) expect(md).to.include(`| ${category.title} | ${category.score ?? '–'} |`);
    expect(md.match(/^\| .* \| .* \| .* \|$/gm)?.length).to.be.at.least((result.categories?.length ?? 0) + result.summary.FAIL);
  });
});
