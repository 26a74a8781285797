import type { CheckResult, Verdict } from '../checks/check.js';
import { VERDICT_CSS as CSS, WORST_FIRST as VERDICT_ORDER } from './verdict-style.js';
import type { AuditResult } from '../result/audit-result.js';
import { pushTo } from '../collections.js';
import { type PageOne, pageOne } from './page-one.js';
import { type TimingChart, timingChart, timingFigures } from './timing-chart.js';
import { versionLabel } from '../evidence/ocpp-version.js';

/**
 * Everything the scorecard template shows, already computed and formatted: the template only
 * lays it out (it never scores). Strings are plain text; Handlebars escapes them on output, so
 * whatever a station sent cannot become markup.
 */
export interface ScorecardViewModel {
  title: string;
  /** `protocol`: the OCPP version and subprotocol, absent for a result from before they were recorded (the page says 2.0.1). */
  station: { identity: string; vendor: string; model: string; serial: string; firmware: string; protocol?: string };
  /** `sources`: the public references its lines cite, one line each ("OCA uptime white paper 1.1, Open Charge Alliance"). */
  guideline: { id: string; version: string; title: string; archetype: string; how: string; reason: string; sources: string[] } | undefined;
  date: string;
  tool: string;
  score: { value: string; grade: string; gauge: { arc: string; color: string } };
  verdict: string;
  /** Page one: the incomplete banner, the must-have box, what to fix first, the coverage (page-one.ts). */
  incomplete: PageOne['incomplete'];
  mustHaves: PageOne['mustHaves'];
  fixFirst: PageOne['fixFirst'];
  coverage: PageOne['coverage'];
  /** A station of a version without device-model diagnostics (1.6): what a newer version would give it (page-one.ts). */
  upgrade: PageOne['upgrade'];
  /** Why the device-model sections are absent, for such a station. */
  sectionsNote?: string;
  /** What the certification page holds, when it is not the 2.0.1 rehearsal. */
  certificationNote?: string;
  categories: Array<{ id: string; title: string; score: string; verdict: string; bar: { width: number; color: string } }>;
  events: {
    width: number;
    height: number;
    axis: Array<{ x: number; label: string }>;
    /** `count`: the row's events, with how many are drawn when not all are ("4091, 200 drawn"). */
    rows: Array<{ label: string; y: number; css: string; points: Array<{ x: number }>; count: string }>;
    note: string;
    /** The timing checks: plain-labelled figures and a chart of each event's error against the tolerance. */
    timing: Array<{ title: string; verdict: string; css: string; reason: string; figures: Array<{ name: string; value: string }>; chart: TimingChart | undefined }>;
  };
  monitoring: { phases: string[]; rows: Array<{ label: string; cells: string[] }>; checks: Array<{ title: string; verdict: string; css: string; reason: string }> } | undefined;
  monitorability: { types: string[]; rows: Array<{ variable: string; level: string; cells: Array<{ text: string; css: string }> }> } | undefined;
  topology: { station: TopologyItem[]; evses: Array<{ label: string; components: TopologyItem[]; connectors: Array<{ label: string; components: TopologyItem[] }> }>; legend: string } | undefined;
  counts: Array<{ verdict: Verdict; count: number; css: string }>;
  /** The groups of the findings, for the category filter. */
  groups: Array<{ name: string; count: number }>;
  /** `cause`: "follows from …" for a finding another one caused; `followers`: how many follow from this one. */
  findings: Array<{ group: string; checks: Array<{ id: string; title: string; verdict: Verdict; css: string; category: string; refs: string; reason: string; seqs: Array<{ seq: number; linked: boolean }>; more: number; cause: string; followers: string }> }>;
  /** `text` is the frame up to FRAME_SHOWN characters; `whole`, when it is longer, opens on click. */
  journal: { file: string; sha256: string; excerpt: Array<{ seq: number; time: string; direction: string; text: string; whole?: string }>; shown: string };
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
  /** Many instances of one component at one place, shown as one collapsed item (`PowerModule × 2000`). */
  instances?: string[];
}

/** From this many instances of one name at one place, they are folded into one item. */
export const TOPOLOGY_FOLD_AT = 5;

const MATRIX_CSS: Record<string, string> = { accepted: 'pass', rejected: 'fail', 'not monitorable': 'fail', 'not present': 'fail', 'not probed': 'na', 'type n/a': 'na', unknown: 'na' };


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

