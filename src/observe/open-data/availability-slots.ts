import type { PortAvailability } from '../report/availability.js';
import type { Annotation, StatusRow } from '../store/store.js';
import type { Table } from './table.js';
import { overlap, total, union, type Interval } from '../report/intervals.js';

/** One port in one 15-minute slot of the period: the availability figure's unit. */
export interface AvailabilitySlot {
  station: string;
  evseId: number;
  connectorId: number;
  start: string;
  end: string;
  state: PortAvailability['slots'][number];
  /** Milliseconds of the slot in which the port's state was known, was out (T_outage), and was out but excluded (T_excluded). */
  knownMs: number;
  outageMs: number;
  excludedMs: number;
  /** Why the port was out in this slot (the outages that overlap it). */
  causes?: string;
}

const SLOT_MS = 15 * 60 * 1000;
const seconds = (ms: number): number => ms / 1000;

export const AVAILABILITY: Table<AvailabilitySlot> = {
  name: 'availability',
  title: 'Availability per port and 15-minute slot',
  description:
    'Port availability as the US NEVI rule counts it (23 CFR 680.116(b)), over the period instead of a year, one row per port (EVSE and connector) and 15-minute slot from the period\'s start (the last slot may be shorter). ' +
    'A port is out while its station is offline (connections.csv: from a close to the next open) or its last status is Unavailable or Faulted (statuses.csv: a status holds until the next one of the same port); overlapping causes count once. ' +
    'Its state is known from its first status on (the last one before the period counts from the period\'s start). Out time that an `excluded` note covers (annotations.csv, from at to until) is T_excluded. ' +
    'Uptime over any span of slots = (sum of known_s − (sum of outage_s − sum of excluded_s)) / sum of known_s × 100; the report gives minutes (seconds / 60) and uptime to one decimal.',
  primaryKey: ['station', 'evse_id', 'connector_id', 'slot_start'],
  columns: [
    { name: 'station', type: 'string', description: 'The station\'s identity, as in stations.csv.', value: (r) => r.station },
    { name: 'evse_id', type: 'integer', description: 'The EVSE.', value: (r) => r.evseId },
    { name: 'connector_id', type: 'integer', description: 'The connector of the EVSE.', value: (r) => r.connectorId },
    { name: 'slot_start', type: 'datetime', description: 'The slot\'s start (UTC).', value: (r) => r.start },
    { name: 'slot_end', type: 'datetime', required: true, description: 'The slot\'s end (UTC, exclusive): 15 minutes later, or the period\'s end.', value: (r) => r.end },
    { name: 'state', type: 'string', required: true, enum: ['up', 'down', 'excluded', 'unknown'], description: 'up: not out at all in the slot; down: out; excluded: out, but excluded notes cover at least as much of the slot as the outage; unknown: the slot ends before the port\'s first status.', value: (r) => r.state },
    { name: 'known_s', type: 'number', required: true, description: 'Seconds of the slot in which the port\'s state was known (NEVI\'s period P, summed over slots).', value: (r) => seconds(r.knownMs) },
    { name: 'outage_s', type: 'number', required: true, description: 'Seconds of the slot in which the port was out (T_outage).', value: (r) => seconds(r.outageMs) },
    { name: 'excluded_s', type: 'number', required: true, description: 'Seconds of outage_s that excluded notes cover (T_excluded).', value: (r) => seconds(r.excludedMs) },
    { name: 'causes', type: 'string', description: 'Why the port was out in the slot: Faulted or Unavailable (StatusNotification), station offline; several joined by "; ".', value: (r) => r.causes },
  ],
};

/**
 * The slots of each port that availability() computed, with the seconds behind each slot's
 * state. The state and the outages are availability()'s own; the slot's known, out and excluded
 * time are measured on those outages with the same rule (known from the port's first status;
 * excluded notes merged so that overlapping ones count once), so the sums over a port's slots
 * are its known, T_outage and T_excluded.
 */
export function* availabilitySlots(period: { from: string; to: string }, ports: readonly PortAvailability[], statuses: readonly StatusRow[], annotations: readonly Annotation[]): Generator<AvailabilitySlot> {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const firstStatus = new Map<string, number>();
  for (const status of statuses) {
    const key = portKey(status.station, status.evseId, status.connectorId);
    firstStatus.set(key, Math.min(firstStatus.get(key) ?? Infinity, Date.parse(status.receivedAt)));
  }
  for (const port of ports) {
    const knownFrom = Math.max(from, firstStatus.get(portKey(port.station, port.evseId, port.connectorId)) ?? to);
    // availability() gives the outages merged and in time order: a slot looks at those from `next` on.
    const outages: Interval[] = port.outages.map((o) => ({ from: Date.parse(o.from), to: Date.parse(o.to), why: o.why }));
    const excluded = union(annotations.filter((a) => a.station === port.station && a.kind === 'excluded').map((a) => ({ from: Date.parse(a.at), to: Date.parse(a.until ?? a.at) })).filter((i) => i.to > i.from));
    let next = 0;
    for (let index = 0, start = from; start < to; index++, start += SLOT_MS) {
      const end = Math.min(start + SLOT_MS, to);
      while (next < outages.length && outages[next].to <= start) next++;
      const out: Interval[] = [];
      for (let i = next; i < outages.length && outages[i].from < end; i++) out.push({ ...outages[i], from: Math.max(outages[i].from, start), to: Math.min(outages[i].to, end) });
      const causes = [...new Set(out.flatMap((o) => (o.why ?? '').split('; ')))].join('; ');
      yield {
        station: port.station,
        evseId: port.evseId,
        connectorId: port.connectorId,
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
        state: port.slots[index],
        knownMs: Math.max(0, end - Math.max(start, knownFrom)),
        outageMs: total(out),
        excludedMs: overlap(out, excluded),
        ...(causes !== '' ? { causes } : {}),
      };
    }
  }
}

const portKey = (station: string, evseId: number | undefined, connectorId: number | undefined): string => `${station}\u0000${evseId}\u0000${connectorId}`;
