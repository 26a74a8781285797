import type { Evidence } from '../evidence/evidence.js';
import { resultOf, type Check, type CheckResult } from './check.js';
import { lookUpBaseReport } from './inventory/report-case.js';
import { fullInventory } from './inventory/full-inventory.js';
import { reportItems, uniqueSeqs } from './inventory/report-items.js';
import { judgeSummaryContent } from './inventory/summary-content.js';
import { plural } from './inventory/summary-text.js';

/**
 * GetBaseReport(SummaryInventory) is optional since the 2023-12 errata: a station either accepts
 * it and sends the report (TC_B_14) or answers NotSupported (TC_B_15). Both pass. EmptyResultSet
 * warns (plausible for a station that only summarises raised problems, but the summary should hold
 * availability too). Rejected, an accepted request whose report never completes, or a CALLERROR fails.
 * A complete report is judged for content too (issue 13): the whole device model returned as a
 * summary fails, other items beyond availability and current problems warn.
 */
export const summaryInventory: Check = {
  id: 'summary-inventory',
  title: 'SummaryInventory is either reported or declined with NotSupported',
  refs: ['B07', 'TC_B_14', 'TC_B_15'],
  category: 'inventory',
  evaluate(evidence: Evidence): CheckResult {
    const check = summaryInventory;
    const lookup = lookUpBaseReport(evidence, 'inventory-summary', 'SummaryInventory');
    switch (lookup.kind) {
      case 'unavailable':
        return resultOf(check, lookup.verdict, lookup.reason, lookup.seqs);
      case 'request-failed': {
        const details = { failure: lookup.failureKind, ...(lookup.errorCode !== undefined ? { errorCode: lookup.errorCode } : {}) };
        if (lookup.errorCode !== undefined) {
          return resultOf(check, 'FAIL', `The station answered GetBaseReport(SummaryInventory) with CALLERROR ${lookup.errorCode}. A station without SummaryInventory should answer the request normally with status NotSupported.`, lookup.seqs, details);
        }
        if (lookup.failureKind === 'disconnected') {
          return resultOf(check, 'INCONCLUSIVE', `The connection dropped before the station answered GetBaseReport(SummaryInventory) (${lookup.description}).`, lookup.seqs, details);
        }
        return resultOf(check, 'FAIL', `The station gave no usable answer to GetBaseReport(SummaryInventory): ${lookup.description}.`, lookup.seqs, details);
      }
      case 'answered': {
        const statusInfo = lookup.request.response?.['statusInfo'];
        const details: Record<string, unknown> = { status: lookup.status, ...(statusInfo !== undefined ? { statusInfo } : {}) };
        if (lookup.status === 'NotSupported') {
          details['supported'] = false;
          return resultOf(check, 'PASS', 'The station does not offer SummaryInventory and said so with NotSupported, which is allowed: the report base is optional.', lookup.seqs, details);
        }
        if (lookup.status === 'EmptyResultSet') {
          // Legal on its face: a station that limits the summary to raised problem flags has nothing to say when all is well.
          // But the summary is meant to carry the availability of station, EVSEs and connectors too, which is never empty.
          return resultOf(
            check,
            'WARN',
            'The station answered GetBaseReport(SummaryInventory) with EmptyResultSet. That fits a station that only reports raised problem flags, but a summary is expected to include the availability of the station, its EVSEs and connectors; OCTT TC_B_14 expects a report.',
            lookup.seqs,
            details,
          );
        }
        if (lookup.status !== 'Accepted') {
          return resultOf(check, 'FAIL', `The station answered GetBaseReport(SummaryInventory) with ${lookup.status ?? 'no status'}; it should either accept and report, or answer NotSupported.`, lookup.seqs, details);
        }
        details['supported'] = true;
        const report = lookup.report;
        if (!report) return resultOf(check, 'INCONCLUSIVE', 'The station accepted GetBaseReport(SummaryInventory), but the audit did not collect its report parts.', lookup.seqs, details);
        const seqs = [...lookup.seqs, ...report.messages.map((m) => m.seq)].sort((a, b) => a - b);
        const items = reportItems(report.messages).items;
        Object.assign(details, { parts: report.messages.length, items: items.length, complete: report.complete });
        if (report.messages.length === 0) {
          return resultOf(check, 'FAIL', 'The station accepted GetBaseReport(SummaryInventory) but sent no NotifyReport for it before the wait ended.', seqs, details);
        }
        if (!report.complete) {
          return resultOf(check, 'FAIL', `The station accepted GetBaseReport(SummaryInventory) but its report never completed (${plural(report.messages.length, 'part')} arrived, but never the last one).`, seqs, details);
        }
        // Content, not only arrival: a summary is availability and current problems, not the whole model.
        const inventory = fullInventory(evidence);
        const content = judgeSummaryContent(items, inventory.kind === 'items' && inventory.complete ? inventory.items : undefined);
        Object.assign(details, content.details);
        const arrived = `The station accepted GetBaseReport(SummaryInventory) and reported ${plural(items.length, 'item')} in ${plural(report.messages.length, 'part')}.`;
        return resultOf(check, content.verdict, `${arrived} ${content.reason}`, content.verdict === 'PASS' ? seqs : uniqueSeqs([...lookup.seqs, ...content.seqs]), details);
      }
    }
  },
};
