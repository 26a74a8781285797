import { availabilityEvents } from './availability-events.js';
import type { Check } from './check.js';
import { clockAlignedTiming } from './clock-aligned-timing.js';
import { eventRate } from './event-rate.js';
import { eventSeverity } from './event-severity.js';
import { liveness } from './liveness.js';
import { notifyEventFields } from './notify-event-fields.js';
import { periodicTiming } from './periodic-timing.js';
import { presetMonitorEvents } from './preset-monitor-events.js';

/** The checks over monitoring events (N07, N08; 2.1's severity and availability events) and the station's robustness under them. */
export const eventChecks: Check[] = [periodicTiming, clockAlignedTiming, notifyEventFields, eventSeverity, availabilityEvents, presetMonitorEvents, eventRate, liveness];
