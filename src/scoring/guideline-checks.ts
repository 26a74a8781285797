import type { CheckResult } from '../checks/check.js';
import type { Citation, Guideline, GuidelineComponent, GuidelineMonitor, GuidelineSeverity, GuidelineVariable, Level, Tier } from '../config/guideline.js';
import type { DeviceModelEntry, Evidence } from '../evidence/evidence.js';
import { addressKey, entriesOf, gatherFacts, type ReportedMonitor, type StationFacts } from './station-facts.js';
import { sameName } from '../evidence/payload-read.js';
import { mutabilityMismatch } from '../checks/inventory/report-items.js';
import { allNotifyEvents, type EventItem, eventItems } from '../checks/events/event-items.js';
import { lineResult, missingVerdict, slug } from './guideline-result.js';
import { configurationKeyCheck, stationConfiguration } from './configuration-key-checks.js';
import { messageCheck } from './message-checks.js';

/**
 * Turns every requirement of a guideline into an ordinary check result (id
 * `guideline/<section>/<key>`), so a guideline is scored on the same path as every other check.
 * A required item missing is FAIL, a recommended one WARN; `score` (0–1) gives partial credit
 * (e.g. present on 3 of 4 EVSEs) and `weight` its importance in the guideline.
 */
export function evaluateGuideline(guideline: Guideline, evidence: Evidence): CheckResult[] {
  const facts = gatherFacts(evidence);
  const configuration = stationConfiguration(evidence);
  const weight = (level: Level, section: 'components' | 'variables' | 'monitors' | 'severities' | 'configurationKeys' | 'messages'): number => guideline.weights[level] * (guideline.weights[section] ?? 1);
  return [
    ...guideline.components.map((c) => cited(mustHave(componentCheck(c, facts, weight(c.level, 'components')), c), c.source)),
    ...guideline.variables.map((v) => cited(mustHave(variableCheck(v, facts, weight(v.level, 'variables')), v), v.source)),
    ...guideline.variables.filter((v) => v.monitoring).map((v) => cited(monitorabilityCheck(v, facts, weight(v.monitoring ?? 'recommended', 'variables')), v.source)),
    ...guideline.monitors.map((m) => cited(mustHave(monitorCheck(m, facts, weight(m.level, 'monitors')), m), m.source)),
    ...guideline.severities.map((s) => cited(severityCheck(s, facts, (s.weight ?? 1) * guideline.weights.severities, faultEventsOf(s, evidence)), s.source)),
    // OCPP 1.6 has no device model: its guideline asks for configuration keys and messages instead.
    ...(guideline.configurationKeys ?? []).map((k) => cited(mustHave(configurationKeyCheck(k, configuration, weight(k.level, 'configurationKeys')), k), k.source)),
    ...(guideline.messages ?? []).map((m) => cited(mustHave(messageCheck(m, evidence, configuration, weight(m.level, 'messages')), m), m.source)),
  ];
}

/**
 * Issue 15: each requirement shows where it comes from. The citations join the refs (so the
 * findings list names them next to the spec ids) and `details.source` keeps them apart, with
 * the reason of a line that is our own proposal.
 */
function cited(check: CheckResult, source: readonly Citation[]): CheckResult {
  const citations = source.filter((c): c is string => typeof c === 'string');
  const own = source.find((c): c is { own: string } => typeof c !== 'string')?.own;
  return {
    ...check,
    refs: [...check.refs, ...citations, ...(own !== undefined ? ['own proposal'] : [])],
    details: { ...check.details, source: { cites: citations, ...(own !== undefined ? { own } : {}) } },
  };
}

/** A line the guideline marks critical: its FAIL caps the grade (src/scoring/must-haves.ts), and its why says what makes it a must-have. */
const mustHave = (check: CheckResult, line: { critical?: boolean; why: string }): CheckResult => (line.critical === true ? { ...check, critical: true, details: { ...check.details, why: line.why } } : check);


/**
 * Issue 13, one cause one finding: when the FullInventory stopped before its last part, what it
 * did not reach is unknown, not missing. The cut-off is judged once, by the case's own check;
 * requirements the parts that did arrive cannot settle are INCONCLUSIVE with this reason (scored
 * as the configuration scores INCONCLUSIVE: by default no credit, so a cut-off report never earns
 * more than a complete one that lacks the item).
 */
