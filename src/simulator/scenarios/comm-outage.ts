import { HOUR_MS, MINUTE_MS, type Scenario, seededFraction } from './scenario.js';

/** When the link drops (2–4 h of station time after the start) and for how long (30–90 min). Pure. */
export function outageWindow(seed: number): { fromMs: number; toMs: number } {
  const fromMs = HOUR_MS * (2 + 2 * seededFraction(seed, 'outage-start'));
  return { fromMs, toMs: fromMs + MINUTE_MS * (30 + 60 * seededFraction(seed, 'outage-length')) };
}

/**
 * `comm-outage`: the mobile link is lost once for a while and comes back without a reboot
 * (Part 4: no BootNotification on a mere reconnect). Meanwhile the station keeps monitoring:
 * events with a severity up to OfflineQueuingSeverity wait in its outbox with their original
 * timestamps and arrive late after the reconnect, the others are lost (N07.FR.04, N08.FR.03).
 */
export const commOutage: Scenario = {
  description: 'the link drops once 2–4 h after the start for 30–90 min (no reboot); events up to OfflineQueuingSeverity are queued and sent late with their own timestamps',
  unfit: () => undefined,
  attach: ({ station, seed, startedAt }) => {
    const { fromMs, toMs } = outageWindow(seed);
    station.clock.setTimeout(() => station.goOffline(toMs - fromMs), Math.max(0, startedAt + fromMs - station.clock.now()));
  },
};
