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
}

/**
 * When a line of an OCPP 1.6 guideline applies: the station claims a feature profile (its
 * SupportedFeatureProfiles lists it, 1.6 §9.1.29) or lists a configuration key (a security
 * white paper key); otherwise the line is NOT APPLICABLE.
 */
export interface LineCondition {
  profileClaimed?: string;
  keyListed?: string;
}

/**
 * A configuration key an OCPP 1.6 station should list in a full GetConfiguration (1.6 §9): the
 * 1.6 counterpart of a device-model variable. Without `contains` or `range` the line asks for the
 * key; with one of them it judges the value of a key the station lists (its absence is the
 * presence line's finding).
 */
export interface GuidelineConfigurationKey {
  key: string;
  level: Level;
  /** The read-only flag the spec gives the key (R: true, RW: false); absent where either is allowed. */
  readonly?: boolean;
  /** A member the comma-separated value must hold (`SupportedFeatureProfiles` holding `RemoteTrigger`). */
  contains?: string;
  /** The integer value's recommended bounds (seconds, counts). */
  range?: { min?: number; max?: number };
  when?: LineCondition;
  /** A must-have: its FAIL caps the grade (guidelines/scoring.json mustHaves), whatever the score. */
  critical?: boolean;
  why: string;
  source: Citation[];
}

/** The score category a message line counts in (guidelines/scoring.json gathers them). */
export type MessageCategory = 'protocol' | 'configuration' | 'diagnostics' | 'events' | 'robustness';

/**
 * A message the station should use: one it sends (`sentBy: station`, e.g. Heartbeat), or one a
 * CSMS sends and the station answers (`sentBy: csms`, e.g. GetConfiguration). `fields` asks its
 * messages to carry those fields, `where` narrows them first (StatusNotifications whose errorCode
 * is not NoError should carry vendorErrorCode).
 */
export interface GuidelineMessage {
  action: string;
  sentBy: 'station' | 'csms';
  level: Level;
  fields?: string[];
  where?: { field: string; not: string[] };
  /**
   * A message only due after the station answered this action with this field (an upload status
   * after a GetDiagnostics that named a file): with no such answer, silence is no finding.
   */
  dueAfter?: { action: string; field: string };
  /** Default `diagnostics`. */
  category?: MessageCategory;
  when?: LineCondition;
  /** A must-have: its FAIL caps the grade (guidelines/scoring.json mustHaves), whatever the score. */
  critical?: boolean;
  why: string;
  source: Citation[];
}

export interface GuidelineWeights {
  required?: number;
  recommended?: number;
  components?: number;
  variables?: number;
  monitors?: number;
  severities?: number;
  configurationKeys?: number;
  messages?: number;
}

export interface GuidelineDocument {
  id: string;
  version: string;
  title: string;
  description: string;
  extends?: string;
  /** The OCPP versions whose stations it is for (default 2.0.1 and 2.1: the device-model guidelines). */
  versions?: OcppVersion[];
  archetypes: Archetype[];
  weights?: GuidelineWeights;
  components?: GuidelineComponent[];
  variables?: GuidelineVariable[];
  monitors?: GuidelineMonitor[];
  severities?: GuidelineSeverity[];
  configurationKeys?: GuidelineConfigurationKey[];
  messages?: GuidelineMessage[];
}

/** A guideline with its `extends` chain folded in: every entry that applies, once. */
export interface Guideline {
  id: string;
  version: string;
  title: string;
  description: string;
  /** The OCPP versions whose stations it is for (a derived guideline keeps its base's unless it says; absent: 2.0.1 and 2.1). */
  versions?: OcppVersion[];
  archetypes: Archetype[];
  /** The ids folded in, base first (`ocpp-201-core`, `dc-fast`, `hpc`). */
  chain: string[];
  file: string;
  /** The 1.6 sections' weights may be absent (a guideline built in code before they existed): 1 each. */
  weights: Required<Omit<GuidelineWeights, 'configurationKeys' | 'messages'>> & Pick<GuidelineWeights, 'configurationKeys' | 'messages'>;
  components: GuidelineComponent[];
  variables: GuidelineVariable[];
  monitors: GuidelineMonitor[];
  severities: GuidelineSeverity[];
  /** OCPP 1.6 lines (absent: none). */
  configurationKeys?: GuidelineConfigurationKey[];
  messages?: GuidelineMessage[];
  /** The public references its lines cite (guidelines/sources.json), in the order first cited. */
  sources: GuidelineSource[];
}
