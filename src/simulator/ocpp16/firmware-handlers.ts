import type { Station16Context, Station16Handler } from './context.js';
import { countOf, type UploadState } from './file-uploads.js';
import { downloadFile } from '../transfer/http-transfer.js';
import { timeOf } from './station-log.js';

const DEFAULT_RETRY_INTERVAL_S = 30;

/**
 * UpdateFirmware (FirmwareManagement, 1.6 §5.16): at retrieveDate the station downloads the file
 * for real (HTTP GET, with the request's retries) and reports FirmwareStatusNotification
 * Downloading → Downloaded or DownloadFailed (1.6 §4.5). A virtual station has no firmware to
 * replace: a downloaded file is checked and refused, Installing → InstallationFailed, and it keeps
 * running its firmware.
 */
export function firmwareHandlers(context: Station16Context, uploads: UploadState): Record<string, Station16Handler> {
  const status = async (value: string): Promise<void> => {
    uploads.firmwareStatus = value;
    await context.send('FirmwareStatusNotification', { status: value });
  };
  return {
    UpdateFirmware: (payload, afterReply) => {
      const location = payload['location'] as string;
      const retries = countOf(payload['retries'], 0);
      const retryIntervalS = countOf(payload['retryInterval'], DEFAULT_RETRY_INTERVAL_S);
      const waitMs = Math.max(0, (timeOf(payload['retrieveDate']) ?? 0) - context.clock.now());
      afterReply(() =>
        context.clock.setTimeout(() => {
          void (async () => {
            await status('Downloading');
            for (let attempt = 0; ; attempt += 1) {
              const outcome = await downloadFile(location, context.ca !== undefined ? { ca: context.ca } : {});
              context.note(outcome.ok ? `downloaded firmware from ${location} (${outcome.bytes} bytes)` : `firmware download from ${location} failed: ${outcome.reason}`);
              if (outcome.ok) break;
              if (attempt >= retries) {
                await status('DownloadFailed');
                uploads.firmwareStatus = undefined;
                return;
              }
              await new Promise<void>((resolve) => context.clock.setTimeout(resolve, retryIntervalS * 1000));
            }
            await status('Downloaded');
            await status('Installing');
            context.note('the downloaded file is not a firmware image of this station: not installed');
            await status('InstallationFailed');
            uploads.firmwareStatus = undefined;
          })().catch((error: unknown) => context.note(`firmware update failed: ${String(error)}`));
        }, waitMs),
      );
      return {};
    },
  };
}
