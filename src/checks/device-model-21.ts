import type { DeviceModelEntry, Evidence } from '../evidence/evidence.js';
import { type Check, type CheckResult, resultOf } from './check.js';
import { fullInventory, inventorySeqs } from './inventory/full-inventory.js';
import { actualAttribute, attributeMutability, itemLabel, mutabilityMismatch, sameName, uniqueSeqs } from './inventory/report-items.js';
import { listSome } from './inventory/summary-text.js';

/** Part 1 Chapter 4 (2.1): read-only variables that describe the component hierarchy, on any component. */
const HIERARCHY = ['CommunicationParent', 'ElectricalParent', 'LogicalParent', 'PhysicalParent', 'Label'];
const PARENTS = HIERARCHY.filter((name) => name !== 'Label');

/** The 2.1 additions that matter to diagnostics (facts §7–§8), each with what the appendix says of it. */
const ADDITIONS: ReadonlyArray<{ name: string; matches: (item: DeviceModelEntry) => boolean; dataTypes: Record<string, string> }> = [
  { name: 'hierarchy variables', matches: (item) => HIERARCHY.some((name) => sameName(item.variable.name, name)), dataTypes: Object.fromEntries(HIERARCHY.map((name) => [name, 'string'])) },
  { name: 'DataCollector', matches: (item) => sameName(item.component.name, 'DataCollector'), dataTypes: { Enabled: 'boolean', SamplingInterval: 'decimal', SampledMeasurands: 'MemberList', DateTime: 'dateTime' } },
  { name: 'OCPPCommCtrlr.ExternalConfigChangeDate', matches: (item) => sameName(item.component.name, 'OCPPCommCtrlr') && sameName(item.variable.name, 'ExternalConfigChangeDate'), dataTypes: { ExternalConfigChangeDate: 'dateTime' } },
  { name: 'MonitoringCtrlr.MaxPeriodicEventStreams', matches: (item) => sameName(item.component.name, 'MonitoringCtrlr') && sameName(item.variable.name, 'MaxPeriodicEventStreams'), dataTypes: { MaxPeriodicEventStreams: 'integer' } },
];

/**
 * The OCPP 2.1 device-model additions that serve diagnostics, as the FullInventory reports them:
 * the hierarchy variables (read-only; a parent names a component the station reports), the
 * DataCollector component (under an EVSE, N01; its variables with the appendix's data types),
 * OCPPCommCtrlr.ExternalConfigChangeDate (when the configuration was last changed outside the CSMS)
 * and MonitoringCtrlr.MaxPeriodicEventStreams. All are optional, so a station with none of them,
 * or with one shaped otherwise than the appendix says, gets a WARN; the guidelines weigh each one.
 */
export const deviceModel21: Check = {
  id: 'device-model-21',
  title: 'The OCPP 2.1 diagnostics additions of the device model are there and well formed',
  refs: ['B07', 'N01', 'N11', 'TC_B_53'],
  category: 'inventory',
  versions: ['2.1'],
  evaluate(evidence: Evidence): CheckResult {
    const inventory = fullInventory(evidence);
    if (inventory.kind === 'unavailable') return resultOf(deviceModel21, inventory.verdict, inventory.reason, inventory.seqs);
    const { items } = inventory;
    const found = ADDITIONS.map((addition) => ({ addition, items: items.filter(addition.matches) }));
    const present = found.filter((f) => f.items.length > 0);
    const absent = found.filter((f) => f.items.length === 0).map((f) => f.addition.name);
    if (present.length === 0) {
      if (!inventory.complete) return resultOf(deviceModel21, 'INCONCLUSIVE', 'None of the OCPP 2.1 diagnostics additions among the FullInventory parts that arrived; the rest never came.', inventorySeqs(items));
      return resultOf(
        deviceModel21,
        'WARN',
        `The FullInventory has none of the OCPP 2.1 diagnostics additions: ${absent.join(', ')}. They are optional, but without them a CSMS cannot draw the station's hierarchy, collect high-rate samples, see a local reconfiguration or know how many event streams it may open.`,
        inventorySeqs(items),
        { present: [], absent },
      );
    }
    const problems: Array<{ what: string; seq: number }> = [];
    const components = new Set(items.map((item) => item.component.name.toLowerCase()));
    for (const { addition, items: own } of present) {
      for (const item of own) {
        const label = itemLabel(item);
        const expected = Object.entries(addition.dataTypes).find(([name]) => sameName(item.variable.name, name))?.[1];
        const dataType = item.variableCharacteristics?.dataType;
        if (expected !== undefined && !sameName(dataType ?? '', expected)) problems.push({ seq: item.seq, what: `${label} has dataType ${dataType ?? '(none)'}, not ${expected}` });
        const actual = actualAttribute(item);
        if (addition.name === 'hierarchy variables' && actual !== undefined && attributeMutability(actual) !== 'ReadOnly') problems.push({ seq: item.seq, what: `${label} ${mutabilityMismatch(actual, 'ReadOnly', 'is ')}: the hierarchy variables are read-only` });
        const value = actual?.value;
        if (PARENTS.some((name) => sameName(item.variable.name, name)) && value !== undefined && value !== '' && !components.has(value.toLowerCase())) problems.push({ seq: item.seq, what: `${label} points to ${value}, a component the station does not report` });
        if (sameName(item.component.name, 'DataCollector') && (item.component.evse === undefined || item.component.evse.connectorId !== undefined)) problems.push({ seq: item.seq, what: `${label} is not under an EVSE` });
        if (sameName(item.variable.name, 'ExternalConfigChangeDate') && value !== undefined && value !== '' && Number.isNaN(Date.parse(value))) problems.push({ seq: item.seq, what: `${label} holds ${JSON.stringify(value)}, not a date-time` });
        if (sameName(item.variable.name, 'MaxPeriodicEventStreams') && value !== undefined && !/^\d+$/.test(value)) problems.push({ seq: item.seq, what: `${label} holds ${JSON.stringify(value)}, not a count` });
      }
    }
    const details = { present: present.map((p) => p.addition.name), absent, problems: problems.slice(0, 20).map((p) => p.what) };
    const seqs = uniqueSeqs(present.flatMap((p) => p.items.map((item) => item.seq)));
    if (problems.length > 0) return resultOf(deviceModel21, 'WARN', `${problems.length} problem(s) with the OCPP 2.1 additions: ${listSome(problems.map((p) => p.what), 3)}.`, uniqueSeqs(problems.map((p) => p.seq)), details);
    const missing = absent.length > 0 ? `; not reported: ${absent.join(', ')} (optional; the guideline weighs them)` : '';
    return resultOf(deviceModel21, 'PASS', `The FullInventory reports ${present.map((p) => p.addition.name).join(', ')}, as the 2.1 appendix shapes them${missing}.`, seqs, details);
  },
};
