import type { Evidence } from '../evidence/evidence.js';
import { type Check, type CheckResult, resultOf } from './check.js';
import { seqList } from './events/event-items.js';
import { allStreamMessages } from './streams/stream-case.js';

/** The framing findings of ocpp/ that break N15.FR.01 (the RPC layer records them per frame). */
const WRONG_FRAMING: Record<string, string> = {
  'send-as-call': 'NotifyPeriodicEventStream sent as a CALL (type 2), which expects an answer',
  'not-a-send-message': 'a message other than NotifyPeriodicEventStream sent as a SEND (type 6)',
};

/**
 * NotifyPeriodicEventStream is sent as RPC type SEND (6), and only it (N15.FR.01): a stream sent
 * as CALLs costs a round trip per message, which streams exist to avoid, and a CSMS that follows
 * N15.FR.02 answers nothing to a SEND, so a request sent as SEND waits for ever.
 */
export const eventStreamFraming: Check = {
  id: 'event-stream-framing',
  title: 'Periodic event stream data goes out as SEND messages (type 6)',
  refs: ['N15.FR.01', 'N15', 'TC_N_105'],
  category: 'protocol',
  versions: ['2.1'],
  evaluate(evidence: Evidence): CheckResult {
    const wrong = (evidence.protocolFindings ?? []).flatMap((frame) => frame.findings.filter((f) => f.code in WRONG_FRAMING).map((finding) => ({ frame, finding })));
    const messages = allStreamMessages(evidence);
    if (wrong.length > 0) {
      const kinds = [...new Set(wrong.map((w) => w.finding.code))].map((code) => `${wrong.filter((w) => w.finding.code === code).length} × ${WRONG_FRAMING[code] ?? code}`);
      return resultOf(this, 'FAIL', `${kinds.join('; ')}.`, seqList(wrong.map((w) => w.frame.seq)), { frames: wrong.length });
    }
    if (messages.length === 0) return resultOf(this, 'NOT APPLICABLE', 'No NotifyPeriodicEventStream message was collected, so there is no framing to judge.');
    return resultOf(this, 'PASS', `${messages.length} NotifyPeriodicEventStream message(s) came as SEND, and no other message did.`, seqList(messages.map((m) => m.seq)));
  },
};
