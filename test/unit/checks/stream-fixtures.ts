/**
 * Builders of OCPP 2.1 periodic event stream evidence for the stream checks: a monitor set with a
 * stream, the stream the station opened, and its NotifyPeriodicEventStream messages, with times
 * in seconds after T0 and journal seqs handed out in order.
 */
import type { CaseEvidence, CollectedMessage, Evidence } from '../../../src/evidence/evidence.js';
import { makeCallCapture, makeMessage, makeMessagesCapture } from '../../helpers/evidence-fixture.js';
import { at, caseOf, evidence } from './event-fixtures.js';

export { at };

const TARGET = { component: { name: 'DataLink' }, variable: { name: 'SignalStrength' } };

/** One NotifyPeriodicEventStream: values at `valuesS` (s after T0, on the station's clock), received at `receivedS`. */
export function streamMessage(seq: number, input: { id?: number; valuesS: number[]; receivedS: number; pending?: number; basetimeS?: number; offsets?: number[] }): CollectedMessage {
  const base = input.basetimeS ?? input.valuesS[0] ?? 0;
  const offsets = input.offsets ?? input.valuesS.map((v) => Math.round((v - base) * 1000) / 1000);
  return makeMessage(seq, 'NotifyPeriodicEventStream', { id: input.id ?? 1, pending: input.pending ?? 0, basetime: at(base), data: offsets.map((t, i) => ({ t, v: String(i) })) }, { receivedAt: at(input.receivedS) });
}

/**
 * Messages of a stream flushed every `intervalS` from `openS`, the monitor giving a value every
 * `periodS` from `openS + periodS`; each message received `delayS` after its flush. `everyS`
 * overrides the flush cadence (a station at the wrong interval).
 */
export function regularMessages(count: number, options: { intervalS: number; periodS?: number; openS?: number; delayS?: number; firstSeq?: number; everyS?: number; id?: number }): CollectedMessage[] {
  const { intervalS, periodS = 1, openS = 0, delayS = 0.01, firstSeq = 10, id = 1 } = options;
  const every = options.everyS ?? intervalS;
  const messages: CollectedMessage[] = [];
  let sentUpTo = openS;
  for (let i = 1; i <= count; i++) {
    const flushS = openS + i * every;
    const valuesS: number[] = [];
    for (let v = Math.floor((sentUpTo - openS) / periodS + 1e-9) + 1; openS + v * periodS <= flushS + 1e-9; v++) valuesS.push(openS + v * periodS - 0.2);
    sentUpTo = flushS;
    messages.push(streamMessage(firstSeq + i - 1, { id, valuesS, receivedS: flushS + delayS }));
  }
  return messages;
}

export interface StreamCaseInput {
  monitorId?: number;
  streamId?: number;
  periodS?: number;
  params?: Record<string, number>;
  messages?: CollectedMessage[];
  /** Seconds after T0 the stream capture ended. */
  endS?: number;
  /** Extra captures (adjust, get, clear, close, ...). */
  captures?: CaseEvidence['captures'];
  /** No OpenPeriodicEventStream came. */
  notOpened?: boolean;
  setStatus?: string;
  toolLateMs?: number;
}

/** A stream case as the catalogue's event-streams-* cases record it (captures set, open, stream). */
export function streamCase(id: string, input: StreamCaseInput = {}): CaseEvidence {
  const { monitorId = 7, streamId = 1, periodS = 1, params = { interval: 3 } } = input;
  const set = makeCallCapture(
    'SetVariableMonitoring',
    { setMonitoringData: [{ type: 'Periodic', value: periodS, severity: 5, ...TARGET, periodicEventStream: params }] },
    { response: { setMonitoringResult: [{ status: input.setStatus ?? 'Accepted', type: 'Periodic', severity: 5, ...TARGET, ...(input.setStatus === undefined ? { id: monitorId } : {}) }] } },
    [1, 2],
  );
  set.sentAt = at(0);
  const open = makeMessagesCapture('OpenPeriodicEventStream', input.notOpened ? [] : [makeMessage(3, 'OpenPeriodicEventStream', { constantStreamData: { id: streamId, variableMonitoringId: monitorId, params } }, { receivedAt: at(0.01) })], !input.notOpened);
  const stream = makeMessagesCapture('NotifyPeriodicEventStream', input.messages ?? [], true, { startedAt: at(0), endedAt: at(input.endS ?? 12), ...(input.toolLateMs ? { toolLateMs: input.toolLateMs } : {}) });
  return caseOf(id, { set, open, ...(input.notOpened ? {} : { stream }), ...(input.captures ?? {}) });
}

/** Evidence of a 2.1 station holding the given cases (tolerance 1 s). */
export function streamEvidence(cases: CaseEvidence[], overrides: Partial<Evidence> = {}): Evidence {
  const base = evidence({ options: { periodicToleranceS: 1 }, ...overrides });
  return { ...base, station: { ...base.station, protocol: { version: '2.1', subprotocol: 'ocpp2.1', offered: ['ocpp2.1'] } }, cases };
}
