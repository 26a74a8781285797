import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Csms } from '../../src/session/csms.js';
import { startCsms, stopCsms } from './csms-fixture.js';
import type { StationMessage } from '../../src/session/station-inbox.js';
import type { StationSession } from '../../src/session/station-session.js';
import type { Ocpp16Station } from '../../src/simulator/ocpp16/station16.js';
import type { SimulatedStation } from '../../src/simulator/simulated-station.js';
import { startVirtualStation } from '../../src/simulator/start-virtual-station.js';
import { loadStationProfile, PROFILE_DIRECTORY, type StationProfile } from '../../src/simulator/station-profile.js';
import type { VirtualStation, VirtualStationOptions } from '../../src/simulator/station/virtual-station.js';

export type TestStationOptions = Partial<VirtualStationOptions> & { profile?: StationProfile; expectAccepted?: boolean };
/** The station a test gets: the 1.6 charge point when it asked for OCPP 1.6, else the 2.x station. */
export type StationFor<O> = O extends { ocppVersion: '1.6' } ? Ocpp16Station : VirtualStation;

/** Starts a virtual station against a test CSMS and waits for its session and acceptance. */
export async function startStation<O extends TestStationOptions = TestStationOptions>(
  csms: Csms,
  identity: string,
  options: O = {} as O,
): Promise<{ station: StationFor<O>; session: StationSession }> {
  const { expectAccepted = true, ...rest } = options;
  const station = (await startVirtualStation({
    url: csms.url,
    identity,
    profile: options.profile ?? loadStationProfile('minimal'),
    rebootDelayMs: 100,
    ...rest,
  })) as StationFor<O>;
  const session = await csms.waitForStation(identity, 10_000);
  const problem = !session ? `no session for ${identity}` : expectAccepted && !(await station.waitUntilAccepted(10_000)) ? `${identity} was not accepted` : undefined;
  if (problem || !session) {
    await station.stop();
    throw new Error(problem);
  }
  return { station, session };
}

/**
 * CSMS and station starters for one test file whose every test ends with all it started
 * stopped (an afterEach registered here), so no test leaves a socket or timer behind.
 */
export function useStationTestbed(): {
  startCsms: typeof startCsms;
  startStation: typeof startStation;
} {
  const servers: Csms[] = [];
  const stations: SimulatedStation[] = [];
  afterEach(async () => {
    for (const station of stations.splice(0)) await station.stop();
    for (const csms of servers.splice(0)) await stopCsms(csms);
  });
  return {
    startCsms: async (overrides) => {
      const csms = await startCsms(overrides);
      servers.push(csms);
      return csms;
    },
    startStation: async (csms, identity, options) => {
      const started = await startStation(csms, identity, options);
      stations.push(started.station);
      return started;
    },
  };
}

/** A built-in profile changed by `edit`, written to a temporary file and loaded from there. */
export function editedProfile(name: string, edit: (document: Record<string, unknown>) => void): StationProfile {
  const document = JSON.parse(readFileSync(join(PROFILE_DIRECTORY, `${name}.json`), 'utf8')) as Record<string, unknown>;
  delete document['$schema'];
  edit(document);
  const file = join(mkdtempSync(join(tmpdir(), 'profile-')), `${name}-edited.json`);
  writeFileSync(file, JSON.stringify(document));
  return loadStationProfile(file);
}

/** Collects the NotifyReport parts of one request until the last part (tbc false) or the time is up. */
export function collectReport(session: StationSession, requestId: number, after: number, timeoutMs = 5000): Promise<StationMessage[]> {
  return session.collect((m) => m.action === 'NotifyReport' && m.payload['requestId'] === requestId, {
    after,
    timeoutMs,
    until: (parts) => parts.some((p) => p.payload['tbc'] !== true),
  });
}
