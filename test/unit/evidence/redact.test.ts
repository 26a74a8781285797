import { expect } from 'chai';
import { REDACTED, redactPayload, redactRaw } from '../../../src/evidence/redact.js';

describe('redaction', () => {
  it('removes a BasicAuthPassword being set, from payload and raw text, and leaves the original alone', () => {
    const payload = {
      setVariableData: [
        { attributeValue: 'S3cretPassw0rd-1234', component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } },
        { attributeValue: '60', component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } },
      ],
    };
    const raw = JSON.stringify([2, 'id', 'SetVariables', payload]);
    const { payload: redacted, secrets } = redactPayload(payload);
    const items = (redacted as typeof payload).setVariableData;
    expect(items[0]?.attributeValue).to.equal(REDACTED);
    expect(items[1]?.attributeValue).to.equal('60');
    expect(payload.setVariableData[0]?.attributeValue).to.equal('S3cretPassw0rd-1234');
    const text = redactRaw(raw, secrets);
    expect(text).not.to.contain('S3cretPassw0rd-1234');
    expect(JSON.parse(text)[3].setVariableData[0].attributeValue).to.equal(REDACTED);
  });

  it('removes the value from NotifyReport attributes, GetVariables results and NotifyEvent', () => {
    const report = {
      reportData: [
        {
          component: { name: 'SecurityCtrlr' },
          variable: { name: 'basicauthpassword' },
          variableAttribute: [{ value: 'leaked-in-report-123', mutability: 'WriteOnly' }],
        },
      ],
    };
    const result = { getVariableResult: [{ attributeStatus: 'Accepted', attributeValue: 'leaked-by-get-1234', component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }] };
    const event = { eventData: [{ actualValue: 'leaked-by-event-12', component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }] };
    for (const [payload, secret] of [
      [report, 'leaked-in-report-123'],
      [result, 'leaked-by-get-1234'],
      [event, 'leaked-by-event-12'],
    ] as const) {
      const { payload: redacted, secrets } = redactPayload(payload);
      expect(JSON.stringify(redacted)).not.to.contain(secret);
      expect(redactRaw(JSON.stringify(payload), secrets)).not.to.contain(secret);
    }
  });

  it('removes SetNetworkProfile credentials, numbers included, keeping the raw text JSON', () => {
    const payload = {
      configurationSlot: 1,
      connectionData: {
        apn: { apn: 'internet', apnPassword: 'apn-secret', simPin: 1234, apnAuthentication: 'AUTO' },
        vpn: { server: 'vpn', user: 'u', password: 'vpn-secret', key: 'vpn-key', type: 'IPSec' },
        messageTimeout: 1234,
      },
    };
    const raw = JSON.stringify([2, 'id', 'SetNetworkProfile', payload]);
    const { secrets } = redactPayload(payload);
    const text = redactRaw(raw, secrets);
    const parsed = JSON.parse(text)[3];
    expect(parsed.connectionData.apn.apnPassword).to.equal(REDACTED);
    expect(parsed.connectionData.apn.simPin).to.equal(REDACTED);
    expect(parsed.connectionData.vpn.password).to.equal(REDACTED);
    expect(parsed.connectionData.vpn.key).to.equal(REDACTED);
    // The same number under another key is not a secret.
    expect(parsed.connectionData.messageTimeout).to.equal(1234);
  });

  it('reports no secrets for ordinary payloads', () => {
    expect(redactPayload({ currentTime: 'x', interval: 5 }).secrets).to.deep.equal([]);
  });
});

describe('redaction of hostile keys', () => {
  it('keeps "__proto__" and "constructor" keys as plain data', () => {
    const payload = JSON.parse('{"customData":{"vendorId":"v","__proto__":{"polluted":true},"constructor":{"x":1}}}') as Record<string, unknown>;
    const { payload: copy } = redactPayload(payload);
    expect(JSON.stringify(copy)).to.equal(JSON.stringify(payload));
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
  });
});
