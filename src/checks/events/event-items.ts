import type { CollectedMessage, ComponentRefJson, Evidence, VariableRefJson } from '../../evidence/evidence.js';
import { toComponent, toVariable } from '../../evidence/component-ref.js';
import { asArray, asBoolean, asNumber, asRecord, asString, timeMs } from '../../evidence/payload-read.js';

/** One NotifyEvent eventData item, read defensively, with the message it came in. */
export interface EventItem {
  /** Journal seq of the NotifyEvent frame. */
  seq: number;
  receivedAt: string;
  receivedMs: number | undefined;
  /** The message's seqNo / tbc (N07.FR.07, N08.FR.04). */
  seqNo: number | undefined;
  tbc: boolean;
  /** Position in eventData. */
  index: number;
  eventId: number | undefined;
  timestamp: string | undefined;
  timestampMs: number | undefined;
  trigger: string | undefined;
  /** Raw, so a check can tell "absent" from "not a string". */
  actualValue: unknown;
  cleared: boolean | undefined;
  /** The station's own fault code (e.g. a ChargeX CX0nn), when it sent a string. */
  techCode: string | undefined;
  transactionId: string | undefined;
  variableMonitoringId: number | undefined;
  eventNotificationType: string | undefined;
  /** OCPP 2.1 only (N07.FR.20/21); raw, so a check can tell "absent" from "not a number". */
  severity: unknown;
  component: ComponentRefJson | undefined;
  variable: VariableRefJson | undefined;
}

/** The eventData items of NotifyEvent messages, in message order. */
export function eventItems(messages: readonly CollectedMessage[]): EventItem[] {
  const items: EventItem[] = [];
  for (const message of messages) {
    const seqNo = asNumber(message.payload.seqNo);
    const tbc = asBoolean(message.payload.tbc) ?? false;
    asArray(message.payload.eventData).forEach((raw, index) => {
      const data = asRecord(raw) ?? {};
      const timestamp = asString(data.timestamp);
      items.push({
        seq: message.seq,
        receivedAt: message.receivedAt,
        receivedMs: timeMs(message.receivedAt),
        seqNo,
        tbc,
        index,
        eventId: asNumber(data.eventId),
        timestamp,
        timestampMs: timeMs(timestamp),
        trigger: asString(data.trigger),
        actualValue: data.actualValue,
        cleared: asBoolean(data.cleared),
        techCode: asString(data.techCode),
        transactionId: asString(data.transactionId),
        variableMonitoringId: asNumber(data.variableMonitoringId),
        eventNotificationType: asString(data.eventNotificationType),
        severity: data.severity,
        component: toComponent(data.component),
        variable: toVariable(data.variable),
      });
    });
  }
  return items;
}

/**
 * Every NotifyEvent of the audit, ordered by journal seq: `evidence.notifyEvents` plus any that
 * only a case capture holds (deduplicated by seq), so a check never misses one.
 */
export function allNotifyEvents(evidence: Evidence): CollectedMessage[] {
  const bySeq = new Map<number, CollectedMessage>();
  for (const message of evidence.notifyEvents) bySeq.set(message.seq, message);
  for (const c of evidence.cases) {
    for (const capture of Object.values(c.captures)) {
      if (capture.kind !== 'messages' || capture.action !== 'NotifyEvent') continue;
      for (const message of capture.messages) if (!bySeq.has(message.seq)) bySeq.set(message.seq, message);
    }
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Unique seqs in ascending order, at most `limit` of them (a flood must not bloat a result). */
export function seqList(seqs: Iterable<number>, limit = 100): number[] {
  return [...new Set(seqs)].sort((a, b) => a - b).slice(0, limit);
}
