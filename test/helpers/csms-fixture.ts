import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Csms, type CsmsOptions } from '../../src/session/csms.js';
import { connectAsStation, type StationConnectOptions } from '../../src/ocpp/station-client.js';
import type { RpcConnection } from '../../src/ocpp/rpc-connection.js';
import { readJournalRecords } from '../../src/evidence/journal-files.js';
import type { JournalRecord } from '../../src/evidence/journal-record.js';
import type { StationSession } from '../../src/session/station-session.js';

/** A real CSMS on 127.0.0.1, port 0, writing evidence to a fresh temporary directory. */
export async function startCsms(overrides: Partial<CsmsOptions> = {}): Promise<Csms> {
  const outDir = mkdtempSync(join(tmpdir(), 'ocpp-audit-test-'));
  return Csms.start({
    host: '127.0.0.1',
    port: 0,
    path: '/ocpp',
    securityProfile: 0,
    outDir,
    bootStatus: 'Accepted',
    heartbeatIntervalS: 300,
    callTimeoutMs: 5000,
    pingIntervalMs: 0,
    ...overrides,
  });
}

/** Closes the CSMS and removes its evidence directory. */
export async function stopCsms(csms: Csms | undefined): Promise<void> {
  if (!csms) return;
  await csms.close();
  rmSync(csms.options.outDir, { recursive: true, force: true });
}

export const BOOT_PAYLOAD = {
  reason: 'PowerUp',
  chargingStation: { vendorName: 'TestVendor', model: 'TestModel', serialNumber: 'SN-1', firmwareVersion: '1.2.3' },
};

/** Connects a station client and, unless told otherwise, boots it. */
export async function connectStation(
  csms: Csms,
  identity: string,
  options: Partial<StationConnectOptions> & { boot?: boolean } = {},
): Promise<{ station: RpcConnection; session: StationSession }> {
  const { boot = true, ...connect } = options;
  const station = await connectAsStation({ url: csms.url, identity, callTimeoutMs: 5000, ...connect });
  const session = await csms.waitForStation(identity, 5000);
  if (!session) throw new Error(`session for ${identity} did not appear`);
  if (boot) {
    const outcome = await station.call('BootNotification', BOOT_PAYLOAD);
    if (!outcome.ok) throw new Error(`boot failed: ${JSON.stringify(outcome)}`);
  }
  return { station, session };
}

/** Reads a JSONL journal: trace.jsonl and the connection events beside it, in seq order. */
export function readJournal(path: string): JournalRecord[] {
  return readJournalRecords(path);
}

/** Polls until a condition holds (for effects that cross a socket), failing after `timeoutMs`. */
export async function eventually<T>(probe: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function closeAndWait(connection: RpcConnection): Promise<void> {
  if (!connection.isOpen) return Promise.resolve();
  return new Promise((resolve) => {
    connection.once('close', () => resolve());
    connection.close();
  });
}