const INCOMPLETE = 'unknown (report incomplete): the FullInventory never finished, so it may be in the parts that never came; the cut-off is judged once, by inventory-full/report';

/** A component the complete device model does not hold at all (root-causes.ts groups its lines under it). */
export const NO_COMPONENT = (component: string): string => `the station reports no ${component} at all`;

/** The device model is a FullInventory that arrived in part. */
const cutOff = (facts: StationFacts): boolean => !facts.complete && facts.entries.length > 0;

const result = lineResult;

/** The places a tiered item should be found: the station, each EVSE, or each connector. */
function places(tier: Tier, facts: StationFacts): Array<{ label: string; evseId?: number; connectorId?: number }> {
  if (tier === 'evse') return facts.evseIds.map((evseId) => ({ label: `EVSE ${evseId}`, evseId }));
  if (tier === 'connector') return facts.connectors.map((c) => ({ label: `connector ${c.evseId}/${c.connectorId}`, evseId: c.evseId, connectorId: c.connectorId }));
  return [{ label: 'the station' }];
}

function at(entry: DeviceModelEntry, place: { evseId?: number; connectorId?: number }): boolean {
  const evse = entry.component.evse;
  if (place.evseId === undefined) return !evse;
  if (evse?.id !== place.evseId) return false;
  return place.connectorId === undefined ? evse.connectorId === undefined : evse.connectorId === place.connectorId;
}

/** Evaluates presence of the matching entries at every place of the tier, or anywhere for at-least-one. */
function presence(tier: Tier, cardinality: GuidelineComponent['cardinality'], facts: StationFacts, all: readonly DeviceModelEntry[]): { found: number; expected: number; missing: string[]; seqs: number[] } {
  if (cardinality === 'at-least-one' || (tier !== 'station' && places(tier, facts).length === 0)) {
    return { found: all.length > 0 ? 1 : 0, expected: 1, missing: all.length > 0 ? [] : ['anywhere'], seqs: all.map((e) => e.seq) };
  }
  const expectedPlaces = places(tier, facts);
  const missing = expectedPlaces.filter((place) => !all.some((entry) => at(entry, place))).map((p) => p.label);
  return { found: expectedPlaces.length - missing.length, expected: expectedPlaces.length, missing, seqs: all.map((e) => e.seq) };
}

function componentCheck(spec: GuidelineComponent, facts: StationFacts, weight: number): CheckResult {
  const id = `guideline/components/${slug(spec.name)}${spec.instance ? `-${slug(spec.instance)}` : ''}`;
  const title = `${spec.level === 'required' ? 'Reports' : 'Should report'} the ${spec.name}${spec.instance ? `[${spec.instance}]` : ''} component (${spec.tier === 'station' ? 'station' : `each ${spec.tier}`})`;
  const refs = ['B07', 'TC_B_13'];
  if (facts.noDeviceModel) return result(id, title, refs, 'device-model', missingVerdict(spec.level), `${spec.name} not reported, because ${facts.noDeviceModel}`, [], 0, weight);
  if (!facts.complete && facts.entries.length === 0) return result(id, title, refs, 'device-model', 'INCONCLUSIVE', 'no FullInventory was collected', [], 0, weight);
  const byName = (name: string): DeviceModelEntry[] => entriesOf(facts, name).filter((entry) => spec.instance === undefined || sameName(entry.component.instance, spec.instance));
  const own = presence(spec.tier, spec.cardinality, facts, byName(spec.name));
  if (own.missing.length === 0) return result(id, title, refs, 'device-model', 'PASS', `reported${own.expected > 1 ? ` at all ${own.expected} places` : ''} — ${spec.why}`, own.seqs, 1, weight);
  for (const alias of spec.aliases ?? []) {
    const aliased = presence(spec.tier, spec.cardinality, facts, byName(alias));
    if (aliased.missing.length === 0) return result(id, title, refs, 'device-model', 'WARN', `reported under the non-standard name ${alias}, not ${spec.name}`, aliased.seqs, 0.75, weight);
  }
  const share = own.expected > 0 ? own.found / own.expected : 0;
  const where = own.missing[0] === 'anywhere' ? 'not reported' : `missing at ${own.missing.slice(0, 5).join(', ')}${own.missing.length > 5 ? ` and ${own.missing.length - 5} more` : ''} (${own.found} of ${own.expected})`;
  if (cutOff(facts)) return result(id, title, refs, 'device-model', 'INCONCLUSIVE', `${spec.name} ${own.found === 0 ? 'not among the items that arrived' : where}: ${INCOMPLETE}`, own.seqs, 0, weight);
  return result(id, title, refs, 'device-model', missingVerdict(spec.level), `${spec.name} ${where}; ${spec.why}`, own.seqs, share, weight);
}

