import type { CollectedMessage, Evidence } from '../evidence/evidence.js';
import { ocppVersionOf } from '../evidence/ocpp-version.js';
import { asString } from '../evidence/payload-read.js';
import { protocolFor } from '../ocpp/protocol.js';
import { claimedProfiles, listedKey, type StationConfiguration, stationConfiguration } from '../scoring/configuration-key-checks.js';
import { callsOf, stationMessages } from '../scoring/message-checks.js';
import { gatherFacts } from '../scoring/station-facts.js';

/** The diagnostics capabilities OCPP 2.0.1 brings that 1.6 lacks or has only in part (facts §14). */
export type CapabilityId = 'inventory' | 'topology' | 'monitors' | 'fault-events' | 'logs' | 'trigger' | 'security-events';

/**
 * One capability as this station showed it. `has`: yes, the vendor-agnostic form (2.0.1 and later);
 * partly, the 1.6 substitute; no; unknown, when the audit could not tell. `now` says what the
 * station did, from its evidence; `then` what OCPP 2.0.1 and later give instead.
 */
export interface Capability {
  id: CapabilityId;
  title: string;
  has: 'yes' | 'partly' | 'no' | 'unknown';
  now: string;
  then: string;
}

/** What the device-model versions give, in our words (facts §14). */
const THEN: Record<CapabilityId, { title: string; then: string }> = {
  inventory: { title: 'a typed inventory', then: 'a device model: every component and variable with data type, unit, limits, mutability and whether it can be monitored (GetBaseReport)' },
  topology: { title: 'a three-tier topology', then: 'station, EVSE and connector tiers, each addressable by evse id and connector id' },
  monitors: { title: 'monitors with severities', then: 'threshold, delta and periodic monitors on any variable, each with a severity 0–9, a severity filter and offline queuing by severity' },
  'fault-events': { title: 'fault events per component', then: 'NotifyEvent per component and variable, with event id, cause, cleared flag and a technical code; several faults at once' },
  logs: { title: 'log uploads with request ids', then: 'GetLog with a request id and a log type (diagnostics or security); each upload reports its own status' },
  trigger: { title: 'TriggerMessage in Core', then: 'TriggerMessage is Core: every station answers it' },
  'security-events': { title: 'security events in Core', then: 'SecurityEventNotification is Core; critical events are queued while offline' },
};

const capability = (id: CapabilityId, has: Capability['has'], now: string): Capability => ({ id, title: THEN[id].title, has, now, then: THEN[id].then });

/**
 * What this station showed of each capability, read from its evidence whatever its version: the
 * device model where it reported one, its configuration keys where it listed them, its messages.
 * Whether a version has monitors or NotifyEvent at all is the protocol's data (its action lists).
 */
export function diagnosticCapabilities(evidence: Evidence): Capability[] {
  const protocol = protocolFor(ocppVersionOf(evidence));
  const configuration = stationConfiguration(evidence);
  const facts = gatherFacts(evidence);
  return [
    inventory(evidence, configuration),
    topology(facts.evseIds.length, facts.connectors.length, configuration),
    monitors(evidence, configuration, protocol.csmsActions.has('SetVariableMonitoring')),
    faultEvents(evidence, protocol.stationActions.has('NotifyEvent')),
    logs(evidence),
    trigger(evidence, configuration, protocol.label),
    securityEvents(evidence, configuration),
  ];
}

function inventory(evidence: Evidence, configuration: StationConfiguration): Capability {
  const entries = evidence.deviceModel.entries;
  if (entries.length > 0) {
    const components = new Set(entries.map((e) => `${e.component.name}|${e.component.instance ?? ''}|${e.component.evse?.id ?? ''}|${e.component.evse?.connectorId ?? ''}`)).size;
    const monitorable = entries.filter((e) => e.variableCharacteristics?.supportsMonitoring === true).length;
    return capability('inventory', 'yes', `a device model of ${entries.length} variables in ${components} components, ${monitorable} of them monitorable`);
  }
  if (configuration.answered) {
    const readonly = configuration.keys.filter((k) => k.readonly).length;
    return capability('inventory', 'partly', `${configuration.keys.length} flat configuration keys (${readonly} read-only), with no data types, units, limits or per-connector addressing`);
  }
  if (configuration.unanswered) return capability('inventory', 'no', configuration.unanswered);
  return capability('inventory', 'unknown', 'no inventory was collected');
}

function topology(evses: number, connectors: number, configuration: StationConfiguration): Capability {
  if (evses > 0) return capability('topology', 'yes', `${evses} EVSE(s) and ${connectors} connector(s), each addressed by its ids`);
  const count = listedKey(configuration, 'NumberOfConnectors')?.value;
  if (count !== undefined) return capability('topology', 'partly', `${count} connector(s) numbered from 1, connector 0 for the whole station; no EVSE tier`);
  return capability('topology', 'unknown', 'no EVSE or connector was reported');
}

