import { HOUR_MS, noiseAt, type Scenario, seededFraction } from './scenario.js';

const DAY_MS = 24 * HOUR_MS;
/** The ambient temperature at which every component sits at its profile's lowest reading. */
const REFERENCE_AMBIENT_CELSIUS = 10;

/**
 * The outdoor temperature at a station time (epoch ms), °C: a daily sine between about 4 and
 * 26 °C, coolest near 05:00 and warmest near 17:00 UTC (shifted by up to an hour by the seed),
 * each day a little warmer or cooler than the last, with ±0.3 °C of noise. Pure.
 */
export function ambientCelsius(seed: number, stationTimeMs: number): number {
  const shiftMs = seededFraction(seed, 'ambient-shift') * HOUR_MS;
  const hourOfDay = (((stationTimeMs - shiftMs) % DAY_MS) + DAY_MS) % DAY_MS / HOUR_MS;
  const day = Math.floor(stationTimeMs / DAY_MS);
  const dayOffset = (seededFraction(seed + day, 'ambient-day') * 2 - 1) * 3;
  const cycle = -Math.cos((2 * Math.PI * (hourOfDay - 5)) / 24);
  return 15 + dayOffset + 8 * cycle + noiseAt(seed, 'ambient', stationTimeMs, 0.3);
}

/**
 * `daily-temperature-cycle`: every Temperature sensor of the profile follows the day instead of
 * its wave: its profile minimum at 10 °C outside, moving one for one with the ambient. With a
 * daily Periodic or PeriodicClockAligned monitor this is the "station temperature during the
 * day" series of the guideline (OCA uptime white paper, periodic example).
 */
export const dailyTemperatureCycle: Scenario = {
  description: 'every Temperature sensor follows the outdoor temperature of the day (coolest near 05:00, warmest near 17:00 UTC) instead of its wave',
  unfit: (profile) => (profile.sensors.some((s) => s.variable.name === 'Temperature') ? undefined : `profile ${profile.id} has no Temperature sensor to drive`),
  attach: ({ station, seed }) => {
    for (const binding of station.profile.sensors) {
      if (binding.variable.name !== 'Temperature') continue;
      const base = binding.spec.min;
      station.sensors.override({
        component: binding.component,
        variable: binding.variable,
        value: (at) => base + ambientCelsius(seed, at) - REFERENCE_AMBIENT_CELSIUS,
        decimals: binding.spec.decimals ?? 1,
      });
    }
  },
};
