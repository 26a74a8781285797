import { expect } from 'chai';
import type { CallOutcome } from '../../src/ocpp/call-outcome.js';
import { loadStationProfile } from '../../src/simulator/station-profile.js';
import { collectReport, editedProfile, useStationTestbed } from '../helpers/virtual-station-fixture.js';

type ProfileDocument = { components: Array<{ name: string; variables: Array<{ name: string; instance?: string; value?: string }> }> };

/** ac-wallbox with some controller limits changed (component, variable, instance → value). */
function withLimits(changes: Array<[string, string, string, string]>) {
  return editedProfile('ac-wallbox', (document) => {
    for (const [component, variable, instance, value] of changes) {
      const entry = (document as unknown as ProfileDocument).components
        .find((c) => c.name === component)
        ?.variables.find((v) => v.name === variable && v.instance === instance);
      if (!entry) throw new Error(`ac-wallbox has no ${component}.${variable}[${instance}]`);
      entry.value = value;
    }
  });
}

const errorCode = (outcome: CallOutcome): string | undefined => (!outcome.ok && outcome.failure.kind === 'call-error' ? outcome.failure.errorCode : undefined);

const monitorOn = (evseId: number) => ({ component: { name: 'OverCurrentProtection', evse: { id: evseId } }, variable: { name: 'ACCurrent' }, type: 'Delta', value: 1, severity: 5 });

describe('virtual station message limits over the wire', function () {
  const bed = useStationTestbed();

  it('N04.FR.09 / N06: more monitors or ids than MonitoringCtrlr.ItemsPerMessage → CALLERROR OccurrenceConstraintViolation', async () => {
    const csms = await bed.startCsms();
    const { session, station } = await bed.startStation(csms, 'VS-LIMIT-ITEMS', { profile: loadStationProfile('ac-wallbox') });
    const items = Number(station.model.actual({ name: 'MonitoringCtrlr' }, { name: 'ItemsPerMessage', instance: 'SetVariableMonitoring' }));
    expect(items).to.equal(20);
    const tooMany = Array.from({ length: items + 1 }, (_, i) => ({ ...monitorOn(1), severity: i % 10 }));
    expect(errorCode(await session.call('SetVariableMonitoring', { setMonitoringData: tooMany }))).to.equal('OccurrenceConstraintViolation');
    const atLimit = await session.call<{ setMonitoringResult: unknown[] }>('SetVariableMonitoring', { setMonitoringData: tooMany.slice(0, items) });
    expect(atLimit.ok && atLimit.payload.setMonitoringResult).to.have.length(items);
    const clearItems = Number(station.model.actual({ name: 'MonitoringCtrlr' }, { name: 'ItemsPerMessage', instance: 'ClearVariableMonitoring' }));
    const ids = Array.from({ length: clearItems + 1 }, (_, i) => 1000 + i);
    expect(errorCode(await session.call('ClearVariableMonitoring', { id: ids }))).to.equal('OccurrenceConstraintViolation');
  });

  it('N04.FR.09: a SetVariableMonitoring larger than MonitoringCtrlr.BytesPerMessage → CALLERROR FormatViolation', async () => {
    const profile = withLimits([['MonitoringCtrlr', 'BytesPerMessage', 'SetVariableMonitoring', '400']]);
    const csms = await bed.startCsms();
    const { session } = await bed.startStation(csms, 'VS-LIMIT-BYTES', { profile });
    const small = await session.call('SetVariableMonitoring', { setMonitoringData: [monitorOn(1)] });
    expect(small.ok).to.equal(true);
    const large = Array.from({ length: 4 }, (_, i) => ({ ...monitorOn(1), severity: i }));
    expect(errorCode(await session.call('SetVariableMonitoring', { setMonitoringData: large }))).to.equal('FormatViolation');
  });

  it('B07: NotifyReport parts stay within DeviceDataCtrlr.BytesPerMessage[GetReport], numbered from 0 with tbc', async () => {
    const bytes = 1500;
    const profile = withLimits([['DeviceDataCtrlr', 'BytesPerMessage', 'GetReport', String(bytes)]]);
    const csms = await bed.startCsms();
    const { session, station } = await bed.startStation(csms, 'VS-LIMIT-REPORT-BYTES', { profile });
    const cursor = session.mark();
    await session.call('GetBaseReport', { requestId: 3, reportBase: 'FullInventory' });
    const parts = await collectReport(session, 3, cursor, 10_000);
    const frameSizes = parts.map((p) => Buffer.byteLength(JSON.stringify([2, p.messageId, 'NotifyReport', p.payload]), 'utf8'));
    expect(Math.max(...frameSizes)).to.be.at.most(bytes);
    const itemLimit = Number(station.model.actual({ name: 'DeviceDataCtrlr' }, { name: 'ItemsPerMessage', instance: 'GetReport' }));
    const reported = parts.flatMap((p) => p.payload['reportData'] as unknown[]);
    expect(reported).to.have.length(station.model.entries().length);
    // Bytes, not items, set the page size here: more parts than the item limit alone would need.
    expect(parts.length).to.be.greaterThan(Math.ceil(reported.length / itemLimit));
    expect(parts.map((p) => p.payload['seqNo'])).to.deep.equal(parts.map((_, i) => i));
    expect(parts.map((p) => p.payload['tbc'])).to.deep.equal(parts.map((_, i) => i < parts.length - 1));
  });
});
