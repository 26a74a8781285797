import type { CollectedMessage, Evidence } from '../evidence/evidence.js';
import { OCPP16_ERROR_CODES, STATUS_NOTIFICATION_LIMITS } from '../ocpp/ocpp16-messages.js';
import { resultOf, type Check, type CheckResult } from './check.js';
import { CHARGEX_CODES, chargeXCode } from './events/chargex-codes.js';

/** Up to three, then how many more. */
const some = (items: readonly string[]): string => (items.length > 3 ? `${items.slice(0, 3).join(', ')} and ${items.length - 3} more` : items.join(', '));

/**
 * A vendorId under which vendorErrorCode carries ChargeX Minimum Required Error Codes: EVerest's
 * `https://chargex.inl.gov`, EVgo's `com.evgo.mrec` (facts §15). Other vendors' codes are theirs.
 */
export function claimsChargeX(vendorId: unknown): boolean {
  return typeof vendorId === 'string' && /chargex|mrec/i.test(vendorId);
}

/** An error raised on a connector and what became of it. */
interface RaisedError {
  connectorId: number;
  errorCode: string;
  /** errorCode and vendorErrorCode, as a reader knows the fault: `GroundFailure CX002`. */
  label: string;
  raisedSeq: number;
  clearedSeq?: number;
}

/**
 * StatusNotification error codes over the whole audit (1.6 §4.9, §6.47, §7.6). FAIL: an errorCode
 * outside 1.6's sixteen, or info / vendorErrorCode / vendorId beyond their lengths. WARN: under a
 * ChargeX vendorId, a vendorErrorCode that is no ChargeX code (EVgo lists several, comma-separated),
 * or one of CX001–CX007 under another errorCode than the one MREC gives it (facts §15); Faulted
 * without an error code; an error still raised when the audit ended. An error is level-triggered
 * in 1.6: it stands until a later notification of the same connector says NoError (OCA uptime WP
 * §4.1.3), and a fault may outlast an audit, so one left raised is a WARN, not a FAIL.
 */
export const ocpp16StatusErrorCodes: Check = {
  id: 'ocpp16-status-error-codes',
  title: 'StatusNotification error codes: 1.6 codes, ChargeX codes under a ChargeX vendorId, errors cleared with NoError',
  refs: ['OCPP 1.6 §4.9', 'OCPP 1.6 §6.47', 'OCPP 1.6 §7.6', 'OCA uptime WP §4.1.3', 'OCA uptime WP §7', 'ChargeX MREC CX001–CX026'],
  category: 'events',
  versions: ['1.6'],
  evaluate(evidence: Evidence): CheckResult {
    const notifications = [...evidence.statusNotifications].sort((a, b) => a.seq - b.seq);
    if (notifications.length === 0) return resultOf(this, 'INCONCLUSIVE', 'No StatusNotification came during the audit, so there is no error code to judge.');
    const errorCodeOf = (m: CollectedMessage): string => textOf(m.payload['errorCode']);
    const notInEnum = notifications.filter((m) => !OCPP16_ERROR_CODES.includes(errorCodeOf(m)));
    const tooLong = notifications.flatMap((m) => overLimit(m).map(([field, limit]) => `${field} of #${m.seq} over ${limit} characters`));
    const chargeX = chargeXFindings(notifications);
    const errors = pairErrors(notifications);
    const stillRaised = errors.filter((e) => e.clearedSeq === undefined);
    const cleared = errors.filter((e) => e.clearedSeq !== undefined);
    const faultedWithoutCode = notifications.filter((m) => m.payload['status'] === 'Faulted' && errorCodeOf(m) === 'NoError');
    const cxSeen = [...new Set(notifications.filter((m) => claimsChargeX(m.payload['vendorId'])).flatMap(vendorCodes).filter((code) => chargeXCode(code) !== undefined))].sort();
    const details = {
      notifications: notifications.length,
      errorCodes: [...new Set(notifications.map(errorCodeOf))],
      errors: errors.map((e) => ({ connectorId: e.connectorId, code: e.label, raisedSeq: e.raisedSeq, clearedSeq: e.clearedSeq ?? null })),
      chargeX: { seen: cxSeen, of: CHARGEX_CODES.length, unknown: chargeX.unknown, mismatched: chargeX.mismatched, uncoded: chargeX.uncoded },
    };
    const seqOf = (messages: readonly CollectedMessage[]): number[] => messages.map((m) => m.seq);

    if (notInEnum.length > 0 || tooLong.length > 0) {
      const problems = [
        ...(notInEnum.length > 0 ? [`errorCode ${some([...new Set(notInEnum.map(errorCodeOf))].map((c) => `"${c}"`))} is not one of the 16 codes of 1.6`] : []),
        ...(tooLong.length > 0 ? [some(tooLong)] : []),
      ];
      return resultOf(this, 'FAIL', `The station's StatusNotifications break 1.6: ${problems.join('; ')}. A Central System cannot read such a status.`, seqOf(notInEnum).concat(tooLongSeqs(notifications)), details);
    }
    const warnings: string[] = [];
    if (chargex(chargeX)) warnings.push(...chargeXWarnings(chargeX));
    if (faultedWithoutCode.length > 0) warnings.push(`${faultedWithoutCode.length} notification(s) say Faulted with errorCode NoError, so nothing tells what is wrong`);
    if (stillRaised.length > 0) warnings.push(`${some(stillRaised.map(describe))} stayed raised until the audit ended with no NoError after it; a fault may outlast an audit, but an error the station forgets to clear looks the same`);
    const seqs = [...new Set([...errors.flatMap((e) => [e.raisedSeq, ...(e.clearedSeq !== undefined ? [e.clearedSeq] : [])]), ...chargeX.seqs, ...seqOf(faultedWithoutCode)])].sort((a, b) => a - b);
    const raisedText = cleared.length > 0 ? ` ${cleared.length} error(s) were raised and cleared with NoError (${some(cleared.map(describe))}).` : '';
    const cxText = cxSeen.length > 0 ? ` ChargeX codes recognised: ${cxSeen.map((code) => `${code} ${chargeXCode(code)?.name ?? ''}`).join(', ')} (${cxSeen.length} of ${CHARGEX_CODES.length}).` : '';
    if (warnings.length > 0) return resultOf(this, 'WARN', `${capitalized(warnings.join('; '))}.${raisedText}${cxText}`, seqs, details);
    if (errors.length === 0) return resultOf(this, 'PASS', `${notifications.length} StatusNotification(s), every error code one of 1.6's and every field within its limit; none reported an error, so the clearing of one could not be seen.`, seqOf(notifications).slice(0, 20), details);
    return resultOf(this, 'PASS', `${notifications.length} StatusNotification(s), every error code one of 1.6's and every field within its limit.${raisedText}${cxText}`, seqs, details);
  },
};

