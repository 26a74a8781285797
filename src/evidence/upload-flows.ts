import type { CallCapture, CaseEvidence, CollectedMessage, Evidence, ReceivedUpload } from './evidence.js';

/** The request that asks a station for a file, and the status message that reports the upload. */
export interface UploadKind {
  action: 'GetDiagnostics' | 'GetLog';
  notification: 'DiagnosticsStatusNotification' | 'LogStatusNotification';
  /** The response field that names the file (1.6 §6.26 fileName; security WP GetLog.conf filename). */
  fileNameField: 'fileName' | 'filename';
}

export const DIAGNOSTICS_UPLOAD: UploadKind = { action: 'GetDiagnostics', notification: 'DiagnosticsStatusNotification', fileNameField: 'fileName' };
export const LOG_UPLOAD: UploadKind = { action: 'GetLog', notification: 'LogStatusNotification', fileNameField: 'filename' };

/** One request for a file and everything that followed it: the answer, the status notifications, the files that arrived. */
export interface UploadFlow {
  testCase: CaseEvidence;
  request: CallCapture;
  /** GetLog's logType (SecurityLog, DiagnosticsLog). */
  logType?: string;
  /** The name the station said it will upload under, when it named one. */
  fileName?: string;
  /** The status notifications of this upload, in order (a triggered Idle is none of them). */
  statuses: CollectedMessage[];
  /** What reached the case's receiver while this upload was the one asked for. */
  files: ReceivedUpload[];
  /** Where the station was told to upload. */
  location?: string;
}

/**
 * Every upload the audit asked for, by kind, with what belongs to it. GetLog's notifications carry
 * the request's requestId (security WP N01.FR.07); DiagnosticsStatusNotification has none, so those
 * after the request and before the next GetDiagnostics are its own (1.6 §4.4: correlated by time
 * only). Files are taken from the case's receiver between the request and the next request of the
 * case that asks for one.
 */
export function uploadFlows(evidence: Pick<Evidence, 'cases' | 'uploadStatusNotifications'>, kind: UploadKind): UploadFlow[] {
  const notifications = (evidence.uploadStatusNotifications ?? []).filter((m) => m.action === kind.notification);
  const requests = evidence.cases.flatMap((testCase) =>
    Object.values(testCase.captures)
      .filter((capture): capture is CallCapture => capture.kind === 'call' && capture.action === kind.action)
      .map((request) => ({ testCase, request, seq: firstSeq(request) })),
  );
  requests.sort((a, b) => a.seq - b.seq);
  return requests.map(({ testCase, request, seq }, index) => {
    const nextOfKind = requests[index + 1]?.seq ?? Number.POSITIVE_INFINITY;
    const nextInCase = nextRequestInCase(testCase, seq);
    const requestId = request.request['requestId'];
    const statuses =
      kind === LOG_UPLOAD
        ? notifications.filter((m) => m.seq > seq && m.payload['requestId'] === requestId)
        : notifications.filter((m) => m.seq > seq && m.seq < nextOfKind && m.payload['status'] !== 'Idle');
    const files = (testCase.uploads?.received ?? []).filter((file) => (file.seq ?? Number.POSITIVE_INFINITY) > seq && (file.seq ?? 0) < nextInCase);
    const named = request.response?.[kind.fileNameField];
    const logType = (request.request['logType'] as string | undefined) ?? undefined;
    return {
      testCase,
      request,
      ...(logType !== undefined ? { logType } : {}),
      ...(typeof named === 'string' && named !== '' ? { fileName: named } : {}),
      statuses,
      files,
      ...(testCase.uploads ? { location: testCase.uploads.location } : {}),
    };
  });
}

function firstSeq(capture: CallCapture): number {
  return capture.seqs.length > 0 ? Math.min(...capture.seqs) : 0;
}

/** The seq of the case's next request for a file after `seq` (files after it belong to that one). */
function nextRequestInCase(testCase: CaseEvidence, seq: number): number {
  const later = Object.values(testCase.captures)
    .filter((capture): capture is CallCapture => capture.kind === 'call' && (capture.action === 'GetDiagnostics' || capture.action === 'GetLog'))
    .map(firstSeq)
    .filter((s) => s > seq);
  return later.length > 0 ? Math.min(...later) : Number.POSITIVE_INFINITY;
}
