import { configurationKeysOf, configurationValue } from '../evidence/configuration-keys.js';
import type { CollectedMessage, Evidence } from '../evidence/evidence.js';
import { resultOf, type Check, type CheckResult } from './check.js';

/** The statuses connector 0, the charge point itself, may report (1.6 §4.9, §7.7). */
const CHARGE_POINT_STATUSES = new Set(['Available', 'Unavailable', 'Faulted']);

/**
 * The 1.6 counterpart of the topology check: the connectors StatusNotification reports against
 * NumberOfConnectors (1.6 §3.8: connectors 1..N, 0 the charge point; §9.1). A status for a
 * connector the station says it does not have, or connector 0 in a status only a connector can be
 * in, FAILs. A connector that never reported is a WARN where the station owed it a status (after
 * an accepted boot, errata v4.0 §3.22, or a TriggerMessage StatusNotification it accepted); with
 * neither, it had no reason to send one and the check is INCONCLUSIVE about it.
 */
export const ocpp16Connectors: Check = {
  id: 'ocpp16-connectors',
  title: 'StatusNotification reports the connectors NumberOfConnectors names, and no others',
  refs: ['OCPP 1.6 §3.8', 'OCPP 1.6 §4.9', 'OCPP 1.6 §7.7', 'OCPP 1.6 §9.1', 'OCPP 1.6 errata §3.22'],
  category: 'inventory',
  versions: ['1.6'],
  evaluate(evidence: Evidence): CheckResult {
    const configuration = configurationKeysOf(evidence);
    const listed = configurationValue(configuration, 'NumberOfConnectors');
    const count = listed !== undefined && /^\d+$/.test(listed.trim()) ? Number(listed) : undefined;
    if (count === undefined) return resultOf(this, 'INCONCLUSIVE', listed === undefined ? 'The station did not list NumberOfConnectors, so its connectors cannot be compared with its StatusNotifications.' : `NumberOfConnectors is "${listed}", not a number, so its connectors cannot be compared with its StatusNotifications.`, configuration.seqs);
    const notifications = evidence.statusNotifications;
    const connectorOf = (m: CollectedMessage): number => Number(m.payload['connectorId']);
    const reported = [...new Set(notifications.map(connectorOf))].sort((a, b) => a - b);
    const unknown = reported.filter((id) => !Number.isInteger(id) || id < 0 || id > count);
    const wrongForChargePoint = notifications.filter((m) => connectorOf(m) === 0 && !CHARGE_POINT_STATUSES.has(String(m.payload['status'])));
    const silent = Array.from({ length: count }, (_, i) => i + 1).filter((id) => !reported.includes(id));
    const details = { numberOfConnectors: count, reported, silent };
    const failures: string[] = [];
    if (unknown.length > 0) failures.push(`it reports a status for connector ${unknown.join(', ')}, but NumberOfConnectors is ${count}`);
    if (wrongForChargePoint.length > 0) failures.push(`connector 0 (the charge point itself) reports ${[...new Set(wrongForChargePoint.map((m) => String(m.payload['status'])))].join(', ')}, which only a connector can be`);
    const seqs = [...configuration.seqs, ...notifications.filter((m) => unknown.includes(connectorOf(m))).map((m) => m.seq), ...wrongForChargePoint.map((m) => m.seq)];
    if (failures.length > 0) return resultOf(this, 'FAIL', `The station's StatusNotifications do not fit its configuration: ${failures.join('; ')}.`, seqs, details);
    if (silent.length > 0) {
      const owed = (evidence.boots ?? []).length > 0 || triggeredStatus(evidence);
      const text = `Connector ${silent.join(', ')} of the ${count} NumberOfConnectors names never reported a status during the audit`;
      return owed ? resultOf(this, 'WARN', `${text}, though the station owed one (after its accepted boot, or when asked with TriggerMessage).`, seqs, details) : resultOf(this, 'INCONCLUSIVE', `${text}; the station was neither booted nor asked for its status in this session.`, seqs, details);
    }
    return resultOf(this, 'PASS', `NumberOfConnectors is ${count}, and the station reported a status for ${count === 1 ? 'its connector' : `each of its ${count} connectors`} and for no other.`, [...configuration.seqs, ...notifications.slice(0, 20).map((m) => m.seq)], details);
  },
};

/** A TriggerMessage StatusNotification the station accepted: it then owed a status of every connector. */
function triggeredStatus(evidence: Evidence): boolean {
  return evidence.cases.some((testCase) => Object.values(testCase.captures).some((capture) => capture.kind === 'call' && capture.action === 'TriggerMessage' && capture.request['requestedMessage'] === 'StatusNotification' && capture.response?.['status'] === 'Accepted'));
}
