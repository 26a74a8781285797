import { auditStation, type AuditOptions, type AuditOutcome } from '../../src/audit/audit-station.js';
import { CASE_OPTION_DEFAULTS, RUNNER_DEFAULTS } from '../../src/audit/audit-defaults.js';
import type { LoadedTestCase } from '../../src/scenario/testcase-loader.js';
import { loadStationProfile, type StationProfile } from '../../src/simulator/station-profile.js';
import type { FaultName } from '../../src/simulator/station/faults.js';
import type { VirtualStationOptions } from '../../src/simulator/station/virtual-station.js';
import { useStationTestbed, type StationFor } from './virtual-station-fixture.js';

/**
 * Audit options for tests: the real defaults with shorter periods where a test can afford it.
 * The periods stay above twice the 1 s timing tolerance, so the timing checks can still tell a
 * wrong schedule (clock boundaries counted from the set, and the reverse) from the right one.
 */
export function testAuditOptions(overrides: Partial<AuditOptions> = {}): AuditOptions {
  const { caseOptions, ...rest } = overrides;
  return {
    ...RUNNER_DEFAULTS,
    callTimeoutMs: 5000,
    reconnectWaitS: 5,
    nonInteractive: true,
    targets: {},
    prompt: () => Promise.resolve(),
    tool: { name: 'ocpp-audit', version: 'test' },
    securityProfile: 0,
    ...rest,
    // Case options given by a test add to the test defaults instead of replacing them all.
    caseOptions: { ...CASE_OPTION_DEFAULTS, heartbeatProbeS: 1, heartbeatWindowS: 4, periodicIntervalS: 3, periodicIntervals: 3, clockAlignedIntervalS: 4, quietWindowS: 2, reportWindowS: 10, ...caseOptions },
  };
}

/** What an audit bed is told about its virtual station: a profile by name or loaded, faults, and any station option. */
export type AuditBedStation = { profile?: string | StationProfile; faults?: FaultName[] } & Partial<Omit<VirtualStationOptions, 'profile' | 'faults'>>;

/**
 * Registers the testbed of one describe block and returns an auditor of virtual stations. The
 * outcome also holds the virtual station, to look at its own state after the audit (the 1.6
 * charge point when `ocppVersion: '1.6'` was asked for).
 */
export function useAuditBed(): <S extends AuditBedStation = AuditBedStation>(
  identity: string,
  cases: readonly LoadedTestCase[],
  station?: S,
  options?: Partial<AuditOptions>,
) => Promise<AuditOutcome & { station: StationFor<S> }> {
  const bed = useStationTestbed();
  return async <S extends AuditBedStation = AuditBedStation>(identity: string, cases: readonly LoadedTestCase[], station: S = {} as S, options: Partial<AuditOptions> = {}) => {
    const csms = await bed.startCsms();
    const { profile = 'ac-wallbox', ...rest } = station;
    const started = await bed.startStation(csms, identity, { ...rest, profile: typeof profile === 'string' ? loadStationProfile(profile) : profile });
    return { ...(await auditStation(started.session, cases, testAuditOptions(options))), station: started.station as StationFor<S> };
  };
}
