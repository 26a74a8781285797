import { asArray, asNumber, asRecord, asString } from '../../evidence/payload-read.js';
import { addressOf, type VariableAddress } from '../variable-address.js';
import type { EventRow, MessageRow, PlanOutcomeRow, SeriesKey } from '../store/store.js';

/** One monitor a station holds, as its own monitoring report or the plan's outcomes show it. */
export interface KnownMonitor extends VariableAddress {
  station: string;
  /** The id the station gave it; undefined for a plan monitor the station did not number. */
  id?: number;
  /** UpperThreshold, LowerThreshold, Delta, Periodic, PeriodicClockAligned. */
  type: string;
  /** The threshold, delta or interval (s). */
  value: number;
  /** 0 (Danger) … 9 (Debug). */
  severity?: number;
  /** Where it is known from, in words: "the station's monitoring report" or "the plan (accepted)". */
  source: string;
  /** When it was last reported (ISO). */
  at: string;
}

/** OCPP 2.0.1 severity names (N07 "severity levels"), for readers who do not know the numbers. */
export const SEVERITY_NAMES = ['Danger', 'Hardware failure', 'System failure', 'Critical', 'Error', 'Alert', 'Warning', 'Notice', 'Informational', 'Debug'];

export function severityName(severity: number | undefined): string {
  return severity === undefined ? 'unknown' : `${severity} ${SEVERITY_NAMES[severity] ?? ''}`.trim();
}

/** Plan outcomes after which the station holds the monitor (or says it does). */
const HELD = new Set(['accepted', 'reapplied', 'unverified']);

/**
 * Every monitor known per station: those its NotifyMonitoringReport messages list (the
 * station's word, whatever set them: factory, another backend, our plan) and the plan's monitors
 * the station accepted. Later reports replace earlier ones of the same station and monitor id, so
 * a monitor changed during the period is known by its last form.
 */
export function knownMonitors(reports: readonly MessageRow[], outcomes: readonly PlanOutcomeRow[]): KnownMonitor[] {
  const byKey = new Map<string, KnownMonitor>();
  const put = (monitor: KnownMonitor): void => {
    const key = monitor.id !== undefined ? `${monitor.station}\u0000#${monitor.id}` : `${monitor.station}\u0000${seriesId(monitor)}\u0000${monitor.type}\u0000${monitor.value}`;
    const known = byKey.get(key);
    if (!known || known.at <= monitor.at) byKey.set(key, monitor);
  };
  for (const report of [...reports].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))) {
    if (report.action !== 'NotifyMonitoringReport') continue;
    for (const monitor of reportedMonitors(report)) put(monitor);
  }
  for (const outcome of outcomes) {
    if (outcome.item !== 'monitor' || outcome.monitorType === undefined || !HELD.has(outcome.outcome)) continue;
    const value = Number(outcome.value);
    if (outcome.value.trim() === '' || !Number.isFinite(value)) continue;
    put({
      station: outcome.station,
      ...(outcome.monitorId !== undefined ? { id: outcome.monitorId } : {}),
      component: outcome.component,
      ...(outcome.componentInstance !== undefined ? { componentInstance: outcome.componentInstance } : {}),
      ...(outcome.evseId !== undefined ? { evseId: outcome.evseId } : {}),
      ...(outcome.connectorId !== undefined ? { connectorId: outcome.connectorId } : {}),
      variable: outcome.variable,
      ...(outcome.variableInstance !== undefined ? { variableInstance: outcome.variableInstance } : {}),
      type: outcome.monitorType,
      value,
      ...(outcome.severity !== undefined ? { severity: outcome.severity } : {}),
      source: `the monitoring plan (${outcome.outcome})`,
      at: outcome.at,
    });
  }
  return [...byKey.values()];
}

/** The monitors of one NotifyMonitoringReport; entries that do not read as a monitor are left out (a bad station is data). */
function reportedMonitors(report: MessageRow): KnownMonitor[] {
  let payload: Record<string, unknown> | undefined;
  try {
    payload = asRecord(JSON.parse(report.payload));
  } catch {
    return [];
  }
  const monitors: KnownMonitor[] = [];
  for (const entry of asArray(payload?.['monitor'])) {
    const data = asRecord(entry);
    const address = addressOf(data?.['component'], data?.['variable']);
    if (address === undefined) continue;
    for (const item of asArray(data?.['variableMonitoring'])) {
      const monitor = asRecord(item);
      const type = asString(monitor?.['type']);
      const value = asNumber(monitor?.['value']);
      if (type === undefined || value === undefined) continue;
      const id = asNumber(monitor?.['id']);
      const severity = asNumber(monitor?.['severity']);
      const optional = <K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } => (v === undefined ? {} : ({ [key]: v } as { [P in K]?: V }));
      monitors.push({
        station: report.station,
        ...optional('id', id),
        ...address,
        type,
        value,
        ...optional('severity', severity),
        source: "the station's monitoring report",
        at: report.receivedAt,
      });
    }
  }
  return monitors;
}

/** A series or a monitor's place, as one text (names compare case-insensitively, as OCPP's do). */
export function seriesId(key: Omit<SeriesKey, 'station'>): string {
  return [key.component.toLowerCase(), key.componentInstance ?? '', key.evseId ?? '', key.connectorId ?? '', key.variable.toLowerCase(), key.variableInstance ?? ''].join('\u0000');
}

/** The UpperThreshold and LowerThreshold monitors on one series (same station, component, EVSE and variable), one per type and value. */
export function thresholdsOf(monitors: readonly KnownMonitor[], key: SeriesKey): KnownMonitor[] {
  const id = seriesId(key);
  const found = new Map<string, KnownMonitor>();
  for (const monitor of monitors) {
    if (monitor.station !== key.station || (monitor.type !== 'UpperThreshold' && monitor.type !== 'LowerThreshold') || seriesId(monitor) !== id) continue;
    const typeValue = `${monitor.type}\u0000${monitor.value}`;
    // The station's own report wins over the plan's word for the same threshold.
    if (!found.has(typeValue) || monitor.source.startsWith('the station')) found.set(typeValue, monitor);
  }
  return [...found.values()].sort((a, b) => a.value - b.value);
}

/**
 * The severity of the monitor that raised an event: by the monitor id the event carries, else
 * the one monitor the station has on that component and variable (a hard-wired notification
 * names no monitor). Undefined when it cannot be told: OCPP 2.0.1 events carry no severity.
 */
export function severityResolver(monitors: readonly KnownMonitor[]): (event: EventRow) => number | undefined {
  const byId = new Map<string, KnownMonitor>();
  const byPlace = new Map<string, KnownMonitor[]>();
  for (const monitor of monitors) {
    if (monitor.id !== undefined) byId.set(`${monitor.station}\u0000${monitor.id}`, monitor);
    const place = `${monitor.station}\u0000${seriesId(monitor)}`;
    byPlace.set(place, [...(byPlace.get(place) ?? []), monitor]);
  }
  return (event) => {
    if (event.monitorId !== undefined) return byId.get(`${event.station}\u0000${event.monitorId}`)?.severity;
    const candidates = byPlace.get(`${event.station}\u0000${seriesId(event)}`) ?? [];
    const severities = new Set(candidates.map((m) => m.severity));
    return severities.size === 1 ? candidates[0].severity : undefined;
  };
}
