import type { CollectedMessage, ComponentRefJson, Evidence, VariableRefJson } from '../../evidence/evidence.js';
import { toComponent, toVariable } from '../../evidence/component-ref.js';
import { asArray, asNumber, asRecord, asString } from '../../evidence/payload-read.js';

/** One variableMonitoring item of a NotifyMonitoringReport, read defensively, with the message it came in. */
export interface ReportMonitorItem {
  seq: number;
  /** `monitor[1].variableMonitoring[0] of seq 41`. */
  where: string;
  id: number | undefined;
  type: string | undefined;
  severity: number | undefined;
  /** Raw (2.1, N02.FR.22), so a check can tell "absent" from "not a string". */
  eventNotificationType: unknown;
  component: ComponentRefJson | undefined;
  variable: VariableRefJson | undefined;
}

/** Every NotifyMonitoringReport the audit's cases collected, schema-invalid ones too, once each, in journal order. */
export function monitoringReportMessages(evidence: Evidence): CollectedMessage[] {
  const bySeq = new Map<number, CollectedMessage>();
  for (const c of evidence.cases) {
    for (const capture of Object.values(c.captures)) {
      if (capture.kind !== 'messages' || capture.action !== 'NotifyMonitoringReport') continue;
      for (const message of capture.messages) bySeq.set(message.seq, message);
    }
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The monitors those messages list, one item each. */
export function reportMonitorItems(messages: readonly CollectedMessage[]): ReportMonitorItem[] {
  const items: ReportMonitorItem[] = [];
  for (const message of messages) {
    asArray(message.payload['monitor']).forEach((rawMonitor, monitorIndex) => {
      const monitor = asRecord(rawMonitor) ?? {};
      const component = toComponent(monitor.component);
      const variable = toVariable(monitor.variable);
      asArray(monitor.variableMonitoring).forEach((rawItem, index) => {
        const item = asRecord(rawItem) ?? {};
        items.push({
          seq: message.seq,
          where: `monitor[${monitorIndex}].variableMonitoring[${index}] of seq ${message.seq}`,
          id: asNumber(item.id),
          type: asString(item.type),
          severity: asNumber(item.severity),
          eventNotificationType: item.eventNotificationType,
          component,
          variable,
        });
      });
    });
  }
  return items;
}