/** The reported entries a guideline variable names. */
function variableEntries(spec: GuidelineVariable, facts: StationFacts): DeviceModelEntry[] {
  return entriesOf(facts, spec.component).filter(
    (entry) =>
      (spec.componentInstance === undefined || sameName(entry.component.instance, spec.componentInstance)) &&
      sameName(entry.variable.name, spec.variable) &&
      (spec.instance === undefined || spec.instance === '*' || sameName(entry.variable.instance, spec.instance)),
  );
}

function variableLabel(spec: GuidelineVariable): string {
  return `${spec.component}${spec.componentInstance ? `[${spec.componentInstance}]` : ''}.${spec.variable}${spec.instance && spec.instance !== '*' ? `[${spec.instance}]` : ''}`;
}

function variableId(section: string, spec: GuidelineVariable): string {
  return `guideline/${section}/${slug(spec.component)}${spec.componentInstance ? `-${slug(spec.componentInstance)}` : ''}.${slug(spec.variable)}${spec.instance ? `-${slug(spec.instance)}` : ''}`;
}

/** Where the component of a variable sits when the guideline does not say: where the station reports it. */
function tierOf(spec: GuidelineVariable, facts: StationFacts): Tier {
  if (spec.tier) return spec.tier;
  const entry = entriesOf(facts, spec.component)[0];
  if (!entry?.component.evse) return 'station';
  return entry.component.evse.connectorId !== undefined ? 'connector' : 'evse';
}

function variableCheck(spec: GuidelineVariable, facts: StationFacts, weight: number): CheckResult {
  const id = variableId('variables', spec);
  const label = variableLabel(spec);
  const title = `${spec.level === 'required' ? 'Reports' : 'Should report'} ${label}`;
  const refs = ['B07', 'TC_B_53'];
  if (facts.noDeviceModel) return result(id, title, refs, 'device-model', missingVerdict(spec.level), `${label} not reported, because ${facts.noDeviceModel}`, [], 0, weight);
  if (!facts.complete && facts.entries.length === 0) return result(id, title, refs, 'device-model', 'INCONCLUSIVE', 'no FullInventory was collected', [], 0, weight);
  if (spec.whenComponentReported && facts.complete && entriesOf(facts, spec.component).length === 0) {
    return result(id, title, refs, 'device-model', 'NOT APPLICABLE', `the station reports no ${spec.component}, so the line does not apply to it`, [], 0, weight);
  }
  const entries = variableEntries(spec, facts);
  const found = presence(tierOf(spec, facts), 'each', facts, entries);
  if (found.found === 0) {
    if (cutOff(facts)) return result(id, title, refs, 'device-model', 'INCONCLUSIVE', `${label} not among the items that arrived: ${INCOMPLETE}`, [], 0, weight);
    // Said when the whole component is absent: its other lines follow from that (root-causes.ts).
    const noComponent = facts.complete && entriesOf(facts, spec.component).length === 0 ? ` (${NO_COMPONENT(spec.component)})` : '';
    return result(id, title, refs, 'device-model', missingVerdict(spec.level), `${label} not reported${noComponent}; ${spec.why}`, [], 0, weight);
  }
  const mismatches: string[] = [];
  for (const entry of entries) {
    const characteristics = entry.variableCharacteristics;
    const actual = entry.variableAttribute.find((a) => (a.type ?? 'Actual') === 'Actual');
    const mutability = actual?.mutability ?? 'ReadWrite';
    if (spec.dataType && !sameName(characteristics?.dataType, spec.dataType)) mismatches.push(`dataType ${characteristics?.dataType ?? 'missing'} (expected ${spec.dataType})`);
    if (spec.unit && !sameName(characteristics?.unit, spec.unit)) mismatches.push(`unit ${characteristics?.unit ?? 'missing'} (expected ${spec.unit})`);
    if (spec.mutability && mutability !== spec.mutability) mismatches.push(mutabilityMismatch(actual ?? {}, spec.mutability, 'mutability '));
  }
  const unique = [...new Set(mismatches)];
  if (found.missing.length > 0) {
    if (cutOff(facts)) return result(id, title, refs, 'device-model', 'INCONCLUSIVE', `${label} not among the items that arrived for ${found.missing.slice(0, 5).join(', ')} (${found.found} of ${found.expected} found): ${INCOMPLETE}`, found.seqs, 0, weight);
    return result(id, title, refs, 'device-model', missingVerdict(spec.level), `${label} missing at ${found.missing.slice(0, 5).join(', ')} (${found.found} of ${found.expected})${unique.length ? `; ${unique[0]}` : ''}`, found.seqs, found.found / found.expected, weight);
  }
  if (unique.length > 0) return result(id, title, refs, 'device-model', 'WARN', `${label} reported, but with ${unique.slice(0, 3).join(', ')}`, found.seqs, 0.75, weight);
  return result(id, title, refs, 'device-model', 'PASS', `${label} reported${found.expected > 1 ? ` at all ${found.expected} places` : ''}`, found.seqs, 1, weight);
}

