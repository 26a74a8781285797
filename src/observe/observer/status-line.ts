import { describeCounts, type PlanState } from './station-observer.js';

/** What the status line shows of one station. */
export interface StationStatus {
  identity: string;
  connected: boolean;
  /** When the station last sent anything (ms since the epoch), undefined when never. */
  lastMessageAt?: number;
  /** NotifyEvent messages since midnight UTC. */
  eventsToday: number;
  plan: PlanState;
}

/** One line per station: `CS-1: connected, last message 4 s ago, 12 events today, plan kept (28 accepted, 2 refused)`. */
export function statusLine(status: StationStatus, now: number): string {
  const last = status.lastMessageAt === undefined ? 'nothing received yet' : `last message ${ago(now - status.lastMessageAt)} ago`;
  return `${status.identity}: ${status.connected ? 'connected' : 'offline'}, ${last}, ${status.eventsToday} event message(s) today, plan ${status.plan.phase} (${describeCounts(status.plan.counts)})`;
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}
