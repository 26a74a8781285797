import type { CheckResult } from '../checks/check.js';
import type { GuidelineMessage } from '../config/guideline.js';
import type { CallCapture, CollectedMessage, Evidence, MessagesCapture } from '../evidence/evidence.js';
import { asString } from '../evidence/payload-read.js';
import { conditionUnmet, type StationConfiguration } from './configuration-key-checks.js';
import { lineResult, missingVerdict, slug } from './guideline-result.js';

/** Every message of one action the station sent during the audit, once each (by journal seq). */
export function stationMessages(evidence: Evidence, action: string): CollectedMessage[] {
  const bySeq = new Map<number, CollectedMessage>();
  const gathered = [
    ...evidence.boots,
    ...evidence.statusNotifications,
    ...evidence.notifyEvents,
    ...(evidence.securityEvents ?? []),
    ...(evidence.uploadStatusNotifications ?? []),
    ...messagesCaptures(evidence).flatMap((capture) => capture.messages),
  ];
  for (const message of gathered) if (message.action === action) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

function messagesCaptures(evidence: Evidence): MessagesCapture[] {
  return evidence.cases.flatMap((c) => Object.values(c.captures)).filter((capture): capture is MessagesCapture => capture.kind === 'messages');
}

/** The audit's CALLs of one action and what came back. */
export function callsOf(evidence: Evidence, action: string): CallCapture[] {
  return evidence.cases.flatMap((c) => Object.values(c.captures)).filter((capture): capture is CallCapture => capture.kind === 'call' && capture.action === action);
}

/** A CALLERROR saying the station lacks the operation (OCPP-J 1.6 §4.2.3), or a status saying so (TriggerMessage NotImplemented). */
const NOT_IMPLEMENTED = new Set(['NotImplemented', 'NotSupported']);

/**
 * A line of the guideline's `messages`: a message the station sends (found among what the audit
 * collected; missing only when a case waited for it in vain), or one it answers (the audit's CALLs
 * of that action). With `fields`, the share of its messages (those `where` selects) carrying them.
 */
export function messageCheck(spec: GuidelineMessage, evidence: Evidence, configuration: StationConfiguration, weight: number): CheckResult {
  const id = `guideline/messages/${slug(spec.action)}${spec.fields ? `-${spec.fields.map(slug).join('-')}` : ''}`;
  const title = titleOf(spec);
  const category = spec.category ?? 'diagnostics';
  const done = (verdict: CheckResult['verdict'], reason: string, score: number, seqs: number[]): CheckResult => lineResult(id, title, [], category, verdict, reason, seqs, score, weight);
  const unmet = configuration.answered ? conditionUnmet(spec.when, configuration) : undefined;
  if (unmet !== undefined) return done('NOT APPLICABLE', `${unmet}, so the line does not apply to it`, 0, configuration.seqs);
  if (spec.sentBy === 'csms') return answered(spec, callsOf(evidence, spec.action), done);
  const messages = stationMessages(evidence, spec.action);
  if (spec.fields) return carried(spec, spec.fields, messages, done);
  if (messages.length > 0) return done('PASS', `${messages.length} ${spec.action} message(s) came`, 1, messages.map((m) => m.seq));
  const waits = messagesCaptures(evidence).filter((capture) => capture.action === spec.action && !capture.complete);
  const due = spec.dueAfter;
  // Silence is a finding only where the message was owed (an upload status after a GetDiagnostics that named a file).
  if (due && !callsOf(evidence, due.action).some((c) => c.ok && c.response?.[due.field] !== undefined)) {
    return done('NOT APPLICABLE', `no ${spec.action} came, and none was due: no ${due.action} answer named a ${due.field}`, 0, []);
  }
  if (waits.length > 0) {
    const window = Math.max(...waits.map((w) => Date.parse(w.endedAt) - Date.parse(w.startedAt)));
    return done(missingVerdict(spec.level), `the audit waited for a ${spec.action}${Number.isFinite(window) && window > 0 ? ` (up to ${Math.round(window / 1000)} s)` : ''} and none came; ${spec.why}`, 0, []);
  }
  return done('INCONCLUSIVE', `no ${spec.action} came during the audit, and no case waited for one`, 0, []);
}

function titleOf(spec: GuidelineMessage): string {
  const required = spec.level === 'required';
  if (spec.sentBy === 'csms') return `${required ? 'Answers' : 'Should answer'} ${spec.action}`;
  if (!spec.fields) return `${required ? 'Sends' : 'Should send'} ${spec.action}`;
  const which = spec.where ? ` with ${spec.where.field} other than ${spec.where.not.join(' or ')}` : '';
  return `${spec.action}${which} ${required ? 'carries' : 'should carry'} ${spec.fields.join(' and ')}`;
}

type Done = (verdict: CheckResult['verdict'], reason: string, score: number, seqs: number[]) => CheckResult;

/** The station answers the operation: any answer that is not "not implemented" shows it has it. */
function answered(spec: GuidelineMessage, calls: readonly CallCapture[], done: Done): CheckResult {
  const seqs = calls.flatMap((c) => c.seqs);
  if (calls.length === 0) return done('INCONCLUSIVE', `the audit did not send ${spec.action}`, 0, []);
  const answers = calls.filter((c) => c.ok && c.response);
  const status = (c: CallCapture): string | undefined => asString(c.response?.['status']);
  const implemented = answers.filter((c) => !NOT_IMPLEMENTED.has(status(c) ?? ''));
  const accepted = implemented.filter((c) => status(c) === undefined || status(c) === 'Accepted');
  if (accepted.length > 0) return done('PASS', `answered ${accepted.length} of ${calls.length} ${spec.action}${status(accepted[0]) ? ' with Accepted' : ''}`, 1, seqs);
  if (implemented.length > 0) return done('WARN', `answered ${spec.action}, but refused every request (${[...new Set(implemented.map(status))].join(', ')})`, 0.5, seqs);
  const refusals = answers.filter((c) => NOT_IMPLEMENTED.has(status(c) ?? ''));
  if (refusals.length > 0) return done(missingVerdict(spec.level), `answered ${spec.action} with status ${status(refusals[0]) ?? ''}; ${spec.why}`, 0, seqs);
  const failures = calls.flatMap((c) => (c.failure ? [c.failure] : []));
  const errors = failures.filter((f) => f.errorCode !== undefined);
  if (errors.length > 0) return done(missingVerdict(spec.level), `answered ${spec.action} with CALLERROR ${[...new Set(errors.map((f) => f.errorCode))].join(', ')}; ${spec.why}`, 0, seqs);
  if (failures.some((f) => f.kind === 'timeout')) return done(missingVerdict(spec.level), `did not answer ${spec.action} in time; ${spec.why}`, 0, seqs);
  if (failures.some((f) => f.kind === 'invalid-response' || f.kind === 'malformed-response')) return done('WARN', `answered ${spec.action}, but with an answer that breaks the OCPP schema`, 0.5, seqs);
  return done('INCONCLUSIVE', `${spec.action} got no answer: ${failures[0]?.description ?? 'the connection went away'}`, 0, seqs);
}

/** The station's messages (those `where` selects) carry the fields: the share that does is the credit. */
function carried(spec: GuidelineMessage, fields: readonly string[], messages: readonly CollectedMessage[], done: Done): CheckResult {
  const where = spec.where;
  const selected = where ? messages.filter((m) => !where.not.includes(asString(m.payload[where.field]) ?? '')) : messages;
  const which = where ? ` with ${where.field} other than ${where.not.join(' or ')}` : '';
  if (messages.length === 0) return done('INCONCLUSIVE', `no ${spec.action} came during the audit`, 0, []);
  if (selected.length === 0) return done('NOT APPLICABLE', `none of the ${messages.length} ${spec.action} message(s) had ${where?.field ?? 'the field'} other than ${where?.not.join(' or ') ?? ''}`, 0, messages.map((m) => m.seq));
  const has = (m: CollectedMessage, field: string): boolean => {
    const value = m.payload[field];
    return value !== undefined && value !== null && value !== '';
  };
  const complete = selected.filter((m) => fields.every((field) => has(m, field)));
  const seqs = selected.map((m) => m.seq);
  if (complete.length === selected.length) return done('PASS', `all ${selected.length} ${spec.action}${which} carried ${fields.join(' and ')}`, 1, seqs);
  const lacking = fields.filter((field) => selected.some((m) => !has(m, field)));
  return done(missingVerdict(spec.level), `${selected.length - complete.length} of ${selected.length} ${spec.action}${which} lacked ${lacking.join(' and ')}; ${spec.why}`, complete.length / selected.length, seqs);
}
