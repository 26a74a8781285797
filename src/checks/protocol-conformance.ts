import type { Evidence } from '../evidence/evidence.js';
import { resultOf, type Check, type CheckResult } from './check.js';

/** Faults that are sloppy rather than breaking: a backend copes, but should not have to. */
const WARN_ONLY = new Set(['byte-order-mark', 'late-response', 'error-description-too-long', 'error-details-not-object']);

/** What each finding means for a reader, with the OCPP-J or spec rule it breaks. */
const MEANING: Record<string, string> = {
  'schema-violation': 'payloads that break the OCA JSON schema',
  'ocpp16-error-code': 'CALLERRORs with the OCPP 1.6 spelling OccurenceConstraintViolation',
  'unknown-error-code': 'CALLERRORs with an error code OCPP-J does not define',
  'call-before-boot': 'requests before any BootNotification (TC_B_30)',
  'call-while-pending': 'unsolicited requests while the boot was Pending (B02)',
  'call-after-rejected-boot': 'requests other than BootNotification after a Rejected boot (B03)',
  'concurrent-call': 'a second CALL while one was still unanswered (OCPP-J: one at a time)',
  'reused-message-id': 'message ids used twice',
  'unknown-response-id': 'responses to calls that were never made',
  'duplicate-response': 'two responses to one call',
  'late-response': 'responses after the call had timed out',
  'byte-order-mark': 'frames starting with a UTF-8 byte-order mark',
  // OCPP 2.1 framing (Part 4): SEND is for NotifyPeriodicEventStream alone (N15.FR.01).
  'send-as-call': 'NotifyPeriodicEventStream sent as a CALL, not a SEND (N15.FR.01)',
  'not-a-send-message': 'messages sent as SEND that are not NotifyPeriodicEventStream (N15.FR.01)',
  'unknown-result-id': 'CALLRESULTERRORs naming no CALLRESULT the CSMS sent',
};

/**
 * Every protocol fault the station's own frames showed over the session (OCPP-J framing, the
 * schemas, error codes, the boot gate): the wire-level conformance a backend relies on.
 */
export const protocolConformance: Check = {
  id: 'protocol-conformance',
  title: "The station's frames follow OCPP-J and the OCPP 2.0.1 schemas",
  refs: ['OCPP-J', 'B02', 'B03', 'TC_B_30'],
  category: 'protocol',
  evaluate(evidence: Evidence): CheckResult {
    const counts = new Map<string, { frames: number; seqs: number[]; example: string }>();
    for (const frame of evidence.protocolFindings ?? []) {
      for (const finding of frame.findings) {
        const entry = counts.get(finding.code) ?? { frames: 0, seqs: [], example: `${frame.action ?? frame.messageType ?? 'frame'} #${frame.seq}: ${finding.message}` };
        entry.frames += 1;
        if (entry.seqs.length < 20) entry.seqs.push(frame.seq);
        counts.set(finding.code, entry);
      }
    }
    if (counts.size === 0) return resultOf(this, 'PASS', 'no frame of the station broke OCPP-J framing, the schemas or the boot rules');
    const details = Object.fromEntries([...counts].map(([code, entry]) => [code, entry.frames]));
    const seqs = [...counts.values()].flatMap((entry) => entry.seqs).sort((a, b) => a - b);
    const failing = [...counts.keys()].filter((code) => !WARN_ONLY.has(code));
    const lines = [...counts].map(([code, entry]) => `${entry.frames} × ${MEANING[code] ?? code} (e.g. ${entry.example})`);
    return resultOf(this, failing.length > 0 ? 'FAIL' : 'WARN', lines.slice(0, 4).join('; ') + (lines.length > 4 ? `; and ${lines.length - 4} more kinds` : ''), seqs, { findings: details });
  },
};
