import { expect } from 'chai';
import { unmetNeed } from '../../../src/scenario/applicability.js';
import { makeEvidence } from '../../helpers/evidence-fixture.js';

describe('scenario applicability: unless:<path>=<value>', () => {
  const context = (status: string): Record<string, unknown> => ({ captures: { 'set-valid': { response: { setVariableResult: [{ attributeStatus: status }] } } } });
  const need = { needs: ['unless:captures.set-valid.response.setVariableResult.0.attributeStatus=RebootRequired'] };

  it('a written value is not read back when the station said it takes effect at the next reboot (B05: RebootRequired is a correct answer)', () => {
    expect(unmetNeed(need, context('RebootRequired'), makeEvidence(), true)).to.equal('not applicable: the station answered RebootRequired');
  });

  it('applies for any other answer, and when the path is absent', () => {
    expect(unmetNeed(need, context('Accepted'), makeEvidence(), true)).to.equal(undefined);
    expect(unmetNeed(need, {}, makeEvidence(), true)).to.equal(undefined);
  });
});

describe('scenario applicability: an OCPP 1.6 station\'s own configuration (featureProfile:P, fileTransfer:P)', () => {
  const context = (known: Record<string, unknown>): Record<string, unknown> => ({ known });

  it('featureProfile:P applies when SupportedFeatureProfiles lists P, and says what it lists when not', () => {
    const need = { needs: ['featureProfile:RemoteTrigger'] };
    expect(unmetNeed(need, context({ featureProfiles: 'Core,FirmwareManagement,RemoteTrigger' }), makeEvidence(), true)).to.equal(undefined);
    expect(unmetNeed(need, context({ featureProfiles: 'Core, FirmwareManagement' }), makeEvidence(), true)).to.equal('the station does not support the RemoteTrigger feature profile (its SupportedFeatureProfiles: Core, FirmwareManagement)');
    expect(unmetNeed(need, context({}), makeEvidence(), true)).to.equal('the station did not list SupportedFeatureProfiles, so whether it supports the RemoteTrigger feature profile is unknown');
  });

  it('fileTransfer:P applies unless SupportedFileTransferProtocols (an optional key) is listed without P', () => {
    const need = { needs: ['fileTransfer:HTTP'] };
    expect(unmetNeed(need, context({}), makeEvidence(), true)).to.equal(undefined);
    expect(unmetNeed(need, context({ fileTransferProtocols: 'FTP,HTTP' }), makeEvidence(), true)).to.equal(undefined);
    expect(unmetNeed(need, context({ fileTransferProtocols: 'FTP,FTPS' }), makeEvidence(), true)).to.equal('the station uploads files only by FTP, FTPS (its SupportedFileTransferProtocols); the audit receives files by HTTP');
  });
});

describe('scenario applicability: periodicEventStreams (OCPP 2.1)', () => {
  const withMax = (value: string) =>
    makeEvidence({ deviceModel: { complete: true, entries: [{ seq: 1, component: { name: 'MonitoringCtrlr' }, variable: { name: 'MaxPeriodicEventStreams' }, variableAttribute: [{ value }], variableCharacteristics: { dataType: 'integer', supportsMonitoring: false } }] } });

  it('a station that reports MonitoringCtrlr.MaxPeriodicEventStreams 0 is not asked for streams', () => {
    expect(unmetNeed({ needs: ['periodicEventStreams'] }, {}, withMax('0'), true)).to.equal('the station supports no periodic event streams: MonitoringCtrlr.MaxPeriodicEventStreams is 0');
  });

  it('applies with any other maximum, and when the station does not report one', () => {
    expect(unmetNeed({ needs: ['periodicEventStreams'] }, {}, withMax('4'), true)).to.equal(undefined);
    expect(unmetNeed({ needs: ['periodicEventStreams'] }, {}, makeEvidence(), true)).to.equal(undefined);
  });
});
