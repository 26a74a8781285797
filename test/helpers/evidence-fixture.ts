/**
 * Builders of audit evidence for check tests: a minimal valid `Evidence`, cases, captures and
 * collected messages, all plain data with fixed times and explicit journal seqs. Every builder
 * takes overrides, so a test states only what it is about.
 */
import {
  newEvidence,
  type CallCapture,
  type CaseEvidence,
  type CollectedMessage,
  type ComponentRefJson,
  type DeviceModelEntry,
  type Evidence,
  type MessagesCapture,
  type VariableRefJson,
} from '../../src/evidence/evidence.js';

/** The fixed time every fixture uses unless told otherwise. */
export const FIXTURE_TIME = '2025-01-01T00:00:00.000Z';

/** A minimal valid Evidence: no cases, no messages, an empty device model. */
export function makeEvidence(overrides: Partial<Evidence> = {}): Evidence {
  const base = newEvidence({ tool: { name: 'ocpp-audit', version: '0.0.0-test' }, station: { identity: 'CS-TEST', securityProfile: 1 }, options: {}, startedAt: FIXTURE_TIME, journalFile: 'journal.jsonl' });
  return { ...base, finishedAt: FIXTURE_TIME, ...overrides };
}

/** A completed case with no steps and no captures. */
export function makeCase(id: string, overrides: Partial<CaseEvidence> = {}): CaseEvidence {
  return { id, title: id, proves: '', refs: [], category: 'inventory', status: 'completed', steps: [], captures: {}, ...overrides };
}

/** A CALL of the audit and what came back: a response, or a failure (`{ kind, errorCode?, description }`). */
export function makeCallCapture(
  action: string,
  request: Record<string, unknown>,
  outcome: { response: Record<string, unknown> } | { failure: NonNullable<CallCapture['failure']> },
  seqs: number[] = [1, 2],
): CallCapture {
  const ok = 'response' in outcome;
  return { kind: 'call', action, request, ok, ...outcome, durationMs: 5, sentAt: FIXTURE_TIME, seqs };
}

/** One station CALL as collected. */
export function makeMessage(seq: number, action: string, payload: Record<string, unknown>, overrides: Partial<CollectedMessage> = {}): CollectedMessage {
  return { seq, action, receivedAt: FIXTURE_TIME, valid: true, connection: 1, payload, ...overrides };
}

/** Station messages gathered by an await / collect-report step. */
export function makeMessagesCapture(action: string, messages: CollectedMessage[], complete = true, overrides: Partial<MessagesCapture> = {}): MessagesCapture {
  return { kind: 'messages', action, after: 0, startedAt: FIXTURE_TIME, endedAt: FIXTURE_TIME, complete, messages, ...overrides };
}

/** A StatusNotification CALL as collected. */
export function makeStatusNotification(seq: number, evseId: number, connectorId: number, connectorStatus = 'Available'): CollectedMessage {
  return makeMessage(seq, 'StatusNotification', { timestamp: FIXTURE_TIME, connectorStatus, evseId, connectorId });
}

/** One reportData element of NotifyReport (a DeviceModelEntry without its seq). */
export type ReportItem = Omit<DeviceModelEntry, 'seq'>;

export interface ReportItemOptions {
  /** Puts the component on this EVSE (and connector). */
  evse?: number;
  connector?: number;
  componentInstance?: string;
  variableInstance?: string;
  /** The Actual value; null leaves the value out. Default ''. */
  value?: string | null;
  /** Default ReadOnly; null leaves the mutability out (ReadWrite by the schema default). */
  mutability?: string | null;
  /** Replaces the whole variableAttribute array. */
  attributes?: ReportItem['variableAttribute'];
  /** Default 'string'; null leaves dataType out. */
  dataType?: string | null;
  unit?: string;
  minLimit?: number;
  maxLimit?: number;
  valuesList?: string;
  supportsMonitoring?: boolean;
  /** false leaves variableCharacteristics out altogether. */
  characteristics?: false;
}

/** A report item: `makeReportItem('Connector', 'Available', { evse: 1, connector: 1, dataType: 'boolean', value: 'true' })`. */
export function makeReportItem(component: string | ComponentRefJson, variable: string | VariableRefJson, options: ReportItemOptions = {}): ReportItem {
  const componentRef: ComponentRefJson = typeof component === 'string' ? { name: component } : { ...component };
  if (options.componentInstance !== undefined) componentRef.instance = options.componentInstance;
  if (options.evse !== undefined) componentRef.evse = { id: options.evse, ...(options.connector !== undefined ? { connectorId: options.connector } : {}) };
  const variableRef: VariableRefJson = typeof variable === 'string' ? { name: variable } : { ...variable };
  if (options.variableInstance !== undefined) variableRef.instance = options.variableInstance;

  const attribute: ReportItem['variableAttribute'][number] = { type: 'Actual' };
  if (options.value !== null) attribute.value = options.value ?? '';
  if (options.mutability !== null) attribute.mutability = options.mutability ?? 'ReadOnly';
  const item: ReportItem = { component: componentRef, variable: variableRef, variableAttribute: options.attributes ?? [attribute] };
  if (options.characteristics !== false) {
    const characteristics: NonNullable<ReportItem['variableCharacteristics']> = { supportsMonitoring: options.supportsMonitoring ?? false };
    if (options.dataType !== null) characteristics.dataType = options.dataType ?? 'string';
    if (options.unit !== undefined) characteristics.unit = options.unit;
    if (options.minLimit !== undefined) characteristics.minLimit = options.minLimit;
    if (options.maxLimit !== undefined) characteristics.maxLimit = options.maxLimit;
    if (options.valuesList !== undefined) characteristics.valuesList = options.valuesList;
    item.variableCharacteristics = characteristics;
  }
  return item;
}

