import type { Evidence } from '../evidence/evidence.js';
import { type Check, type CheckResult, resultOf } from './check.js';
import { auditMonitors } from './events/audit-monitors.js';
import { allNotifyEvents, type EventItem, eventItems, seqList } from './events/event-items.js';
import { monitoringReportMessages, reportMonitorItems } from './events/report-monitor-items.js';
import { pushTo } from '../collections.js';

/** How many offending items the details list (the reason names fewer). */
const LISTED = 20;

/**
 * OCPP 2.1 gives each NotifyEvent item a `severity`: the severity of the monitor that raised it
 * (N07.FR.20) or, for a hard-wired notification, one the station chooses (N07.FR.21). Both are
 * SHOULDs and the field is optional for 2.0.1 compatibility, so an event without it is a WARN. An
 * event whose severity contradicts its monitor's is a FAIL: the field is defined as that
 * severity, and a CSMS that sorts alerts by it would drop or escalate the wrong ones. The
 * monitor's severity is known for the monitors the audit set (a replaced monitor's earlier
 * severity still counts, for an event raised before the replacement) and for those the station
 * listed in its monitoring reports; for other monitors only presence is judged.
 */
export const eventSeverity: Check = {
  id: 'event-severity',
  title: 'NotifyEvents carry the severity of the monitor that raised them',
  refs: ['N07.FR.20', 'N07.FR.21', 'N07'],
  category: 'events',
  versions: ['2.1'],
  evaluate(evidence: Evidence): CheckResult {
    const items = eventItems(allNotifyEvents(evidence));
    if (items.length === 0) return resultOf(eventSeverity, 'NOT APPLICABLE', 'The station sent no NotifyEvent during the audit, so there was no severity to judge.');
    const known = monitorSeverities(evidence);
    const wrong: Array<{ seq: number; what: string }> = [];
    const absent: EventItem[] = [];
    let matched = 0;
    let hardWired = 0;
    let unknownMonitor = 0;
    for (const item of items) {
      const where = `eventData[${item.index}] of seq ${item.seq}`;
      if (item.severity === undefined) {
        absent.push(item);
        continue;
      }
      if (typeof item.severity !== 'number' || !Number.isInteger(item.severity) || item.severity < 0 || item.severity > 9) {
        wrong.push({ seq: item.seq, what: `${where}: severity ${JSON.stringify(item.severity)} is not a severity of 0–9` });
        continue;
      }
      if (item.variableMonitoringId === undefined) {
        hardWired += 1;
        continue;
      }
      const expected = known(item.variableMonitoringId, item.seq);
      if (expected.size === 0) unknownMonitor += 1;
      else if (expected.has(item.severity)) matched += 1;
      else wrong.push({ seq: item.seq, what: `${where}: severity ${item.severity}, but monitor ${item.variableMonitoringId} has severity ${[...expected].join(' or ')}` });
    }
    const details = {
      events: items.length,
      withMonitorSeverity: matched,
      hardWiredWithSeverity: hardWired,
      monitorSeverityUnknown: unknownMonitor,
      withoutSeverity: absent.length,
      wrong: wrong.slice(0, LISTED).map((w) => w.what),
    };
    if (wrong.length > 0) {
      const more = wrong.length > 3 ? ` (and ${wrong.length - 3} more)` : '';
      return resultOf(eventSeverity, 'FAIL', `${wrong.length} event(s) with a severity that is not their monitor's: ${wrong.slice(0, 3).map((w) => w.what).join('; ')}${more}. A CSMS that sorts alerts by this severity would misjudge them.`, seqList(wrong.map((w) => w.seq)), details);
    }
    if (absent.length > 0) {
      const fromMonitors = absent.filter((item) => item.variableMonitoringId !== undefined).length;
      const parts = [fromMonitors > 0 ? `${fromMonitors} from monitors (N07.FR.20)` : '', absent.length - fromMonitors > 0 ? `${absent.length - fromMonitors} hard-wired notification(s) (N07.FR.21)` : ''].filter((p) => p !== '');
      return resultOf(
        eventSeverity,
        'WARN',
        `${absent.length} of ${items.length} event(s) carried no severity: ${parts.join(', ')}. OCPP 2.1 asks for it, so a CSMS can sort alerts without looking up the monitor; the field stays optional for 2.0.1 compatibility.`,
        seqList(absent.map((item) => item.seq)),
        details,
      );
    }
    const unknownNote = unknownMonitor > 0 ? `; ${unknownMonitor} of monitors whose severity the audit never saw, judged on presence only` : '';
    return resultOf(
      eventSeverity,
      'PASS',
      `All ${items.length} event(s) carried a severity: ${matched} equal to their monitor's, ${hardWired} hard-wired notification(s) with the station's own${unknownNote}.`,
      seqList(items.map((item) => item.seq)),
      details,
    );
  },
};

/**
 * The severities a monitor id may rightly carry in an event at a journal seq: those of the audit's
 * own monitor with that id (the one live then, and earlier ones with the id, whose events may still
 * be on their way), else also every severity the station's reports gave that id.
 */
function monitorSeverities(evidence: Evidence): (id: number, seq: number) => Set<number> {
  const audit = auditMonitors(evidence);
  const reported = new Map<number, number[]>();
  for (const item of reportMonitorItems(monitoringReportMessages(evidence))) {
    if (item.id !== undefined && item.severity !== undefined) pushTo(reported, item.id, item.severity);
  }
  return (id, seq) => {
    const own = audit.filter((m) => m.id === id && m.fromSeq < seq && m.severity !== undefined).map((m) => m.severity!);
    const live = audit.some((m) => m.id === id && m.fromSeq < seq && seq < m.untilSeq);
    // Not an audit monitor then: the station's own (or an operator's), as its reports list it. Any
    // severity the id was seen with counts, so a reused id never makes a false mismatch.
    return new Set(live ? own : [...own, ...(reported.get(id) ?? [])]);
  };
}
