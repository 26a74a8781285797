import type { Evidence } from '../evidence/evidence.js';
import { asArray, asNumber, asRecord } from '../evidence/payload-read.js';
import { type Check, type CheckResult, resultOf } from './check.js';
import { isStreamSkip, loadStreamCase, paramsOf, type StreamParams } from './streams/stream-case.js';

/**
 * GetPeriodicEventStream lists every open stream (N12.FR.01): the `event-streams-get` case's
 * stream with its monitor and the parameters it was opened with; and a stream the station has
 * closed (`event-streams-close`, after its ClosePeriodicEventStream) is no longer listed.
 */
export const eventStreamListed: Check = {
  id: 'event-stream-listed',
  title: 'GetPeriodicEventStream lists the open streams, and only those',
  refs: ['N12.FR.01', 'N12', 'TC_N_107'],
  category: 'events',
  versions: ['2.1'],
  evaluate(evidence: Evidence): CheckResult {
    const run = loadStreamCase(evidence, 'event-streams-get');
    if (isStreamSkip(run)) return resultOf(this, run.verdict, run.reason, run.seqs);
    const get = run.caseEvidence.captures['get'];
    if (get?.kind !== 'call') return resultOf(this, 'INCONCLUSIVE', 'The case holds no GetPeriodicEventStream exchange.', [run.open.seq]);
    const seqs = [run.open.seq, ...get.seqs];
    if (!get.ok || get.response === undefined) {
      // A station that opens streams must say which are open: a refusal is a finding, silence is not judged.
      const refused = get.failure?.kind === 'call-error';
      return resultOf(this, refused ? 'FAIL' : 'INCONCLUSIVE', `GetPeriodicEventStream was ${refused ? `refused with CALLERROR ${get.failure?.errorCode ?? ''}` : `not answered (${get.failure?.description ?? 'no response'})`} while stream ${run.streamId} was open.`, seqs);
    }
    const listed = asArray(get.response['constantStreamData']).map((raw) => asRecord(raw) ?? {});
    const mine = listed.find((entry) => asNumber(entry['id']) === run.streamId);
    const opened = paramsOf(asRecord(run.open.payload['constantStreamData'])?.['params']);
    const details: Record<string, unknown> = { streamId: run.streamId, monitorId: run.monitorId, listed: listed.map((entry) => asNumber(entry['id'])) };
    const problems: string[] = [];
    if (!mine) problems.push(`stream ${run.streamId}, open for monitor ${run.monitorId}, is not listed (${listed.length} stream(s) listed)`);
    else {
      if (asNumber(mine['variableMonitoringId']) !== run.monitorId) problems.push(`stream ${run.streamId} is listed for monitor ${String(mine['variableMonitoringId'])}, not ${run.monitorId}`);
      const params = paramsOf(mine['params']);
      if (!sameParams(params, opened)) problems.push(`stream ${run.streamId} is listed with ${shown(params)}, but was opened with ${shown(opened)}`);
    }
    const closed = closedButListed(evidence);
    if (closed) {
      seqs.push(...closed.seqs);
      problems.push(`stream ${closed.streamId} is still listed after the station closed it`);
    }
    if (problems.length > 0) return resultOf(this, 'FAIL', `GetPeriodicEventStream: ${problems.join('; ')}.`, seqs, details);
    return resultOf(this, 'PASS', `GetPeriodicEventStream listed stream ${run.streamId} of monitor ${run.monitorId} with the parameters it was opened with (${shown(opened)})${closedChecked(evidence) ? ', and no longer listed a stream once it was closed' : ''}.`, seqs, details);
  },
};

/** interval and values, an absent one read as 0 (the schema's meaning of "not given"). */
function sameParams(a: StreamParams, b: StreamParams): boolean {
  return (a.interval ?? 0) === (b.interval ?? 0) && (a.values ?? 0) === (b.values ?? 0);
}

function shown(params: StreamParams): string {
  return `interval ${params.interval ?? '-'}, values ${params.values ?? '-'}`;
}

/** In event-streams-close: the stream its ClosePeriodicEventStream named, if the Get after it still lists it. */
function closedButListed(evidence: Evidence): { streamId: number; seqs: number[] } | undefined {
  const found = evidence.cases.find((c) => c.id === 'event-streams-close');
  const close = found?.captures['close'];
  const get = found?.captures['get-after-close'];
  const closedId = close?.kind === 'messages' ? asNumber(close.messages[0]?.payload['id']) : undefined;
  if (closedId === undefined || get?.kind !== 'call' || !get.ok || !get.response) return undefined;
  const listed = asArray(get.response['constantStreamData']).some((raw) => asNumber(asRecord(raw)?.['id']) === closedId);
  return listed && close?.kind === 'messages' ? { streamId: closedId, seqs: [...close.messages.map((m) => m.seq), ...get.seqs] } : undefined;
}

function closedChecked(evidence: Evidence): boolean {
  const found = evidence.cases.find((c) => c.id === 'event-streams-close');
  const close = found?.captures['close'];
  const get = found?.captures['get-after-close'];
  return close?.kind === 'messages' && close.messages.length > 0 && get?.kind === 'call' && get.ok;
}
