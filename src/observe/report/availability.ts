import type { Annotation, ConnectionRow, StatusRow } from '../store/store.js';

/** A port: one connector of one EVSE (NEVI and CEC count uptime per port). */
export interface PortAvailability {
  station: string;
  evseId: number;
  connectorId: number;
  /** Minutes of the period in which the port's state was known (from its first status on). */
  knownMinutes: number;
  /** T_outage: minutes down (the station offline, or the port Unavailable or Faulted). */
  outageMinutes: number;
  /** T_excluded: the part of T_outage that `excluded` annotations cover. */
  excludedMinutes: number;
  /** ((known − (T_outage − T_excluded)) / known) × 100, one decimal; null when nothing is known. */
  uptimePercent: number | null;
  outages: Array<{ from: string; to: string; minutes: number; why: string; excludedMinutes: number }>;
  /** One per 15 minutes of the period: up, down, excluded (down, but excluded) or unknown. */
  slots: Array<'up' | 'down' | 'excluded' | 'unknown'>;
}

/** States in which a port cannot charge (OCPP 2.0.1 ConnectorStatusEnumType). */
const DOWN_STATUSES = new Set(['Unavailable', 'Faulted']);
const SLOT_MS = 15 * 60 * 1000;
const MINUTE = 60 * 1000;

interface Interval {
  from: number;
  to: number;
  why: string;
}

/**
 * Availability per port over a period, the way the US NEVI rule (23 CFR 680.116(b)) counts it,
 * over the report's period instead of a 365-day year: µ = (P − (T_outage − T_excluded)) / P,
 * where a port is out while the station is offline or the port reports Unavailable or Faulted,
 * and T_excluded is what the operator's `excluded` annotations cover (never inferred). P is the
 * time the port's state was known: from its first StatusNotification (or the last one before the
 * period) on. Statuses before `from` give the state at the start; connections give offline time.
 */
export function availability(period: { from: string; to: string }, statuses: readonly StatusRow[], connections: readonly ConnectionRow[], annotations: readonly Annotation[]): PortAvailability[] {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const ports = new Map<string, StatusRow[]>();
  for (const status of statuses) {
    if (status.evseId === undefined || status.connectorId === undefined) continue;
    const key = `${status.station}\u0000${status.evseId}\u0000${status.connectorId}`;
    const list = ports.get(key);
    if (list) list.push(status);
    else ports.set(key, [status]);
  }
  const result: PortAvailability[] = [];
  for (const rows of ports.values()) {
    const sorted = [...rows].sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
    const first = sorted[0];
    const station = first.station;
    const knownFrom = Math.max(from, Date.parse(first.receivedAt));
    const down = [...statusOutages(sorted, from, to), ...offline(connections.filter((c) => c.station === station), from, to)];
    const outages = union(down.map((i) => ({ ...i, from: Math.max(i.from, knownFrom) })).filter((i) => i.to > i.from));
    const excluded = union(annotations.filter((a) => a.station === station && a.kind === 'excluded').map((a) => ({ from: Date.parse(a.at), to: Date.parse(a.until ?? a.at), why: a.text })).filter((i) => i.to > i.from));
    const known = Math.max(0, to - knownFrom);
    const outageMs = total(outages);
    const excludedMs = overlap(outages, excluded);
    result.push({
      station,
      evseId: first.evseId!,
      connectorId: first.connectorId!,
      knownMinutes: round(known / MINUTE),
      outageMinutes: round(outageMs / MINUTE),
      excludedMinutes: round(excludedMs / MINUTE),
      uptimePercent: known > 0 ? round(((known - (outageMs - excludedMs)) / known) * 100) : null,
      outages: outages.map((i) => ({ from: new Date(i.from).toISOString(), to: new Date(i.to).toISOString(), minutes: round((i.to - i.from) / MINUTE), why: i.why, excludedMinutes: round(overlap([i], excluded) / MINUTE) })),
      slots: slots(from, to, knownFrom, outages, excluded),
    });
  }
  return result.sort((a, b) => a.station.localeCompare(b.station) || a.evseId - b.evseId || a.connectorId - b.connectorId);
}

/** Down intervals from a port's statuses (the state holds until the next status). */
function statusOutages(sorted: readonly StatusRow[], from: number, to: number): Interval[] {
  const intervals: Interval[] = [];
  sorted.forEach((status, index) => {
    if (!DOWN_STATUSES.has(status.status)) return;
    const start = Date.parse(status.receivedAt);
    const end = index + 1 < sorted.length ? Date.parse(sorted[index + 1].receivedAt) : to;
    intervals.push({ from: Math.max(start, from), to: Math.min(end, to), why: `${status.status} (StatusNotification)` });
  });
  return intervals.filter((i) => i.to > i.from);
}

/** Offline intervals: from a connection's close to the next open (or the end of the period). */
function offline(connections: readonly ConnectionRow[], from: number, to: number): Interval[] {
  const events = connections.filter((c) => c.event === 'open' || c.event === 'close').sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const intervals: Interval[] = [];
  let closedAt: number | undefined;
  for (const event of events) {
    const at = Date.parse(event.at);
    if (event.event === 'close') closedAt ??= at;
    else if (closedAt !== undefined) {
      intervals.push({ from: Math.max(closedAt, from), to: Math.min(at, to), why: 'station offline' });
      closedAt = undefined;
    }
  }
  if (closedAt !== undefined) intervals.push({ from: Math.max(closedAt, from), to, why: 'station offline' });
  return intervals.filter((i) => i.to > i.from);
}

/** Merges overlapping intervals (their reasons joined). */
function union(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.from - b.from);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.from <= last.to) {
      last.to = Math.max(last.to, interval.to);
      if (!last.why.includes(interval.why)) last.why = `${last.why}; ${interval.why}`;
    } else merged.push({ ...interval });
  }
  return merged;
}

const total = (intervals: readonly Interval[]): number => intervals.reduce((sum, i) => sum + (i.to - i.from), 0);

function overlap(a: readonly Interval[], b: readonly Interval[]): number {
  let sum = 0;
  for (const x of a) for (const y of b) sum += Math.max(0, Math.min(x.to, y.to) - Math.max(x.from, y.from));
  return sum;
}

function slots(from: number, to: number, knownFrom: number, outages: readonly Interval[], excluded: readonly Interval[]): PortAvailability['slots'] {
  const result: PortAvailability['slots'] = [];
  for (let start = from; start < to; start += SLOT_MS) {
    const slot = [{ from: start, to: Math.min(start + SLOT_MS, to), why: '' }];
    if (slot[0].to <= knownFrom) {
      result.push('unknown');
      continue;
    }
    const out = overlap(slot, outages);
    if (out === 0) result.push('up');
    else result.push(overlap(outages.map((o) => ({ ...o, from: Math.max(o.from, start), to: Math.min(o.to, start + SLOT_MS) })).filter((o) => o.to > o.from), excluded) >= out ? 'excluded' : 'down');
  }
  return result;
}

const round = (value: number): number => Math.round(value * 10) / 10;
