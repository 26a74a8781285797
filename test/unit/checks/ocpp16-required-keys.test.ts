import { expect } from 'chai';
import { ocpp16RequiredKeys } from '../../../src/checks/ocpp16-required-keys.js';
import { makeCallCapture, makeCase } from '../../helpers/evidence-fixture.js';
import { configurationCase, coreKeys, evaluateOne, evidence16, type Key } from './ocpp16-fixture.js';

const judge = (keys: Key[]) => evaluateOne(ocpp16RequiredKeys, evidence16({ cases: [configurationCase(keys)] }));

describe('check ocpp16-required-keys (OCPP 1.6 §9)', () => {
  it('every required Core key present: PASS', () => {
    const result = judge(coreKeys());
    expect(result.verdict, result.reason).to.equal('PASS');
    expect(result.reason).to.equal("All 20 keys 1.6 requires of the Core profile are in the station's configuration (20 keys listed).");
  });

  it('a missing Core key FAILs by name; StopTransactionOnEVSideDisconnect is optional since errata §3.80', () => {
    const result = judge(coreKeys().filter(([key]) => key !== 'ResetRetries'));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('(Core: ResetRetries)');
    expect(result.details?.['missing']).to.deep.equal({ Core: ['ResetRetries'] });
  });

  it('keys are case-insensitive (CiString50)', () => {
    expect(judge(coreKeys().map(([key, readonly, value]): Key => [key.toLowerCase(), readonly, value])).verdict).to.equal('PASS');
  });

  it("a claimed profile's keys are required (SmartCharging), an unclaimed one's are not", () => {
    expect(judge(coreKeys('Core,SmartCharging')).reason).to.contain('SmartCharging: ChargeProfileMaxStackLevel, ChargingScheduleAllowedChargingRateUnit, ChargingScheduleMaxPeriods, MaxChargingProfilesInstalled');
    expect(judge(coreKeys('Core,Reservation,RemoteTrigger')).verdict, 'Reservation and RemoteTrigger require no key').to.equal('PASS');
  });

  it('without a full listing, which key is missing is unknown: INCONCLUSIVE', () => {
    const named = makeCase('x', { captures: { one: makeCallCapture('GetConfiguration', { key: ['HeartbeatInterval'] }, { response: { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '60' }] } }) } });
    expect(ocpp16RequiredKeys.evaluate(evidence16({ cases: [named] }))).to.include({ verdict: 'INCONCLUSIVE' });
  });
});