const LABEL_WIDTH = 300;
const PLOT_WIDTH = 460;
const ROW_HEIGHT = 18;

/** The timeline's geometry (server-side SVG) and the timing checks' figures. */
function eventsView(result: AuditResult): ScorecardViewModel['events'] {
  const noEvents = result.upgrade
    ? `${versionLabel(result.upgrade.from)} has no NotifyEvent: the station's errors come as StatusNotification error codes, judged in the findings.`
    : 'No NotifyEvent arrived during the audit.';
  const timeline = result.observations.events;
  const scale = (t: number): number => Math.round((LABEL_WIDTH + (Math.min(t, timeline.durationS) / timeline.durationS) * PLOT_WIDTH) * 10) / 10;
  const kindCss: Record<string, string> = { CustomMonitor: 'pass', HardWiredMonitor: 'warn', PreconfiguredMonitor: 'warn', HardWiredNotification: 'fail' };
  const ticks = 5;
  const timing = result.checks
    .filter((c) => c.id === 'periodic-timing' || c.id === 'clock-aligned-timing')
    .map((c) => ({
      title: c.title,
      verdict: c.verdict,
      css: CSS[c.verdict],
      reason: c.reason,
      figures: timingFigures(c.details ?? {}),
      chart: timingChart(c),
    }));
  return {
    width: LABEL_WIDTH + PLOT_WIDTH + 10,
    height: timeline.rows.length * ROW_HEIGHT + 30,
    axis: Array.from({ length: ticks + 1 }, (_, i) => ({ x: scale((timeline.durationS * i) / ticks), label: `${Math.round((timeline.durationS * i) / ticks)} s` })),
    rows: timeline.rows.map((row, i) => ({ label: row.label, y: i * ROW_HEIGHT + 12, css: kindCss[row.kind] ?? '', points: row.times.map((t) => ({ x: scale(t) })), count: countText(row) })),
    note:
      timeline.rows.length === 0
        ? noEvents
        : `${timelineSummary(timeline)}. Green: the audit's monitors; orange: hard-wired and preconfigured; red: hard-wired notifications.`,
    timing,
  };
}

/** E.g. "4314 event(s) from 10 monitor(s) over 75.7 s (3891 not drawn: thinned out of busy rows)". */
function timelineSummary(timeline: AuditResult['observations']['events']): string {
  const drawn = timeline.rows.reduce((n, row) => n + row.times.length, 0);
  const thinned = timeline.rows.reduce((n, row) => n + Math.max(0, (row.events ?? row.times.length) - row.times.length), 0);
  const { rows, events } = timeline.omitted;
  const why = [rows > 0 ? `${rows} more row(s) left out` : '', thinned > 0 ? 'thinned out of busy rows' : ''].filter(Boolean).join(', ');
  const left = events > 0 ? ` (${events} not drawn: ${why})` : '';
  return `${drawn + events} event(s) from ${timeline.rows.length + rows} monitor(s) over ${timeline.durationS} s${left}`;
}

/** A result.json written before rows carried `events` drew every event it listed. */
function countText(row: { times: readonly number[]; events?: number }): string {
  const events = row.events ?? row.times.length;
  return events > row.times.length ? `${events}, ${row.times.length} drawn` : String(events);
}


/** Which monitor was there in which phase of the base switches, and the level and clearing proofs. */
function monitoringView(result: AuditResult): ScorecardViewModel['monitoring'] {
  const phases = result.observations.monitorPhases;
  if (phases.length === 0) return undefined;
  const ids = [...new Map(phases.flatMap((p) => p.monitors.map((m) => [m.id, m] as const))).values()].sort((a, b) => a.id - b.id);
  const proofs = result.checks.filter((c) => /^(monitoring-bases|monitoring-level|monitoring-clear)/.test(c.id));
  return {
    phases: phases.map((p) => `${p.phase}${p.complete ? '' : ' (incomplete)'}`),
    rows: ids.map((m) => ({
      label: `#${m.id} ${m.label} ${m.type}`,
      cells: phases.map((p) => {
        const found = p.monitors.find((x) => x.id === m.id);
        return found ? `severity ${found.severity}` : '—';
      }),
    })),
    checks: proofs.map((c) => ({ title: c.title, verdict: c.verdict, css: CSS[c.verdict], reason: c.reason })),
  };
}

