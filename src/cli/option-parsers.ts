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

export function parseSecurityProfile(value: string): 0 | 1 | 2 | 3 {
  if (!/^[0-3]$/.test(value)) throw new InvalidArgumentError('the security profile is 1, 2 or 3 (0: no authentication, lab use only)');
  return Number(value) as 0 | 1 | 2 | 3;
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
