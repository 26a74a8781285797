import { auditStation, type AuditOptions, type AuditOutcome } from '../../src/audit/audit-station.js';
import { CASE_OPTION_DEFAULTS, RUNNER_DEFAULTS } from '../../src/audit/audit-defaults.js';
import type { LoadedTestCase } from '../../src/scenario/testcase-loader.js';
import { loadStationProfile, type StationProfile } from '../../src/simulator/station-profile.js';
import type { FaultName } from '../../src/simulator/station/faults.js';
import type { VirtualStation, VirtualStationOptions } from '../../src/simulator/station/virtual-station.js';
import { useStationTestbed } from './virtual-station-fixture.js';

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

/**
 * Registers the testbed of one describe block and returns an auditor of virtual stations. The
 * outcome also holds the virtual station, to look at its own state after the audit.
 */
export function useAuditBed(): (
  identity: string,
  cases: readonly LoadedTestCase[],
  station?: { profile?: string | StationProfile; faults?: FaultName[] } & Partial<Omit<VirtualStationOptions, 'profile' | 'faults'>>,
  options?: Partial<AuditOptions>,
) => Promise<AuditOutcome & { station: VirtualStation }> {
  const bed = useStationTestbed();
  return async (identity, cases, station = {}, options = {}) => {
    const csms = await bed.startCsms();
    const { profile = 'ac-wallbox', ...rest } = station;
    const started = await bed.startStation(csms, identity, { ...rest, profile: typeof profile === 'string' ? loadStationProfile(profile) : profile });
    return { ...(await auditStation(started.session, cases, testAuditOptions(options))), station: started.station };
  };
}
