import type { Guideline } from '../config/guideline.js';
import { builtInGuidelines, loadGuideline } from '../config/guideline-loader.js';
import type { DeviceModelEntry } from '../evidence/evidence.js';
import { detectArchetype, type ArchetypeConfidence, type ArchetypeSignal } from './archetype.js';
import { sameName } from '../evidence/payload-read.js';
import { appliesToVersion, DEFAULT_VERSIONS, type OcppVersion, versionLabel } from '../evidence/ocpp-version.js';

/** The shipped guidelines, read once per process (they are package data). */
let shipped: Guideline[] | undefined;

/** The guideline a station is scored against, and how it was chosen. */
export interface GuidelineChoice {
  guideline: Guideline;
  archetype: string;
  /** `forced` by --guideline, or `detected` from the device model. */
  how: 'forced' | 'detected';
  reason: string;
  /** How one-sided the device model's evidence for the detected archetype was. */
  confidence: ArchetypeConfidence;
  /** The evidence the detection weighed (AC or DC, weight, in words). */
  signals: ArchetypeSignal[];
}

/**
 * The forced guideline when there is one; otherwise, among the shipped guidelines for the
 * station's OCPP version (each says which versions it is for), the one of the archetype the device
 * model shows, falling back to the version's guideline for any station. Where no guideline of the
 * version depends on the kind of station (1.6: no device model to tell it from), the archetype is
 * `any` and nothing is detected.
 */
export function chooseGuideline(entries: readonly DeviceModelEntry[], forced: Guideline | undefined, version: OcppVersion = '2.0.1'): GuidelineChoice {
  const detected = detectArchetype(entries);
  if (forced) {
    const archetype = forced.archetypes.includes(detected.archetype) || forced.archetypes.includes('any') ? detected.archetype : (forced.archetypes[0] ?? 'any');
    const fits = forced.archetypes.includes(detected.archetype) || forced.archetypes.includes('any');
    const forVersion = appliesToVersion(forced, version) ? '' : ` (it is for ${(forced.versions ?? DEFAULT_VERSIONS).map(versionLabel).join(', ')}; the station speaks ${versionLabel(version)})`;
    const reason = `--guideline ${forced.id}${forVersion}${fits ? '' : ` (the device model looks like ${detected.archetype}: ${detected.reason})`}`;
    return { guideline: forced, archetype, how: 'forced', reason, confidence: detected.confidence, signals: detected.signals };
  }
  shipped ??= builtInGuidelines().map((id) => loadGuideline(id));
  const candidates = shipped.filter((g) => appliesToVersion(g, version));
  if (candidates.every((g) => g.archetypes.includes('any'))) {
    const only = candidates[0];
    if (!only) throw new Error(`no shipped guideline for ${versionLabel(version)} stations`);
    return { guideline: only, archetype: 'any', how: 'detected', reason: `the shipped guideline for ${versionLabel(version)} stations, whatever their kind`, confidence: 'high', signals: [] };
  }
  const match = candidates.find((g) => g.archetypes.includes(detected.archetype)) ?? candidates.find((g) => g.archetypes.includes('any'));
  if (!match) throw new Error(`no shipped guideline for ${versionLabel(version)} stations of any kind`);
  return { guideline: match, archetype: detected.archetype, how: 'detected', reason: detected.reason, confidence: detected.confidence, signals: detected.signals };
}

/**
 * The monitors the audit sets to test the guideline's "monitoring" requirements, on every
 * reported variable the guideline wants monitorable and the station says supports monitoring,
 * all severity 9 and chosen never to fire during an audit: a daily Periodic and a daily
 * clock-aligned one; on numbers also thresholds at the variable's limits (legal, never crossed)
 * and a Delta larger than its range. (A Delta on a non-numeric variable fires on any change, so
 * it is not probed.)
 */
export function monitoringProbes(guideline: Guideline, entries: readonly DeviceModelEntry[]): Array<Record<string, unknown>> {
  const probes: Array<Record<string, unknown>> = [];
  const seen = new Set<DeviceModelEntry>();
  for (const spec of guideline.variables.filter((v) => v.monitoring)) {
    for (const entry of entries) {
      if (seen.has(entry) || entry.variableCharacteristics?.supportsMonitoring !== true) continue;
      if (!sameName(entry.component.name, spec.component) || !sameName(entry.variable.name, spec.variable)) continue;
      if (spec.componentInstance !== undefined && !sameName(entry.component.instance, spec.componentInstance)) continue;
      if (spec.instance !== undefined && spec.instance !== '*' && !sameName(entry.variable.instance, spec.instance)) continue;
      seen.add(entry);
      const base = { severity: 9, component: entry.component, variable: entry.variable };
      probes.push({ ...base, type: 'Periodic', value: 86_400 }, { ...base, type: 'PeriodicClockAligned', value: 86_400 });
      const { dataType, minLimit, maxLimit } = entry.variableCharacteristics ?? {};
      if (dataType === 'integer' || dataType === 'decimal') {
        probes.push(
          { ...base, type: 'UpperThreshold', value: maxLimit ?? 1e9 },
          { ...base, type: 'LowerThreshold', value: minLimit ?? -1e9 },
          { ...base, type: 'Delta', value: maxLimit !== undefined && minLimit !== undefined ? maxLimit - minLimit + 1 : 1e9 },
        );
      }
    }
  }
  return probes;
}