const REPORT_BASES: Record<string, string> = {
  'inventory-full': 'FullInventory',
  'inventory-configuration': 'ConfigurationInventory',
  'inventory-summary': 'SummaryInventory',
};

export interface ReportCaseOptions {
  /** Default from the case id (inventory-full → FullInventory, ...). */
  reportBase?: string;
  /** Default 1. */
  requestId?: number;
  /** GetBaseReportResponse.status; default Accepted. */
  status?: string;
  /** Replaces the whole response payload. */
  response?: Record<string, unknown>;
  /** The CALL failed instead (CALLERROR, timeout, ...); no report capture unless parts/items are given. */
  failure?: NonNullable<CallCapture['failure']>;
  /** Report items, split into parts of `perPart` (default: one part), numbered from 0, tbc on all but the last. */
  items?: ReportItem[];
  perPart?: number;
  /**
   * Explicit NotifyReport payloads, laid over the defaults (requestId, generatedAt, seqNo = index,
   * tbc = not last, reportData = []); a key set to undefined is removed.
   */
  parts?: Array<Record<string, unknown>>;
  /** The capture's complete flag; default: the last part has no tbc=true. */
  complete?: boolean;
  /** false: no report capture at all. Default: present when Accepted or parts/items are given. */
  report?: boolean;
  /** Journal seq of the GetBaseReport CALL (default 10); parts and the CALLRESULT follow. */
  firstSeq?: number;
  /** How many parts arrive before the CALLRESULT (default 0). */
  partsBeforeResponse?: number;
  /** Overrides of the case itself (status, reason, ...). */
  case?: Partial<CaseEvidence>;
}

/**
 * A base-report case as the runner records it: capture `request` (GetBaseReport) and capture
 * `report` (the NotifyReport parts). Seqs: the CALL at `firstSeq`, then the parts and the
 * CALLRESULT in arrival order.
 */
export function makeReportCase(id: string, options: ReportCaseOptions = {}): CaseEvidence {
  const requestId = options.requestId ?? 1;
  const reportBase = options.reportBase ?? REPORT_BASES[id] ?? 'FullInventory';
  const firstSeq = options.firstSeq ?? 10;
  const payloads = reportPayloads(requestId, options);
  const before = Math.min(options.partsBeforeResponse ?? 0, payloads.length);
  const responseSeq = firstSeq + 1 + before;
  const partSeq = (index: number): number => (index < before ? firstSeq + 1 + index : firstSeq + 2 + index);

  const outcome = options.failure ? { failure: options.failure } : { response: options.response ?? { status: options.status ?? 'Accepted' } };
  const request = makeCallCapture('GetBaseReport', { requestId, reportBase }, outcome, options.failure ? [firstSeq] : [firstSeq, responseSeq]);
  const captures: CaseEvidence['captures'] = { request };
  const accepted = !options.failure && (options.response ? options.response['status'] : (options.status ?? 'Accepted')) === 'Accepted';
  const wantReport = options.report ?? (accepted || options.items !== undefined || options.parts !== undefined);
  if (wantReport) {
    const messages = payloads.map((payload, index) => makeMessage(partSeq(index), 'NotifyReport', payload));
    const complete = options.complete ?? (payloads.length > 0 && payloads[payloads.length - 1]['tbc'] !== true);
    captures['report'] = makeMessagesCapture('NotifyReport', messages, complete, { after: firstSeq - 1 });
  }
  return makeCase(id, { captures, ...options.case });
}

function reportPayloads(requestId: number, options: ReportCaseOptions): Array<Record<string, unknown>> {
  let overlays: Array<Record<string, unknown>>;
  if (options.parts) {
    overlays = options.parts;
  } else {
    const items = options.items ?? [];
    const perPart = Math.max(1, options.perPart ?? Math.max(items.length, 1));
    overlays = [];
    for (let start = 0; start < items.length; start += perPart) overlays.push({ reportData: items.slice(start, start + perPart) });
  }
  return overlays.map((overlay, index) => {
    const payload: Record<string, unknown> = { requestId, generatedAt: FIXTURE_TIME, seqNo: index, tbc: index < overlays.length - 1, reportData: [], ...overlay };
    for (const key of Object.keys(payload)) if (payload[key] === undefined) delete payload[key];
    return payload;
  });
}

/** The device model the runner would derive from a FullInventory case's report capture. */
export function deviceModelFrom(reportCase: CaseEvidence): Evidence['deviceModel'] {
  const capture = reportCase.captures['report'];
  if (capture?.kind !== 'messages') return { complete: false, entries: [] };
  const entries = capture.messages.flatMap((message) => ((message.payload['reportData'] as ReportItem[] | undefined) ?? []).map((item) => ({ ...item, seq: message.seq })));
  return { source: reportCase.id, complete: capture.complete, entries };
}
