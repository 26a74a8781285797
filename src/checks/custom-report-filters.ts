import type { CaseEvidence, DeviceModelEntry, Evidence } from '../evidence/evidence.js';
import { resultOf, type Check, type CheckResult } from './check.js';
import { fullInventory } from './inventory/full-inventory.js';
import { collectedReportOf, CUSTOM_REPORT_CASE, CUSTOM_REPORTS, findCase, getReportLabel, lookUpReport, type CollectedReport } from './inventory/report-case.js';
import { componentCriteria, componentKey, componentVariableFilters, criterionValue, filterLabel, matchesFilter, type Criterion } from './inventory/report-filter.js';
import { componentLabel, itemKey, itemLabel, reportItems, uniqueSeqs } from './inventory/report-items.js';
import { listSome, plural } from './inventory/summary-text.js';

type CustomReport = (typeof CUSTOM_REPORTS)[number];

/**
 * Report content, not only arrival (issue 13): what a GetReport brings back answers what was
 * asked. With componentVariable (TC_B_17, TC_B_54; wildcards B08.FR.22–25) every item must match
 * a requested component/variable (FAIL otherwise: the filter was ignored), and every item of the
 * FullInventory that matches should come back (WARN when some do not). With componentCriteria
 * (TC_B_16) every component returned must meet a criterion; a component whose Problem is false
 * fails it, one without any Problem variable only warns (a missing Problem counts as no problem,
 * as libocpp reads it). The criteria report has no step check of its own: its arrival is judged
 * here. One result per request, id `custom-report-filters/<request>`.
 */
export const customReportFilters: Check = {
  id: 'custom-report-filters',
  title: 'GetReport returns what was asked for',
  refs: ['B08', 'B08.FR.22', 'B08.FR.23', 'B08.FR.24', 'B08.FR.25', 'TC_B_16', 'TC_B_17', 'TC_B_54'],
  category: 'inventory',
  evaluate(evidence: Evidence): CheckResult[] {
    const found = findCase(evidence, CUSTOM_REPORT_CASE);
    return CUSTOM_REPORTS.map((spec) => {
      const meta = { id: `${customReportFilters.id}/${spec.request}`, title: '', refs: ['B08', spec.testCase], category: customReportFilters.category };
      if ('kind' in found) return resultOf({ ...meta, title: `GetReport (${spec.request}) returns what was asked for` }, found.verdict, found.reason, found.seqs);
      const call = found.captures[spec.request];
      const label = getReportLabel(call?.kind === 'call' ? call.request : undefined, spec.request);
      const titled = { ...meta, title: `${label} returns what was asked for` };
      return spec.request === 'criteria' ? judgeCriteria(evidence, found, spec, label, titled) : judgeComponentVariables(evidence, spec, label, titled);
    });
  },
};

type Meta = Parameters<typeof resultOf>[0];

/** FullInventory items to compare with, when a complete one is at hand. */
function completeInventory(evidence: Evidence): readonly DeviceModelEntry[] | undefined {
  const inventory = fullInventory(evidence);
  return inventory.kind === 'items' && inventory.complete ? inventory.items : undefined;
}

function judgeComponentVariables(evidence: Evidence, spec: CustomReport, label: string, meta: Meta): CheckResult {
  const collected = collectedReportOf(lookUpReport(evidence, CUSTOM_REPORT_CASE, label, spec.request, spec.report), label, true);
  if (collected.kind === 'unavailable') return resultOf(meta, collected.verdict, collected.reason, collected.seqs);
  const filters = componentVariableFilters(collected.answered.request.request);
  const { items, seqs } = contentOf(collected);
  if (filters.length === 0) return resultOf(meta, 'INCONCLUSIVE', `The ${label} request held no componentVariable, so there is no filter to judge.`, seqs);
  if (collected.report.messages.length === 0) return resultOf(meta, 'INCONCLUSIVE', `No part of the ${label} report arrived, so there is no content to judge (${spec.arrival} judges the missing report).`, seqs);

  const asked = filters.map(filterLabel).join(', ');
  const extra = items.filter((item) => !filters.some((filter) => matchesFilter(item, filter)));
  const inventory = completeInventory(evidence);
  const returned = new Set(items.map(itemKey));
  const missing = (inventory ?? []).filter((item) => filters.some((filter) => matchesFilter(item, filter)) && !returned.has(itemKey(item)));
  const details = { asked: filters.map(filterLabel), items: items.length, outsideRequest: unique(extra.map(itemLabel)), missingFromFullInventory: unique(missing.map(itemLabel)), reportComplete: collected.report.complete };

  if (extra.length > 0) {
    return resultOf(meta, 'FAIL', `${plural(extra.length, 'item')} of ${items.length} in the ${label} report answer nothing that was asked (${asked}): ${listSome(details.outsideRequest, 5)}. The filter was not applied.`, uniqueSeqs(extra.map((item) => item.seq)), details);
  }
  if (!collected.report.complete) {
    return resultOf(meta, 'INCONCLUSIVE', `The ${plural(items.length, 'item')} of the ${label} report that arrived all answer the request, but the report never finished, so whether every matching item came is unknown (${spec.arrival} judges the cut-off).`, seqs, details);
  }
  if (missing.length > 0) {
    return resultOf(meta, 'WARN', `The ${label} report holds only what was asked, but ${plural(missing.length, 'matching item')} of the FullInventory did not come back: ${listSome(details.missingFromFullInventory, 5)}.`, uniqueSeqs([...seqs, ...missing.map((item) => item.seq)]), details);
  }
  const completeness = inventory ? ', and every matching item of the FullInventory came back' : ' (no complete FullInventory to check that every matching item came)';
  return resultOf(meta, 'PASS', `The ${label} report holds ${plural(items.length, 'item')}, ${items.length === 1 ? 'answering' : 'all answering'} ${asked}${completeness}.`, seqs, details);
}

