import type { Evidence } from '../evidence/evidence.js';
import { type Check, type CheckResult, resultOf } from './check.js';
import { auditMonitors, monitorAt } from './events/audit-monitors.js';
import { allNotifyEvents, eventItems, seqList } from './events/event-items.js';
import { monitoringReportMessages, reportMonitorItems } from './events/report-monitor-items.js';

/** How many offending items the details list (the reason names fewer). */
const LISTED = 20;

/** Who put a monitor there, as a 2.1 report says it (EventNotificationEnumType without HardWiredNotification). */
const MONITOR_ORIGINS = new Set(['HardWiredMonitor', 'PreconfiguredMonitor', 'CustomMonitor']);

interface Finding {
  seq: number;
  what: string;
  level: 'fail' | 'warn';
}

/**
 * OCPP 2.1 NotifyMonitoringReport names each monitor's origin in `eventNotificationType`
 * (N02.FR.22, SHALL; required by the 2.1 schema), so a CSMS knows who set a monitor without
 * waiting for its events. A monitor without it, or with a value outside the enumeration, FAILs;
 * so does a monitor the audit set (through SetVariableMonitoring, so CustomMonitor; N04.FR.15 for a
 * replaced preconfigured one) reported as another origin. HardWiredNotification, which means "no
 * monitor", on a listed monitor, and an origin that differs from what the monitor's own events say,
 * are implausible: WARN.
 */
export const monitoringReportOrigin: Check = {
  id: 'monitoring-report-origin',
  title: 'Monitoring reports name the origin of every monitor (eventNotificationType)',
  refs: ['N02.FR.22', 'N04.FR.15', 'N02'],
  category: 'monitoring',
  versions: ['2.1'],
  evaluate(evidence: Evidence): CheckResult {
    const items = reportMonitorItems(monitoringReportMessages(evidence));
    if (items.length === 0) return resultOf(monitoringReportOrigin, 'NOT APPLICABLE', 'No monitoring report of the audit listed a monitor, so there was no eventNotificationType to judge.');
    const audit = auditMonitors(evidence);
    const fromEvents = originsInEvents(evidence, audit);
    const findings: Finding[] = [];
    let custom = 0;
    for (const item of items) {
      const origin = item.eventNotificationType;
      const label = `${item.where}${item.id !== undefined ? ` (monitor ${item.id})` : ''}`;
      if (origin === undefined) {
        findings.push({ seq: item.seq, level: 'fail', what: `${label}: no eventNotificationType` });
        continue;
      }
      if (typeof origin !== 'string' || (!MONITOR_ORIGINS.has(origin) && origin !== 'HardWiredNotification')) {
        findings.push({ seq: item.seq, level: 'fail', what: `${label}: eventNotificationType ${JSON.stringify(origin)} is not one of the enumeration` });
        continue;
      }
      const own = monitorAt(audit, item.id, item.seq);
      if (own) {
        custom += 1;
        if (origin !== 'CustomMonitor') findings.push({ seq: item.seq, level: 'fail', what: `${label}: the audit set this monitor, but the report calls it ${origin} instead of CustomMonitor` });
        continue;
      }
      if (origin === 'HardWiredNotification') {
        findings.push({ seq: item.seq, level: 'warn', what: `${label}: HardWiredNotification, which means an event without a monitor, on a listed monitor` });
        continue;
      }
      const said = item.id !== undefined ? fromEvents.get(item.id) : undefined;
      if (said !== undefined && said.origin !== origin) findings.push({ seq: item.seq, level: 'warn', what: `${label}: ${origin} in the report, but ${said.origin} in its events (seq ${said.seq})` });
    }
    const failing = findings.filter((f) => f.level === 'fail');
    const details = { monitorsListed: items.length, auditMonitorsListed: custom, problems: findings.slice(0, LISTED).map((f) => f.what) };
    if (findings.length === 0) {
      return resultOf(monitoringReportOrigin, 'PASS', `All ${items.length} monitor(s) listed in the monitoring reports named their origin, the ${custom} the audit set as CustomMonitor.`, seqList(items.map((i) => i.seq)), details);
    }
    const shown = (failing.length > 0 ? failing : findings).slice(0, 3).map((f) => f.what).join('; ');
    const count = failing.length > 0 ? failing.length : findings.length;
    const more = count > 3 ? ` (and ${count - 3} more)` : '';
    if (failing.length > 0) {
      return resultOf(monitoringReportOrigin, 'FAIL', `${failing.length} of ${items.length} listed monitor(s) without a valid or true eventNotificationType: ${shown}${more}. OCPP 2.1 requires it in every report, so a CSMS knows who set a monitor.`, seqList(failing.map((f) => f.seq)), details);
    }
    return resultOf(monitoringReportOrigin, 'WARN', `${findings.length} listed monitor(s) with an implausible origin: ${shown}${more}.`, seqList(findings.map((f) => f.seq)), details);
  },
};

/** The eventNotificationType the first event of each station monitor gave (2.0.1 and 2.1 events both carry it); the audit's own monitors are left out. */
function originsInEvents(evidence: Evidence, audit: ReturnType<typeof auditMonitors>): Map<number, { origin: string; seq: number }> {
  const origins = new Map<number, { origin: string; seq: number }>();
  for (const item of eventItems(allNotifyEvents(evidence))) {
    if (item.variableMonitoringId === undefined || item.eventNotificationType === undefined || origins.has(item.variableMonitoringId)) continue;
    if (monitorAt(audit, item.variableMonitoringId, item.seq)) continue;
    origins.set(item.variableMonitoringId, { origin: item.eventNotificationType, seq: item.seq });
  }
  return origins;
}
