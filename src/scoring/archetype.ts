import type { Archetype } from '../config/guideline.js';
import type { DeviceModelEntry } from '../evidence/evidence.js';

/** Above this EVSE power a DC charger counts as high-power (a 150 kW unit is still a DC fast charger). */
const HPC_POWER_W = 150_000;
/** Parts only a DC station has (ISO 15118 and ConnectedEV are left out: AC stations have them too). */
const DC_COMPONENTS = new Set(['acdcconverter', 'dcdcconverter', 'groundisolationprotection', 'evretentionlock', 'chademoctrlr']);
const DC_VARIABLES = new Set(['dcvoltage', 'dccurrent']);

/**
 * Guesses the station's archetype from its device model: liquid-cooled cables or EVSE power above
 * 150 kW make a high-power charger; DC components or DC readings a DC fast charger;
 * anything else an AC wallbox. The reason goes into the result so the choice can be checked.
 */
export function detectArchetype(entries: readonly DeviceModelEntry[]): { archetype: Exclude<Archetype, 'any'>; reason: string } {
  const names = new Set(entries.map((e) => e.component.name.toLowerCase()));
  const spelled = (lower: string): string => entries.find((e) => e.component.name.toLowerCase() === lower)?.component.name ?? lower;
  const maxPower = Math.max(
    0,
    ...entries.filter((e) => e.component.name.toLowerCase() === 'evse' && e.variable.name.toLowerCase() === 'power').map((e) => e.variableCharacteristics?.maxLimit ?? 0),
  );
  if (names.has('liquidcoolingsystem')) return { archetype: 'hpc', reason: 'reports a LiquidCoolingSystem (liquid-cooled cables)' };
  const dcComponent = [...names].find((n) => DC_COMPONENTS.has(n));
  const dcReading = entries.find((e) => DC_VARIABLES.has(e.variable.name.toLowerCase()) && e.component.name.toLowerCase() !== 'cppwmcontroller');
  if ((dcComponent || dcReading) && maxPower > HPC_POWER_W) return { archetype: 'hpc', reason: `DC, with EVSE power up to ${maxPower / 1000} kW` };
  if (dcComponent) return { archetype: 'dc-fast', reason: `reports DC components (${spelled(dcComponent)})` };
  if (dcReading) return { archetype: 'dc-fast', reason: `reports DC readings (${dcReading.component.name}.${dcReading.variable.name})` };
  return { archetype: 'ac-wallbox', reason: 'no DC components, DC readings or liquid cooling' };
}
