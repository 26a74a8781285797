import { expect } from 'chai';
import type { Capture, Evidence } from '../../../src/evidence/evidence.js';
import { unresolvedReason } from '../../../src/scenario/unresolved-reason.js';
import { makeCallCapture, makeMessage, makeMessagesCapture } from '../../helpers/evidence-fixture.js';

const evidence = (overrides: Partial<Pick<Evidence, 'deviceModel' | 'missingTargets'>> = {}): Pick<Evidence, 'deviceModel' | 'missingTargets'> => ({
  deviceModel: { source: 'inventory-full/report', complete: true, entries: [] },
  missingTargets: [],
  ...overrides,
});

const read: Capture = {
  kind: 'variables',
  seqs: [3, 4],
  values: [
    { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' }, attributeType: 'Actual', status: 'UnknownVariable' },
    { component: { name: 'DeviceDataCtrlr' }, variable: { name: 'ItemsPerMessage', instance: 'GetReport' }, attributeType: 'Actual', status: 'Accepted' },
    { component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' }, attributeType: 'MaxSet', status: 'Accepted', value: 'lots' },
  ],
};

const say = (path: string, captures: Record<string, Capture> = {}, context: Record<string, unknown> = {}, facts = evidence(), problem: 'absent' | 'not-a-number' = 'absent') =>
  unresolvedReason({ path, problem }, { targets: {}, captures, options: {}, known: {}, ...context }, facts);

describe('scenario unresolved-reason: a gap in a step said as what the station did', () => {
  it('a value the station did not return, with the status it gave instead', () => {
    expect(say('captures.before.values.0.value', { before: read })).to.deep.equal({ station: true, text: 'the station returned no value for OCPPCommCtrlr.OfflineThreshold (it answered UnknownVariable)' });
    expect(say('captures.before.values.1.value', { before: read }).text).to.equal('the station returned no value for DeviceDataCtrlr.ItemsPerMessage[GetReport], although it answered Accepted');
    expect(say('captures.before.values.5.value', { before: read }).text).to.equal('the station returned fewer GetVariables results than it was asked for');
  });

  it('a value that is not a number', () => {
    expect(say('captures.before.values.2.value', { before: read }, {}, evidence(), 'not-a-number').text).to.equal('the value the station returned for EVSE@1.Power (MaxSet) is "lots", not a number');
  });

  it('a response that did not come, or lacks a field', () => {
    const refused = makeCallCapture('SetVariableMonitoring', {}, { failure: { kind: 'call-error', errorCode: 'NotSupported', description: 'CALLERROR NotSupported' } });
    expect(say('captures.set.response.setMonitoringResult.0.id', { set: refused }).text).to.equal('the station gave no SetVariableMonitoring response (CALLERROR NotSupported)');
    const answered = makeCallCapture('SetVariableMonitoring', {}, { response: { setMonitoringResult: [{ status: 'Accepted' }] } });
    expect(say('captures.set.response.setMonitoringResult.0.id', { set: answered }).text).to.equal("the station's SetVariableMonitoring response has no setMonitoringResult[0].id");
  });

  it('messages the station did not send', () => {
    expect(say('captures.report.messages.0.payload.monitor', { report: makeMessagesCapture('NotifyMonitoringReport', []) }).text).to.equal('the station sent no NotifyMonitoringReport');
    const one = makeMessagesCapture('NotifyEvent', [makeMessage(9, 'NotifyEvent', { eventData: [] })]);
    expect(say('captures.events.messages.1.payload.eventData', { events: one }).text).to.equal('the station sent only 1 NotifyEvent');
    expect(say('captures.events.messages.0.payload.eventData.0.actualValue', { events: one }).text).to.equal("the station's NotifyEvent has no eventData[0].actualValue");
  });

  it('a target nothing fits, or a derived value its variable lacks', () => {
    const missing = evidence({ missingTargets: [{ role: 'readOnly', reason: 'the station reports no read-only variable with a value' }] });
    expect(say('targets.readOnly.value', {}, {}, missing).text).to.equal('the station reports no read-only variable with a value');
    expect(say('targets.readOnly.value', {}, {}, evidence({ deviceModel: { complete: false, entries: [] } })).text).to.equal('no FullInventory was collected to choose a read-only variable with a value from');
    expect(say('targets.readOnly.value', {}, {}, evidence({ deviceModel: { source: 'inventory-full/report', complete: false, entries: [] } })).text).to.equal("the station's FullInventory did not complete, so no read-only variable with a value could be chosen");
    const numeric = { numeric: { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' } } };
    expect(say('targets.numeric.outOfRange', {}, { targets: numeric }).text).to.equal('the station reported no minLimit or maxLimit for OCPPCommCtrlr.OfflineThreshold');
  });

  it('facts of earlier cases and of the guideline', () => {
    expect(say('known.hardWiredMonitor.variableMonitoring.0.id')).to.deep.equal({ station: true, text: 'no earlier case found hard wired monitor on this station' });
    expect(say('guideline.monitoringProbes.0').text).to.equal('the guideline chosen for this station has no monitoring probes');
  });

  it('a step that did not run', () => {
    expect(say('captures.before.values.0.value')).to.deep.equal({ station: true, text: 'step before did not run, so there is nothing to use from it' });
  });

  it('an element a filter looks for, said as the kind of element the station did not list', () => {
    const keys = makeCallCapture('GetConfiguration', {}, { response: { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }] } });
    expect(say('captures.all.response.configurationKey.[readonly=true,value].key', { all: keys }).text).to.equal("the station's GetConfiguration response has no configurationKey with readonly true and a value");
  });

  it('the test case’s own gaps are the tool’s, never the station’s', () => {
    expect(say('options.periodicIntervalS')).to.deep.equal({ station: false, text: 'the test case uses the option periodicIntervalS, which is not set' });
    expect(say('nowhere.at.all')).to.deep.equal({ station: false, text: 'the test case uses a value nothing provides' });
  });

  it('no text has a template expression or a file path', () => {
    const texts = [say('captures.before.values.0.value', { before: read }), say('options.x'), say('targets.numeric.value')].map((r) => r.text);
    for (const text of texts) expect(text).not.to.match(/\$\{|\.json|\/steps\//);
  });
});
