import { randomUUID } from 'node:crypto';
import { selectEntries, type ComponentVariableFilter } from '../device-model/component-variable-filter.js';
import type { DeviceModel } from '../device-model/device-model.js';
import type { ComponentRef, VariableEntry } from '../device-model/types.js';
import { enforceLimits, limitOf } from './message-limits.js';
import { entriesForBase, paginate, toReportData, type ReportBase, type ReportData } from './report-data.js';
import type { StationContext, StationHandler } from './station-context.js';

type Criterion = 'Active' | 'Available' | 'Enabled' | 'Problem';

/**
 * GetBaseReport (B07) and GetReport (B08): answer first, then send the report as NotifyReport
 * parts numbered from seqNo 0 with `tbc` on all but the last, paged by
 * DeviceDataCtrlr.ItemsPerMessage / BytesPerMessage [GetReport].
 */
export function reportingHandlers(context: StationContext): Record<string, StationHandler> {
  const { model, profile } = context;
  const handlers: Record<string, StationHandler> = {
    GetBaseReport: (payload) => {
      const base = payload['reportBase'] as ReportBase;
      const requestId = payload['requestId'] as number;
      // SummaryInventory is optional since the 2023 errata (TC_B_15).
      if (base === 'SummaryInventory' && !profile.supports.summaryInventory) return { status: 'NotSupported' };
      // The summary-full-model fault: the whole model as the summary (field notes: VCP, shiv3).
      const entries = entriesForBase(model, base === 'SummaryInventory' && context.faults.has('summary-full-model') ? 'FullInventory' : base);
      if (base === 'FullInventory' && context.faults.has('evse-id-zero')) entries.push(...zeroIdEntries(entries));
      if (entries.length === 0) return { status: 'EmptyResultSet' };
      context.afterResponse(() => sendReport(context, requestId, entries));
      return { status: 'Accepted' };
    },
  };
  if (profile.supports.customReport) {
    handlers['GetReport'] = (payload) => {
      const filters = payload['componentVariable'] as ComponentVariableFilter[] | undefined;
      enforceLimits(model, 'DeviceDataCtrlr', 'GetReport', filters?.length ?? 0, payload, context.faults.has('ocpp16-error-code') ? 'OccurenceConstraintViolation' : 'OccurrenceConstraintViolation');
      // The report-criteria-ignored fault (field notes: shiv3): criteria Problem returns every component.
      const criteria = context.faults.has('report-criteria-ignored') ? undefined : (payload['componentCriteria'] as Criterion[] | undefined);
      const entries = selectEntries(model.entries(), filters).filter((entry) => meetsCriteria(model, entry.component, criteria));
      if (entries.length === 0) return { status: 'EmptyResultSet' };
      context.afterResponse(() => sendReport(context, payload['requestId'] as number, entries));
      return { status: 'Accepted' };
    };
  }
  return handlers;
}

/**
 * componentCriteria (B08.FR.05–08): a component qualifies when any listed criterion holds. A
 * component without an Active/Available/Enabled variable counts as having it true, one without
 * Problem as not having a problem (as libocpp reads it).
 */
function meetsCriteria(model: DeviceModel, component: ComponentRef, criteria: Criterion[] | undefined): boolean {
  if (!criteria || criteria.length === 0) return true;
  return criteria.some((criterion) => {
    const value = model.actual(component, { name: criterion });
    if (value === undefined) return criterion !== 'Problem';
    return value === 'true';
  });
}

async function sendReport(context: StationContext, requestId: number, entries: VariableEntry[]): Promise<void> {
  const { model, faults } = context;
  const items = limitOf(model, 'DeviceDataCtrlr', 'ItemsPerMessage', 'GetReport', 100);
  const bytes = limitOf(model, 'DeviceDataCtrlr', 'BytesPerMessage', 'GetReport', 65_536);
  const generatedAt = new Date(context.clock.now()).toISOString();
  const data = entries.map(toReportData);
  const pages = paginate(data, items, bytes, (page) => ({ requestId, generatedAt, seqNo: 0, tbc: true, reportData: page }));
  const first = faults.has('report-seqno-from-1') ? 1 : 0;
  for (const [index, page] of pages.entries()) {
    const last = index === pages.length - 1;
    if (last && faults.has('report-stops-tbc') && pages.length > 1) return;
    if (index === 1 && faults.has('disconnect-mid-report')) {
      context.dropConnection();
      return;
    }
    const payload = { requestId, generatedAt, seqNo: first + index, tbc: !last, reportData: page };
    if (faults.has('schema-violations') && index === 0) {
      context.sendRaw(JSON.stringify([2, randomUUID(), 'NotifyReport', breakSchema(payload)]));
      continue;
    }
    const outcome = await context.send('NotifyReport', payload);
    if (!outcome.ok && outcome.failure.kind === 'disconnected') return;
  }
}

/**
 * The `evse-id-zero` fault (field notes: SAP's simulator): the availability of the first EVSE and
 * of its first connector once more, at evse.id 0 and at connectorId 0, though both count from 1.
 */
function zeroIdEntries(entries: readonly VariableEntry[]): VariableEntry[] {
  const availability = (name: string, connectorId?: number): VariableEntry[] =>
    entries.filter((entry) => entry.component.name === name && entry.variable.name === 'AvailabilityState' && entry.component.evse?.id === 1 && entry.component.evse.connectorId === connectorId);
  return [
    ...availability('EVSE').map((entry) => ({ ...entry, component: { ...entry.component, evse: { id: 0 } } })),
    ...availability('Connector', 1).map((entry) => ({ ...entry, component: { ...entry.component, evse: { id: 1, connectorId: 0 } } })),
  ];
}

/** The field notes' favourite schema breaks: a component name over 50 characters and nulls. */
function breakSchema(payload: { reportData: ReportData[] }): unknown {
  const [first, ...rest] = payload.reportData;
  if (!first) return payload;
  const broken = {
    ...first,
    component: { ...first.component, name: `${first.component.name}WithAVendorSuffixThatMakesItFarTooLongForOCPP`, instance: null },
    variableCharacteristics: { ...first.variableCharacteristics, unit: null },
  };
  return { ...payload, reportData: [broken, ...rest] };
}
