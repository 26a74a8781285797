import { VERDICT_CSS as CSS } from './verdict-style.js';
import { ToolError } from '../errors.js';
import type { AuditResult } from '../result/audit-result.js';
import { runFacts, type RunFacts } from './run-facts.js';

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
  /** The scorecard beside its result.json, relative to the comparison page (absent when there is none). */
  link?: string;
}

/** Stations side by side against one guideline, for procurement (or two firmware versions). */
export interface CompareViewModel {
  title: string;
  guideline: string;
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
  if (guidelines.length > 1) {
    throw new ToolError('ERR_INVALID_OPTION', `the results were scored against different guidelines (${guidelines.join(', ')}); re-score them with one: compare --guideline <id>`);
  }
  const stations = distinctLabels(
    results.map((r, index): CompareStation => {
      const boot = r.station.boot ?? {};
      const link = options.links?.[index];
      return { ...runFacts(r, labels[index]), detail: `${boot.vendorName ?? '–'} ${boot.model ?? ''}`.trim(), ...(link ? { link } : {}) };
    }),
    labels.length > 0,
  );
  const categoryIds = [...new Set(results.flatMap((r) => (r.categories ?? []).map((c) => c.id)))];
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
  const checkIds = [...new Set(results.flatMap((r) => r.checks.map((c) => c.id)))].sort();
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
