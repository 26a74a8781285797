import type { Archetype } from '../config/guideline.js';
import type { DeviceModelEntry } from '../evidence/evidence.js';
import { actualAttribute } from '../checks/inventory/report-items.js';

/** Above this EVSE power a DC charger counts as high-power (a 150 kW unit is still a DC fast charger). */
const HPC_POWER_W = 150_000;
/** AC Mode 3 tops out at 43 kW (63 A three-phase); 22 kW (32 A) is the wallbox ceiling. */
const AC_MAX_POWER_W = 43_000;
const WALLBOX_POWER_W = 22_000;

/** One piece of evidence for AC or DC charging, with how much it weighs. */
export interface ArchetypeSignal {
  points: 'ac' | 'dc';
  weight: number;
  /** In words, naming what the station reported: `power converters (AcDcConverter)`. */
  what: string;
}

export type ArchetypeConfidence = 'high' | 'medium' | 'low';

export interface ArchetypeDetection {
  archetype: Exclude<Archetype, 'any'>;
  /** The evidence and how it was weighed, in words, ending with the confidence. */
  reason: string;
  confidence: ArchetypeConfidence;
  signals: ArchetypeSignal[];
}

/**
 * Parts only a DC station has, and how strongly each says so. ISO15118Ctrlr and ConnectedEV are
 * left out (AC stations have them too); a CHAdeMO controller or an EV-side lock alone is weaker
 * evidence than power converters or insulation monitoring, which an AC wallbox never has.
 */
const DC_COMPONENTS: ReadonlyArray<{ names: readonly string[]; weight: number; what: string }> = [
  { names: ['AcDcConverter', 'DcDcConverter'], weight: 3, what: 'power converters' },
  { names: ['GroundIsolationProtection'], weight: 3, what: 'insulation monitoring' },
  { names: ['LiquidCoolingSystem'], weight: 3, what: 'liquid-cooled cables' },
  { names: ['CHAdeMOCtrlr'], weight: 2, what: 'a CHAdeMO controller' },
  { names: ['EVRetentionLock'], weight: 1, what: 'an EV-side retention lock' },
  { names: ['AirCoolingSystem'], weight: 1, what: 'forced air cooling' },
];

/** DCVoltage on these is not charging: the pilot signal, a clock battery, the control supply. */
const NOT_DC_CHARGING = new Set(['cppwmcontroller', 'realtimeclock', 'elvsupply']);
/** AC readings of these are the supply side, which a DC charger has too. */
const SUPPLY_SIDE = new Set(['acdcconverter', 'electricalfeed', 'chargingstation']);

/** ConnectorEnumType values (and the appendix's additions) that carry DC or AC only; cTesla and the rest say nothing. */
const DC_CONNECTORS = new Set(['cccs1', 'cccs2', 'cg105', 'cchaoji']);
const AC_CONNECTORS = new Set(['ctype1', 'ctype2', 'stype2', 'stype3', 's309-1p-16a', 's309-1p-32a', 's309-3p-16a', 's309-3p-32a', 'sbs1361', 'scee-7-7', 'other1phmax16a', 'other1phover16a', 'other3ph']);

// The device model is the station's text as received: a name, unit or value may be of any type.
const is = (name: unknown, lower: string): boolean => typeof name === 'string' && name.toLowerCase() === lower;
const actualValue = (entry: DeviceModelEntry): string | undefined => {
  const value: unknown = actualAttribute(entry)?.value;
  return typeof value === 'string' ? value : undefined;
};
const kW = (watts: number): string => `${watts / 1000} kW`;

/**
 * Infers the station's archetype from all the evidence its device model holds: DC parts and
 * readings, SupplyPhases (0 means DC, 1 or 3 AC), connector types, EVSE power and cooling. Each
 * kind of evidence weighs once (its strongest instance); the side with more weight wins, a tie
 * stays AC. A DC station with liquid-cooled cables or more than 150 kW per EVSE is a high-power
 * charger. The confidence says how one-sided the evidence was, and the reason names all of it, so
 * one stray CHAdeMOCtrlr in an otherwise AC, three-phase, 22 kW inventory reads as what it is.
 */
export function detectArchetype(entries: readonly DeviceModelEntry[]): ArchetypeDetection {
  const signals = collectSignals(entries);
  const weight = (points: 'ac' | 'dc'): number => signals.filter((s) => s.points === points).reduce((sum, s) => sum + s.weight, 0);
  const dc = weight('dc');
  const ac = weight('ac');
  const isDc = dc > ac;
  const winner = isDc ? dc : ac;
  const loser = isDc ? ac : dc;
  const confidence: ArchetypeConfidence = winner === 0 || winner - loser <= 1 ? 'low' : loser === 0 && winner >= 3 ? 'high' : 'medium';
  const listed = (points: 'ac' | 'dc'): string =>
    signals
      .filter((s) => s.points === points)
      .map((s) => s.what)
      .join(', ');

  if (!isDc) {
    if (ac === 0) return { archetype: 'ac-wallbox', reason: `no evidence of DC or AC charging in the device model, so an AC wallbox is assumed (${confidence} confidence)`, confidence, signals };
    const against = dc === 0 ? '; no DC evidence' : `; DC evidence: ${listed('dc')}, ${ac === dc ? `a tie (${ac} to ${dc}), which stays AC` : `outweighed ${ac} to ${dc}`}`;
    return { archetype: 'ac-wallbox', reason: `AC evidence: ${listed('ac')}${against} (${confidence} confidence)`, confidence, signals };
  }
  const liquid = entries.some((e) => is(e.component.name, 'liquidcoolingsystem'));
  const power = maxEvsePower(entries);
  const highPower = liquid ? 'liquid-cooled cables' : power > HPC_POWER_W ? `EVSE power up to ${kW(power)}` : undefined;
  const hpcNote = highPower ? `; high-power: ${highPower}` : '';
  const against = ac > 0 ? `; AC evidence: ${listed('ac')}, outweighed ${dc} to ${ac}` : '';
  return { archetype: highPower ? 'hpc' : 'dc-fast', reason: `DC evidence: ${listed('dc')}${hpcNote}${against} (${confidence} confidence)`, confidence, signals };
}

