import { expect } from 'chai';
import { ocpp16ReadonlyFlags } from '../../../src/checks/ocpp16-readonly-flags.js';
import { configurationCase, coreKeys, evaluateOne, evidence16, type Key } from './ocpp16-fixture.js';

const judge = (keys: Key[]) => evaluateOne(ocpp16ReadonlyFlags, evidence16({ cases: [configurationCase(keys)] }));

describe('check ocpp16-readonly-flags (OCPP 1.6 §9 accessibility)', () => {
  it('flags as 1.6 defines them, vendor keys aside: PASS', () => {
    const result = judge([...coreKeys(), ['VendorThing', false, 'x'], ['UnlockConnectorOnEVSideDisconnect', true, 'false']]);
    expect(result.verdict, result.reason).to.equal('PASS');
  });

  it('NumberOfConnectors listed as writable FAILs: a Central System would try to change a fact of the hardware', () => {
    const result = judge(coreKeys().map(([key, readonly, value]): Key => [key, key === 'NumberOfConnectors' ? false : readonly, value]));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.match(/^The station lists NumberOfConnectors as writable, but 1\.6 makes it read-only/);
  });

  it('a setting 1.6 lets a Central System write, listed read-only: WARN; R or RW keys may be either', () => {
    const result = judge(coreKeys().map(([key, readonly, value]): Key => [key, key === 'HeartbeatInterval' || key === 'AuthorizeRemoteTxRequests' ? true : readonly, value]));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.equal('The station lists HeartbeatInterval as read-only, which 1.6 lets a Central System write, so it cannot be configured remotely.');
  });

  it('AuthorizationKey (write-only) shown with a value: WARN; listed empty it is fine', () => {
    expect(judge([...coreKeys(), ['AuthorizationKey', false, '0123456789abcdef0123']]).reason).to.contain('shows a value for AuthorizationKey, which is write-only');
    expect(judge([...coreKeys(), ['AuthorizationKey', false, '']]).verdict).to.equal('PASS');
  });

  it('no standard key listed: INCONCLUSIVE', () => {
    expect(judge([['VendorThing', false, 'x']]).verdict).to.equal('INCONCLUSIVE');
    expect(evaluateOne(ocpp16ReadonlyFlags, evidence16()).verdict).to.equal('INCONCLUSIVE');
  });
});