/**
 * The components at one place, in their order. A name with many instances (a station with 2,000
 * power modules) becomes one collapsed item, so the tree stays readable at any size.
 */
function items(components: ReadonlyArray<{ name: string; instance?: string; status: string }>): TopologyItem[] {
  const css: Record<string, string> = { present: 'pass', 'non-standard': 'warn', missing: 'fail' };
  const instancesOf = new Map<string, string[]>();
  for (const c of components) if (c.instance !== undefined) pushTo(instancesOf, `${c.status}/${c.name}`, c.instance);
  const folded = new Set<string>();
  const result: TopologyItem[] = [];
  for (const c of components) {
    const key = `${c.status}/${c.name}`;
    const instances = c.instance !== undefined ? (instancesOf.get(key) ?? []) : [];
    if (instances.length < TOPOLOGY_FOLD_AT) {
      result.push({ label: `${c.name}${c.instance !== undefined ? `[${c.instance}]` : ''}`, status: c.status, css: css[c.status] ?? '' });
    } else if (!folded.has(key)) {
      folded.add(key);
      result.push({ label: `${c.name} × ${instances.length}`, status: c.status, css: css[c.status] ?? '', instances });
    }
  }
  return result;
}

/** "OCPP 2.1, subprotocol ocpp2.1 (offered: ocpp2.1, ocpp2.0.1)". */
export function protocolText(protocol: NonNullable<AuditResult['station']['protocol']>): string {
  const offered = protocol.offered.length > 1 ? ` (offered: ${protocol.offered.join(', ')})` : '';
  return `${versionLabel(protocol.version)}, subprotocol ${protocol.subprotocol}${offered}`;
}

/** A journal record as trace.jsonl holds it (only what the excerpt shows). */
export interface JournalLine {
  seq: number;
  timestamp?: string;
  record?: string;
  direction?: string;
  event?: string;
  raw?: string;
}

/** The first records of a journal and how many it holds in all. */
export interface JournalExcerpt {
  records: readonly JournalLine[];
  total: number;
}

/** A frame's first characters in the journal table; the whole frame opens on click. */
const FRAME_SHOWN = 300;
/** The most of one frame the page holds (a frame may be megabytes; the journal has it all). */
const FRAME_WHOLE_MAX = 64 * 1024;

function frameText(line: JournalLine): { text: string; whole?: string } {
  if (line.record === 'connection') return { text: line.event ?? '' };
  const raw = line.raw ?? '';
  if (raw.length <= FRAME_SHOWN) return { text: raw };
  const whole = raw.length > FRAME_WHOLE_MAX ? `${raw.slice(0, FRAME_WHOLE_MAX)}… (${raw.length} characters in all: the rest is in the journal)` : raw;
  return { text: `${raw.slice(0, FRAME_SHOWN - 3)}…`, whole };
}

/** How many journal records the page shows before pointing at trace.jsonl for the rest. */
export const JOURNAL_EXCERPT = 400;