function collectSignals(entries: readonly DeviceModelEntry[]): ArchetypeSignal[] {
  const signals: ArchetypeSignal[] = [];
  const add = (points: 'ac' | 'dc', weight: number, what: string | undefined): void => {
    if (what !== undefined) signals.push({ points, weight, what });
  };
  const names = new Map(entries.map((e) => [e.component.name.toLowerCase(), e.component.name]));

  for (const { names: group, weight, what } of DC_COMPONENTS) {
    const spelled = group.flatMap((name) => names.get(name.toLowerCase()) ?? []);
    if (spelled.length > 0) add('dc', weight, `${what} (${spelled.join(', ')})`);
  }

  // DC readings on an EVSE or connector are its output; elsewhere (a meter, a converter) they still say DC.
  const dcReadings = entries.filter((e) => (is(e.variable.name, 'dcvoltage') || is(e.variable.name, 'dccurrent')) && !NOT_DC_CHARGING.has(e.component.name.toLowerCase()));
  const dcOutput = dcReadings.find((e) => is(e.component.name, 'evse') || is(e.component.name, 'connector'));
  if (dcOutput) add('dc', 3, `DC output readings (${dcOutput.component.name}.${dcOutput.variable.name})`);
  else if (dcReadings[0]) add('dc', 2, `DC readings (${dcReadings[0].component.name}.${dcReadings[0].variable.name})`);

  // Part 2 Appendix 4: SupplyPhases 0 means DC, 1 or 3 AC.
  const phases = entries.filter((e) => (is(e.component.name, 'evse') || is(e.component.name, 'connector')) && is(e.variable.name, 'supplyphases'));
  const phasesAt = (value: (v: string) => boolean): DeviceModelEntry | undefined => phases.find((e) => value((actualValue(e) ?? '').trim()));
  const dcPhases = phasesAt((v) => v === '0');
  const acPhases = phasesAt((v) => v === '1' || v === '3');
  if (dcPhases) add('dc', 3, `SupplyPhases 0 (DC) on ${placeOf(dcPhases)}`);
  if (acPhases) add('ac', 3, `SupplyPhases ${actualValue(acPhases)?.trim()} on ${placeOf(acPhases)}`);

  const types = entries.filter((e) => is(e.component.name, 'connector') && is(e.variable.name, 'connectortype')).map((e) => (actualValue(e) ?? '').trim());
  const dcType = types.find((t) => DC_CONNECTORS.has(t.toLowerCase()));
  const acType = types.find((t) => AC_CONNECTORS.has(t.toLowerCase()));
  if (dcType) add('dc', 3, `DC connector type ${dcType}`);
  if (acType) add('ac', 3, `AC connector type ${acType}`);

  const power = maxEvsePower(entries);
  if (power > AC_MAX_POWER_W) add('dc', 2, `EVSE power up to ${kW(power)}, beyond AC Mode 3`);
  else if (power > 0 && power <= WALLBOX_POWER_W) add('ac', 1, `EVSE power up to ${kW(power)}`);

  // AC measured at an EVSE is what it delivers; a DC charger measures AC only on its supply side.
  const acOutput = entries.find((e) => e.component.evse !== undefined && (is(e.variable.name, 'accurrent') || is(e.variable.name, 'acvoltage')) && !SUPPLY_SIDE.has(e.component.name.toLowerCase()));
  if (acOutput) add('ac', 1, `AC readings at ${placeOf(acOutput)} (${acOutput.component.name}.${acOutput.variable.name})`);
  return signals;
}

/** The highest EVSE.Power maxLimit in W (the EVSE's rating, TC_B_53; the unit may be W or kW); 0 when none is reported. */
function maxEvsePower(entries: readonly DeviceModelEntry[]): number {
  const ratings = entries
    .filter((e) => is(e.component.name, 'evse') && is(e.variable.name, 'power'))
    .map((e) => {
      const limit: unknown = e.variableCharacteristics?.maxLimit;
      return typeof limit === 'number' && Number.isFinite(limit) ? limit * (is(e.variableCharacteristics?.unit, 'kw') ? 1000 : 1) : 0;
    });
  return Math.max(0, ...ratings);
}

/** `EVSE 1`, `connector 1/2`. */
function placeOf(entry: DeviceModelEntry): string {
  const evse = entry.component.evse;
  if (!evse) return 'the station';
  return evse.connectorId !== undefined ? `connector ${evse.id}/${evse.connectorId}` : `EVSE ${evse.id}`;
}
