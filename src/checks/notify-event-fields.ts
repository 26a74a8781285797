import type { CollectedMessage, Evidence } from '../evidence/evidence.js';
import { type Check, type CheckResult, resultOf } from './check.js';
import { auditMonitors, monitorAt, TRIGGER_OF_TYPE } from './events/audit-monitors.js';
import { componentLabel, sameComponent, sameVariable, variableLabel } from '../evidence/component-ref.js';
import { allNotifyEvents, eventItems, seqList } from './events/event-items.js';
import { asBoolean, asNumber } from '../evidence/payload-read.js';

/** How many offending items the details list (the reason names fewer). */
const LISTED_PROBLEMS = 20;

interface Problem {
  seq: number;
  /** `item 2 of seq 41` style locator and what is wrong with it. */
  what: string;
}

/**
 * Events of the custom monitors the audit set must say who fired: the monitor's id, component and
 * variable (N07.FR.06), eventNotificationType CustomMonitor, the trigger of its type (Alerting for
 * thresholds, Delta, Periodic: N08.FR.05) and an actualValue. A report split over several
 * messages must deliver every part it announces with tbc (N07.FR.07, N08.FR.04).
 */
export const notifyEventFields: Check = {
  id: 'notify-event-fields',
  title: 'NotifyEvents of custom monitors name the monitor, its trigger and its variable',
  refs: ['N07.FR.06', 'N08.FR.05', 'N07.FR.07', 'N08.FR.04', 'N07', 'N08', 'TC_N_20', 'TC_N_45', 'TC_N_56', 'TC_N_24', 'TC_N_50'],
  category: 'events',
  evaluate(evidence: Evidence): CheckResult {
    const messages = allNotifyEvents(evidence);
    const monitors = auditMonitors(evidence);
    const problems: Problem[] = [];
    let judged = 0;
    const judgedSeqs: number[] = [];
    const firedMonitors = new Set<number>();

    for (const item of eventItems(messages)) {
      const where = `eventData[${item.index}] of seq ${item.seq}`;
      const monitor = monitorAt(monitors, item.variableMonitoringId, item.seq);
      if (monitor === undefined) {
        // A custom monitor's event must say which monitor fired (N07.FR.06).
        if (item.eventNotificationType === 'CustomMonitor' && item.variableMonitoringId === undefined) problems.push({ seq: item.seq, what: `${where}: a CustomMonitor event without variableMonitoringId` });
        continue;
      }
      judged += 1;
      judgedSeqs.push(item.seq);
      firedMonitors.add(monitor.id);
      const wrong: string[] = [];
      if (item.eventNotificationType !== 'CustomMonitor') wrong.push(`eventNotificationType ${item.eventNotificationType ?? '(none)'} instead of CustomMonitor`);
      const trigger = TRIGGER_OF_TYPE[monitor.type];
      if (trigger !== undefined && item.trigger !== trigger) wrong.push(`trigger ${item.trigger ?? '(none)'}, but ${monitor.type} monitors fire ${trigger}`);
      if (monitor.component !== undefined && !sameComponent(item.component, monitor.component)) wrong.push(`component ${componentLabel(item.component)} instead of ${componentLabel(monitor.component)}`);
      if (monitor.variable !== undefined && !sameVariable(item.variable, monitor.variable)) wrong.push(`variable ${variableLabel(item.variable)} instead of ${variableLabel(monitor.variable)}`);
      if (typeof item.actualValue !== 'string') wrong.push('no actualValue');
      if (wrong.length > 0) problems.push({ seq: item.seq, what: `${where} (monitor ${monitor.id}): ${wrong.join(', ')}` });
    }
    problems.push(...missingParts(messages));

    const details = {
      customMonitors: monitors.map((m) => ({ id: m.id, type: m.type, component: componentLabel(m.component), variable: variableLabel(m.variable), case: m.caseId, fired: firedMonitors.has(m.id) })),
      itemsJudged: judged,
      messages: messages.length,
      problemCount: problems.length,
      problems: problems.slice(0, LISTED_PROBLEMS).map((p) => p.what),
    };
    if (problems.length > 0) {
      const shown = problems.slice(0, 3).map((p) => p.what).join('; ');
      const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
      return resultOf(notifyEventFields, 'FAIL', `${problems.length} NotifyEvent problem(s): ${shown}${more}.`, seqList(problems.map((p) => p.seq)), details);
    }
    if (monitors.length === 0) return resultOf(notifyEventFields, 'NOT APPLICABLE', 'The audit set no custom monitor that the station accepted, so no event could be matched to one.', [], details);
    if (judged === 0) return resultOf(notifyEventFields, 'INCONCLUSIVE', `None of the ${monitors.length} custom monitor(s) the station accepted reported an event, so their event fields could not be judged.`, seqList(monitors.flatMap((m) => m.seqs)), details);
    return resultOf(notifyEventFields, 'PASS', `All ${judged} event(s) of ${firedMonitors.size} custom monitor(s) named their monitor, component and variable, with eventNotificationType CustomMonitor, the trigger of the monitor's type and an actualValue.`, seqList(judgedSeqs), details);
  },
};

/** Every message sent with tbc true must be followed by the part numbered one higher (N07.FR.07, N08.FR.04). */
function missingParts(messages: readonly CollectedMessage[]): Problem[] {
  const problems: Problem[] = [];
  messages.forEach((message, i) => {
    if (asBoolean(message.payload.tbc) !== true) return;
    const seqNo = asNumber(message.payload.seqNo);
    if (seqNo === undefined) {
      problems.push({ seq: message.seq, what: `seq ${message.seq}: tbc true without a seqNo` });
      return;
    }
    const next = messages.slice(i + 1).some((later) => asNumber(later.payload.seqNo) === seqNo + 1);
    if (!next) problems.push({ seq: message.seq, what: `seq ${message.seq}: part seqNo ${seqNo} announced more (tbc true) but no part seqNo ${seqNo + 1} followed` });
  });
  return problems;
}