/** Walks the notifications in order: an errorCode other than NoError raises it on its connector, NoError clears what is raised there. */
function pairErrors(notifications: readonly CollectedMessage[]): RaisedError[] {
  const errors: RaisedError[] = [];
  const open = new Map<number, RaisedError>();
  for (const message of notifications) {
    const connectorId = Number(message.payload['connectorId']);
    const errorCode = textOf(message.payload['errorCode']);
    const raised = open.get(connectorId);
    if (errorCode === 'NoError') {
      if (raised) raised.clearedSeq = message.seq;
      open.delete(connectorId);
      continue;
    }
    // Level-triggered: the same error again is the same error; another one stands in its place.
    if (raised?.errorCode === errorCode) continue;
    if (raised) raised.clearedSeq = message.seq;
    const vendorCode = message.payload['vendorErrorCode'];
    const error: RaisedError = { connectorId, errorCode, label: typeof vendorCode === 'string' ? `${errorCode} ${vendorCode}` : errorCode, raisedSeq: message.seq };
    errors.push(error);
    open.set(connectorId, error);
  }
  return errors;
}

interface ChargeXFindings {
  unknown: string[];
  mismatched: string[];
  uncoded: number;
  seqs: number[];
}

/** What is wrong with the ChargeX codes of notifications whose vendorId claims them. */
function chargeXFindings(notifications: readonly CollectedMessage[]): ChargeXFindings {
  const findings: ChargeXFindings = { unknown: [], mismatched: [], uncoded: 0, seqs: [] };
  for (const message of notifications) {
    const errorCode = textOf(message.payload['errorCode']);
    if (!claimsChargeX(message.payload['vendorId']) || errorCode === 'NoError') continue;
    const codes = vendorCodes(message);
    if (codes.length === 0) {
      findings.uncoded += 1;
      findings.seqs.push(message.seq);
    }
    for (const code of codes) {
      const entry = chargeXCode(code);
      if (!entry) {
        findings.unknown.push(code);
        findings.seqs.push(message.seq);
      } else if (OCPP16_ERROR_CODES.includes(entry.name) && entry.name !== errorCode) {
        // MREC gives CX001–CX007 the 1.6 errorCode of the same name.
        findings.mismatched.push(`${code} under ${errorCode} (MREC: ${entry.name})`);
        findings.seqs.push(message.seq);
      }
    }
  }
  findings.unknown = [...new Set(findings.unknown)];
  findings.mismatched = [...new Set(findings.mismatched)];
  return findings;
}

const chargex = (findings: ChargeXFindings): boolean => findings.unknown.length > 0 || findings.mismatched.length > 0 || findings.uncoded > 0;

function chargeXWarnings(findings: ChargeXFindings): string[] {
  const warnings: string[] = [];
  if (findings.unknown.length > 0) warnings.push(`under a ChargeX vendorId the station sends vendorErrorCode ${some(findings.unknown.map((c) => `"${c}"`))}, which ${findings.unknown.length === 1 ? 'is not a ChargeX code' : 'are not ChargeX codes'} (CX001–CX026), so a Central System cannot tell which fault it is`);
  if (findings.mismatched.length > 0) warnings.push(`ChargeX codes come with another errorCode than MREC gives them: ${some(findings.mismatched)}`);
  if (findings.uncoded > 0) warnings.push(`${findings.uncoded} error notification(s) name a ChargeX vendorId but carry no vendorErrorCode`);
  return warnings;
}

/** The vendor codes of a notification: EVgo lists concurrent errors comma-separated (facts §15). */
function vendorCodes(message: CollectedMessage): string[] {
  const value = message.payload['vendorErrorCode'];
  return typeof value === 'string' ? value.split(',').map((code) => code.trim()).filter(Boolean) : [];
}

/** The fields of a notification longer than 1.6 allows, with their limits. */
function overLimit(message: CollectedMessage): Array<[string, number]> {
  return Object.entries(STATUS_NOTIFICATION_LIMITS).filter(([field, limit]) => {
    const value = message.payload[field];
    return typeof value === 'string' && value.length > limit;
  });
}

function tooLongSeqs(notifications: readonly CollectedMessage[]): number[] {
  return notifications.filter((m) => overLimit(m).length > 0).map((m) => m.seq);
}

/** A payload field as text: a string as it is, anything else (absent, a number) as its JSON. */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

function describe(error: RaisedError): string {
  return `${error.label} on connector ${error.connectorId}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
