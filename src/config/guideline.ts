import type { OcppVersion } from '../ocpp/protocol.js';

/** A diagnostics guideline (`guidelines/<id>.json`, checked against guidelines/guideline.schema.json). */
export type Level = 'required' | 'recommended';
export type Tier = 'station' | 'evse' | 'connector';
export type Archetype = 'any' | 'ac-wallbox' | 'dc-fast' | 'hpc';

/**
 * Where a guideline line comes from (issue 15): `<source id>` or `<source id>#<locator>` naming an
 * entry of guidelines/sources.json (`ocpp201-part2#G05.FR.02`, `tc-b-53`), or our own proposal
 * with the reason no public source backs it.
 */
export type Citation = string | { own: string };

/** A public reference of guidelines/sources.json, named once and cited by id. */
export interface GuidelineSource {
  id: string;
  title: string;
  publisher?: string;
  version: string;
  licence?: string;
  where: string;
}

export interface GuidelineComponent {
  name: string;
  instance?: string;
  tier: Tier;
  cardinality?: 'one' | 'at-least-one' | 'each';
  level: Level;
  aliases?: string[];
  /** A must-have: its FAIL caps the grade (guidelines/scoring.json mustHaves), whatever the score. */
  critical?: boolean;
  why: string;
  source: Citation[];
  /** The OCPP versions the line applies to (default DEFAULT_VERSIONS): a newer version's addition is judged on its stations only. */
  versions?: readonly OcppVersion[];
}

export interface GuidelineVariable {
  component: string;
  componentInstance?: string;
  tier?: Tier;
  variable: string;
  /** A variable instance, or `*` for any. */
  instance?: string;
  level: Level;
  dataType?: string;
  unit?: string;
  mutability?: 'ReadOnly' | 'WriteOnly' | 'ReadWrite';
  monitoring?: Level;
  /** Applies only where the station reports the component (a lock a tethered cable lacks); else NOT APPLICABLE. */
  whenComponentReported?: boolean;
  /** A must-have: its FAIL caps the grade (guidelines/scoring.json mustHaves), whatever the score. */
  critical?: boolean;
  why: string;
  source: Citation[];
  /** The OCPP versions the line applies to (default DEFAULT_VERSIONS): a newer version's addition is judged on its stations only. */
  versions?: readonly OcppVersion[];
}

export interface SeverityRange {
  min: number;
  max: number;
}

export interface GuidelineMonitor {
  component: string;
  variable: string;
  instance?: string;
  types: string[];
  origin: 'HardWiredMonitor' | 'PreconfiguredMonitor' | 'any';
  severity?: SeverityRange;
  level: Level;
  /** A must-have: its FAIL caps the grade (guidelines/scoring.json mustHaves), whatever the score. */
  critical?: boolean;
  why: string;
  source: Citation[];
  /** The OCPP versions the line applies to (default DEFAULT_VERSIONS): a newer version's addition is judged on its stations only. */
  versions?: readonly OcppVersion[];
}

export interface GuidelineSeverity {
  category: string;
  title: string;
  match: Array<{ component: string; variable: string }>;
  severity: SeverityRange;
  /**
   * ChargeX fault codes (NotifyEvent techCode) of this category: a monitor whose event carried one
   * belongs to it, whatever its component. ChargeX gives no severity; the mapping is our proposal
   * (shared/reference/guideline-sources.md §6).
   */
  chargexCodes?: string[];
  weight?: number;
  why: string;
  source: Citation[];
  /** The OCPP versions the line applies to (default DEFAULT_VERSIONS): a newer version's addition is judged on its stations only. */
  versions?: readonly OcppVersion[];
}

export interface GuidelineWeights {
  required?: number;
  recommended?: number;
  components?: number;
  variables?: number;
  monitors?: number;
  severities?: number;
}

export interface GuidelineDocument {
  id: string;
  version: string;
  title: string;
  description: string;
  extends?: string;
  archetypes: Archetype[];
  weights?: GuidelineWeights;
  components?: GuidelineComponent[];
  variables?: GuidelineVariable[];
  monitors?: GuidelineMonitor[];
  severities?: GuidelineSeverity[];
}

/** A guideline with its `extends` chain folded in: every entry that applies, once. */
export interface Guideline {
  id: string;
  version: string;
  title: string;
  description: string;
  archetypes: Archetype[];
  /** The ids folded in, base first (`ocpp-201-core`, `dc-fast`, `hpc`). */
  chain: string[];
  file: string;
  weights: Required<GuidelineWeights>;
  components: GuidelineComponent[];
  variables: GuidelineVariable[];
  monitors: GuidelineMonitor[];
  severities: GuidelineSeverity[];
  /** The public references its lines cite (guidelines/sources.json), in the order first cited. */
  sources: GuidelineSource[];
}