function judgeCriteria(evidence: Evidence, testCase: CaseEvidence, spec: CustomReport, label: string, meta: Meta): CheckResult {
  const lookup = lookUpReport(evidence, CUSTOM_REPORT_CASE, label, spec.request, spec.report);
  if (lookup.kind !== 'answered') {
    const collected = collectedReportOf(lookup, label, true);
    return collected.kind === 'unavailable' ? resultOf(meta, collected.verdict, collected.reason, collected.seqs) : resultOf(meta, 'INCONCLUSIVE', `${label} got no usable answer.`, lookup.seqs);
  }
  const criteria = componentCriteria(lookup.request.request);
  if (criteria.length === 0) return resultOf(meta, 'INCONCLUSIVE', `The ${label} request held no componentCriteria, so there is no criterion to judge.`, lookup.seqs);
  const asked = criteria.join(' or ');
  const inventory = completeInventory(evidence);

  if (lookup.status === 'EmptyResultSet') {
    // Nothing came back: right when no component of the FullInventory meets the criteria (it may have changed since).
    const meeting = inventory ? componentsMeeting(inventory, criteria) : [];
    if (meeting.length > 0) {
      return resultOf(meta, 'WARN', `The station answered ${label} with EmptyResultSet, but in its FullInventory ${listSome(meeting.map(componentLabel), 5)} met ${asked} (it may have changed since).`, lookup.seqs, { status: lookup.status, meetingInFullInventory: meeting.map(componentLabel) });
    }
    const why = inventory ? `: no component of its FullInventory reports ${asked} true either` : '';
    return resultOf(meta, 'PASS', `The station answered ${label} with EmptyResultSet${why}.`, lookup.seqs, { status: lookup.status });
  }
  if (lookup.status === 'NotSupported') {
    return resultOf(meta, 'NOT APPLICABLE', `The station answered ${label} with NotSupported: it does not filter by ${asked}, which it may (B08).`, lookup.seqs, { status: lookup.status });
  }
  if (lookup.status !== 'Accepted') return resultOf(meta, 'INCONCLUSIVE', `The station answered ${label} with ${lookup.status ?? 'no status'}, so no report came to judge (the case's own check judges the answer).`, lookup.seqs);

  // This report has no step check of its own: its arrival is judged here.
  const collected = collectedReportOf(lookup, label, true);
  if (collected.kind === 'unavailable') return resultOf(meta, collected.verdict, collected.reason, collected.seqs);
  const { items, seqs } = contentOf(collected);
  const away = testCase.steps.find((step) => step.id === spec.report)?.inconclusive === true;
  const parts = collected.report.messages.length;
  if (!collected.report.complete) {
    const what = parts === 0 ? 'no part of its report arrived' : `its report never finished (${plural(parts, 'part')} arrived, the last announcing more)`;
    return resultOf(meta, away ? 'INCONCLUSIVE' : 'FAIL', `The station accepted ${label} but ${what}${away ? ', and the connection was lost meanwhile' : ''}.`, seqs, { status: lookup.status, parts });
  }

  const components = new Map(items.map((item) => [componentKey(item.component), item.component]));
  const failing: string[] = [];
  const unknown: string[] = [];
  for (const component of components.values()) {
    const values = criteria.map((criterion) => criterionValue(component, criterion, items, inventory ?? []));
    if (criteria.some((criterion, index) => meets(criterion, values[index]))) continue;
    if (values.some((value) => value !== undefined)) failing.push(`${componentLabel(component)} (${criteria.map((criterion, index) => `${criterion} ${values[index] ?? 'not reported'}`).join(', ')})`);
    else unknown.push(componentLabel(component));
  }
  const details = { status: lookup.status, components: components.size, notMeeting: failing, withoutCriterionVariable: unknown };
  if (failing.length > 0) {
    return resultOf(meta, 'FAIL', `${plural(failing.length, 'component')} of ${components.size} in the ${label} report do not meet ${asked}: ${listSome(failing, 5)}. The criteria were not applied.`, seqs, details);
  }
  if (unknown.length > 0) {
    return resultOf(meta, 'WARN', `${plural(unknown.length, 'component')} in the ${label} report report no ${asked} variable at all: ${listSome(unknown, 5)}; a component without one has nothing to meet the criterion with.`, seqs, details);
  }
  return resultOf(meta, 'PASS', `The ${label} report holds ${plural(components.size, 'component')}, each meeting ${asked}.`, seqs, details);
}

/** B08 criteria as libocpp reads them: a missing Active/Available/Enabled counts as true, a missing Problem as false. */
function meets(criterion: Criterion, value: string | undefined): boolean {
  return value === undefined ? criterion !== 'Problem' : value.trim().toLowerCase() === 'true';
}

/** The components of the FullInventory that meet a criterion with a reported true value. */
function componentsMeeting(inventory: readonly DeviceModelEntry[], criteria: readonly Criterion[]): Array<DeviceModelEntry['component']> {
  const components = new Map(inventory.map((item) => [componentKey(item.component), item.component]));
  return [...components.values()].filter((component) => criteria.some((criterion) => criterionValue(component, criterion, inventory)?.trim().toLowerCase() === 'true'));
}

function contentOf(collected: CollectedReport): { items: DeviceModelEntry[]; seqs: number[] } {
  const { items } = reportItems(collected.report.messages);
  return { items, seqs: uniqueSeqs([...collected.answered.seqs, ...collected.report.messages.map((m) => m.seq)]) };
}

function unique(labels: readonly string[]): string[] {
  return [...new Set(labels)];
}
