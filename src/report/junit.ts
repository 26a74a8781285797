import type { CheckResult } from '../checks/check.js';
import type { AuditResult } from '../result/audit-result.js';
import { printable } from './printable.js';

/** Characters XML 1.0 forbids (controls other than tab and line ends, lone surrogates, U+FFFE/F). */
const NOT_XML = new RegExp('[^\\t\\n\\r\\u0020-\\uD7FF\\uE000-\\uFFFD\\u{10000}-\\u{10FFFF}]', 'gu');

const escapeXml = (text: string): string =>
  // Control characters are shown escaped; what XML still forbids is dropped; the five specials become entities.
  printable(text)
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/**
 * junit.xml: one test suite per check category, one test case per check, so CI systems list
 * them. FAIL is a failure, INCONCLUSIVE an error (the audit could not judge), NOT APPLICABLE
 * skipped; WARN passes with the warning in system-out.
 */
export function renderJunit(result: AuditResult): string {
  const categories = [...new Set(result.checks.map((c) => c.category))];
  const suites = categories.map((category) => {
    const checks = result.checks.filter((c) => c.category === category);
    const count = (verdict: CheckResult['verdict']): number => checks.filter((c) => c.verdict === verdict).length;
    const cases = checks.map((check) => {
      const name = escapeXml(`${check.id}: ${check.title}`);
      const message = escapeXml(`${check.reason}${check.refs.length ? ` [${check.refs.join(', ')}]` : ''}${check.seqs.length ? ` (frames ${check.seqs.join(', ')})` : ''}`);
      const open = `    <testcase classname="${escapeXml(`ocpp-audit.${category}`)}" name="${name}">`;
      switch (check.verdict) {
        case 'FAIL':
          return `${open}\n      <failure message="${message}" type="FAIL"/>\n    </testcase>`;
        case 'INCONCLUSIVE':
          return `${open}\n      <error message="${message}" type="INCONCLUSIVE"/>\n    </testcase>`;
        case 'NOT APPLICABLE':
          return `${open}\n      <skipped message="${message}"/>\n    </testcase>`;
        case 'WARN':
          return `${open}\n      <system-out>WARN: ${message}</system-out>\n    </testcase>`;
        case 'PASS':
          return `${open}</testcase>`;
      }
    });
    return `  <testsuite name="${escapeXml(category)}" tests="${checks.length}" failures="${count('FAIL')}" errors="${count('INCONCLUSIVE')}" skipped="${count('NOT APPLICABLE')}" timestamp="${result.timings.startedAt}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const total = (verdict: CheckResult['verdict']): number => result.checks.filter((c) => c.verdict === verdict).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${escapeXml(`ocpp-audit ${result.station.identity}`)}" tests="${result.checks.length}" failures="${total('FAIL')}" errors="${total('INCONCLUSIVE')}" skipped="${total('NOT APPLICABLE')}" time="${(result.timings.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