function monitorabilityCheck(spec: GuidelineVariable, facts: StationFacts, weight: number): CheckResult {
  const id = variableId('monitoring', spec);
  const label = variableLabel(spec);
  const level = spec.monitoring ?? 'recommended';
  const title = `${label} ${level === 'required' ? 'supports' : 'should support'} monitoring`;
  const refs = ['N04', 'N04.FR.05', 'TC_N_08'];
  if (spec.whenComponentReported && facts.complete && entriesOf(facts, spec.component).length === 0) {
    return result(id, title, refs, 'monitorability', 'NOT APPLICABLE', `the station reports no ${spec.component}, so the line does not apply to it`, [], 0, weight);
  }
  const entries = variableEntries(spec, facts);
  if (entries.length === 0) {
    if (facts.noDeviceModel) return result(id, title, refs, 'monitorability', missingVerdict(level), `${label} cannot be monitored, because ${facts.noDeviceModel}`, [], 0, weight);
    if (!facts.complete && facts.entries.length === 0) return result(id, title, refs, 'monitorability', 'INCONCLUSIVE', 'no FullInventory was collected', [], 0, weight);
    if (cutOff(facts)) return result(id, title, refs, 'monitorability', 'INCONCLUSIVE', `${label} not among the items that arrived: ${INCOMPLETE}`, [], 0, weight);
    return result(id, title, refs, 'monitorability', missingVerdict(level), `${label} is not reported, so it cannot be monitored`, [], 0, weight);
  }
  const monitorable = entries.filter((e) => e.variableCharacteristics?.supportsMonitoring === true);
  const seqs = entries.map((e) => e.seq);
  if (monitorable.length === 0) return result(id, title, refs, 'monitorability', missingVerdict(level), `${label} reports supportsMonitoring false (or none); ${spec.why}`, seqs, 0, weight);
  if (!facts.probe) {
    const share = monitorable.length / entries.length;
    return result(id, title, refs, 'monitorability', share === 1 ? 'PASS' : 'WARN', `supportsMonitoring true on ${monitorable.length} of ${entries.length}; the audit did not probe it with a monitor`, seqs, share, weight);
  }
  const answers = monitorable.map((entry) => facts.probe?.get(addressKey(entry.component, entry.variable)));
  // Duplicate with such a monitor already there shows the variable takes it (N04.FR.10).
  const takes = (answer: (typeof answers)[number]): boolean => answer?.status === 'Accepted' || answer?.existing !== undefined;
  const accepted = answers.filter(takes).length;
  const probeSeqs = answers.flatMap((a) => a?.seqs ?? []);
  if (accepted === entries.length) {
    const existing = answers.filter((a) => a?.existing !== undefined).map((a) => `#${a?.existing}`);
    const note = existing.length > 0 ? `; Duplicate where the station already had such a monitor (${existing.join(', ')}, N04.FR.10)` : '';
    return result(id, title, refs, 'monitorability', 'PASS', `supportsMonitoring true and the audit's probe monitor was accepted (${accepted} of ${entries.length})${note}`, [...seqs, ...probeSeqs], 1, weight);
  }
  const refused = answers.find((a) => a && !takes(a))?.status;
  return result(
    id,
    title,
    refs,
    'monitorability',
    missingVerdict(level),
    `probe monitor accepted on ${accepted} of ${entries.length}${refused ? ` (first refusal: ${refused})` : ''}${monitorable.length < entries.length ? `; supportsMonitoring false on ${entries.length - monitorable.length}` : ''}`,
    [...seqs, ...probeSeqs],
    accepted / entries.length,
    weight,
  );
}

