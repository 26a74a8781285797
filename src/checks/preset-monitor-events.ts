import type { Evidence } from '../evidence/evidence.js';
import { type Check, type CheckResult, resultOf } from './check.js';
import { componentLabel, variableLabel } from '../evidence/component-ref.js';
import { allNotifyEvents, eventItems, seqList } from './events/event-items.js';

/** Events not raised by a monitor the CSMS set: the manufacturer's own monitors and notifications. */
export const PRESET_NOTIFICATION_TYPES: readonly string[] = ['HardWiredMonitor', 'PreconfiguredMonitor', 'HardWiredNotification'];

interface PresetRow {
  component: string;
  variable: string;
  eventNotificationType: string;
  events: number;
  cleared: number;
  triggers: string[];
  firstSeq: number;
  lastSeq: number;
}

/**
 * Information, not a requirement: which events the station raised by itself (hard-wired or
 * preconfigured monitors, hard-wired notifications; P1 §4.6 recommends NotifyEvent even without
 * monitoring). Nothing firing is normal for a healthy station, hence NOT APPLICABLE, not FAIL.
 */
export const presetMonitorEvents: Check = {
  id: 'preset-monitor-events',
  title: 'Events from hard-wired and preconfigured monitors seen during the audit',
  refs: ['N07', 'N07.FR.06', 'TC_N_21'],
  category: 'events',
  evaluate(evidence: Evidence): CheckResult {
    const items = eventItems(allNotifyEvents(evidence)).filter((item) => PRESET_NOTIFICATION_TYPES.includes(item.eventNotificationType ?? ''));
    if (items.length === 0) return resultOf(presetMonitorEvents, 'NOT APPLICABLE', 'No hard-wired or preconfigured monitor event (nor hard-wired notification) fired during the audit.');

    const rows = new Map<string, PresetRow>();
    for (const item of items) {
      const component = componentLabel(item.component);
      const variable = variableLabel(item.variable);
      const type = item.eventNotificationType ?? '?';
      const key = `${component.toLowerCase()}|${variable.toLowerCase()}|${type}`;
      const row = rows.get(key) ?? { component, variable, eventNotificationType: type, events: 0, cleared: 0, triggers: [], firstSeq: item.seq, lastSeq: item.seq };
      row.events += 1;
      if (item.cleared === true) row.cleared += 1;
      if (item.trigger !== undefined && !row.triggers.includes(item.trigger)) row.triggers.push(item.trigger);
      row.lastSeq = item.seq;
      rows.set(key, row);
    }
    const table = [...rows.values()].sort((a, b) => b.events - a.events || a.component.localeCompare(b.component));
    const byType: Record<string, number> = {};
    for (const item of items) byType[item.eventNotificationType ?? '?'] = (byType[item.eventNotificationType ?? '?'] ?? 0) + 1;
    const summary = Object.entries(byType)
      .map(([type, n]) => `${n} ${type}`)
      .join(', ');
    const top = table.slice(0, 3).map((row) => `${row.component}.${row.variable} (${row.events})`).join(', ');
    return resultOf(
      presetMonitorEvents,
      'PASS',
      `The station raised ${items.length} event(s) of its own: ${summary}, on ${table.length} component/variable pair(s), most on ${top}.`,
      seqList(items.map((item) => item.seq)),
      { events: items.length, byType, table },
    );
  },
};
