import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import type { Guideline, GuidelineConfigurationKey } from '../../../src/config/guideline.js';
import type { Evidence } from '../../../src/evidence/evidence.js';
import { evaluateGuideline } from '../../../src/scoring/guideline-checks.js';
import { attributeRootCauses } from '../../../src/scoring/root-causes.js';
import { makeCallCapture, makeCase, makeEvidence } from '../../helpers/evidence-fixture.js';

const SRC = ['ocpp16-ed2#9.1'];

function guideline(parts: Partial<Guideline>): Guideline {
  return {
    id: 'test-16',
    version: '1.0.0',
    title: 'Test 1.6 guideline',
    description: 'for tests',
    versions: ['1.6'],
    archetypes: ['any'],
    chain: ['test-16'],
    file: '/guidelines/test-16.json',
    weights: { required: 2, recommended: 1, components: 1, variables: 1, monitors: 1, severities: 1, configurationKeys: 1, messages: 1 },
    components: [],
    variables: [],
    monitors: [],
    severities: [],
    sources: [],
    ...parts,
  };
}

const line = (key: string, extra: Partial<GuidelineConfigurationKey> = {}): GuidelineConfigurationKey => ({ key, level: 'required', why: `why ${key}`, source: SRC, ...extra });

type Key = [key: string, readonly: boolean, value?: string];

/** A 1.6 station's evidence whose GetConfiguration (all keys, or only `asked`) listed these keys. */
function listing(keys: Key[], asked?: string[]): Evidence {
  const response = { configurationKey: keys.map(([key, readonly, value]) => ({ key, readonly, ...(value !== undefined ? { value } : {}) })) };
  const capture = makeCallCapture('GetConfiguration', asked ? { key: asked } : {}, { response }, [10, 11]);
  return makeEvidence({ cases: [makeCase('configuration-16', { captures: { request: capture } })] });
}

function judge(lines: GuidelineConfigurationKey[], evidence: Evidence): CheckResult[] {
  return evaluateGuideline(guideline({ configurationKeys: lines }), evidence);
}
const one = (spec: GuidelineConfigurationKey, evidence: Evidence): CheckResult => judge([spec], evidence)[0];

const PROFILES: Key = ['SupportedFeatureProfiles', true, 'Core,FirmwareManagement,RemoteTrigger'];

