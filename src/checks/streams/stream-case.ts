import type { CallCapture, CaseEvidence, CollectedMessage, Evidence, MessagesCapture } from '../../evidence/evidence.js';
import { asArray, asNumber, asRecord, asString, timeMs } from '../../evidence/payload-read.js';
import type { Verdict } from '../check.js';
import { periodicTolerance } from '../events/periodic-case.js';

/** One NotifyPeriodicEventStream (OCPP 2.1 N15), read defensively. */
export interface StreamMessage {
  seq: number;
  receivedMs: number | undefined;
  streamId: number | undefined;
  pending: number | undefined;
  basetime: string | undefined;
  basetimeMs: number | undefined;
  /** The data elements: `t` is the offset from basetime in s (undefined when not a number). */
  data: Array<{ t: number | undefined; v: unknown }>;
}

/** PeriodicEventStreamParamsType as asked for or reported. */
export interface StreamParams {
  interval?: number;
  values?: number;
}

/** What one stream case collected: the monitor, the stream the station opened for it, and its messages. */
export interface StreamRun {
  caseEvidence: CaseEvidence;
  set: CallCapture;
  monitorId: number;
  /** The Periodic monitor's own interval, s (how often it gives a value). */
  monitorIntervalS: number | undefined;
  /** The periodicEventStream the monitor was set with. */
  requested: StreamParams;
  open: CollectedMessage;
  streamId: number;
  /** The stream's messages the case collected (capture `stream`), in the order they came. */
  messages: StreamMessage[];
  capture: MessagesCapture | undefined;
  toleranceS: number;
  /** The auditor's own worst stall while it collected the messages, s. */
  toolLateS: number;
}

/** Why a stream case cannot be judged: the verdict to give and why. */
export interface StreamSkip {
  verdict: Verdict;
  reason: string;
  seqs: number[];
}

export function isStreamSkip(value: StreamRun | StreamSkip): value is StreamSkip {
  return 'verdict' in value;
}

/** Reads NotifyPeriodicEventStream messages in the order they came (by journal seq). */
export function streamMessages(messages: readonly CollectedMessage[]): StreamMessage[] {
  return [...messages]
    .sort((a, b) => a.seq - b.seq)
    .map((message) => {
      const basetime = asString(message.payload['basetime']);
      return {
        seq: message.seq,
        receivedMs: timeMs(message.receivedAt),
        streamId: asNumber(message.payload['id']),
        pending: asNumber(message.payload['pending']),
        basetime,
        basetimeMs: timeMs(basetime),
        data: asArray(message.payload['data']).map((raw) => {
          const element = asRecord(raw) ?? {};
          return { t: asNumber(element['t']), v: element['v'] };
        }),
      };
    });
}

/** The values' own times, basetime + t (epoch ms), of the elements that have both. */
export function valueTimesMs(message: StreamMessage): number[] {
  const base = message.basetimeMs;
  if (base === undefined) return [];
  return message.data.flatMap((element) => (element.t !== undefined ? [base + element.t * 1000] : []));
}

/** The interval/values of a periodicEventStream, numbers only. */
export function paramsOf(value: unknown): StreamParams {
  const record = asRecord(value) ?? {};
  const interval = asNumber(record['interval']);
  const values = asNumber(record['values']);
  return { ...(interval !== undefined ? { interval } : {}), ...(values !== undefined ? { values } : {}) };
}

/**
 * Reads a stream case (captures `set`: SetVariableMonitoring of one monitor with a
 * periodicEventStream; `open`: the OpenPeriodicEventStream for it; `stream`, or `streamCapture`:
 * its NotifyPeriodicEventStream messages) or says why it cannot be judged: NOT APPLICABLE when the
 * case did not apply, the monitor was refused or no stream was opened (event-streams-open/open
 * judges that), INCONCLUSIVE when the evidence is missing.
 */
export function loadStreamCase(evidence: Evidence, caseId: string, streamCapture = 'stream'): StreamRun | StreamSkip {
  const found = evidence.cases.find((c) => c.id === caseId);
  if (found === undefined) return skip('NOT APPLICABLE', `The audit did not run the ${caseId} case.`);
  if (found.status === 'not-applicable') return skip('NOT APPLICABLE', `The ${caseId} case did not apply: ${found.reason ?? 'no reason given'}.`);
  const set = found.captures['set'];
  if (set?.kind !== 'call') return skip('INCONCLUSIVE', `The ${caseId} case holds no SetVariableMonitoring exchange.`);
  if (!set.ok || set.response === undefined) {
    const unsupported = set.failure?.errorCode === 'NotSupported' || set.failure?.errorCode === 'NotImplemented';
    return skip(unsupported ? 'NOT APPLICABLE' : 'INCONCLUSIVE', `Setting the monitor with a stream failed (${set.failure?.errorCode ?? set.failure?.kind ?? 'no response'}: ${set.failure?.description ?? ''}), so there is no stream to judge.`, set.seqs);
  }
  const request = asRecord(asArray(set.request['setMonitoringData'])[0]) ?? {};
  const result = asRecord(asArray(set.response['setMonitoringResult'])[0]) ?? {};
  const monitorId = asNumber(result['id']);
  if (result['status'] !== 'Accepted' || monitorId === undefined) {
    return skip('NOT APPLICABLE', `The station answered ${asString(result['status']) ?? 'nothing usable'} to the monitor with a stream, so there is no stream to judge.`, set.seqs);
  }
  const open = found.captures['open'];
  const opened = open?.kind === 'messages' ? open.messages[0] : undefined;
  const streamId = asNumber(asRecord(opened?.payload['constantStreamData'])?.['id']);
  if (opened === undefined || streamId === undefined) {
    if (found.status === 'inconclusive') return skip('INCONCLUSIVE', `The ${caseId} case could not be completed: ${found.reason ?? 'no reason given'}.`, set.seqs);
    return skip('NOT APPLICABLE', `The station opened no periodic event stream for monitor ${monitorId}, so there is nothing to judge here (event-streams-open/open judges whether it should).`, set.seqs);
  }
  const capture = found.captures[streamCapture];
  const messages = capture?.kind === 'messages' ? streamMessages(capture.messages.filter((m) => asNumber(m.payload['id']) === streamId)) : [];
  if (capture?.kind !== 'messages' && found.status === 'inconclusive') return skip('INCONCLUSIVE', `The ${caseId} case could not be completed: ${found.reason ?? 'no reason given'}.`, [...set.seqs, opened.seq]);
  return {
    caseEvidence: found,
    set,
    monitorId,
    monitorIntervalS: asNumber(request['value']),
    requested: paramsOf(request['periodicEventStream']),
    open: opened,
    streamId,
    messages,
    capture: capture?.kind === 'messages' ? capture : undefined,
    toleranceS: periodicTolerance(evidence),
    toolLateS: capture?.kind === 'messages' ? (capture.toolLateMs ?? 0) / 1000 : 0,
  };
}

/** Every NotifyPeriodicEventStream any case collected, once each, in the order they came. */
export function allStreamMessages(evidence: Evidence): StreamMessage[] {
  const bySeq = new Map<number, CollectedMessage>();
  for (const testCase of evidence.cases) {
    for (const capture of Object.values(testCase.captures)) {
      if (capture.kind !== 'messages' || capture.action !== 'NotifyPeriodicEventStream') continue;
      for (const message of capture.messages) bySeq.set(message.seq, message);
    }
  }
  return streamMessages([...bySeq.values()]);
}

function skip(verdict: Verdict, reason: string, seqs: number[] = []): StreamSkip {
  return { verdict, reason, seqs };
}
