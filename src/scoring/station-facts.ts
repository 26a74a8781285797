import { pushTo } from '../collections.js';
import type { ComponentRefJson, DeviceModelEntry, Evidence, VariableRefJson } from '../evidence/evidence.js';
import { asArray, asRecord, sameName } from '../evidence/payload-read.js';
import { baselineMissing, PREFLIGHT_CASE } from '../evidence/monitoring-answers.js';
import { noDeviceModel } from '../checks/inventory/no-device-model.js';

/** A monitor as a NotifyMonitoringReport lists it, with the frame it came in. */
export interface ReportedMonitor {
  component: ComponentRefJson;
  variable: VariableRefJson;
  id: number;
  type: string;
  severity: number;
  seq: number;
}

/** What the guideline evaluation reads from the evidence, gathered once. */
export interface StationFacts {
  entries: DeviceModelEntry[];
  /** The entries of each component name, lower case: requirements look up their component here, not in all entries. */
  byComponent: ReadonlyMap<string, readonly DeviceModelEntry[]>;
  complete: boolean;
  evseIds: number[];
  connectors: Array<{ evseId: number; connectorId: number }>;
  /** Why there is no device model at all, when the station's own answer says (GetBaseReport refused or never sent). */
  noDeviceModel: string | undefined;
  /**
   * The manufacturer's monitors of the first monitoring report (the station as found): custom
   * monitors an operator had set, told apart by the base switches (restore-monitors), are left
   * out; undefined when no report was collected.
   */
  baseline: ReportedMonitor[] | undefined;
  /** Why there is no such report, when the station's own answer says (monitoring unsupported, report never sent). */
  baselineMissing: string | undefined;
  /** Monitors left after SetMonitoringBase HardWiredOnly; undefined when the audit did not get there. */
  hardWired: ReportedMonitor[] | undefined;
  /**
   * SetVariableMonitoring results of the guideline's monitoring probe, by variable key. `existing`:
   * the answer was Duplicate and the station as found had a monitor of that type and severity there
   * (its id), so the variable does take one (N04.FR.10).
   */
  probe: Map<string, { status: string; seqs: number[]; existing?: number }> | undefined;
}


/** `Component[instance]@evse/connector.Variable[instance]`, lower case: a key for matching. */
export function addressKey(component: ComponentRefJson, variable: VariableRefJson): string {
  const evse = component.evse ? `@${component.evse.id}${component.evse.connectorId !== undefined ? `/${component.evse.connectorId}` : ''}` : '';
  return `${component.name}[${component.instance ?? ''}]${evse}.${variable.name}[${variable.instance ?? ''}]`.toLowerCase();
}

export function gatherFacts(evidence: Evidence): StationFacts {
  const entries = evidence.deviceModel.entries;
  const evseIds = new Set<number>();
  const connectors = new Map<string, { evseId: number; connectorId: number }>();
  const byComponent = new Map<string, DeviceModelEntry[]>();
  for (const entry of entries) {
    pushTo(byComponent, entry.component.name.toLowerCase(), entry);
    const evse = entry.component.evse;
    if (!evse || !(evse.id > 0)) continue;
    evseIds.add(evse.id);
    if (sameName(entry.component.name, 'Connector') && evse.connectorId !== undefined && evse.connectorId > 0) connectors.set(`${evse.id}/${evse.connectorId}`, { evseId: evse.id, connectorId: evse.connectorId });
  }
  const found = asFound(evidence);
  for (const status of evidence.statusNotifications) {
    const evseId = Number(status.payload['evseId']);
    const connectorId = Number(status.payload['connectorId']);
    if (evseId > 0) evseIds.add(evseId);
    if (evseId > 0 && connectorId > 0) connectors.set(`${evseId}/${connectorId}`, { evseId, connectorId });
  }
  return {
    entries,
    byComponent,
    complete: evidence.deviceModel.complete,
    evseIds: [...evseIds].sort((a, b) => a - b),
    connectors: [...connectors.values()].sort((a, b) => a.evseId - b.evseId || a.connectorId - b.connectorId),
    noDeviceModel: noDeviceModel(evidence)?.reason,
    baseline: found && withoutOperatorMonitors(found, evidence),
    baselineMissing: baselineMissing(evidence),
    hardWired: reportedMonitors(evidence, 'monitoring-bases', 'after-hardwired-report'),
    probe: probeResults(evidence, found),
  };
}

