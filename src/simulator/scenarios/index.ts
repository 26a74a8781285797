import { commOutage } from './comm-outage.js';
import { dailyTemperatureCycle } from './daily-temperature-cycle.js';
import { failingConnector } from './failing-connector.js';
import { fanDegradation } from './fan-degradation.js';
import { rebootLosesMonitors } from './reboot-loses-monitors.js';
import type { Scenario } from './scenario.js';

/**
 * The named scenarios of the virtual station for long runs, in the order they are attached
 * (a later one's sensor values win over an earlier one's: the fan's converter temperature over
 * the daily cycle's).
 */
export const SCENARIOS = {
  'daily-temperature-cycle': dailyTemperatureCycle,
  'fan-degradation': fanDegradation,
  'comm-outage': commOutage,
  'reboot-loses-monitors': rebootLosesMonitors,
  'failing-connector': failingConnector,
} as const satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof SCENARIOS;

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(SCENARIOS, name);
}

/** The selected names in attachment order, each once. */
export function inAttachmentOrder(names: readonly ScenarioName[]): ScenarioName[] {
  return (Object.keys(SCENARIOS) as ScenarioName[]).filter((name) => names.includes(name));
}
