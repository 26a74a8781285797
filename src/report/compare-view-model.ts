import { VERDICT_CSS as CSS } from './verdict-style.js';
import { ToolError } from '../errors.js';
import type { AuditResult } from '../result/audit-result.js';
import { runFacts, type RunFacts } from './run-facts.js';
import type { Capability } from '../result/capabilities.js';
import { ocppVersionOf, versionLabel } from '../evidence/ocpp-version.js';
import { OCPP_VERSIONS, type OcppVersion } from '../ocpp/protocol.js';
import { protocolText } from './view-model.js';

export interface CompareCell {
  text: string;
  css: string;
  /** The check's reason (what the station did), given in the rows where the stations differ. */
  reason?: string;
  /** Lines under the value (why a run is incomplete, which must-haves capped its grade). */
  notes?: string[];
}

export interface CompareRow {
  title: string;
  cells: CompareCell[];
  differs: boolean;
}

/** One column: a run, told apart by its label, when it ran and a link to its scorecard. */
export interface CompareStation extends RunFacts {
  detail: string;
  /** "OCPP 1.6, subprotocol ocpp1.6" (results from before versions were recorded: OCPP 2.0.1). */
  ocpp: string;
  /** The scorecard beside its result.json, relative to the comparison page (absent when there is none). */
  link?: string;
}

/**
 * Results of different OCPP versions (a model's 1.6 and 2.0.1 firmware): what the newer version
 * gives, capability by capability, in place of a check-by-check diff of two unrelated catalogues.
 */
export interface UpgradeComparison {
  /** "OCPP 1.6 → OCPP 2.0.1". */
  title: string;
  rows: Array<{ title: string; then: string; cells: CompareCell[]; gained: boolean; differs: boolean }>;
  /** The capabilities the newer version's results have and the older's lack or have in part. */
  gained: string[];
  /** Why the check and category tables hold only what both catalogues share. */
  note: string;
}

/** Stations side by side against one guideline, for procurement (or two firmware versions). */
export interface CompareViewModel {
  title: string;
  guideline: string;
  /** Set when the results speak different OCPP versions. */
  upgrade?: UpgradeComparison;
  stations: CompareStation[];
  /** Overall score, grade, coverage, and the FAIL / WARN / INCONCLUSIVE counts. */
  overview: CompareRow[];
  categories: CompareRow[];
  requirements: Array<CompareRow & { id: string }>;
  summary: string;
}

/** What the command knows beside the results: the user's labels, and each scorecard's link. */
export interface CompareOptions {
  /** One per result, in order (`compare --label`). */
  labels?: readonly string[];
  links?: ReadonlyArray<string | undefined>;
  /** Each result's capabilities from its evidence (compare-command reads them when versions differ); else the result's own, if it has them. */
  capabilities?: ReadonlyArray<Capability[] | undefined>;
}


/**
 * Lines results up by category and by check. Results scored against different guidelines are
 * refused: their requirements are not the same list (re-score the evidence with one guideline).
 */
