import { putFile } from '../transfer/http-transfer.js';
import type { StationContext, StationHandler } from './station-context.js';

/** The lines of one log as the station has them now, or undefined when it has none of that kind to give (the request is Rejected). */
export type LogSource = (context: StationContext) => string[] | undefined;

const DEFAULT_RETRY_INTERVAL_S = 30;

/**
 * What the station's GetLog (N01) uploads and how: a source per logType, the rule that makes the
 * upload URL from `remoteLocation` and the file name, and whether redirects are followed. The
 * 2.0.1 station has DiagnosticsLog and SecurityLog; a station speaking 2.1 adds DataCollectorLog and
 * the 2.1 URL rule (attach-ocpp21.ts).
 */
export class LogUploads {
  readonly sources = new Map<string, LogSource>([
    ['DiagnosticsLog', diagnosticsLog],
    ['SecurityLog', securityLog],
  ]);
  /** 2.0.1 leaves the form of remoteLocation open: this station treats it as a folder, like its 1.6 sibling. */
  uploadUrl: (location: string, fileName: string) => string = (location, fileName) => `${location.endsWith('/') ? location : `${location}/`}${encodeURIComponent(fileName)}`;
  /** A redirect is a failed upload (2.1 N01.FR.30); the `follows-redirect` fault follows it. */
  followRedirects = false;
  /** Log types whose upload is reported Uploaded without anything being sent (a fault). */
  readonly reportedOnly = new Set<string>();
  /** The GetLog upload running, if any (N01.FR.12: a new one cancels it). */
  running: { requestId: number; canceled: boolean } | undefined;
}

/**
 * GetLog (N01): Rejected for a log type the station does not keep; otherwise Accepted with the file
 * name (AcceptedCanceled when it cancels an upload under way, N01.FR.12), then
 * LogStatusNotification Uploading, an HTTP PUT of the file, and Uploaded or UploadFailure, each with
 * the request's requestId (N01.FR.07–10). `retries` more tries after a failure, `retryInterval` apart.
 */
export function logHandlers(context: StationContext, logs: LogUploads): Record<string, StationHandler> {
  return {
    GetLog: (payload) => {
      const requestId = payload['requestId'] as number;
      const logType = payload['logType'] as string;
      const remoteLocation = (payload['log'] as { remoteLocation: string }).remoteLocation;
      const lines = logs.sources.get(logType)?.(context);
      if (lines === undefined) return { status: 'Rejected', statusInfo: { reasonCode: 'UnsupportedRequest', additionalInfo: `no ${logType} on this station` } };
      const previous = logs.running;
      if (previous) previous.canceled = true;
      const upload = { requestId, canceled: false };
      logs.running = upload;
      const filename = fileNameFor(context, logType);
      context.afterResponse(async () => {
        try {
          await context.send('LogStatusNotification', { status: 'Uploading', requestId });
          const ok = logs.reportedOnly.has(logType) ? true : await uploadWithRetries(context, logs, logs.uploadUrl(remoteLocation, filename), lines, payload);
          if (upload.canceled) return;
          await context.send('LogStatusNotification', { status: ok ? 'Uploaded' : 'UploadFailure', requestId });
        } finally {
          if (logs.running === upload) logs.running = undefined;
        }
      });
      return { status: previous ? 'AcceptedCanceled' : 'Accepted', filename };
    },
  };
}

async function uploadWithRetries(context: StationContext, logs: LogUploads, url: string, lines: string[], payload: Record<string, unknown>): Promise<boolean> {
  const retries = countOf(payload['retries'], 0);
  const intervalS = countOf(payload['retryInterval'], DEFAULT_RETRY_INTERVAL_S);
  for (let attempt = 0; ; attempt += 1) {
    const outcome = await putFile(url, lines.map((line) => `${line}\n`).join(''), { followRedirects: logs.followRedirects });
    context.log(outcome.ok ? `uploaded a log to ${outcome.url}` : `log upload to ${url} failed: ${outcome.reason}`);
    if (outcome.ok || attempt >= retries) return outcome.ok;
    await new Promise<void>((resolve) => context.clock.setTimeout(resolve, intervalS * 1000));
  }
}

function countOf(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback;
}

/** `<logtype>-<identity>-<station time>.log`, in letters, digits, - and _ only. */
function fileNameFor(context: StationContext, logType: string): string {
  const identity = context.identity.replace(/[^A-Za-z0-9_-]/g, '_');
  const stamp = new Date(context.clock.now()).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${logType.replace(/Log$/, '').toLowerCase()}-log-${identity}-${stamp}.log`;
}

/** The diagnostics log: a snapshot of the station's device model, one variable's Actual value a line. */
function diagnosticsLog(context: StationContext): string[] {
  const at = new Date(context.clock.now()).toISOString();
  const lines = [`${at} ${context.identity} diagnostics snapshot`];
  for (const entry of context.model.entries()) {
    const actual = entry.attributes.find((a) => a.type === 'Actual');
    if (actual?.value === undefined || actual.mutability === 'WriteOnly') continue;
    const evse = entry.component.evse ? ` evse ${entry.component.evse.id}` : '';
    lines.push(`${at} ${entry.component.name}${evse}.${entry.variable.name} = ${actual.value}`);
  }
  return lines;
}

/** The security log: this station records no security events beyond its start. */
function securityLog(context: StationContext): string[] {
  return [`${new Date(context.clock.now()).toISOString()} ${context.identity} security log: no security events recorded`];
}
