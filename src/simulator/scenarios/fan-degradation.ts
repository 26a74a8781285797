import type { ComponentRef } from '../device-model/types.js';
import { ambientCelsius } from './daily-temperature-cycle.js';
import { HOUR_MS, MINUTE_MS, noiseAt, profileHas, type Scenario, seededFraction } from './scenario.js';

/** The power module whose fan wears out. */
export const FAN_CONVERTER: ComponentRef = { name: 'AcDcConverter', instance: '1' };
export const NOMINAL_FAN_RPM = 3000;
/** The module's own protection switches it off at this temperature. */
export const TRIP_CELSIUS = 85;
/** ChargeX MREC CX003 HighTemperature (guideline-sources.md, chargex-mrec). */
export const TRIP_FAULT = { techCode: 'CX003', techInfo: 'power module over-temperature: cooling fan failing' };
/** How much warmer than the ambient the module runs with a healthy fan, and how much more with a stopped one. */
const HEALTHY_RISE_CELSIUS = 18;
const FANLESS_EXTRA_CELSIUS = 70;
/** After the trip the module cools towards the ambient with this time constant. */
const COOLING_TAU_MS = 20 * MINUTE_MS;

/** When the fan starts to slow (1–2 h of station time after the start) and how long it takes to stop (3–4 h). */
export function fanTimeline(seed: number): { onsetMs: number; stallMs: number } {
  const onsetMs = HOUR_MS * (1 + seededFraction(seed, 'fan-onset'));
  return { onsetMs, stallMs: onsetMs + HOUR_MS * (3 + seededFraction(seed, 'fan-wear')) };
}

/** The fan's share of its nominal speed, 1 → 0, at `elapsedMs` after the start. Pure. */
export function fanFraction(seed: number, elapsedMs: number): number {
  const { onsetMs, stallMs } = fanTimeline(seed);
  if (elapsedMs <= onsetMs) return 1;
  if (elapsedMs >= stallMs) return 0;
  return 1 - (elapsedMs - onsetMs) / (stallMs - onsetMs);
}

/** The fan speed in RPM (with ±20 RPM of noise while it turns). Pure. */
export function fanSpeedRpm(seed: number, startedAt: number, at: number): number {
  const fraction = fanFraction(seed, at - startedAt);
  return fraction === 0 ? 0 : Math.max(0, NOMINAL_FAN_RPM * fraction + noiseAt(seed, 'fan-rpm', at, 20));
}

/** The module's temperature as if it never tripped: the ambient plus a rise that grows as the fan slows. */
function runningCelsius(seed: number, startedAt: number, at: number): number {
  return ambientCelsius(seed, at) + HEALTHY_RISE_CELSIUS + FANLESS_EXTRA_CELSIUS * (1 - fanFraction(seed, at - startedAt));
}

/**
 * When the module trips, ms after the start: the first station minute at which its temperature
 * reaches TRIP_CELSIUS. It always does, at the latest once the fan has stopped. Pure.
 */
export function tripElapsedMs(seed: number, startedAt: number): number {
  const { onsetMs, stallMs } = fanTimeline(seed);
  for (let elapsed = onsetMs; elapsed <= stallMs + HOUR_MS; elapsed += MINUTE_MS) {
    if (runningCelsius(seed, startedAt, startedAt + elapsed) >= TRIP_CELSIUS) return elapsed;
  }
  return stallMs;
}

/** The module's temperature at station time `at`: rising with the failing fan, then cooling once tripped. Pure. */
export function converterCelsius(seed: number, startedAt: number, at: number): number {
  const tripAt = startedAt + tripElapsedMs(seed, startedAt);
  if (at < tripAt) return runningCelsius(seed, startedAt, at);
  const ambient = ambientCelsius(seed, at);
  const atTrip = runningCelsius(seed, startedAt, tripAt);
  return ambient + (atTrip - ambient) * Math.exp(-(at - tripAt) / COOLING_TAU_MS);
}

/**
 * `fan-degradation` (DC profiles): the cooling fan of power module 1 wears out over hours of
 * station time. Its FanSpeed falls, its Temperature climbs past the preconfigured 65 °C
 * UpperThreshold, and at 85 °C the module's protection trips: AcDcConverter[1].Tripped becomes
 * true, which the station reports as a HardWiredNotification with the ChargeX code CX003
 * (the "rising temperature before a component failure" a pilot wants to show).
 */
export const fanDegradation: Scenario = {
  description: 'the cooling fan of AcDcConverter[1] slows down from 1–2 h after the start until it stops; the module heats up past its 65 °C threshold and trips at 85 °C (Tripped, techCode CX003)',
  unfit: (profile) =>
    profileHas(profile, FAN_CONVERTER.name, 'FanSpeed', FAN_CONVERTER.instance) && profileHas(profile, FAN_CONVERTER.name, 'Tripped', FAN_CONVERTER.instance)
      ? undefined
      : `profile ${profile.id} has no AcDcConverter[1] with FanSpeed and Tripped (use a DC profile)`,
  attach: ({ station, monitoring, seed, startedAt }) => {
    station.sensors.override({ component: FAN_CONVERTER, variable: { name: 'FanSpeed' }, value: (at) => fanSpeedRpm(seed, startedAt, at), decimals: 0 });
    station.sensors.override({ component: FAN_CONVERTER, variable: { name: 'Temperature' }, value: (at) => converterCelsius(seed, startedAt, at), decimals: 1 });
    const tripAt = startedAt + tripElapsedMs(seed, startedAt);
    station.clock.setTimeout(() => {
      station.context.log(`scenario fan-degradation: AcDcConverter[1] tripped at ${TRIP_CELSIUS} °C`);
      monitoring?.faultCodes.set(FAN_CONVERTER, { name: 'Tripped' }, TRIP_FAULT);
      station.model.setByStation(FAN_CONVERTER, { name: 'Tripped' }, 'true');
    }, Math.max(0, tripAt - station.clock.now()));
  },
};
