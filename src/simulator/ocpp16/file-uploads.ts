import type { Station16Context } from './context.js';
import { logFileText, type LogLine } from './station-log.js';
import { uploadFile, type UploadOutcome } from '../transfer/http-transfer.js';

/** What the station is transferring now: the answer to a triggered DiagnosticsStatusNotification, LogStatusNotification or FirmwareStatusNotification. */
export class UploadState {
  diagnosticsUploading = false;
  /** The status of a firmware update under way (Downloading, Installing, ...), undefined when none runs. */
  firmwareStatus: string | undefined;
  /** The GetLog upload running, if any. */
  log: { requestId: number; canceled: boolean } | undefined;
}

/** A file name for an upload: what, the identity (letters, digits, - and _ only) and the station time. */
export function uploadFileName(context: Station16Context, what: string): string {
  const identity = context.identity.replace(/[^A-Za-z0-9_-]/g, '_');
  const stamp = new Date(context.clock.now()).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${what}-${identity}-${stamp}.log`;
}

export interface UploadRequest {
  location: string;
  fileName: string;
  lines: readonly LogLine[];
  /** How many times to try again after a failure (the request's `retries`, 1.6 §6.23). */
  retries: number;
  /** Seconds of station time between tries (the request's `retryInterval`). */
  retryIntervalS: number;
}

/** Uploads the lines as a file, trying again `retries` times after a failure; the last outcome. */
export async function uploadWithRetries(context: Station16Context, request: UploadRequest): Promise<UploadOutcome> {
  const body = logFileText(request.lines);
  for (let attempt = 0; ; attempt += 1) {
    const outcome = await uploadFile(request.location, request.fileName, body, context.ca !== undefined ? { ca: context.ca } : {});
    context.note(outcome.ok ? `uploaded ${request.fileName} to ${outcome.url}` : `upload of ${request.fileName} failed: ${outcome.reason}`);
    if (outcome.ok || attempt >= request.retries) return outcome;
    await new Promise<void>((resolve) => context.clock.setTimeout(resolve, request.retryIntervalS * 1000));
  }
}

/** A non-negative whole number from a request, or the default. */
export function countOf(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback;
}