describe('guideline configurationKeys lines (OCPP 1.6)', () => {
  it('a listed key passes, with the journal frames of the GetConfiguration; keys compare without case (CiString, 1.6 §7.29)', () => {
    const result = one(line('HeartbeatInterval', { readonly: false }), listing([['heartbeatinterval', false, '300']]));
    expect(result).to.deep.include({ id: 'guideline/configurationKeys/HeartbeatInterval', verdict: 'PASS', category: 'configuration', seqs: [10, 11], score: 1 });
    expect(result.reason).to.equal('heartbeatinterval listed = 300');
    expect(result.refs).to.deep.equal(['OCPP 1.6 §9', 'ocpp16-ed2#9.1']);
  });

  it('a key missing from a full listing: FAIL when required, WARN when recommended, with the line\'s why', () => {
    const evidence = listing([PROFILES]);
    const required = one(line('MeterValueSampleInterval'), evidence);
    expect(required).to.deep.include({ verdict: 'FAIL', score: 0, weight: 2 });
    expect(required.reason).to.equal('MeterValueSampleInterval is not listed in the full GetConfiguration; why MeterValueSampleInterval');
    expect(one(line('UptimeSeconds', { level: 'recommended' }), evidence)).to.deep.include({ verdict: 'WARN', weight: 1 });
  });

  it('a key read one by one and not among them is unknown, not missing', () => {
    const result = one(line('ResetRetries'), listing([['HeartbeatInterval', false, '60']], ['HeartbeatInterval']));
    expect(result.verdict).to.equal('INCONCLUSIVE');
    expect(result.reason).to.match(/not among the keys read, and no full GetConfiguration/);
  });

  it('a read-only flag other than the spec\'s is a WARN naming both', () => {
    const result = one(line('NumberOfConnectors', { readonly: true }), listing([['NumberOfConnectors', false, '2']]));
    expect(result).to.deep.include({ verdict: 'WARN', score: 0.75, reason: 'NumberOfConnectors is listed, but writable (1.6 gives it R)' });
    expect(one(line('AuthorizeRemoteTxRequests'), listing([['AuthorizeRemoteTxRequests', true, 'true']])).verdict).to.equal('PASS');
  });

  it('contains: the comma-separated value must hold the member; a key not listed leaves the line to its presence line', () => {
    const trigger = line('SupportedFeatureProfiles', { contains: 'RemoteTrigger', level: 'recommended' });
    expect(one(trigger, listing([PROFILES]))).to.deep.include({ id: 'guideline/configurationKeys/SupportedFeatureProfiles-RemoteTrigger', verdict: 'PASS', title: 'SupportedFeatureProfiles should hold RemoteTrigger' });
    const without = one(trigger, listing([['SupportedFeatureProfiles', true, 'Core']]));
    expect(without.verdict).to.equal('WARN');
    expect(without.reason).to.match(/^SupportedFeatureProfiles = "Core", without RemoteTrigger; /);
    expect(one(trigger, listing([['HeartbeatInterval', false, '60']])).verdict).to.equal('NOT APPLICABLE');
  });

  it('range: a whole number within the bounds passes; outside, the level decides; not a number is a WARN', () => {
    const ping = line('WebSocketPingInterval', { range: { min: 50, max: 600 }, level: 'recommended' });
    expect(one(ping, listing([['WebSocketPingInterval', false, '120']]))).to.deep.include({ verdict: 'PASS', id: 'guideline/configurationKeys/WebSocketPingInterval-range', title: 'WebSocketPingInterval should be 50–600' });
    expect(one(ping, listing([['WebSocketPingInterval', false, '0']]))).to.deep.include({ verdict: 'WARN', score: 0 });
    expect(one(ping, listing([['WebSocketPingInterval', false, 'often']])).reason).to.equal('WebSocketPingInterval is listed as "often", not a whole number, so its 50–600 cannot be checked');
    expect(one(ping, listing([['WebSocketPingInterval', false]])).reason).to.match(/listed without a value/);
  });

  it('when profileClaimed: NOT APPLICABLE unless SupportedFeatureProfiles lists the profile', () => {
    const spec = line('LocalAuthListMaxLength', { readonly: true, when: { profileClaimed: 'LocalAuthListManagement' } });
    const unclaimed = one(spec, listing([PROFILES]));
    expect(unclaimed.verdict).to.equal('NOT APPLICABLE');
    expect(unclaimed.reason).to.equal('the station does not claim the LocalAuthListManagement profile (SupportedFeatureProfiles: Core, FirmwareManagement, RemoteTrigger), so the line does not apply to it');
    expect(one(spec, listing([['SupportedFeatureProfiles', true, 'Core,LocalAuthListManagement']])).verdict).to.equal('FAIL');
    expect(one(spec, listing([['HeartbeatInterval', false, '60']])).reason).to.match(/^the station lists no SupportedFeatureProfiles, so it claims no LocalAuthListManagement profile/);
  });

  it('when keyListed: applies only to a station that lists the key (the security white paper keys)', () => {
    const spec = line('CertificateStoreMaxLength', { level: 'recommended', when: { keyListed: 'SecurityProfile' } });
    expect(one(spec, listing([PROFILES])).verdict).to.equal('NOT APPLICABLE');
    expect(one(spec, listing([PROFILES, ['SecurityProfile', false, '1']])).verdict).to.equal('WARN');
  });

  it('GetConfiguration refused: a line is missing because of it, a conditional one unknown; no GetConfiguration at all: unknown', () => {
    const refused = makeEvidence({ cases: [makeCase('configuration-16', { captures: { request: makeCallCapture('GetConfiguration', {}, { failure: { kind: 'callerror', errorCode: 'NotImplemented', description: 'no' } }, [4, 5]) } })] });
    const plain = one(line('HeartbeatInterval'), refused);
    expect(plain).to.deep.include({ verdict: 'FAIL', seqs: [4, 5] });
    expect(plain.reason).to.equal('HeartbeatInterval is not known to be listed, because the station did not answer GetConfiguration (CALLERROR NotImplemented)');
    expect(one(line('LocalAuthListEnabled', { when: { profileClaimed: 'LocalAuthListManagement' } }), refused).verdict).to.equal('INCONCLUSIVE');
    expect(one(line('HeartbeatInterval'), makeEvidence())).to.deep.include({ verdict: 'INCONCLUSIVE', reason: 'no GetConfiguration answer was collected' });
  });

  it('a refused GetConfiguration weighs once: the key lines it left unjudged follow from the GetConfiguration line', () => {
    const refused = makeEvidence({ cases: [makeCase('configuration-16', { captures: { request: makeCallCapture('GetConfiguration', {}, { failure: { kind: 'timeout', description: 'no answer' } }) } })] });
    const results = attributeRootCauses(
      evaluateGuideline(guideline({ configurationKeys: [line('HeartbeatInterval'), line('NumberOfConnectors')], messages: [{ action: 'GetConfiguration', sentBy: 'csms', level: 'required', critical: true, why: 'the inventory', source: SRC }] }), refused),
    );
    const byId = new Map(results.map((r) => [r.id, r]));
    expect(byId.get('guideline/messages/GetConfiguration')).to.deep.include({ verdict: 'FAIL', critical: true });
    expect(byId.get('guideline/configurationKeys/HeartbeatInterval')?.causedBy).to.equal('guideline/messages/GetConfiguration');
    expect(byId.get('guideline/configurationKeys/NumberOfConnectors')?.causedBy).to.equal('guideline/messages/GetConfiguration');
  });

  it('a critical line is a must-have and cites its sources', () => {
    const result = one(line('SupportedFeatureProfiles', { readonly: true, critical: true, source: ['ocpp16-ed2#9.1.29', { own: 'because' }] }), listing([]));
    expect(result).to.deep.include({ verdict: 'FAIL', critical: true });
    expect(result.refs).to.deep.equal(['OCPP 1.6 §9', 'ocpp16-ed2#9.1.29', 'own proposal']);
    expect(result.details?.['source']).to.deep.equal({ cites: ['ocpp16-ed2#9.1.29'], own: 'because' });
  });
});
