import { HOUR_MS, type Scenario, seededFraction } from './scenario.js';

/** When the watchdog reboots the station: 3–5 h of station time after the start. Pure. */
export function rebootElapsedMs(seed: number): number {
  return HOUR_MS * (3 + 2 * seededFraction(seed, 'watchdog-reboot'));
}

/**
 * `reboot-loses-monitors`: once, the station's watchdog reboots it (BootNotification reason
 * Watchdog), and the custom monitors the CSMS set are gone afterwards, as on firmware that keeps
 * them only in memory (against N07.FR.13). Hard-wired and preconfigured monitors stay. A
 * backend that keeps a monitoring plan must notice and set them again.
 */
export const rebootLosesMonitors: Scenario = {
  description: 'the watchdog reboots the station once 3–5 h after the start (reason Watchdog) and every custom monitor is lost (against N07.FR.13)',
  unfit: (profile) => (profile.supports.monitoring ? undefined : `profile ${profile.id} does not implement monitoring, so it has no monitors to lose`),
  attach: ({ station, monitoring, seed, startedAt }) => {
    station.clock.setTimeout(() => {
      const lost = monitoring?.state.forgetCustomMonitors() ?? 0;
      station.context.log(`scenario reboot-loses-monitors: watchdog reboot, ${lost} custom monitor(s) lost`);
      station.reboot('Watchdog');
    }, Math.max(0, startedAt + rebootElapsedMs(seed) - station.clock.now()));
  },
};
