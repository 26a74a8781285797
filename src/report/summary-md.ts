import type { AuditResult } from '../result/audit-result.js';
import { printable } from './printable.js';
import { protocolText } from './view-model.js';
import { ocppVersionOf, versionLabel } from '../evidence/ocpp-version.js';

/** Markdown table cells: pipes and line breaks would break the table. */
const md = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/([<>`*_[\]])/g, '\\$1');

/** summary.md: a short summary for tickets and pull requests. */
export function renderSummaryMd(result: AuditResult): string {
  const boot = result.station.boot ?? {};
  const lines = [
    `# OCPP diagnostics audit: ${md(result.station.identity)}`,
    '',
    `${md(boot.vendorName ?? '–')} ${md(boot.model ?? '')}, firmware ${md(boot.firmwareVersion ?? '–')}, serial ${md(boot.serialNumber ?? '–')}, ${md(result.station.protocol ? protocolText(result.station.protocol) : versionLabel(ocppVersionOf(result)))}; audited ${result.timings.startedAt} with ${result.tool.name} ${result.tool.version}.`,
    '',
  ];
  if (result.guideline) {
    lines.push(`**Score ${result.score ?? '–'} / 100, grade ${result.grade ?? '–'}** against ${md(result.guideline.title)} (${result.guideline.id} ${result.guideline.version}, ${result.guideline.how}).`, '');
    if (result.upgrade) lines.push(md(result.upgrade.headline), '');
    lines.push('| Category | Score | In words |', '| --- | ---: | --- |');
    for (const c of result.categories ?? []) lines.push(`| ${md(c.title)} | ${c.score ?? '–'} | ${md(c.verdict)} |`);
    lines.push('');
  }
  const s = result.summary;
  lines.push(`Checks: ${s.checks} — ${s.PASS} pass, ${s.FAIL} fail, ${s.WARN} warn, ${s['NOT APPLICABLE']} not applicable, ${s.INCONCLUSIVE} inconclusive.${result.interrupted ? ` Interrupted: ${md(result.interrupted.reason)}.` : ''}`, '');
  const failures = result.checks.filter((c) => c.verdict === 'FAIL');
  if (failures.length > 0) {
    lines.push('## Failed checks', '', '| Check | References | Reason |', '| --- | --- | --- |');
    for (const c of failures.slice(0, 25)) lines.push(`| ${md(c.title)} (\`${c.id}\`) | ${md(c.refs.join(', '))} | ${md(c.reason)} |`);
    if (failures.length > 25) lines.push('', `… and ${failures.length - 25} more in findings.csv.`);
    lines.push('');
  }
  lines.push(`Journal SHA-256: \`${result.files.journalSha256 ?? '–'}\``, '');
  // Station strings may hold escape codes; shown escaped, never run by a terminal that prints the file.
  return printable(lines.join('\n'));
}
