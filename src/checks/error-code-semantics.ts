import type { Evidence } from '../evidence/evidence.js';
import { refusals } from '../evidence/refusals.js';
import { resultOf, type Check, type CheckResult } from './check.js';
import { uniqueSeqs } from './inventory/report-items.js';
import { listSome, plural } from './inventory/summary-text.js';

/**
 * The station refuses what it does not support with the error code OCPP-J (Part 4, RPC
 * framework) defines for it: NotSupported for a known action, NotImplemented only for an action
 * it does not know. Every action the audit sends is an OCPP 2.0.1 action, so NotImplemented for
 * one of them is a WARN: a CSMS that reads the code by the book concludes the station does not
 * speak the action's protocol version at all. The audit itself reads such refusals as "not
 * supported" (evidence/refusals.ts), and the details record that reading.
 */
export const errorCodeSemantics: Check = {
  id: 'error-code-semantics',
  title: 'Refusals use NotSupported for known actions (OCPP-J error codes)',
  refs: ['OCPP-J'],
  category: 'protocol',
  evaluate(evidence: Evidence): CheckResult {
    const all = refusals(evidence);
    const misnamed = all.filter((refusal) => refusal.misnamed);
    const actions = (list: typeof all): string[] => [...new Set(list.map((refusal) => refusal.action))];
    const details = {
      readAs: 'not supported',
      notImplemented: actions(all.filter((refusal) => refusal.errorCode === 'NotImplemented')),
      notSupported: actions(all.filter((refusal) => refusal.errorCode === 'NotSupported')),
      semantics: misnamed.length > 0 ? 'NotImplemented for known actions' : 'as OCPP-J defines',
    };
    if (all.length === 0) return resultOf(this, 'NOT APPLICABLE', 'The station refused no request of the audit as not implemented or not supported, so there is no error code to judge.', [], details);
    if (misnamed.length === 0) {
      const reason =
        details.notSupported.length > 0
          ? `The station refused ${listSome(details.notSupported, 10)} with NotSupported, the OCPP-J code for a known action it does not support.`
          : `The station answered NotImplemented only to actions OCPP 2.0.1 does not define (${listSome(details.notImplemented, 10)}), as OCPP-J says.`;
      return resultOf(this, 'PASS', reason, uniqueSeqs(all.flatMap((r) => r.seqs)), details);
    }
    const named = actions(misnamed);
    return resultOf(
      this,
      'WARN',
      `The station answered CALLERROR NotImplemented to ${plural(named.length, 'OCPP 2.0.1 action')} it should know: ${listSome(named, 10)}. OCPP-J (Part 4, RPC framework) keeps NotImplemented for an action the receiver does not know and NotSupported for a known action it does not support; a CSMS reading the code by the book takes the station for one that does not speak these actions at all. The audit reads these refusals as "not supported".`,
      uniqueSeqs(misnamed.flatMap((r) => r.seqs)),
      details,
    );
  },
};
