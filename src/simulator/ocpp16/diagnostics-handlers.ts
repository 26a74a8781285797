import type { Station16Context, Station16Handler } from './context.js';
import { countOf, uploadFileName, uploadWithRetries, type UploadState } from './file-uploads.js';
import { timeOf } from './station-log.js';

/** Seconds between upload tries when the request gives no retryInterval. */
const DEFAULT_RETRY_INTERVAL_S = 30;

/**
 * GetDiagnostics (FirmwareManagement, 1.6 §5.9): the station answers with the name of the file it
 * will upload, then sends DiagnosticsStatusNotification Uploading, PUTs its log lines of the
 * requested window (startTime–stopTime) to the location, and ends with Uploaded or UploadFailed
 * (1.6 §4.4). With no log lines in the window there is nothing to upload: no fileName, no upload.
 */
export function diagnosticsHandlers(context: Station16Context, uploads: UploadState): Record<string, Station16Handler> {
  return {
    GetDiagnostics: (payload, afterReply) => {
      const lines = context.log.between(timeOf(payload['startTime']), timeOf(payload['stopTime']));
      if (lines.length === 0) {
        context.note('GetDiagnostics: no diagnostics in the requested window, nothing to upload');
        return {};
      }
      const fileName = uploadFileName(context, 'diagnostics');
      afterReply(async () => {
        uploads.diagnosticsUploading = true;
        try {
          await context.send('DiagnosticsStatusNotification', { status: 'Uploading' });
          const outcome = await uploadWithRetries(context, {
            location: payload['location'] as string,
            fileName,
            lines,
            retries: countOf(payload['retries'], 0),
            retryIntervalS: countOf(payload['retryInterval'], DEFAULT_RETRY_INTERVAL_S),
          });
          uploads.diagnosticsUploading = false;
          await context.send('DiagnosticsStatusNotification', { status: outcome.ok ? 'Uploaded' : 'UploadFailed' });
        } finally {
          uploads.diagnosticsUploading = false;
        }
      });
      return { fileName };
    },
  };
}