function monitors(evidence: Evidence, configuration: StationConfiguration, versionHasMonitors: boolean): Capability {
  if (!versionHasMonitors) {
    const value = (key: string): string | undefined => listedKey(configuration, key)?.value;
    const sampled = value('MeterValueSampleInterval');
    const aligned = value('ClockAlignedDataInterval');
    const measurands = value('MeterValuesSampledData');
    const parts = [
      sampled !== undefined ? (sampled.trim() === '0' ? 'no sampled meter values (MeterValueSampleInterval 0)' : `meter values every ${sampled} s during transactions${measurands ? ` (${measurands})` : ''}`) : undefined,
      aligned !== undefined ? (aligned.trim() === '0' ? 'no clock-aligned readings' : `clock-aligned readings every ${aligned} s`) : undefined,
    ].filter((p): p is string => p !== undefined);
    return capability('monitors', 'no', `no monitors and no severities${parts.length ? `; only ${parts.join(' and ')}` : ''}`);
  }
  const found = gatherFacts(evidence).baseline;
  const accepted = evidence.cases
    .flatMap((c) => Object.values(c.captures))
    .flatMap((capture) => (capture.kind === 'call' && capture.action === 'SetVariableMonitoring' && capture.ok ? (capture.response?.['setMonitoringResult'] as Array<{ status?: string }> | undefined) ?? [] : []))
    .filter((r) => r.status === 'Accepted').length;
  if (found === undefined && accepted === 0) return capability('monitors', 'unknown', 'no monitoring case ran');
  const severities = [...new Set((found ?? []).map((m) => m.severity))].sort((a, b) => a - b);
  const has = (found?.length ?? 0) > 0 || accepted > 0 ? 'yes' : 'no';
  return capability('monitors', has, `${found?.length ?? 0} monitor(s) as found${severities.length ? ` (severities ${severities.join(', ')})` : ''}; it accepted ${accepted} the audit set`);
}

function faultEvents(evidence: Evidence, versionHasEvents: boolean): Capability {
  if (versionHasEvents) {
    const events = evidence.notifyEvents.length;
    if (events === 0) return capability('fault-events', 'unknown', 'no NotifyEvent came during the audit');
    return capability('fault-events', 'yes', `${events} NotifyEvent(s), each naming its component and variable`);
  }
  const errors = evidence.statusNotifications.filter((m) => (asString(m.payload['errorCode']) ?? 'NoError') !== 'NoError');
  if (errors.length === 0) return capability('fault-events', 'partly', 'no error came during the audit; one would come only as one errorCode per connector, cleared by NoError');
  const withVendorCode = errors.filter((m) => asString(m.payload['vendorErrorCode']) !== undefined);
  const vendorCodes = [...new Set(withVendorCode.map((m) => asString(m.payload['vendorErrorCode'])))];
  return capability('fault-events', 'partly', `${errors.length} error(s) only as connector errorCodes (${countsOf(errors, 'errorCode')})${withVendorCode.length ? `, ${withVendorCode.length} with a vendor code (${vendorCodes.slice(0, 5).join(', ')})` : ', none with a vendor code'}; one state per connector, cleared by NoError`);
}

function countsOf(messages: readonly CollectedMessage[], field: string): string {
  const counts = new Map<string, number>();
  for (const m of messages) {
    const value = asString(m.payload[field]) ?? '(none)';
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts].map(([value, n]) => (n > 1 ? `${value} ×${n}` : value)).join(', ');
}

/** An answer that is not a refusal of the operation itself. */
const answeredOk = (evidence: Evidence, action: string): boolean => callsOf(evidence, action).some((c) => c.ok && !['NotImplemented', 'NotSupported'].includes(asString(c.response?.['status']) ?? ''));

function logs(evidence: Evidence): Capability {
  if (answeredOk(evidence, 'GetLog')) return capability('logs', 'yes', 'answers GetLog: uploads carry a request id and a log type');
  if (answeredOk(evidence, 'GetDiagnostics')) {
    const statuses = stationMessages(evidence, 'DiagnosticsStatusNotification').map((m) => asString(m.payload['status']) ?? '?');
    return capability('logs', 'partly', `GetDiagnostics only: its uploads carry no request id or log type, so they are told apart by timing${statuses.length ? ` (statuses seen: ${[...new Set(statuses)].join(', ')})` : ''}`);
  }
  const asked = [...callsOf(evidence, 'GetLog'), ...callsOf(evidence, 'GetDiagnostics')];
  if (asked.length > 0) return capability('logs', 'no', `refused every log request (${[...new Set(asked.map((c) => c.failure?.errorCode ?? asString(c.response?.['status']) ?? c.failure?.kind ?? '?'))].join(', ')})`);
  return capability('logs', 'unknown', 'the audit asked for no log');
}

function trigger(evidence: Evidence, configuration: StationConfiguration, label: string): Capability {
  if (answeredOk(evidence, 'TriggerMessage')) return capability('trigger', 'yes', 'answers TriggerMessage');
  const profiles = claimedProfiles(configuration);
  if (profiles && !profiles.includes('RemoteTrigger')) return capability('trigger', 'no', `does not claim RemoteTrigger, which makes TriggerMessage optional in ${label}`);
  if (callsOf(evidence, 'TriggerMessage').length > 0) return capability('trigger', 'no', 'refused TriggerMessage');
  return capability('trigger', 'unknown', 'the audit sent no TriggerMessage');
}

function securityEvents(evidence: Evidence, configuration: StationConfiguration): Capability {
  const events = stationMessages(evidence, 'SecurityEventNotification');
  if (events.length > 0) return capability('security-events', 'yes', `${events.length} SecurityEventNotification(s) (${countsOf(events, 'type')})`);
  if (configuration.answered && !listedKey(configuration, 'SecurityProfile')) return capability('security-events', 'no', 'no security event came, and it lists no SecurityProfile key (no security extensions)');
  return capability('security-events', 'unknown', 'no security event came during the audit');
}
