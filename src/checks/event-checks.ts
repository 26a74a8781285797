import type { Check } from './check.js';
import { clockAlignedTiming } from './clock-aligned-timing.js';
import { eventRate } from './event-rate.js';
import { liveness } from './liveness.js';
import { notifyEventFields } from './notify-event-fields.js';
import { periodicTiming } from './periodic-timing.js';
import { presetMonitorEvents } from './preset-monitor-events.js';

/** The checks over monitoring events (N07, N08) and the station's robustness under them. */
export const eventChecks: Check[] = [periodicTiming, clockAlignedTiming, notifyEventFields, presetMonitorEvents, eventRate, liveness];
