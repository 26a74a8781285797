import { chargeXCode } from '../../checks/events/chargex-codes.js';
import type { Annotation, EventRow, SeriesKey } from '../store/store.js';

/** How far back "before the failure" looks, by default. */
export const BEFORE_HOURS = 6;

/** One component/variable's events over the period: how many, which fault codes. */
export interface EventCount {
  station: string;
  /** `PowerConverter[1]@EVSE 1`. */
  component: string;
  variable: string;
  /** The severity of the monitor that raised them (0 Danger … 9 Debug), when counted per severity and known. */
  severity?: number;
  events: number;
  /** Fault codes seen, with their counts; ChargeX codes named. */
  techCodes: Array<{ code: string; count: number; chargex?: string }>;
}

/**
 * The events counted per station, component and variable, most first; with `severityOf` (the
 * severity of the monitor that raised an event, when it can be told) also per severity.
 */
export function eventCounts(events: readonly EventRow[], severityOf?: (event: EventRow) => number | undefined): EventCount[] {
  const rows = new Map<string, EventCount>();
  for (const event of events) {
    const component = label(event);
    const severity = severityOf?.(event);
    const key = `${event.station}\u0000${component}\u0000${event.variable}\u0000${severity ?? ''}`;
    const row = rows.get(key) ?? { station: event.station, component, variable: event.variable, ...(severity !== undefined ? { severity } : {}), events: 0, techCodes: [] };
    row.events += 1;
    if (event.techCode !== undefined) {
      const known = row.techCodes.find((c) => c.code === event.techCode);
      if (known) known.count += 1;
      else {
        const chargex = chargeXCode(event.techCode);
        row.techCodes.push({ code: event.techCode, count: 1, ...(chargex ? { chargex: chargex.name } : {}) });
      }
    }
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.events - a.events || a.station.localeCompare(b.station) || a.component.localeCompare(b.component) || a.variable.localeCompare(b.variable) || (a.severity ?? 10) - (b.severity ?? 10));
}

/** A moment to look back from: a `failure` note, or an event at the top severities. */
export interface Moment {
  station: string;
  /** ISO time. */
  at: string;
}

/** What led up to one moment: the sensor series and the other events of the hours before it. */
export interface Before<M extends Moment = Moment> {
  moment: M;
  from: string;
  /** Periodic samples per monitored variable (numeric values only), oldest first. */
  series: Array<{ component: string; variable: string; key: Omit<SeriesKey, 'station'>; points: Array<{ at: string; value: number }> }>;
  /** The other events (thresholds, deltas, notifications) of the window, oldest first. */
  events: EventRow[];
}

/** What led up to one failure note. */
export interface BeforeFailure extends Omit<Before<Annotation>, 'moment'> {
  failure: Annotation;
}

/**
 * For each `failure` note, the `hours` before it on that station: the sensor series the
 * periodic monitors sampled (by the station's timestamps, else the receive time) and every other
 * event — the rising temperature before the trip, the glitches before the connector failed.
 */
export function beforeFailures(events: readonly EventRow[], annotations: readonly Annotation[], hours = BEFORE_HOURS): BeforeFailure[] {
  return beforeMoments(events, annotations.filter((a) => a.kind === 'failure'), hours).map(({ moment, ...rest }) => ({ failure: moment, ...rest }));
}

/** The same look back from any moments (failure notes, events at the top severities), in the order given. */
export function beforeMoments<M extends Moment>(events: readonly EventRow[], moments: readonly M[], hours = BEFORE_HOURS): Array<Before<M>> {
  const byStation = new Map<string, EventRow[]>();
  for (const event of events) {
    const list = byStation.get(event.station);
    if (list) list.push(event);
    else byStation.set(event.station, [event]);
  }
  return moments.map((moment) => {
    const to = Date.parse(moment.at);
    const from = to - hours * 3_600_000;
    const inWindow = (byStation.get(moment.station) ?? []).filter((e) => within(timeOf(e), from, to)).sort((a, b) => timeOf(a) - timeOf(b));
    const series = new Map<string, Before['series'][number]>();
    const others: EventRow[] = [];
    for (const event of inWindow) {
      const value = Number(event.actualValue);
      if (event.trigger === 'Periodic' && event.actualValue !== undefined && event.actualValue.trim() !== '' && Number.isFinite(value)) {
        const key = `${label(event)}\u0000${event.variable}\u0000${event.variableInstance ?? ''}`;
        const row = series.get(key) ?? { component: label(event), variable: event.variable + (event.variableInstance !== undefined ? `[${event.variableInstance}]` : ''), key: seriesKeyOf(event), points: [] };
        row.points.push({ at: new Date(timeOf(event)).toISOString(), value });
        series.set(key, row);
      } else others.push(event);
    }
    return { moment, from: new Date(from).toISOString(), series: [...series.values()], events: others };
  });
}

/** The series an event belongs to (its component, EVSE and variable, without the station). */
function seriesKeyOf(event: EventRow): Omit<SeriesKey, 'station'> {
  return {
    component: event.component,
    ...(event.componentInstance !== undefined ? { componentInstance: event.componentInstance } : {}),
    ...(event.evseId !== undefined ? { evseId: event.evseId } : {}),
    ...(event.connectorId !== undefined ? { connectorId: event.connectorId } : {}),
    variable: event.variable,
    ...(event.variableInstance !== undefined ? { variableInstance: event.variableInstance } : {}),
  };
}

/** When an event happened: the station's timestamp, else when it came. */
export function timeOf(event: EventRow): number {
  const stamped = event.timestamp !== undefined ? Date.parse(event.timestamp) : Number.NaN;
  return Number.isNaN(stamped) ? Date.parse(event.receivedAt) : stamped;
}

const within = (t: number, from: number, to: number): boolean => t >= from && t <= to;

/** Where an event or a series is: `PowerConverter[1]@EVSE 1/2`. */
export function label(event: Pick<EventRow, 'component' | 'componentInstance' | 'evseId' | 'connectorId'>): string {
  // The EVSE component of EVSE 1 is `EVSE 1`, not `EVSE@EVSE 1`.
  if (event.component === 'EVSE' && event.evseId !== undefined && event.componentInstance === undefined && event.connectorId === undefined) return `EVSE ${event.evseId}`;
  const instance = event.componentInstance !== undefined ? `[${event.componentInstance}]` : '';
  const evse = event.evseId !== undefined ? `@EVSE ${event.evseId}${event.connectorId !== undefined ? `/${event.connectorId}` : ''}` : '';
  return `${event.component}${instance}${evse}`;
}
