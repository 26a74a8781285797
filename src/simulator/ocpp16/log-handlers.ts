import type { Station16Context, Station16Handler } from './context.js';
import { countOf, uploadFileName, uploadWithRetries, type UploadState } from './file-uploads.js';
import { timeOf } from './station-log.js';

const DEFAULT_RETRY_INTERVAL_S = 30;

/**
 * GetLog of the security white paper (Edition 3, N01 as adopted for 1.6): DiagnosticsLog is the
 * station's own log, SecurityLog its security events. The answer names the file; then
 * LogStatusNotification Uploading, the upload (HTTP PUT, as for GetDiagnostics), and Uploaded or
 * UploadFailure (the schema's spelling; the white paper's text says UploadFailed), each with the
 * request's requestId. A new GetLog while one uploads cancels it: AcceptedCanceled, and the
 * cancelled upload reports nothing more. No log lines in the window: Accepted without filename,
 * nothing uploaded.
 */
export function logHandlers(context: Station16Context, uploads: UploadState): Record<string, Station16Handler> {
  return {
    GetLog: (payload, afterReply) => {
      const requestId = payload['requestId'] as number;
      const log = payload['log'] as { remoteLocation: string; oldestTimestamp?: string; latestTimestamp?: string };
      const source = payload['logType'] === 'SecurityLog' ? context.security.log : context.log;
      const lines = source.between(timeOf(log.oldestTimestamp), timeOf(log.latestTimestamp));
      if (lines.length === 0) {
        context.note(`GetLog ${requestId}: no ${String(payload['logType'])} lines in the requested window, nothing to upload`);
        return { status: 'Accepted' };
      }
      const running = uploads.log;
      if (running) running.canceled = true;
      const upload = { requestId, canceled: false };
      uploads.log = upload;
      const filename = uploadFileName(context, payload['logType'] === 'SecurityLog' ? 'security-log' : 'diagnostics-log');
      afterReply(async () => {
        try {
          await context.send('LogStatusNotification', { status: 'Uploading', requestId });
          const outcome = await uploadWithRetries(context, {
            location: log.remoteLocation,
            fileName: filename,
            lines,
            retries: countOf(payload['retries'], 0),
            retryIntervalS: countOf(payload['retryInterval'], DEFAULT_RETRY_INTERVAL_S),
          });
          if (upload.canceled) return;
          if (uploads.log === upload) uploads.log = undefined;
          await context.send('LogStatusNotification', { status: outcome.ok ? 'Uploaded' : 'UploadFailure', requestId });
        } finally {
          if (uploads.log === upload) uploads.log = undefined;
        }
      });
      return { status: running ? 'AcceptedCanceled' : 'Accepted', filename };
    },
  };
}
