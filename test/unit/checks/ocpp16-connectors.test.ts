import { expect } from 'chai';
import { ocpp16Connectors } from '../../../src/checks/ocpp16-connectors.js';
import type { CollectedMessage } from '../../../src/evidence/evidence.js';
import { makeMessage } from '../../helpers/evidence-fixture.js';
import { configurationCase, coreKeys, evaluateOne, evidence16, type Key } from './ocpp16-fixture.js';

const status = (seq: number, connectorId: number, value = 'Available'): CollectedMessage => makeMessage(seq, 'StatusNotification', { connectorId, status: value, errorCode: 'NoError' });
const boot = makeMessage(1, 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'X' });
const keys = (connectors: string): Key[] => coreKeys().map(([key, readonly, value]): Key => [key, readonly, key === 'NumberOfConnectors' ? connectors : value]);
const judge = (connectors: string, notifications: CollectedMessage[], booted = true) => evaluateOne(ocpp16Connectors, evidence16({ cases: [configurationCase(keys(connectors))], statusNotifications: notifications, boots: booted ? [boot] : [] }));

describe('check ocpp16-connectors (NumberOfConnectors against StatusNotification, OCPP 1.6 §3.8, §4.9)', () => {
  it('the charge point and each connector reported: PASS', () => {
    expect(judge('2', [status(2, 0), status(3, 1), status(4, 2)]).verdict).to.equal('PASS');
  });

  it('a connector beyond NumberOfConnectors, or connector 0 Charging: FAIL', () => {
    expect(judge('1', [status(2, 0), status(3, 1), status(4, 2)]).reason).to.contain('it reports a status for connector 2, but NumberOfConnectors is 1');
    expect(judge('1', [status(2, 0, 'Charging'), status(3, 1)]).reason).to.contain('connector 0 (the charge point itself) reports Charging');
  });

  it('a connector that never reported: WARN after a boot, INCONCLUSIVE when nothing asked for it', () => {
    expect(judge('2', [status(2, 0), status(3, 1)]).verdict).to.equal('WARN');
    expect(judge('2', [status(3, 1)], false).verdict).to.equal('INCONCLUSIVE');
  });

  it('NumberOfConnectors absent or not a number: INCONCLUSIVE', () => {
    expect(judge('two', [status(3, 1)]).reason).to.contain('NumberOfConnectors is "two", not a number');
  });
});
