import type { StationMessage } from '../session/station-inbox.js';

/** How many of the latest time-stamped station messages the estimate reads. */
const SAMPLES = 20;

/** Where each station message carries the time the station sent (or generated) it. */
const STAMP_FIELD: Record<string, string> = {
  NotifyEvent: 'generatedAt',
  NotifyReport: 'generatedAt',
  NotifyMonitoringReport: 'generatedAt',
  StatusNotification: 'timestamp',
  TransactionEvent: 'timestamp',
};

/** The station's clock against ours, as far as its time stamps tell. */
export interface StationClockEstimate {
  /** Our clock minus the station's, plus the quickest delivery delay seen, in ms. */
  lagMs: number;
  /** Time stamps read. */
  samples: number;
}

/**
 * Estimates how far the station's clock lags ours from the time stamps on its latest messages:
 * each message arrives after it was stamped, so the smallest (receive time − stamp) is the lag
 * plus the quickest delivery. Stale stamps (a status that changed long ago, a queued event) only
 * give larger values and are outvoted by the minimum. Undefined when nothing carries a stamp.
 */
export function estimateStationClock(messages: readonly StationMessage[]): StationClockEstimate | undefined {
  const lags: number[] = [];
  for (let i = messages.length - 1; i >= 0 && lags.length < SAMPLES; i--) {
    const message = messages[i];
    const field = message ? STAMP_FIELD[message.action] : undefined;
    if (!message || !field) continue;
    const stamp = message.payload[field];
    const stampMs = typeof stamp === 'string' ? Date.parse(stamp) : Number.NaN;
    const receivedMs = Date.parse(message.receivedAt);
    if (Number.isFinite(stampMs) && Number.isFinite(receivedMs)) lags.push(receivedMs - stampMs);
  }
  if (lags.length === 0) return undefined;
  return { lagMs: Math.min(...lags), samples: lags.length };
}

/** Whether a station message is one the estimate can read. */
export function carriesStamp(message: StationMessage): boolean {
  return Object.hasOwn(STAMP_FIELD, message.action);
}
