import type { EventEmitter } from 'node:events';
import type { OcppVersion } from '../ocpp/protocol.js';
import type { RpcConnection } from '../ocpp/rpc-connection.js';
import type { StationConnectOptions } from '../ocpp/station-client.js';
import type { VirtualStationOptions } from './station/virtual-station.js';

/** How a virtual station of any version connects: its endpoint, identity, credentials and TLS material. */
export function connectOptionsOf(options: VirtualStationOptions, ocppVersion: OcppVersion | undefined): StationConnectOptions {
  return {
    url: options.url,
    identity: options.identity,
    ...(ocppVersion ? { ocppVersion } : {}),
    ...(options.password !== undefined ? { password: options.password } : {}),
    ...(options.ca ? { ca: options.ca } : {}),
    ...(options.cert ? { cert: options.cert } : {}),
    ...(options.key ? { key: options.key } : {}),
    ...(options.callTimeoutMs !== undefined ? { callTimeoutMs: options.callTimeoutMs } : {}),
  };
}

/** The reconnection back-off (2.0.1 Part 4 / B01, kept by the 1.6 station too): a minimum wait plus a random part, doubled per failure up to a number of times. */
export interface BackOff {
  minimumS: number;
  randomRangeS: number;
  doublings: number;
}

/** Seconds to wait before the next attempt after `failures` failed ones in a row. */
export function backOffDelayS(backOff: BackOff, failures: number, random: () => number): number {
  return (backOff.minimumS + random() * backOff.randomRangeS) * 2 ** Math.min(failures, backOff.doublings);
}

/** Closes a station's connection (1000) and waits up to 2 s for the CSMS's close before cutting it off. */
export async function closeLink(connection: RpcConnection | undefined): Promise<void> {
  if (!connection || connection.isClosed) return;
  const closed = new Promise<void>((resolve) => connection.once('close', () => resolve()));
  connection.close(1000, 'station stopping');
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  if (!connection.isClosed) connection.terminate();
}

/** Resolves true once `station` emits an Accepted `booted` (at once when `accepted` already holds), false after `timeoutMs`. */
export function acceptedWithin(station: EventEmitter, accepted: boolean, timeoutMs: number): Promise<boolean> {
  if (accepted) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      station.off('booted', onBoot);
      resolve(false);
    }, timeoutMs);
    const onBoot = ({ status }: { status: string }): void => {
      if (status !== 'Accepted') return;
      clearTimeout(timer);
      station.off('booted', onBoot);
      resolve(true);
    };
    station.on('booted', onBoot);
  });
}
