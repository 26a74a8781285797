import { expect } from 'chai';
import { isToolError } from '../../../src/errors.js';
import { startVirtualStation } from '../../../src/simulator/start-virtual-station.js';
import { loadStationProfile } from '../../../src/simulator/station-profile.js';

describe('startVirtualStation', () => {
  it('refuses event-flood on a profile without monitoring, before it connects anywhere', async () => {
    // Port 9 (discard): nothing listens there, and the refusal must come before any attempt.
    const error = await startVirtualStation({ url: 'ws://127.0.0.1:9/', identity: 'NO-FLOOD', profile: loadStationProfile('minimal'), faults: ['event-flood'] }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(isToolError(error) && error.code).to.equal('ERR_INVALID_OPTION');
    expect((error as Error).message).to.equal('--fault event-flood: profile minimal does not implement monitoring, so it sends no NotifyEvent to flood with');
  });

  it('refuses event-flood with accepts-everything: that station has no monitoring behind its answers', async () => {
    const error = await startVirtualStation({ url: 'ws://127.0.0.1:9/', identity: 'NO-FLOOD-2', profile: loadStationProfile('ac-wallbox'), faults: ['accepts-everything', 'event-flood'] }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(isToolError(error) && error.code).to.equal('ERR_INVALID_OPTION');
  });

  it('refuses summary-full-model and report-criteria-ignored on a profile without SummaryInventory or GetReport', async () => {
    for (const fault of ['summary-full-model', 'report-criteria-ignored'] as const) {
      const error = await startVirtualStation({ url: 'ws://127.0.0.1:9/', identity: 'NO-REPORT', profile: loadStationProfile('minimal'), faults: [fault] }).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(isToolError(error) && error.code, fault).to.equal('ERR_INVALID_OPTION');
      expect((error as Error).message).to.match(new RegExp(`^--fault ${fault}: profile minimal `));
    }
  });

  it('refuses the OCPP 2.1 faults on a 2.0.1 station (its fault list lacks them), and the monitoring ones on a profile without monitoring', async () => {
    const refusal = (options: Parameters<typeof startVirtualStation>[0]): Promise<unknown> => startVirtualStation(options).then(() => undefined, (reason: unknown) => reason);
    for (const fault of ['target-delta-as-delta', 'no-event-severity', 'status-notification-only', 'no-2-1-device-model'] as const) {
      const error = await refusal({ url: 'ws://127.0.0.1:9/', identity: 'NOT-21', profile: loadStationProfile('ac-wallbox'), faults: [fault] });
      expect(isToolError(error) && error.code, fault).to.equal('ERR_INVALID_OPTION');
      expect((error as Error).message).to.equal(`--fault ${fault}: not a fault of the OCPP 2.0.1 station (see simulate --help)`);
    }
    const error = await refusal({ url: 'ws://127.0.0.1:9/', identity: 'MIN-21', profile: loadStationProfile('minimal'), ocppVersion: '2.1', faults: ['event-severity-mismatch'] });
    expect((error as Error).message).to.equal('--fault event-severity-mismatch: profile minimal does not implement monitoring, so there is nothing for it to get wrong');
  });

  it('refuses the OCPP 2.1 stream faults on a station that speaks 2.0.1, or one without monitoring (issue 17)', async () => {
    const attempt = (faults: Parameters<typeof startVirtualStation>[0]['faults'], profile: string, ocppVersion?: '2.0.1' | '2.1'): Promise<unknown> =>
      startVirtualStation({ url: 'ws://127.0.0.1:9/', identity: 'NO-STREAMS', profile: loadStationProfile(profile), ...(faults ? { faults } : {}), ...(ocppVersion ? { ocppVersion } : {}) }).then(
        () => undefined,
        (reason: unknown) => reason,
      );
    const onTwoZeroOne = await attempt(['stream-never-opens'], 'ac-wallbox');
    expect(isToolError(onTwoZeroOne) && onTwoZeroOne.code).to.equal('ERR_INVALID_OPTION');
    expect((onTwoZeroOne as Error).message).to.equal('--fault stream-never-opens: not a fault of the OCPP 2.0.1 station (see simulate --help)');
    const withoutMonitoring = await attempt(['adjust-ignored'], 'minimal', '2.1');
    expect((withoutMonitoring as Error).message).to.match(/^--fault adjust-ignored: profile minimal has no monitoring behind its answers/);
  });
});
