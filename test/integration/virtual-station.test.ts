import { expect } from 'chai';
import type { FrameRecord } from '../../src/evidence/journal-record.js';
import type { StationMessage } from '../../src/session/station-inbox.js';
import { eventually, readJournal } from '../helpers/csms-fixture.js';
import { collectReport, editedProfile, useStationTestbed } from '../helpers/virtual-station-fixture.js';

const HEARTBEAT = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };
const PASSWORD = { component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } };

type ReportItem = {
  component: { name: string; evse?: { id: number; connectorId?: number } };
  variable: { name: string; instance?: string };
  variableAttribute: Array<{ type?: string; value?: string; mutability?: string }>;
  variableCharacteristics?: { dataType: string; valuesList?: string };
};
const items = (parts: StationMessage[]): ReportItem[] => parts.flatMap((p) => p.payload['reportData'] as ReportItem[]);

/** The minimal profile with GetReport and SummaryInventory switched on. */
const reportingProfile = () =>
  editedProfile('minimal', (document) => {
    document['supports'] = { monitoring: false, summaryInventory: true, customReport: true };
  });

describe('virtual station', function () {
  const bed = useStationTestbed();

  describe('provisioning (B01–B03)', () => {
    it('B01: boots with its profile identity, reports each connector, and heartbeats at the interval given (B01.FR.04)', async () => {
      const csms = await bed.startCsms({ heartbeatIntervalS: 1 });
      const started = await bed.startStation(csms, 'VS-BOOT');
      const station = started.station;
      const { session } = started;
      expect(session.bootNotification).to.deep.include({ reason: 'PowerUp' });
      expect(session.bootNotification?.['chargingStation']).to.deep.equal(station.profile.chargingStation);
      const status = await session.waitFor((m) => m.action === 'StatusNotification', { timeoutMs: 5000 });
      expect(status?.payload).to.deep.include({ connectorStatus: 'Available', evseId: 1, connectorId: 1 });
      expect(station.model.actual(HEARTBEAT.component, HEARTBEAT.variable)).to.equal('1');
      const beats = await session.collect((m) => m.action === 'Heartbeat', { timeoutMs: 10_000, count: 2 });
      expect(beats).to.have.length(2);
    });

    it('tiny-model: without HeartbeatInterval, OfflineThreshold and ItemsPerMessage[GetReport] (UnknownVariable), it still heartbeats at the boot interval', async () => {
      const csms = await bed.startCsms({ heartbeatIntervalS: 1 });
      const { station, session } = await bed.startStation(csms, 'VS-TINY', { faults: ['tiny-model'] });
      const read = await session.call<{ getVariableResult: Array<{ attributeStatus: string }> }>('GetVariables', {
        getVariableData: [HEARTBEAT, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' } }, { component: { name: 'DeviceDataCtrlr' }, variable: { name: 'ItemsPerMessage', instance: 'GetReport' } }, { component: { name: 'DeviceDataCtrlr' }, variable: { name: 'ItemsPerMessage', instance: 'GetVariables' } }],
      });
      expect(read.ok && read.payload.getVariableResult.map((r) => r.attributeStatus)).to.deep.equal(['UnknownVariable', 'UnknownVariable', 'UnknownVariable', 'Accepted']);
      expect(station.model.actual(HEARTBEAT.component, HEARTBEAT.variable)).to.equal(undefined);
      const beats = await session.collect((m) => m.action === 'Heartbeat', { timeoutMs: 10_000, count: 2 });
      expect(beats).to.have.length(2);
    });

    it('B02: while Pending it answers the CSMS, sends nothing unasked, and boots again after the interval', async () => {
      const csms = await bed.startCsms({ bootStatus: 'Pending', bootRetryIntervalS: 1 });
      const started = await bed.startStation(csms, 'VS-PENDING', { expectAccepted: false });
      const station = started.station;
      const { session } = started;
      await eventually(() => session.bootState === 'Pending', 5000, 'a Pending boot');
      const cursor = session.mark();
      expect((await session.call('GetBaseReport', { requestId: 5, reportBase: 'FullInventory' })).ok).to.equal(true);
      const parts = await collectReport(session, 5, cursor);
      expect(parts.at(-1)?.payload['tbc']).to.equal(false);
      session.setBootStatus('Accepted');
      expect(await station.waitUntilAccepted(10_000)).to.equal(true);
      const boots = session.messages((m) => m.action === 'BootNotification');
      expect(boots.length).to.be.at.least(2);
      const unasked = session.messages((m) => m.seq < (boots.at(-1)?.seq ?? 0) && !['BootNotification', 'NotifyReport'].includes(m.action));
      expect(unasked.map((m) => m.action)).to.deep.equal([]);
    });

    it('B03: after Rejected it sends nothing but BootNotification retries', async () => {
      const csms = await bed.startCsms({ bootStatus: 'Rejected', bootRetryIntervalS: 1 });
      const started = await bed.startStation(csms, 'VS-REJECTED', { expectAccepted: false });
      const { session } = started;
      const boots = await session.collect((m) => m.action === 'BootNotification', { timeoutMs: 10_000, count: 2 });
      expect(boots).to.have.length(2);
      expect(session.messages((m) => m.action !== 'BootNotification')).to.deep.equal([]);
    });

    it('B11: Reset Immediate reboots it: the link drops, it comes back and boots with reason RemoteReset', async () => {
      const csms = await bed.startCsms();
      const started = await bed.startStation(csms, 'VS-RESET');
      const { session } = started;
      const cursor = session.mark();
      const reset = await session.call('Reset', { type: 'Immediate' });
      expect(reset.ok && reset.payload['status']).to.equal('Accepted');
      const boot = await session.waitFor((m) => m.action === 'BootNotification', { after: cursor, timeoutMs: 10_000 });
      expect(boot?.payload['reason']).to.equal('RemoteReset');
      expect(boot?.connection).to.equal(2);
    });

    it('Part 4: after a lost connection it reconnects with back-off and does not boot again', async () => {
      const csms = await bed.startCsms({ heartbeatIntervalS: 1 });
      const started = await bed.startStation(csms, 'VS-RECONNECT');
      const { session } = started;
      const cursor = session.mark();
      const reconnected = new Promise<void>((resolve) => session.once('connected', () => resolve()));
      session.disconnect();
      await reconnected;
      const beat = await session.waitFor((m) => m.action === 'Heartbeat', { after: cursor, timeoutMs: 10_000 });
      expect(beat?.connection).to.equal(2);
      expect(session.messages((m) => m.action === 'BootNotification', cursor)).to.deep.equal([]);
    });
  });

  describe('inventory (B07, B08)', () => {
    it('B07 FullInventory (TC_B_13): every variable once, paged by ItemsPerMessage from seqNo 0 with tbc, WriteOnly values withheld', async () => {
      const csms = await bed.startCsms();
      const started = await bed.startStation(csms, 'VS-FULL');
      const station = started.station;
      const { session } = started;
      const cursor = session.mark();
      const answer = await session.call('GetBaseReport', { requestId: 11, reportBase: 'FullInventory' });
      expect(answer.ok && answer.payload).to.deep.equal({ status: 'Accepted' });
      const parts = await collectReport(session, 11, cursor);
      expect(parts.map((p) => p.payload['seqNo'])).to.deep.equal(parts.map((_p, i) => i));
      expect(parts.map((p) => p.payload['tbc'])).to.deep.equal(parts.map((_p, i) => i < parts.length - 1));
      const limit = Number(station.model.actual({ name: 'DeviceDataCtrlr' }, { name: 'ItemsPerMessage', instance: 'GetReport' }));
      for (const part of parts) expect((part.payload['reportData'] as unknown[]).length).to.be.at.most(limit);
      const reported = items(parts);
      expect(reported).to.have.length(station.model.entries().length);
      expect(parts.every((p) => p.valid)).to.equal(true);
      const password = reported.find((r) => r.variable.name === 'BasicAuthPassword');
      expect(password?.variableAttribute[0]).to.deep.include({ mutability: 'WriteOnly' });
      expect(password?.variableAttribute[0]).not.to.have.property('value');
      for (const item of reported) {
        expect(item.variableCharacteristics, item.variable.name).to.be.an('object');
        if (['OptionList', 'MemberList', 'SequenceList'].includes(item.variableCharacteristics?.dataType ?? '')) {
          expect(item.variableCharacteristics?.valuesList, item.variable.name).to.be.a('string');
        }
      }
    });

    it('B07 ConfigurationInventory (TC_B_12): only what the CSMS can set', async () => {
      const csms = await bed.startCsms();
      const started = await bed.startStation(csms, 'VS-CONFIG');
      const cursor = started.session.mark();
      await started.session.call('GetBaseReport', { requestId: 12, reportBase: 'ConfigurationInventory' });
      const reported = items(await collectReport(started.session, 12, cursor));
      expect(reported.length).to.be.greaterThan(0);
      for (const item of reported) {
        expect(item.variableAttribute.some((a) => a.mutability === 'ReadWrite' || a.mutability === 'WriteOnly'), item.variable.name).to.equal(true);
      }
    });

    it('B07 SummaryInventory: NotSupported where the profile lacks it (TC_B_15), the availability of every tier where it has it', async () => {
      const csms = await bed.startCsms();
      const first = await bed.startStation(csms, 'VS-SUMMARY-1');
      const station = first.station;
      const refused = await first.session.call('GetBaseReport', { requestId: 13, reportBase: 'SummaryInventory' });
      expect(refused.ok && refused.payload['status']).to.equal('NotSupported');
      await station.stop();
      const second = await bed.startStation(csms, 'VS-SUMMARY-2', { profile: reportingProfile() });
      const cursor = second.session.mark();
      await second.session.call('GetBaseReport', { requestId: 14, reportBase: 'SummaryInventory' });
      const reported = items(await collectReport(second.session, 14, cursor));
      expect(reported.map((r) => `${r.component.name}.${r.variable.name}`).sort()).to.deep.equal([
        'ChargingStation.AvailabilityState',
        'Connector.AvailabilityState',
        'EVSE.AvailabilityState',
      ]);
    });

    it('B08 GetReport: NotSupported as a CALLERROR where the profile has no custom reports', async () => {
      const csms = await bed.startCsms();
      const started = await bed.startStation(csms, 'VS-NOREPORT');
      const outcome = await started.session.call('GetReport', { requestId: 1, componentVariable: [HEARTBEAT] });
      expect(!outcome.ok && outcome.failure.kind === 'call-error' && outcome.failure.errorCode).to.equal('NotSupported');
    });

    it('B08.FR.22–25 wildcards and componentCriteria; EmptyResultSet; too many elements → OccurrenceConstraintViolation (B08.FR.17)', async () => {
      const csms = await bed.startCsms();
      const started = await bed.startStation(csms, 'VS-CUSTOM', { profile: reportingProfile() });
      const station = started.station;
      const { session } = started;
      const report = async (requestId: number, payload: Record<string, unknown>): Promise<string[]> => {
        const cursor = session.mark();
        const outcome = await session.call('GetReport', { requestId, ...payload });
        if (!outcome.ok) throw new Error(JSON.stringify(outcome.failure));
        if (outcome.payload['status'] !== 'Accepted') return [String(outcome.payload['status'])];
        return items(await collectReport(session, requestId, cursor)).map(
          (r) => `${r.component.name}${r.component.evse ? `@${r.component.evse.id}/${r.component.evse.connectorId ?? ''}` : ''}.${r.variable.name}${r.variable.instance ? `[${r.variable.instance}]` : ''}`,
        );
      };
      // No evse: the EVSE component of every EVSE (B08.FR.24); no variable: all its variables.
      expect(await report(21, { componentVariable: [{ component: { name: 'EVSE' } }] })).to.deep.equal([
        'EVSE@1/.AvailabilityState',
        'EVSE@1/.Available',
        'EVSE@1/.Power',
        'EVSE@1/.SupplyPhases',
      ]);
      // evse.id without connectorId: every connector of that EVSE (B08.FR.22).
      expect(await report(22, { componentVariable: [{ component: { name: 'Connector', evse: { id: 1 } }, variable: { name: 'ConnectorType' } }] })).to.deep.equal([
        'Connector@1/1.ConnectorType',
      ]);
      // A variable without instance: every instance of it (B08.FR.25).
      expect(await report(23, { componentVariable: [{ component: { name: 'DeviceDataCtrlr' }, variable: { name: 'ItemsPerMessage' } }] })).to.deep.equal([
        'DeviceDataCtrlr.ItemsPerMessage[GetReport]',
        'DeviceDataCtrlr.ItemsPerMessage[GetVariables]',
        'DeviceDataCtrlr.ItemsPerMessage[SetVariables]',
      ]);
      // Criteria: no component has a Problem raised.
      expect(await report(24, { componentCriteria: ['Problem'] })).to.deep.equal(['EmptyResultSet']);
      station.model.setByStation({ name: 'ChargingStation' }, { name: 'Problem' }, 'true');
      expect((await report(25, { componentCriteria: ['Problem'] })).every((r) => r.startsWith('ChargingStation.'))).to.equal(true);
      expect(await report(26, { componentVariable: [{ component: { name: 'NoSuchThing' } }] })).to.deep.equal(['EmptyResultSet']);
      const tooMany = Array.from({ length: 21 }, () => ({ component: { name: 'EVSE' } }));
      const refused = await session.call('GetReport', { requestId: 27, componentVariable: tooMany });
      expect(!refused.ok && refused.failure.kind === 'call-error' && refused.failure.errorCode).to.equal('OccurrenceConstraintViolation');
    });
  });

  describe('variables (B05, B06)', () => {
    it('B06 GetVariables: Accepted, UnknownComponent, UnknownVariable, NotSupportedAttributeType, Rejected WriteOnly (B06.FR.09)', async () => {
      const csms = await bed.startCsms();
      const started = await bed.startStation(csms, 'VS-GET');
      const outcome = await started.session.call<{ getVariableResult: Array<Record<string, unknown>> }>('GetVariables', {
        getVariableData: [
          HEARTBEAT,
          { component: { name: 'NoSuchCtrlr' }, variable: { name: 'X' } },
          { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NoSuchVariable' } },
          { ...HEARTBEAT, attributeType: 'MaxSet' },
          PASSWORD,
          { component: { name: 'TxCtrlr' }, variable: { name: 'Enabled' } },
        ],
      });
      expect(outcome.ok).to.equal(true);
      if (!outcome.ok) return;
      const results = outcome.payload.getVariableResult;
      expect(results.map((r) => r['attributeStatus'])).to.deep.equal(['Accepted', 'UnknownComponent', 'UnknownVariable', 'NotSupportedAttributeType', 'Rejected', 'Accepted']);
      expect(results[0]).to.deep.include({ attributeValue: '300', component: HEARTBEAT.component, variable: HEARTBEAT.variable });
      expect(results[3]).to.deep.include({ attributeType: 'MaxSet' });
      expect(results[4]?.['attributeStatusInfo']).to.deep.include({ reasonCode: 'WriteOnly' });
      expect(results[4]).not.to.have.property('attributeValue');
      // Base variables not listed are there, read-only and true (Part 1 §4.2).
      expect(results[5]).to.deep.include({ attributeValue: 'true' });
    });

    it('B05 SetVariables: Accepted, ReadOnly, InvalidValue, ValueOutOfRange, Unknown*, RebootRequired', async () => {
      const csms = await bed.startCsms();
      const started = await bed.startStation(csms, 'VS-SET');
      const station = started.station;
      const outcome = await started.session.call<{ setVariableResult: Array<Record<string, unknown>> }>('SetVariables', {
        setVariableData: [
          { ...HEARTBEAT, attributeValue: '120' },
          { component: { name: 'SecurityCtrlr' }, variable: { name: 'SecurityProfile' }, attributeValue: '2' },
          { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' }, attributeValue: 'soon' },
          { ...HEARTBEAT, attributeValue: '0', attributeType: 'Actual' },
          { component: { name: 'NoSuchCtrlr' }, variable: { name: 'X' }, attributeValue: '1' },
          { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NetworkConfigurationPriority' }, attributeValue: '2,1' },
        ].filter((_item, index) => index !== 3),
      });
      expect(outcome.ok).to.equal(true);
      if (!outcome.ok) return;
      const results = outcome.payload.setVariableResult;
      expect(results.map((r) => r['attributeStatus'])).to.deep.equal(['Accepted', 'Rejected', 'Rejected', 'UnknownComponent', 'RebootRequired']);
      expect(results.map((r) => (r['attributeStatusInfo'] as { reasonCode?: string } | undefined)?.reasonCode)).to.deep.equal([
        undefined,
        'ReadOnly',
        'InvalidValue',
        undefined,
        undefined,
      ]);
      expect(station.model.actual(HEARTBEAT.component, HEARTBEAT.variable)).to.equal('120');
      // RebootRequired: accepted, but the old value stays in force until the station reboots.
      const priority = { name: 'NetworkConfigurationPriority' };
      expect(station.model.actual({ name: 'OCPPCommCtrlr' }, priority)).to.equal('1');
      const cursor = started.session.mark();
      await started.session.call('Reset', { type: 'OnIdle' });
      await started.session.waitFor((m) => m.action === 'BootNotification', { after: cursor, timeoutMs: 10_000 });
      expect(station.model.actual({ name: 'OCPPCommCtrlr' }, priority)).to.equal('2,1');
      const range = await started.session.call<{ setVariableResult: Array<Record<string, unknown>> }>('SetVariables', {
        setVariableData: [{ ...HEARTBEAT, attributeValue: '0' }],
      });
      expect(range.ok && range.payload.setVariableResult[0]?.['attributeStatusInfo']).to.deep.include({ reasonCode: 'ValueOutOfRange' });
    });

    it('B06.FR.16: more elements than ItemsPerMessage[GetVariables] → CALLERROR OccurrenceConstraintViolation', async () => {
      const csms = await bed.startCsms();
      const started = await bed.startStation(csms, 'VS-LIMIT');
      const outcome = await started.session.call('GetVariables', { getVariableData: Array.from({ length: 21 }, () => HEARTBEAT) });
      expect(!outcome.ok && outcome.failure.kind === 'call-error' && outcome.failure.errorCode).to.equal('OccurrenceConstraintViolation');
    });
  });

  describe('control', () => {
    it('F06 TriggerMessage: Heartbeat, StatusNotification, MeterValues and BootNotification follow the answer; others NotImplemented', async () => {
      const csms = await bed.startCsms();
      const started = await bed.startStation(csms, 'VS-TRIGGER');
      const { session } = started;
      for (const requestedMessage of ['Heartbeat', 'StatusNotification', 'MeterValues', 'BootNotification']) {
        const cursor = session.mark();
        const outcome = await session.call('TriggerMessage', { requestedMessage });
        expect(outcome.ok && outcome.payload['status'], requestedMessage).to.equal('Accepted');
        const message = await session.waitFor((m) => m.action === requestedMessage, { after: cursor, timeoutMs: 5000 });
        expect(message?.valid, requestedMessage).to.equal(true);
      }
      const boot = session.messages((m) => m.action === 'BootNotification').at(-1);
      expect(boot?.payload['reason']).to.equal('Triggered');
      const other = await session.call('TriggerMessage', { requestedMessage: 'SignV2GCertificate' });
      expect(other.ok && other.payload['status']).to.equal('NotImplemented');
    });

    it('a profile without monitoring answers the monitoring requests with CALLERROR NotSupported', async () => {
      const csms = await bed.startCsms();
      const started = await bed.startStation(csms, 'VS-NOMON');
      const outcome = await started.session.call('SetMonitoringBase', { monitoringBase: 'All' });
      expect(!outcome.ok && outcome.failure.kind === 'call-error' && outcome.failure.errorCode).to.equal('NotSupported');
    });
  });

  describe('named faults', () => {
    const fullReport = async (identity: string, faults: NonNullable<Parameters<typeof bed.startStation>[2]>['faults'], extra: Parameters<typeof bed.startStation>[2] = {}) => {
      const csms = await bed.startCsms({ callTimeoutMs: 10_000 });
      const started = await bed.startStation(csms, identity, { faults, ...extra });
      const cursor = started.session.mark();
      const answer = await started.session.call('GetBaseReport', { requestId: 31, reportBase: 'FullInventory' });
      const parts = await collectReport(started.session, 31, cursor, 1500);
      return { answer, parts, session: started.session };
    };

    it('report-seqno-from-1: parts are numbered from 1', async () => {
      const { parts } = await fullReport('VS-F-SEQ', ['report-seqno-from-1']);
      expect(parts[0]?.payload['seqNo']).to.equal(1);
    });

    it('report-stops-tbc: the report ends with tbc=true and never completes', async () => {
      const { parts } = await fullReport('VS-F-TBC', ['report-stops-tbc']);
      expect(parts.length).to.be.greaterThan(0);
      expect(parts.every((p) => p.payload['tbc'] === true)).to.equal(true);
    });

    it('schema-violations: a report part breaks the schema (over-long name, nulls) and the CSMS records it', async () => {
      const { session } = await fullReport('VS-F-SCHEMA', ['schema-violations']);
      const records = readJournal(session.journal.path).filter((r): r is FrameRecord => r.record === 'frame');
      const broken = records.find((r) => r.action === 'NotifyReport' && r.validation?.valid === false);
      expect(broken?.findings?.map((f) => f.code)).to.include('schema-violation');
    });

    it('disconnect-mid-report: the link drops after the first part', async () => {
      const { parts, session } = await fullReport('VS-F-DROP', ['disconnect-mid-report']);
      expect(parts).to.have.length(1);
      await eventually(() => session.connectionCount >= 2, 10_000, 'the reconnection');
    });

    it('ocpp16-error-code: too many elements are refused with the 1.6 spelling', async () => {
      const csms = await bed.startCsms();
      const started = await bed.startStation(csms, 'VS-F-16', { faults: ['ocpp16-error-code'] });
      const outcome = await started.session.call('GetVariables', { getVariableData: Array.from({ length: 21 }, () => HEARTBEAT) });
      expect(!outcome.ok && outcome.failure.kind === 'call-error' && outcome.failure.errorCode).to.equal('OccurenceConstraintViolation');
    });

    it('slow-responses: answers come late enough to hit a short timeout', async () => {
      const csms = await bed.startCsms();
      const started = await bed.startStation(csms, 'VS-F-SLOW', { faults: ['slow-responses'], slowResponseMs: 1500 });
      const outcome = await started.session.call('GetVariables', { getVariableData: [HEARTBEAT] }, { timeoutMs: 200 });
      expect(!outcome.ok && outcome.failure.kind).to.equal('timeout');
    });
  });
});
