import type { CheckResult, Verdict } from '../checks/check.js';
import type { AuditResult } from '../result/audit-result.js';

/**
 * Everything the scorecard template shows, already computed and formatted: the template only
 * lays it out (it never scores). Strings are plain text; Handlebars escapes them on output, so
 * whatever a station sent cannot become markup.
 */
export interface ScorecardViewModel {
  title: string;
  station: { identity: string; vendor: string; model: string; serial: string; firmware: string };
  guideline: { id: string; version: string; title: string; archetype: string; how: string; reason: string } | undefined;
  date: string;
  tool: string;
  score: { value: string; grade: string; gauge: { arc: string; color: string } };
  verdict: string;
  categories: Array<{ id: string; title: string; score: string; verdict: string; bar: { width: number; color: string } }>;
  monitorability: { types: string[]; rows: Array<{ variable: string; level: string; cells: Array<{ text: string; css: string }> }> } | undefined;
  topology: { station: TopologyItem[]; evses: Array<{ label: string; components: TopologyItem[]; connectors: Array<{ label: string; components: TopologyItem[] }> }>; legend: string } | undefined;
  counts: Array<{ verdict: Verdict; count: number; css: string }>;
  findings: Array<{ group: string; checks: Array<{ id: string; title: string; verdict: Verdict; css: string; category: string; refs: string; reason: string; seqs: string }> }>;
  journal: { file: string; sha256: string };
  options: Array<{ name: string; value: string }>;
  cases: Array<{ id: string; title: string; status: string; reason: string }>;
  /** The whole result, as JSON text (the renderer embeds it safely). */
  resultJson: string;
}

/** A component in the tree: its label and how it stands against the guideline. */
export interface TopologyItem {
  label: string;
  status: string;
  css: string;
}

const MATRIX_CSS: Record<string, string> = { accepted: 'pass', rejected: 'fail', 'not monitorable': 'fail', 'not present': 'fail', 'not probed': 'na', 'type n/a': 'na' };

const VERDICT_ORDER: Verdict[] = ['FAIL', 'WARN', 'INCONCLUSIVE', 'PASS', 'NOT APPLICABLE'];
const CSS: Record<Verdict, string> = { PASS: 'pass', FAIL: 'fail', WARN: 'warn', INCONCLUSIVE: 'inconclusive', 'NOT APPLICABLE': 'na' };

/** Green to red by score, for the gauge and the bars. */
function colorOf(score: number | null | undefined): string {
  if (score === null || score === undefined) return '#9aa0a6';
  if (score >= 90) return '#1e8e3e';
  if (score >= 75) return '#7cb342';
  if (score >= 60) return '#f9ab00';
  if (score >= 40) return '#e8710a';
  return '#d93025';
}

/** The SVG path of a half-circle gauge filled to `fraction` (radius 80, centre 100,100). */
export function gaugeArc(fraction: number): string {
  const f = Math.min(1, Math.max(0, fraction));
  const angle = Math.PI * (1 - f);
  const x = 100 + 80 * Math.cos(angle);
  const y = 100 - 80 * Math.sin(angle);
  return `M 20 100 A 80 80 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)}`;
}

function items(components: ReadonlyArray<{ name: string; instance?: string; status: string }>): TopologyItem[] {
  const css: Record<string, string> = { present: 'pass', 'non-standard': 'warn', missing: 'fail' };
  return components.map((c) => ({ label: `${c.name}${c.instance !== undefined ? `[${c.instance}]` : ''}`, status: c.status, css: css[c.status] ?? '' }));
}

