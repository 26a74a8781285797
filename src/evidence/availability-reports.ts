import { pushTo } from '../collections.js';
import { toComponent, toVariable } from './component-ref.js';
import type { Evidence } from './evidence.js';
import { appliesToVersion, ocppVersionOf, type OcppVersion } from './ocpp-version.js';
import { asArray, asRecord, sameName } from './payload-read.js';

/**
 * How a station of each OCPP version reports a connector's availability, as data: StatusNotification
 * always; from 2.1 also a NotifyEvent on Connector.AvailabilityState, the preferred way (B01.FR.05,
 * G01; StatusNotification is deprecated there).
 */
const BY_NOTIFY_EVENT: { versions: readonly OcppVersion[] } = { versions: ['2.1'] };

/** How the reason names the messages that report availability on this station's version. */
export function availabilityMessages(evidence: Pick<Evidence, 'station'>): string {
  return appliesToVersion(BY_NOTIFY_EVENT, ocppVersionOf(evidence)) ? 'StatusNotification or NotifyEvent on Connector.AvailabilityState' : 'StatusNotification';
}

/**
 * `evse/connector` → seqs of the NotifyEvents that reported that connector's AvailabilityState,
 * on a version where they count as availability reports (none otherwise). Ids below 1 are left to
 * the checks that judge those events.
 */
export function availabilityEventConnectors(evidence: Evidence): Map<string, number[]> {
  const connectors = new Map<string, number[]>();
  if (!appliesToVersion(BY_NOTIFY_EVENT, ocppVersionOf(evidence))) return connectors;
  for (const message of evidence.notifyEvents) {
    for (const raw of asArray(message.payload['eventData'])) {
      const data = asRecord(raw);
      const component = toComponent(data?.['component']);
      const variable = toVariable(data?.['variable']);
      const evse = component?.evse;
      if (!sameName(component?.name, 'Connector') || !sameName(variable?.name, 'AvailabilityState') || evse === undefined || !(evse.id > 0) || !((evse.connectorId ?? 0) > 0)) continue;
      pushTo(connectors, `${evse.id}/${evse.connectorId}`, message.seq);
    }
  }
  return connectors;
}
