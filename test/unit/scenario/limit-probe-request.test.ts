import { expect } from 'chai';
import { sharedSchemaValidator } from '../../../src/ocpp/schema-validator.js';
import { frameBytes, LIMITED_ACTIONS, limitProbeRequest, limitVariable, payloadBytes } from '../../../src/scenario/limit-probe-request.js';

describe('scenario limit-probe requests: one beyond the limit, schema-valid, harmless', () => {
  for (const action of LIMITED_ACTIONS) {
    it(`${action}: 21 elements for items, exactly 4001 payload bytes for bytes, both schema-valid`, () => {
      const validator = sharedSchemaValidator();
      const items = limitProbeRequest(action, { items: 21 });
      const list = Object.values(items)[0] as unknown[];
      expect(list).to.have.length(21);
      expect(new Set(list.map((e) => JSON.stringify(e))).size, 'distinct elements').to.equal(21);
      expect(validator.validate(action, 'request', items).valid).to.equal(true);

      const bytes = limitProbeRequest(action, { bytes: 4001 });
      expect(payloadBytes(bytes)).to.equal(4001);
      expect(frameBytes(action, bytes)).to.be.greaterThan(4001);
      expect(validator.validate(action, 'request', bytes).valid).to.equal(true);
    });
  }

  it('elements address a component no station has', () => {
    const request = limitProbeRequest('SetVariableMonitoring', { items: 2 });
    expect(JSON.stringify(request)).to.contain('"component":{"name":"AuditNoSuchComponent"}');
  });

  it('ids to clear skip the ids the station has reported', () => {
    const request = limitProbeRequest('ClearVariableMonitoring', { items: 3 }, new Set([2_147_483_646]));
    expect(request['id']).to.deep.equal([2_147_483_647, 2_147_483_645, 2_147_483_644]);
  });

  it('names the limiting variable of each action', () => {
    expect(limitVariable('GetVariables', 'items').label).to.equal('DeviceDataCtrlr.ItemsPerMessage[GetVariables]');
    expect(limitVariable('ClearVariableMonitoring', 'bytes').label).to.equal('MonitoringCtrlr.BytesPerMessage[ClearVariableMonitoring]');
  });
});