export function buildViewModel(result: AuditResult): ScorecardViewModel {
  const boot = result.station.boot ?? {};
  const score = result.score ?? null;
  const byVerdict = (verdict: Verdict): number => result.checks.filter((c) => c.verdict === verdict).length;
  const categoryOf = (check: CheckResult): string => result.categories?.find((c) => c.id === check.category || check.category === c.id)?.title ?? check.category;
  const groups = new Map<string, CheckResult[]>();
  for (const check of [...result.checks].sort((a, b) => VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict) || a.id.localeCompare(b.id))) {
    const group = check.id.startsWith('guideline/') ? `Guideline: ${check.id.split('/')[1] ?? ''}` : categoryOf(check);
    groups.set(group, [...(groups.get(group) ?? []), check]);
  }
  const worst = result.categories?.filter((c) => c.score !== null).sort((a, b) => (a.score ?? 0) - (b.score ?? 0))[0];
  const verdict =
    score === null
      ? 'Nothing could be scored: see the findings for why.'
      : `Scores ${score} of 100 (grade ${result.grade ?? '–'}) against ${result.guideline?.title ?? 'the guideline'}. ${byVerdict('FAIL')} check(s) failed and ${byVerdict('WARN')} warned out of ${result.checks.length}.${worst ? ` Weakest: ${worst.title.toLowerCase()} (${worst.score}): ${worst.verdict}.` : ''}`;
  return {
    title: `OCPP diagnostics scorecard: ${result.station.identity}`,
    station: { identity: result.station.identity, vendor: boot.vendorName ?? '–', model: boot.model ?? '–', serial: boot.serialNumber ?? '–', firmware: boot.firmwareVersion ?? '–' },
    guideline: result.guideline ? { ...result.guideline } : undefined,
    date: result.timings.startedAt.slice(0, 19).replace('T', ' ') + ' UTC',
    tool: `${result.tool.name} ${result.tool.version}`,
    score: { value: score === null ? '–' : String(score), grade: result.grade ?? '–', gauge: { arc: gaugeArc((score ?? 0) / 100), color: colorOf(score) } },
    verdict,
    monitorability:
      result.monitorability && result.monitorability.length > 0
        ? {
            types: ['Upper threshold', 'Lower threshold', 'Delta', 'Periodic', 'Clock-aligned'],
            rows: result.monitorability.map((row) => ({
              variable: row.variable,
              level: row.level,
              cells: Object.values(row.cells).map((cell) => ({ text: cell.detail ? `${cell.state} (${cell.detail})` : cell.state, css: MATRIX_CSS[cell.state] ?? '' })),
            })),
          }
        : undefined,
    topology: result.topology
      ? {
          station: items(result.topology.station),
          evses: result.topology.evses.map((evse) => ({
            label: `EVSE ${evse.id}`,
            components: items(evse.components),
            connectors: evse.connectors.map((connector) => ({ label: `Connector ${evse.id}/${connector.id}`, components: items(connector.components) })),
          })),
          legend: `${result.topology.evses.length} EVSE(s), ${result.topology.evses.reduce((n, e) => n + e.connectors.length, 0)} connector(s)`,
        }
      : undefined,
    categories: (result.categories ?? []).map((c) => ({ id: c.id, title: c.title, score: c.score === null ? '–' : String(c.score), verdict: c.verdict, bar: { width: Math.round((c.score ?? 0) * 3), color: colorOf(c.score) } })),
    counts: VERDICT_ORDER.map((v) => ({ verdict: v, count: byVerdict(v), css: CSS[v] })),
    findings: [...groups].map(([group, checks]) => ({
      group,
      checks: checks.map((c) => ({ id: c.id, title: c.title, verdict: c.verdict, css: CSS[c.verdict], category: c.category, refs: c.refs.join(', '), reason: c.reason, seqs: c.seqs.slice(0, 12).join(', ') + (c.seqs.length > 12 ? ', …' : '') })),
    })),
    journal: { file: result.files.journal, sha256: result.files.journalSha256 ?? '–' },
    options: Object.entries(result.options).map(([name, value]) => ({ name, value: typeof value === 'string' ? value : JSON.stringify(value) })),
    cases: result.cases.map((c) => ({ id: c.id, title: c.title, status: c.status, reason: c.reason ?? '' })),
    resultJson: JSON.stringify(result),
  };
}
