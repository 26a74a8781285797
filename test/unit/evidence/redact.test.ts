import { expect } from 'chai';
import { REDACTED, redactedValue, redactPayload, redactRaw, redactUrl } from '../../../src/evidence/redact.js';

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

describe('redaction of escaped secrets, URLs and answers', () => {
  it('re-writes raw from the redacted value: a password spelled with JSON escapes does not survive', () => {
    const secret = 'escaped-pass-word-42';
    const spelled = secret.replace('a', '\\u0061');
    const raw = `[3,"m1",{"getVariableResult":[{"attributeStatus":"Accepted","attributeValue":"${spelled}","component":{"name":"SecurityCtrlr"},"variable":{"name":"BasicAuthPassword"}}]}]`;
    const payload = (JSON.parse(raw) as unknown[])[2];
    const { payload: redacted, secrets } = redactPayload(payload);
    expect(secrets).to.have.length(1);
    const text = redactRaw(raw, secrets);
    expect(text).not.to.contain(spelled);
    expect(JSON.stringify(JSON.parse(text))).not.to.contain(secret);
    expect((JSON.parse(text) as unknown[])[2]).to.deep.equal(redacted);
  });

  it('keeps where a SetNetworkProfile sends the station, without the user, password or query of ocppCsmsUrl', () => {
    const payload = { configurationSlot: 1, connectionData: { ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: 'wss://cs1:net-secret@csms.example:443/ocpp?token=tok-secret', messageTimeout: 30, securityProfile: 1, ocppInterface: 'Wired0' } };
    const { payload: redacted, secrets } = redactPayload(payload);
    expect((redacted as typeof payload).connectionData.ocppCsmsUrl).to.equal(`wss://${REDACTED}@csms.example:443/ocpp?token=${REDACTED}`);
    const text = redactRaw(JSON.stringify([2, 'id', 'SetNetworkProfile', payload]), secrets);
    expect(text).not.to.contain('net-secret');
    expect(text).not.to.contain('tok-secret');
    // A URL without credentials is not a secret, and the frame stays verbatim.
    const plain = { configurationSlot: 1, connectionData: { ...payload.connectionData, ocppCsmsUrl: 'wss://csms.example/ocpp' } };
    expect(redactPayload(plain).secrets).to.deep.equal([]);
  });

  it('redactUrl: user info and every query value, nothing else', () => {
    expect(redactUrl('/ocpp/CS1?token=abc&x')).to.equal(`/ocpp/CS1?token=${REDACTED}&x`);
    expect(redactUrl('/ocpp/CS1')).to.equal('/ocpp/CS1');
    expect(redactUrl('ws://u:p@h/ocpp#frag')).to.equal(`ws://${REDACTED}@h/ocpp#frag`);
  });

  it('redactedValue leaves a payload without secrets as it is (same object)', () => {
    const payload = { getVariableResult: [{ attributeStatus: 'Accepted', attributeValue: '30', component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] };
    expect(redactedValue(payload)).to.equal(payload);
  });
});
