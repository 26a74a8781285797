import { asRecord, asString } from '../../evidence/payload-read.js';
import type { MessageRow } from '../store/store.js';

/** A station's firmware over the report's period, from its BootNotifications (chargingStation.firmwareVersion). */
export interface FirmwareHistory {
  station: string;
  /** The firmware it ran when the period began (its last boot before), if it booted before. */
  atStart?: string;
  /** Each boot in the period whose firmware differs from the boot before it. */
  changes: Array<{ at: string; from?: string; to: string; reason?: string }>;
  /** Boots in the period, and why (BootReasonEnumType: PowerUp, FirmwareUpdate, Watchdog, …), counted. */
  boots: Array<{ reason: string; count: number }>;
}

/**
 * The firmware history per station from its BootNotification messages (all up to the period's
 * end, so the firmware at its start is known). A boot that does not read (no payload, no
 * chargingStation) counts as a boot with its reason unknown and changes nothing.
 */
export function firmwareHistories(boots: readonly MessageRow[], period: { from: string; to: string }): FirmwareHistory[] {
  const byStation = new Map<string, FirmwareHistory & { current?: string }>();
  for (const boot of [...boots].filter((m) => m.action === 'BootNotification').sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))) {
    if (boot.receivedAt >= period.to) continue;
    const history = byStation.get(boot.station) ?? { station: boot.station, changes: [], boots: [] };
    byStation.set(boot.station, history);
    const { firmware, reason } = bootFields(boot.payload);
    if (boot.receivedAt < period.from) {
      if (firmware !== undefined) history.current = history.atStart = firmware;
      continue;
    }
    const counted = history.boots.find((b) => b.reason === (reason ?? 'unknown'));
    if (counted) counted.count += 1;
    else history.boots.push({ reason: reason ?? 'unknown', count: 1 });
    if (firmware === undefined || firmware === history.current) continue;
    // The first boot of a station first seen in the period is where its firmware becomes known, not a change.
    if (history.current === undefined && history.changes.length === 0 && history.atStart === undefined) history.atStart = firmware;
    else history.changes.push({ at: boot.receivedAt, ...(history.current !== undefined ? { from: history.current } : {}), to: firmware, ...(reason !== undefined ? { reason } : {}) });
    history.current = firmware;
  }
  return [...byStation.values()].map(({ current: _current, ...history }) => history).sort((a, b) => a.station.localeCompare(b.station));
}

function bootFields(payloadText: string): { firmware?: string; reason?: string } {
  let payload: Record<string, unknown> | undefined;
  try {
    payload = asRecord(JSON.parse(payloadText));
  } catch {
    return {};
  }
  const firmware = asString(asRecord(payload?.['chargingStation'])?.['firmwareVersion']);
  const reason = asString(payload?.['reason']);
  return { ...(firmware !== undefined ? { firmware } : {}), ...(reason !== undefined ? { reason } : {}) };
}
