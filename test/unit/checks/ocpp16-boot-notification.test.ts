import { expect } from 'chai';
import { ocpp16BootNotification } from '../../../src/checks/ocpp16-boot-notification.js';
import { makeMessage } from '../../helpers/evidence-fixture.js';
import { evaluateOne, evidence16 } from './ocpp16-fixture.js';

const BOOT = { chargePointVendor: 'Acme', chargePointModel: 'Wallbox 11', chargePointSerialNumber: 'SN-1', firmwareVersion: '1.4.2' };
const judge = (...payloads: Array<Record<string, unknown>>) => evaluateOne(ocpp16BootNotification, evidence16({ boots: payloads.map((payload, i) => makeMessage(i + 1, 'BootNotification', payload)) }));

describe('check ocpp16-boot-notification (OCPP 1.6 §4.2, §6.3)', () => {
  it('vendor, model, serial and firmware within their limits: PASS', () => {
    expect(judge(BOOT)).to.include({ verdict: 'PASS', reason: 'The station boots as Acme Wallbox 11, serial number SN-1, firmware 1.4.2, every field within its limit.' });
  });

  it('only the deprecated chargeBoxSerialNumber: still a serial number, said so', () => {
    const { chargePointSerialNumber: _serial, ...rest } = BOOT;
    expect(judge({ ...rest, chargeBoxSerialNumber: 'BOX-1' }).reason).to.contain('serial number BOX-1 (in chargeBoxSerialNumber, which 1.6 deprecates)');
  });

  it('no serial number, or no firmware version: WARN', () => {
    const { chargePointSerialNumber: _serial, firmwareVersion: _firmware, ...rest } = BOOT;
    const result = judge(rest);
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.contain('no serial number (chargePointSerialNumber)');
    expect(result.reason).to.contain('no firmwareVersion');
  });

  it('a field over its length, or a blank vendor: FAIL', () => {
    expect(judge({ ...BOOT, chargePointModel: 'M'.repeat(21) }).reason).to.contain('chargePointModel is 21 characters, over its 20');
    expect(judge({ ...BOOT, chargePointVendor: ' ' }).reason).to.contain('it leaves out chargePointVendor');
  });

  it('another vendor or model at a later boot: WARN', () => {
    expect(judge(BOOT, { ...BOOT, chargePointModel: 'Other' }).reason).to.contain('a different vendor or model at its 2 boots');
  });

  it('no BootNotification in the session: INCONCLUSIVE', () => {
    expect(judge().verdict).to.equal('INCONCLUSIVE');
  });
});