function monitorCheck(spec: GuidelineMonitor, facts: StationFacts, weight: number): CheckResult {
  const label = `${spec.component}.${spec.variable}${spec.instance ? `[${spec.instance}]` : ''}`;
  const id = `guideline/monitors/${slug(spec.component)}.${slug(spec.variable)}${spec.instance ? `-${slug(spec.instance)}` : ''}-${spec.types.map((t) => slug(t)).join('-')}`;
  const origin = spec.origin === 'any' ? 'hard-wired or preconfigured' : spec.origin === 'HardWiredMonitor' ? 'hard-wired' : 'preconfigured';
  const title = `${spec.level === 'required' ? 'Has' : 'Should have'} a ${origin} ${spec.types.join('/')} monitor on ${label}`;
  const refs = ['N02', 'N03', 'TC_N_47'];
  // The guideline counts a capability the station lacks or fakes; only an unknown stays INCONCLUSIVE.
  if (!facts.baseline && facts.baselineMissing) return result(id, title, refs, 'monitoring', missingVerdict(spec.level), `no ${origin} ${spec.types.join('/')} monitor on ${label} is known, because ${facts.baselineMissing}`, [], 0, weight);
  if (!facts.baseline) return result(id, title, refs, 'monitoring', 'INCONCLUSIVE', 'no monitoring report of the station as found was collected', [], 0, weight);
  const onVariable = (m: ReportedMonitor): boolean => sameName(m.component.name, spec.component) && sameName(m.variable.name, spec.variable) && (spec.instance === undefined || sameName(m.variable.instance, spec.instance)) && spec.types.includes(m.type);
  let candidates = facts.baseline.filter(onVariable);
  if (spec.origin !== 'any' && facts.hardWired) {
    const hardWiredIds = new Set(facts.hardWired.map((m) => m.id));
    candidates = candidates.filter((m) => (spec.origin === 'HardWiredMonitor' ? hardWiredIds.has(m.id) : !hardWiredIds.has(m.id)));
  }
  if (candidates.length === 0) return result(id, title, refs, 'monitoring', missingVerdict(spec.level), `no ${origin} ${spec.types.join('/')} monitor on ${label}; ${spec.why}`, [], 0, weight);
  const inRange = candidates.filter((m) => !spec.severity || (m.severity >= spec.severity.min && m.severity <= spec.severity.max));
  const seqs = candidates.map((m) => m.seq);
  const originNote = spec.origin !== 'any' && !facts.hardWired ? ' (origin not verified: the HardWiredOnly report is missing)' : '';
  if (inRange.length === 0) {
    const severities = [...new Set(candidates.map((m) => m.severity))].join(', ');
    return result(id, title, refs, 'monitoring', 'WARN', `a ${spec.types.join('/')} monitor on ${label} exists, but with severity ${severities} (expected ${spec.severity?.min}–${spec.severity?.max})${originNote}`, seqs, 0.5, weight);
  }
  return result(id, title, refs, 'monitoring', 'PASS', `${candidates.length} monitor(s) on ${label}, severity ${inRange[0]?.severity}${originNote}`, seqs, 1, weight);
}