/** The reported entries of one component name (case-insensitive). */
export function entriesOf(facts: StationFacts, componentName: string): readonly DeviceModelEntry[] {
  return facts.byComponent.get(componentName.toLowerCase()) ?? [];
}

/** The monitors of the station as found: the preflight's report, or none when it answered EmptyResultSet (N02.FR.10). */
function asFound(evidence: Evidence): ReportedMonitor[] | undefined {
  const probe = evidence.cases.find((c) => c.id === PREFLIGHT_CASE)?.captures['probe'];
  if (probe?.kind === 'call' && probe.ok && probe.response?.['status'] === 'EmptyResultSet') return [];
  return reportedMonitors(evidence, PREFLIGHT_CASE, 'baseline-report');
}

function reportedMonitors(evidence: Evidence, caseId: string, captureName: string): ReportedMonitor[] | undefined {
  const capture = evidence.cases.find((c) => c.id === caseId)?.captures[captureName];
  if (capture?.kind !== 'messages' || !capture.complete) return undefined;
  const monitors: ReportedMonitor[] = [];
  for (const message of capture.messages) {
    // Schema-violating reports are kept in the evidence too: every field is read as untrusted.
    for (const monitor of asArray(message.payload['monitor']).map(asRecord)) {
      if (!monitor) continue;
      const component = monitor['component'] as ComponentRefJson | undefined;
      const variable = monitor['variable'] as VariableRefJson | undefined;
      if (typeof component?.name !== 'string' || typeof variable?.name !== 'string') continue;
      for (const item of asArray(monitor['variableMonitoring']).map(asRecord)) {
        if (!item) continue;
        monitors.push({ component, variable, id: Number(item['id']), type: String(item['type']), severity: Number(item['severity']), seq: message.seq });
      }
    }
  }
  return monitors;
}

/**
 * The monitors of the station as found without those an operator set: a monitor the base switches
 * deleted and the audit set again as new (restore-monitors) is custom, not the manufacturer's. One
 * that put an operator's settings back on a manufacturer's monitor stays: that monitor is the
 * manufacturer's, with its type and severity.
 */
function withoutOperatorMonitors(monitors: ReportedMonitor[], evidence: Evidence): ReportedMonitor[] {
  const operator = evidence.cases.flatMap((c) => Object.values(c.captures)).flatMap((capture) => (capture.kind === 'monitor-restore' ? capture.custom : []));
  const own = operator.filter((lost) => lost.recreate?.replacing === undefined).map((lost) => lost.monitor);
  return monitors.filter((m) => !own.some((o) => o.id === m.id && addressKey(o.component, o.variable) === addressKey(m.component, m.variable) && o.type === m.type && o.severity === m.severity));
}

/** The per-variable answers to the guideline probe case (request order = result order). */
function probeResults(evidence: Evidence, asFound: readonly ReportedMonitor[] | undefined): StationFacts['probe'] {
  const capture = evidence.cases.find((c) => c.id === 'guideline-monitoring-probe')?.captures['probe'];
  if (capture?.kind !== 'call' || !capture.ok) return undefined;
  const requested = (capture.request['setMonitoringData'] as Array<{ component: ComponentRefJson; variable: VariableRefJson; type?: string; severity?: number }> | undefined) ?? [];
  const results = (capture.response?.['setMonitoringResult'] as Array<{ status?: string; id?: unknown }> | undefined) ?? [];
  const probe = new Map<string, { status: string; seqs: number[]; existing?: number }>();
  // The Periodic probe answers "does it take a monitor at all" (every dataType can have one).
  requested.forEach((data, index) => {
    if (data.type !== undefined && data.type !== 'Periodic') return;
    const key = addressKey(data.component, data.variable);
    const result = results[index];
    // Accepted without an id is no monitor (N04.FR.11): nothing can report, change or clear it.
    const status = result?.status === 'Accepted' && typeof result.id !== 'number' ? 'Accepted without a monitor id' : (result?.status ?? 'missing');
    // Duplicate (N04.FR.10) is a correct answer when such a monitor is there already, e.g. an operator's daily report.
    const existing = status === 'Duplicate' ? asFound?.find((m) => addressKey(m.component, m.variable) === key && m.type === (data.type ?? 'Periodic') && m.severity === data.severity)?.id : undefined;
    probe.set(key, { status, seqs: capture.seqs, ...(existing !== undefined ? { existing } : {}) });
  });
  return probe;
}
