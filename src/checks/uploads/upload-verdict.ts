import type { UploadFlow } from '../../evidence/upload-flows.js';
import type { Verdict } from '../check.js';

/** The statuses that report an upload's course, as the message's enumeration spells them. */
export interface UploadStatuses {
  started: string;
  done: string;
  /** Statuses that end an upload that did not succeed (the station says why). */
  failed: readonly string[];
}

/** DiagnosticsStatus (1.6 §7.24). */
export const DIAGNOSTICS_STATUSES: UploadStatuses = { started: 'Uploading', done: 'Uploaded', failed: ['UploadFailed'] };
/**
 * UploadLogStatus of the security white paper: the schema spells the failure UploadFailure, the
 * white paper's N01.FR.10 says UploadFailed; both are read as a failure, with the other refusals.
 */
export const LOG_STATUSES: UploadStatuses = { started: 'Uploading', done: 'Uploaded', failed: ['UploadFailure', 'UploadFailed', 'BadMessage', 'PermissionDenied', 'NotSupportedOperation'] };

export interface UploadVerdict {
  verdict: Verdict;
  reason: string;
  seqs: number[];
  details: Record<string, unknown>;
}

/**
 * Judges one upload the station was asked for: did the file it named really arrive, not empty,
 * under that name, and did its status notifications say what happened (Uploading, then Uploaded
 * or a failure)? A station that says "Uploaded" with nothing behind it, or names a file and then
 * does nothing, FAILs; an honest failure is a WARN, since the audit cannot prove the station could
 * reach its receiver; an upload still under way when the window ends is INCONCLUSIVE. `what` names the file in words ("its diagnostics", "its security log").
 */
export function judgeUpload(flow: UploadFlow, statuses: UploadStatuses, what: string, windowS: number | undefined): UploadVerdict {
  const reported = flow.statuses.map((m) => (typeof m.payload['status'] === 'string' ? m.payload['status'] : ''));
  const end = [...reported].reverse().find((status) => status === statuses.done || statuses.failed.includes(status));
  const started = reported.includes(statuses.started);
  const startedFirst = reported[0] === statuses.started;
  const files = flow.files;
  const whole = files.filter((file) => file.truncated !== true);
  const file = whole.find((f) => f.name === flow.fileName) ?? whole[0];
  const seqs = [...flow.request.seqs, ...flow.statuses.map((m) => m.seq), ...files.flatMap((f) => (f.seq !== undefined ? [f.seq] : []))].sort((a, b) => a - b);
  const details = {
    fileName: flow.fileName ?? null,
    statuses: reported,
    files: files.map((f) => ({ name: f.name ?? null, size: f.size, sha256: f.sha256, ...(f.savedAs ? { savedAs: f.savedAs } : {}), ...(f.truncated ? { truncated: true } : {}) })),
    ...(flow.location ? { location: flow.location } : {}),
  };
  const result = (verdict: Verdict, reason: string): UploadVerdict => ({ verdict, reason, seqs, details });
  const within = windowS !== undefined ? ` within ${windowS} s` : '';
  const said = reported.length > 0 ? ` (it reported ${reported.join(', ')})` : '';

  if (files.length > 0 && whole.length === 0) return result('INCONCLUSIVE', `The station sent a file for ${what} larger than the audit's receiver takes, so whether it is whole is unknown.`);
  if (file) {
    const name = file.name !== undefined ? `"${file.name}"` : 'a file without a name';
    if (file.size === 0) return result('FAIL', `The file for ${what} arrived empty (${name}, 0 bytes)${said}: there is nothing in it to read.`);
    const problems: string[] = [];
    if (end === undefined) problems.push(`the station never reported ${statuses.done}${said}`);
    else if (end !== statuses.done) problems.push(`the station reported ${end} although the file arrived`);
    else if (!started || !startedFirst) problems.push(`it did not report ${statuses.started} before ${statuses.done}`);
    if (flow.fileName !== undefined && file.name !== undefined && file.name !== flow.fileName) problems.push(`it arrived as "${file.name}", not under the name "${flow.fileName}" the station gave`);
    if (problems.length > 0) return result('WARN', `The file for ${what} arrived (${name}, ${file.size} bytes), but ${problems.join('; ')}.`);
    return result('PASS', `The station named the file for ${what} ("${flow.fileName ?? file.name ?? ''}"), reported ${statuses.started} and ${statuses.done}, and the file arrived at the audit's receiver (${file.size} bytes).`);
  }
  if (flow.fileName === undefined) {
    return result('WARN', `The station answered without a file name, meaning it has nothing to upload for ${what}, so no upload could be judged${said}.`);
  }
  if (end === statuses.done) return result('FAIL', `The station reported ${statuses.done} for ${what} ("${flow.fileName}"), but no file arrived at the location it was given.`);
  if (end !== undefined) {
    return result('WARN', `The station reported ${end} for ${what} ("${flow.fileName}") and no file arrived. It says so honestly; whether it could reach the audit's receiver from its network is unknown.`);
  }
  // An upload under way may just be slow (a large file, a slow link): unknown, not failed.
  if (started) return result('INCONCLUSIVE', `The station reported ${statuses.started} for ${what} ("${flow.fileName}"), then neither finished nor failed${within}, and no file arrived; a slow upload needs a longer window (uploadWindowS).`);
  return result('FAIL', `The station named the file for ${what} ("${flow.fileName}"), then neither uploaded it nor reported anything${within}.`);
}
