import type { Evidence } from '../evidence/evidence.js';
import { resultOf, type Check, type CheckResult } from './check.js';

/**
 * With a provisioning window (`run --pending-window`), the CSMS answers the first boot Pending
 * and accepts the station later. A good station sends nothing unasked meanwhile, and boots again
 * when asked (TriggerMessage) or when its retry interval ends.
 */
export const pendingProvisioning: Check = {
  id: 'pending-provisioning',
  title: 'While Pending the station waits, then boots again and is accepted',
  refs: ['B02', 'TC_B_02', 'TC_B_30'],
  category: 'protocol',
  evaluate(evidence: Evidence): CheckResult {
    const windowS = evidence.options['pendingWindowS'];
    if (typeof windowS !== 'number' || windowS <= 0) return resultOf(this, 'NOT APPLICABLE', 'the audit ran without a Pending provisioning window (run --pending-window)');
    const boots = evidence.boots ?? [];
    const unasked = (evidence.protocolFindings ?? []).filter((f) => f.findings.some((finding) => finding.code === 'call-while-pending'));
    const seqs = [...boots.map((b) => b.seq), ...unasked.map((f) => f.seq)].sort((a, b) => a - b);
    if (boots.length < 2) return resultOf(this, 'INCONCLUSIVE', `only ${boots.length} BootNotification seen: the station never booted again after the Pending answer`, seqs);
    if (unasked.length > 0) {
      const actions = [...new Set(unasked.map((f) => f.action ?? f.messageType ?? '?'))].join(', ');
      return resultOf(this, 'FAIL', `${unasked.length} unsolicited request(s) while Pending (${actions}); a Pending station may only answer what the CSMS asks`, seqs);
    }
    const reasons = boots.slice(1).map((b) => (typeof b.payload['reason'] === 'string' ? b.payload['reason'] : '?'));
    return resultOf(this, 'PASS', `kept quiet for the ${windowS} s window and booted again (${reasons.join(', ')}) to be accepted`, seqs);
  },
};
