import type { Check } from './check.js';
import { eventStreamAdjust } from './event-stream-adjust.js';
import { eventStreamBasetime } from './event-stream-basetime.js';
import { eventStreamBatching } from './event-stream-batching.js';
import { eventStreamCloseFlush } from './event-stream-close-flush.js';
import { eventStreamFraming } from './event-stream-framing.js';
import { eventStreamListed } from './event-stream-listed.js';
import { eventStreamTiming } from './event-stream-timing.js';
import { eventStreamsWithinMax } from './event-streams-within-max.js';

/** The checks over OCPP 2.1 periodic event streams (N11–N15); each declares versions ['2.1']. */
export const streamChecks: Check[] = [eventStreamFraming, eventStreamTiming, eventStreamBasetime, eventStreamBatching, eventStreamListed, eventStreamAdjust, eventStreamCloseFlush, eventStreamsWithinMax];