export function buildCompareViewModel(results: readonly AuditResult[], options: CompareOptions = {}): CompareViewModel {
  if (results.length < 2) throw new ToolError('ERR_INVALID_OPTION', 'compare needs at least two results');
  const labels = options.labels ?? [];
  if (labels.length > 0 && labels.length !== results.length) {
    throw new ToolError('ERR_INVALID_OPTION', `${labels.length} --label for ${results.length} results: give one label per result, in the order of the results`);
  }
  const guidelines = [...new Set(results.map((r) => (r.guideline ? `${r.guideline.id} ${r.guideline.version}` : 'no guideline')))];
  const versions = results.map((r) => ocppVersionOf(r));
  // Different versions are different catalogues and guidelines: compared by what each can do.
  const acrossVersions = new Set(versions).size > 1;
  if (guidelines.length > 1 && !acrossVersions) {
    throw new ToolError('ERR_INVALID_OPTION', `the results were scored against different guidelines (${guidelines.join(', ')}); re-score them with one: compare --guideline <id>`);
  }
  const stations = distinctLabels(
    results.map((r, index): CompareStation => {
      const boot = r.station.boot ?? {};
      const link = options.links?.[index];
      const ocpp = r.station.protocol ? protocolText(r.station.protocol) : versionLabel(ocppVersionOf(r));
      return { ...runFacts(r, labels[index]), detail: `${boot.vendorName ?? '–'} ${boot.model ?? ''}`.trim(), ocpp, ...(link ? { link } : {}) };
    }),
    labels.length > 0,
  );
  // Across versions only what every result was scored on lines up; the rest belongs to one catalogue.
  const shared = <T>(lists: ReadonlyArray<readonly T[]>): T[] => [...new Set(lists.flat())].filter((item) => !acrossVersions || lists.every((list) => list.includes(item)));
  const categoryIds = shared(results.map((r) => (r.categories ?? []).map((c) => c.id)));
  const categories = categoryIds.map((id) => {
    const scores = results.map((r) => r.categories?.find((c) => c.id === id)?.score ?? null);
    const best = Math.max(...scores.map((s) => s ?? -1));
    const worst = Math.min(...scores.map((s) => s ?? 101));
    return {
      title: results.flatMap((r) => r.categories ?? []).find((c) => c.id === id)?.title ?? id,
      cells: scores.map((s) => ({ text: s === null ? '–' : String(s), css: s === null ? 'na' : best !== worst && s === best ? 'pass' : best !== worst && s === worst ? 'fail' : '' })),
      differs: new Set(scores).size > 1,
    };
  });
  const allCheckIds = [...new Set(results.flatMap((r) => r.checks.map((c) => c.id)))];
  const checkIds = shared(results.map((r) => r.checks.map((c) => c.id))).sort();
  const requirements = checkIds.map((id) => {
    const verdicts = results.map((r) => r.checks.find((c) => c.id === id));
    const differs = new Set(verdicts.map((c) => c?.verdict ?? 'not run')).size > 1;
    return {
      id,
      title: verdicts.find((c) => c)?.title ?? id,
      // Where the stations differ, each cell says why: the verdict alone does not tell a buyer what happened.
      cells: verdicts.map((c) => (c ? { text: c.verdict, css: CSS[c.verdict], ...(differs && c.reason ? { reason: c.reason } : {}) } : { text: 'not run', css: 'na' })),
      differs,
    };
  });
  const differing = requirements.filter((r) => r.differs).length;
  const incomplete = stations.filter((s) => s.incomplete).map((s) => s.label);
  const capped = stations.filter((s) => s.capped).map((s) => s.label);
  const upgrade = acrossVersions ? upgradeComparison(results, versions, options.capabilities, allCheckIds.length - checkIds.length) : undefined;
  const tail = `${incomplete.length > 0 ? `; incomplete, no grade: ${incomplete.join(', ')}` : ''}${capped.length > 0 ? `; grade capped by a failed must-have: ${capped.join(', ')}` : ''}.`;
  if (upgrade) {
    return {
      title: `OCPP diagnostics comparison: ${stations.map((s) => `${s.label} (${versionLabel(versions[stations.indexOf(s)] ?? '2.0.1')})`).join(' vs ')}`,
      guideline: guidelines.join(' vs '),
      upgrade,
      stations,
      overview: overviewRows(stations),
      categories,
      requirements: [...requirements.filter((r) => r.differs), ...requirements.filter((r) => !r.differs)],
      summary:
        `${upgrade.title}: ${upgrade.gained.length > 0 ? `the newer version gives ${upgrade.gained.join(', ')}` : 'the evidence shows no capability the newer version adds'}. ` +
        `Each result is graded against its own version's guideline (${guidelines.join(' vs ')}): the grades do not compare 1:1${tail}`,
    };
  }
  return {
    title: `OCPP diagnostics comparison: ${stations.map((s) => s.label).join(' vs ')}`,
    guideline: guidelines[0] ?? '',
    stations,
    overview: overviewRows(stations),
    categories,
    // Differences first: that is what a buyer (or a firmware review) reads.
    requirements: [...requirements.filter((r) => r.differs), ...requirements.filter((r) => !r.differs)],
    summary:
      `${results.length} results against ${guidelines[0] ?? ''}: ${differing} of ${requirements.length} checks differ; highest overall score ${stations.reduce((best, s) => (Number(s.score) > Number(best.score) || best.score === '–' ? s : best)).label}` +
      `${incomplete.length > 0 ? `; incomplete, no grade: ${incomplete.join(', ')}` : ''}${capped.length > 0 ? `; grade capped by a failed must-have: ${capped.join(', ')}` : ''}.`,
  };
}

