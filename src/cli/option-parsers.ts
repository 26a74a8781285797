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
