import type { Verdict } from '../checks/check.js';
import { ToolError } from '../errors.js';
import type { AuditResult } from '../result/audit-result.js';

/** Stations side by side against one guideline, for procurement (or two firmware versions). */
export interface CompareViewModel {
  title: string;
  guideline: string;
  stations: Array<{ label: string; detail: string; score: string; grade: string }>;
  categories: Array<{ title: string; cells: Array<{ text: string; css: string }>; differs: boolean }>;
  requirements: Array<{ id: string; title: string; cells: Array<{ text: string; css: string }>; differs: boolean }>;
  summary: string;
}

const CSS: Record<Verdict, string> = { PASS: 'pass', FAIL: 'fail', WARN: 'warn', INCONCLUSIVE: 'inconclusive', 'NOT APPLICABLE': 'na' };

/**
 * Lines results up by category and by check. Results scored against different guidelines are
 * refused: their requirements are not the same list (re-score the evidence with one guideline).
 */
export function buildCompareViewModel(results: readonly AuditResult[]): CompareViewModel {
  if (results.length < 2) throw new ToolError('ERR_INVALID_OPTION', 'compare needs at least two results');
  const guidelines = [...new Set(results.map((r) => (r.guideline ? `${r.guideline.id} ${r.guideline.version}` : 'no guideline')))];
  if (guidelines.length > 1) {
    throw new ToolError('ERR_INVALID_OPTION', `the results were scored against different guidelines (${guidelines.join(', ')}); re-score them with one: compare --guideline <id>`);
  }
  const stations = results.map((r) => {
    const boot = r.station.boot ?? {};
    return {
      label: `${r.station.identity}${boot.firmwareVersion ? ` (${boot.firmwareVersion})` : ''}`,
      detail: `${boot.vendorName ?? '–'} ${boot.model ?? ''}, audited ${r.timings.startedAt.slice(0, 10)}`,
      score: r.score === null || r.score === undefined ? '–' : String(r.score),
      grade: r.grade ?? '–',
    };
  });
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
    return {
      id,
      title: verdicts.find((c) => c)?.title ?? id,
      cells: verdicts.map((c) => (c ? { text: c.verdict, css: CSS[c.verdict] } : { text: 'not run', css: 'na' })),
      differs: new Set(verdicts.map((c) => c?.verdict ?? 'not run')).size > 1,
    };
  });
  const differing = requirements.filter((r) => r.differs).length;
  return {
    title: `OCPP diagnostics comparison: ${stations.map((s) => s.label).join(' vs ')}`,
    guideline: guidelines[0] ?? '',
    stations,
    categories,
    // Differences first: that is what a buyer (or a firmware review) reads.
    requirements: [...requirements.filter((r) => r.differs), ...requirements.filter((r) => !r.differs)],
    summary: `${results.length} results against ${guidelines[0] ?? ''}: ${differing} of ${requirements.length} checks differ; highest overall score ${stations.reduce((best, s) => (Number(s.score) > Number(best.score) || best.score === '–' ? s : best)).label}.`,
  };
}