const RANK: Record<Capability['has'], number | undefined> = { yes: 2, partly: 1, no: 0, unknown: undefined };
const HAS_CSS: Record<Capability['has'], string> = { yes: 'pass', partly: 'warn', no: 'fail', unknown: 'na' };

/**
 * Capability by capability, what each result showed; a row is gained when every result of the
 * newest version shows more of it than every result of the oldest (unknowns decide nothing).
 */
function upgradeComparison(results: readonly AuditResult[], versions: readonly OcppVersion[], given: CompareOptions['capabilities'], unshared: number): UpgradeComparison {
  const lists = results.map((r, i) => given?.[i] ?? r.upgrade?.capabilities);
  const ordered = [...new Set(versions)].sort((a, b) => OCPP_VERSIONS.indexOf(b) - OCPP_VERSIONS.indexOf(a));
  const oldest = ordered[0] ?? '1.6';
  const newest = ordered[ordered.length - 1] ?? '2.0.1';
  const ids = [...new Set(lists.flatMap((list) => (list ?? []).map((c) => c.id)))];
  const rows = ids.map((id) => {
    const found = lists.map((list) => list?.find((c) => c.id === id));
    const known = found.find((c) => c !== undefined);
    const cells = found.map((c, i): CompareCell => (c ? { text: c.has, css: HAS_CSS[c.has], reason: c.now } : { text: 'unknown', css: 'na', reason: lists[i] ? 'not judged for this station' : 'its evidence.json was not at hand' }));
    const ranks = (version: OcppVersion): Array<number | undefined> => found.filter((_, i) => versions[i] === version).map((c) => (c ? RANK[c.has] : undefined));
    const older = ranks(oldest);
    const newer = ranks(newest);
    const gained = older.every((r) => r !== undefined) && newer.every((r) => r !== undefined) && Math.min(...newer) > Math.max(...older);
    return { title: capitalised(known?.title ?? id), then: known?.then ?? '', cells, gained, differs: new Set(cells.map((c) => c.text)).size > 1 };
  });
  return {
    title: `${versionLabel(oldest)} → ${versionLabel(newest)}`,
    rows,
    gained: rows.filter((r) => r.gained).map((r) => r.title.charAt(0).toLowerCase() + r.title.slice(1)),
    note: `The results speak different OCPP versions, so their catalogues and guidelines differ: the tables below hold only the categories and checks both were judged on${unshared > 0 ? ` (${unshared} check(s) belong to one version's catalogue and are not lined up)` : ''}.`,
  };
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The same station audited twice has the same default label: the time of each audit tells them apart. */
function distinctLabels(stations: CompareStation[], given: boolean): CompareStation[] {
  if (given) return stations;
  const count = new Map<string, number>();
  for (const s of stations) count.set(s.label, (count.get(s.label) ?? 0) + 1);
  return stations.map((s) => ((count.get(s.label) ?? 0) > 1 ? { ...s, label: `${s.label}, ${s.auditedAt}` } : s));
}

function overviewRows(stations: readonly CompareStation[]): CompareRow[] {
  const row = (title: string, cells: CompareCell[]): CompareRow => ({ title, cells, differs: new Set(cells.map((c) => c.text)).size > 1 });
  const count = (value: number, css: string): CompareCell => ({ text: String(value), css: value > 0 ? css : '' });
  return [
    row('Overall score', stations.map((s) => ({ text: s.score, css: '' }))),
    row(
      'Grade',
      stations.map((s) => ({
        text: s.grade,
        css: s.incomplete || s.capped ? 'warn' : '',
        ...(s.failedMustHaves.length > 0 ? { notes: s.failedMustHaves.map((title) => `must-have failed: ${title}`) } : {}),
      })),
    ),
    row('Coverage', stations.map((s) => ({ text: s.coverage, css: s.incomplete ? 'warn' : '', ...(s.incompleteBecause.length > 0 ? { notes: s.incompleteBecause } : {}) }))),
    row('FAIL', stations.map((s) => count(s.fails, 'fail'))),
    row('WARN', stations.map((s) => count(s.warns, 'warn'))),
    row('INCONCLUSIVE', stations.map((s) => count(s.inconclusive, 'inconclusive'))),
  ];
}