export function buildViewModel(result: AuditResult, journal: JournalExcerpt = { records: [], total: 0 }): ScorecardViewModel {
  // The start of the journal and the records the findings cite (read-journal.ts chose them).
  const excerpt = journal.records;
  const inExcerpt = new Set(excerpt.map((line) => line.seq));
  const boot = result.station.boot ?? {};
  const score = result.score ?? null;
  const byVerdict = (verdict: Verdict): number => result.checks.filter((c) => c.verdict === verdict).length;
  const categoryOf = (check: CheckResult): string => result.categories?.find((c) => c.id === check.category || check.category === c.id)?.title ?? check.category;
  const groups = new Map<string, CheckResult[]>();
  for (const check of [...result.checks].sort((a, b) => VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict) || a.id.localeCompare(b.id))) {
    const group = check.id.startsWith('guideline/') ? `Guideline: ${check.id.split('/')[1] ?? ''}` : categoryOf(check);
    pushTo(groups, group, check);
  }
  const worst = result.categories?.filter((c) => c.score !== null).sort((a, b) => (a.score ?? 0) - (b.score ?? 0))[0];
  const first = pageOne(result);
  const protocol = result.station.protocol;
  const olderVersion = result.upgrade ? versionLabel(result.upgrade.from) : undefined;
  const followerCount = new Map<string, number>();
  for (const check of result.checks) if (check.causedBy !== undefined) followerCount.set(check.causedBy, (followerCount.get(check.causedBy) ?? 0) + 1);
  const incomplete = first.incomplete;
  const verdict =
    score === null
      ? 'Nothing could be scored: see the findings for why.'
      : `Scores ${score} of 100 (${first.grade}) against ${result.guideline?.title ?? 'the guideline'}${result.upgrade && olderVersion ? ` (an ${olderVersion} grade: not comparable with the grades of ${versionLabel(result.upgrade.to)} and later stations, which answer to a larger guideline)` : ''}. ${byVerdict('FAIL')} check(s) failed and ${byVerdict('WARN')} warned out of ${result.checks.length}.${worst ? ` Weakest: ${worst.title.toLowerCase()} (${worst.score}): ${worst.verdict}.` : ''}`;
  return {
    title: `OCPP diagnostics scorecard: ${result.station.identity}`,
    station: { identity: result.station.identity, vendor: boot.vendorName ?? '–', model: boot.model ?? '–', serial: boot.serialNumber ?? '–', firmware: boot.firmwareVersion ?? '–', ...(protocol ? { protocol: protocolText(protocol) } : {}) },
    guideline: result.guideline ? { ...result.guideline, sources: (result.guideline.sources ?? []).map((source) => `${source.title} (${[source.publisher, source.version].filter((p) => p !== undefined).join(", ")})`) } : undefined,
    date: result.timings.startedAt.slice(0, 19).replace('T', ' ') + ' UTC',
    tool: `${result.tool.name} ${result.tool.version}`,
    score: { value: score === null ? '–' : String(score), grade: incomplete ? 'incomplete' : (result.grade ?? '–'), gauge: { arc: gaugeArc((score ?? 0) / 100), color: colorOf(score) } },
    verdict,
    incomplete,
    mustHaves: first.mustHaves,
    fixFirst: first.fixFirst,
    coverage: first.coverage,
    upgrade: first.upgrade,
    ...(olderVersion
      ? {
          sectionsNote: `${olderVersion} has no device model: there is no topology, monitorability or monitoring behaviour to show. Its configuration keys stand in for the inventory and are judged under "Guideline: configurationKeys" in the findings.`,
          certificationNote: `${olderVersion} stations have no TC_B or TC_N certification test cases: certification.html lists none for this station, and this audit rehearses no ${olderVersion} certification test.`,
        }
      : {}),
    events: eventsView(result),
    monitoring: monitoringView(result),
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
    groups: [...groups].map(([name, checks]) => ({ name, count: checks.length })),
    findings: [...groups].map(([group, checks]) => ({
      group,
      checks: checks.map((c) => ({
        id: c.id,
        title: c.title,
        verdict: c.verdict,
        css: CSS[c.verdict],
        category: c.category,
        refs: c.refs.join(', '),
        reason: c.reason,
        seqs: c.seqs.slice(0, 12).map((seq) => ({ seq, linked: inExcerpt.has(seq) })),
        more: Math.max(0, c.seqs.length - 12),
        cause: c.causedBy !== undefined ? c.causedBy : '',
        followers: followerCount.has(c.id) ? `${followerCount.get(c.id)} more finding(s) follow from this one; they weigh once, here` : '',
      })),
    })),
    journal: {
      file: result.files.journal,
      sha256: result.files.journalSha256 ?? '–',
      excerpt: excerpt.map((line) => ({
        seq: line.seq,
        time: (line.timestamp ?? '').slice(11, 23),
        direction: line.record === 'connection' ? 'connection' : line.direction === 'cp-to-csms' ? 'station →' : '→ station',
        ...frameText(line),
      })),
      shown: journal.total === 0 ? 'The journal was not at hand when this page was made.' : journal.total > excerpt.length ? `${excerpt.length} of ${journal.total} records: the first ones and every frame a finding cites; the rest are in the journal file.` : `All ${journal.total} records.`,
    },
    options: Object.entries(result.options).map(([name, value]) => ({ name, value: typeof value === 'string' ? value : JSON.stringify(value) })),
    cases: result.cases.map((c) => ({ id: c.id, title: c.title, status: c.status, reason: c.reason ?? '' })),
    resultJson: JSON.stringify(result),
  };
}
