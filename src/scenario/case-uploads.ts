import { join } from 'node:path';
import type { CaseEvidence } from '../evidence/evidence.js';
import type { StationSession } from '../session/station-session.js';
import { referencesIn } from './template.js';
import type { TestCase } from './testcase.js';
import { UploadReceiver } from './upload-receiver.js';

/** Whether a case tells the station where to upload (`${upload.location}`): it then gets a receiver of its own. */
export function usesUploads(testCase: Pick<TestCase, 'steps' | 'cleanup'>): boolean {
  return referencesIn([testCase.steps, testCase.cleanup ?? []]).some((reference) => reference.startsWith('upload.'));
}

/** A case's upload receiver, as the case context and its evidence see it. */
export interface CaseUploads {
  /** `${upload.location}`. */
  context: { location: string };
  evidence: NonNullable<CaseEvidence['uploads']>;
  close: () => Promise<void>;
}

/**
 * Opens the receiver for one case on `host` (an address the station can reach: the one it reached
 * the CSMS on), port 0. Each file that arrives is marked in the journal (`upload-received`), so a
 * verdict can point at it, and kept in `<audit directory>/uploads/`. With `redirect` every upload
 * is answered with a redirect instead (`upload-redirected` in the journal; TC_N_101).
 */
export async function openCaseUploads(caseId: string, session: StationSession, host: string, auditDirectory: string, options: TestCase['upload'] = {}): Promise<CaseUploads> {
  const redirect = options.redirect === true;
  const receiver = await UploadReceiver.start({
    redirect,
    onRedirect: (answer) => {
      answer.seq = session.journal.appendConnectionEvent('upload-redirected', { case: caseId, location: receiver.location, method: answer.method, path: answer.path }).seq;
    },
    host,
    saveDirectory: join(auditDirectory, 'uploads'),
    saveName: caseId,
    onUpload: (upload) => {
      const { seq: _seq, ...details } = upload;
      upload.seq = session.journal.appendConnectionEvent('upload-received', { case: caseId, location: receiver.location, ...details }).seq;
    },
  });
  return {
    context: { location: receiver.location },
    evidence: { location: receiver.location, received: receiver.received, ...(redirect ? { redirects: receiver.redirects } : {}) },
    close: () => receiver.close(),
  };
}
