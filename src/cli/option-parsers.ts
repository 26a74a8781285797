import { isOcppVersion, OCPP_VERSIONS, type OcppVersion } from '../ocpp/protocol.js';
import { InvalidArgumentError } from 'commander';

/** Commander argument parsers: each rejects bad input with a message that says what is accepted. */

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535 (0 picks a free one)');
  return port;
}

export function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) throw new InvalidArgumentError('expected a number of seconds, 0 or more');
  return seconds;
}

/**
 * Whole seconds of 1 or more, for values the CSMS puts on the wire as OCPP integers (the
 * BootNotificationResponse `interval`): a fraction would make an answer the schema refuses.
 */
export function parseWholeSeconds(value: string): number {
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds < 1 || seconds > 2_147_483_647) throw new InvalidArgumentError('expected a whole number of seconds, 1 or more (OCPP sends it as an integer)');
  return seconds;
}

/** Seconds above 0 (a timeout of 0 would fail every call at once). */
export function parsePositiveSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new InvalidArgumentError('expected a number of seconds above 0');
  return seconds;
}

export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return number;
}

const FRAME_BYTES_UNITS: Record<string, number> = { '': 1, k: 1024, kib: 1024, m: 1024 * 1024, mib: 1024 * 1024 };
const MIN_FRAME_BYTES = 1024;
const MAX_FRAME_BYTES = 100 * 1024 * 1024;

/**
 * A frame size limit in bytes, or with a binary unit (`512KiB`, `4MiB`, `4M`): from 1 KiB (a
 * BootNotification must fit) to 100 MiB (the WebSocket library's own ceiling).
 */
export function parseFrameBytes(value: string): number {
  const match = /^(\d+)\s*([a-z]*)$/i.exec(value.trim());
  const unit = match ? FRAME_BYTES_UNITS[match[2].toLowerCase()] : undefined;
  const bytes = match && unit !== undefined ? Number(match[1]) * unit : Number.NaN;
  if (!(bytes >= MIN_FRAME_BYTES && bytes <= MAX_FRAME_BYTES)) {
    throw new InvalidArgumentError('expected a frame size from 1024 bytes to 100 MiB: a whole number of bytes, or with KiB or MiB (e.g. 4MiB)');
  }
  return bytes;
}

export function parseSecurityProfile(value: string): 0 | 1 | 2 | 3 {
  if (!/^[0-3]$/.test(value)) throw new InvalidArgumentError('the security profile is 1, 2 or 3 (0: no authentication, lab use only)');
  return Number(value) as 0 | 1 | 2 | 3;
}

/** `--ocpp-version`: 1.6, 2.0.1 or 2.1. */
export function parseOcppVersion(value: string): OcppVersion {
  if (!isOcppVersion(value)) throw new InvalidArgumentError(`the OCPP version is one of ${OCPP_VERSIONS.join(', ')}`);
  return value;
}

export function parseBootStatus(value: string): 'Accepted' | 'Pending' | 'Rejected' {
  const match = ['Accepted', 'Pending', 'Rejected'].find((status) => status.toLowerCase() === value.toLowerCase());
  if (!match) throw new InvalidArgumentError('the boot status is Accepted, Pending or Rejected');
  return match as 'Accepted' | 'Pending' | 'Rejected';
}

/** For options that may be given more than once (e.g. an RSA and an ECDSA certificate). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

const DURATION_UNITS: Record<string, number> = { '': 1, s: 1, m: 60, min: 60, h: 3600, d: 86400 };

/** A duration in seconds: `90`, `90s`, `30m`, `12h`, `7d` (observe --duration). */
export function parseDuration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|min|h|d)?$/.exec(value.trim());
  const seconds = match ? Number(match[1]) * DURATION_UNITS[match[2] ?? ''] : NaN;
  if (!Number.isFinite(seconds) || seconds <= 0) throw new InvalidArgumentError('expected a duration above 0: seconds, or a number with s, m, h or d (e.g. 90, 30m, 7d)');
  return seconds;
}