/** The events that carried one of the category's ChargeX codes (none when it lists no codes). */
function faultEventsOf(spec: GuidelineSeverity, evidence: Evidence): EventItem[] {
  const codes = spec.chargexCodes ?? [];
  if (codes.length === 0) return [];
  return eventItems(allNotifyEvents(evidence)).filter((item) => item.techCode !== undefined && codes.includes(item.techCode));
}

/** What the category's fault codes showed, for the reason: which came, and from which monitors. */
function faultCodeNote(faultEvents: readonly EventItem[]): string {
  if (faultEvents.length === 0) return '';
  const codes = [...new Set(faultEvents.map((item) => item.techCode))].join(', ');
  const fromMonitors = faultEvents.filter((item) => item.variableMonitoringId !== undefined).length;
  const withoutMonitor = faultEvents.length - fromMonitors;
  // OCPP 2.0.1 events carry no severity: only a monitor's own severity can be judged.
  const how = withoutMonitor > 0 ? `, ${withoutMonitor} without a monitor (no severity to judge in OCPP 2.0.1)` : '';
  return `; fault codes of this category raised: ${codes} (${faultEvents.length} event(s)${how})`;
}

function severityCheck(spec: GuidelineSeverity, facts: StationFacts, weight: number, faultEvents: readonly EventItem[] = []): CheckResult {
  const id = `guideline/severities/${spec.category}`;
  const title = `Monitors for "${spec.title}" carry a severity of ${spec.severity.min}–${spec.severity.max}`;
  const refs = spec.chargexCodes ? ['N04', 'N07', 'ChargeX MREC'] : ['N04', 'N07'];
  const pairs = spec.match.map((p) => `${p.component}.${p.variable}`).join(', ');
  // Monitors whose events carried one of the category's fault codes belong to it, wherever they sit.
  const codedMonitorIds = new Set(faultEvents.flatMap((item) => (item.variableMonitoringId !== undefined ? [item.variableMonitoringId] : [])));
  const note = faultCodeNote(faultEvents);
  // A category about parts the station does not have (and whose codes no monitor raised) does not apply to it.
  if (facts.entries.length > 0 && codedMonitorIds.size === 0 && !spec.match.some((pair) => entriesOf(facts, pair.component).some((e) => sameName(e.variable.name, pair.variable)))) {
    if (cutOff(facts)) return result(id, title, refs, 'events', 'INCONCLUSIVE', `none of ${pairs} among the items that arrived: ${INCOMPLETE}`, [], 0, weight);
    return result(id, title, refs, 'events', 'NOT APPLICABLE', `the station reports none of ${pairs}`, [], 0, weight);
  }
  if (!facts.baseline && facts.baselineMissing) return result(id, title, refs, 'events', 'FAIL', `no monitor is known to watch ${pairs}, because ${facts.baselineMissing}`, [], 0, weight);
  if (!facts.baseline) return result(id, title, refs, 'events', 'INCONCLUSIVE', 'no monitoring report of the station as found was collected', [], 0, weight);
  // Event monitors only: periodic reports carry a severity too, but they are not alerts.
  const monitors = facts.baseline.filter((m) => !m.type.startsWith('Periodic') && (codedMonitorIds.has(m.id) || spec.match.some((pair) => sameName(m.component.name, pair.component) && sameName(m.variable.name, pair.variable))));
  if (monitors.length === 0) return result(id, title, refs, 'events', 'FAIL', `no monitor watches ${pairs}; ${spec.why}${note}`, [], 0, weight);
  const inRange = monitors.filter((m) => m.severity >= spec.severity.min && m.severity <= spec.severity.max);
  const seqs = monitors.map((m) => m.seq);
  if (inRange.length === monitors.length) return result(id, title, refs, 'events', 'PASS', `${monitors.length} monitor(s) on ${pairs}, severities ${[...new Set(monitors.map((m) => m.severity))].join(', ')}${note}`, seqs, 1, weight);
  const outside = monitors.filter((m) => !inRange.includes(m)).map((m) => `${m.component.name}.${m.variable.name} severity ${m.severity}`);
  return result(id, title, refs, 'events', 'WARN', `${inRange.length} of ${monitors.length} monitor(s) within ${spec.severity.min}–${spec.severity.max}; outside: ${outside.slice(0, 3).join(', ')}${note}`, seqs, inRange.length / monitors.length, weight);
}

