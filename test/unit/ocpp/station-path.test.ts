import { expect } from 'chai';
import { parseStationPath } from '../../../src/ocpp/station-path.js';

describe('parseStationPath', () => {
  it('takes the percent-decoded last segment after the prefix', () => {
    expect(parseStationPath('/ocpp/RDAM%20123', '/ocpp')).to.deep.equal({ ok: true, identity: 'RDAM 123' });
    expect(parseStationPath('/ocpp/CS1?token=x', 'ocpp/')).to.deep.equal({ ok: true, identity: 'CS1' });
    expect(parseStationPath('/CS1', '/')).to.deep.equal({ ok: true, identity: 'CS1' });
  });

  it('answers 404 outside the prefix or with more segments', () => {
    for (const url of ['/other/CS1', '/ocpp/', '/ocpp/a/b', '/ocppx/CS1']) {
      expect(parseStationPath(url, '/ocpp'), url).to.include({ ok: false, status: 404 });
    }
  });

  it('answers 400 to identities OCPP does not allow', () => {
    for (const url of [`/ocpp/${'a'.repeat(49)}`, '/ocpp/a%3Ab', '/ocpp/%E0%A4%A', '/ocpp/a%2Fb', '/ocpp/a%00b']) {
      expect(parseStationPath(url, '/ocpp'), url).to.include({ ok: false, status: 400 });
    }
    expect(parseStationPath(`/ocpp/${'a'.repeat(48)}`, '/ocpp').ok).to.equal(true);
  });
});
