import { expect } from 'chai';
import type { LostMonitor } from '../../../src/evidence/evidence.js';
import { compareMonitors, describeLost, describeMonitor, monitorsIn, sameSettings, sameSlot, type StationMonitor, unusedMonitorId } from '../../../src/evidence/station-monitors.js';
import { makeMessage } from '../../helpers/evidence-fixture.js';

const connector = { name: 'Connector', evse: { id: 1, connectorId: 1 } };
const temperature = { name: 'Temperature' };
const monitor = (id: number, extra: Partial<StationMonitor> = {}): StationMonitor => ({ id, component: connector, variable: temperature, type: 'Periodic', value: 86_400, severity: 9, transaction: false, seq: 0, ...extra });
const reportItem = (m: StationMonitor) => ({ component: m.component, variable: m.variable, variableMonitoring: [{ id: m.id, transaction: m.transaction, value: m.value, type: m.type, severity: m.severity }] });

describe('station monitors (the monitors a NotifyMonitoringReport lists)', () => {
  describe('monitorsIn', () => {
    it('reads collected parts, with the seq of the part that listed each monitor', () => {
      const parts = [makeMessage(40, 'NotifyMonitoringReport', { requestId: 1, seqNo: 0, tbc: true, monitor: [reportItem(monitor(6))] }), makeMessage(41, 'NotifyMonitoringReport', { requestId: 1, seqNo: 1, monitor: [reportItem(monitor(7, { type: 'UpperThreshold', value: 72, severity: 4 }))] })];
      expect(monitorsIn(parts)).to.deep.equal([monitor(6, { seq: 40 }), monitor(7, { type: 'UpperThreshold', value: 72, severity: 4, seq: 41 })]);
    });

    it('reads a part\'s monitor array, flat monitors, and records that hold one as `monitor`', () => {
      expect(monitorsIn([reportItem(monitor(6))])).to.deep.equal([monitor(6)]);
      expect(monitorsIn([monitor(6, { seq: 3 })])).to.deep.equal([monitor(6, { seq: 3 })]);
      const lost: LostMonitor = { monitor: monitor(6), recreate: { status: 'Accepted', id: 41 }, verifiedAs: 41 };
      expect(monitorsIn([lost])).to.deep.equal([monitor(6)]);
    });

    it('leaves out what a station sent without the required fields, and reads a missing transaction as false', () => {
      const part = makeMessage(40, 'NotifyMonitoringReport', {
        monitor: [
          { component: connector, variable: temperature, variableMonitoring: [{ id: 1, type: 'Delta', severity: 5 }, { id: 2, value: 1, type: 'Delta', severity: 5 }, { id: '3', value: 1, type: 'Delta', severity: 5 }] },
          { component: { instance: 'x' }, variable: temperature, variableMonitoring: [{ id: 4, value: 1, type: 'Delta', severity: 5, transaction: false }] },
          'nonsense',
        ],
      });
      expect(monitorsIn([part])).to.deep.equal([monitor(2, { type: 'Delta', value: 1, severity: 5, seq: 40 })]);
      expect(monitorsIn(undefined)).to.deep.equal([]);
      expect(monitorsIn({ monitor: [] })).to.deep.equal([]);
    });
  });

  it('sameSettings ignores the id; sameSlot also the value (what makes a Duplicate, N04.FR.10)', () => {
    expect(sameSettings(monitor(6), monitor(41))).to.equal(true);
    expect(sameSettings(monitor(6), monitor(6, { transaction: true }))).to.equal(false);
    expect(sameSettings(monitor(6), monitor(6, { component: { name: 'connector', evse: { id: 1, connectorId: 1 } } }))).to.equal(true);
    expect(sameSettings(monitor(6), monitor(6, { component: { name: 'Connector', evse: { id: 1, connectorId: 2 } } }))).to.equal(false);
    expect(sameSlot(monitor(6), monitor(9, { value: 3600 }))).to.equal(true);
    expect(sameSlot(monitor(6), monitor(9, { severity: 8 }))).to.equal(false);
  });

  describe('compareMonitors', () => {
    it('pairs the same monitors whatever their ids, one to one', () => {
      const before = [monitor(6), monitor(7, { type: 'UpperThreshold', value: 72, severity: 4 })];
      const after = [monitor(7, { type: 'UpperThreshold', value: 72, severity: 4 }), monitor(41)];
      const { onlyInA, onlyInB, pairs } = compareMonitors(before, after);
      expect(onlyInA).to.deep.equal([]);
      expect(onlyInB).to.deep.equal([]);
      expect(pairs.map(([a, b]) => [a.id, b.id])).to.deep.equal([[7, 7], [6, 41]]);
    });

    it('prefers the same id, so an unchanged monitor is not paired with a look-alike', () => {
      // Two identical monitors (a station that allowed it): the one with the same id pairs with itself.
      const { pairs, onlyInA, onlyInB } = compareMonitors([monitor(6), monitor(7)], [monitor(7), monitor(8, { value: 1 })]);
      expect(pairs.map(([a, b]) => [a.id, b.id])).to.deep.equal([[7, 7]]);
      expect(onlyInA.map((m) => m.id)).to.deep.equal([6]);
      expect(onlyInB.map((m) => m.id)).to.deep.equal([8]);
    });
  });

  it('describes a monitor in words, with seconds for the periodic types and the transaction flag', () => {
    expect(describeMonitor(monitor(6))).to.equal('monitor #6 Connector@1/1.Temperature Periodic 86400 s, severity 9');
    expect(describeMonitor(monitor(8, { component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' }, type: 'Delta', value: 550, severity: 6, transaction: true }))).to.equal('monitor #8 EVSE@1.Power Delta 550, severity 6, during transactions');
  });

  describe('describeLost', () => {
    const lost = (extra: Partial<LostMonitor>): LostMonitor => ({ monitor: monitor(6), ...extra });
    const complete = { complete: true };
    it('names what became of each monitor', () => {
      expect(describeLost(lost({ recreate: { status: 'Accepted', id: 41 }, verifiedAs: 41 }), complete)).to.equal('monitor #6 Connector@1/1.Temperature Periodic 86400 s, severity 9: re-created as #41');
      expect(describeLost(lost({ recreate: { replacing: 4, status: 'Accepted', id: 4 }, verifiedAs: 4 }), complete)).to.match(/: re-created as #4 \(the settings put back on the station's own monitor that it had changed\)$/);
      expect(describeLost(lost({ recreate: { status: 'Duplicate' }, verifiedAs: 12 }), complete)).to.match(/: back as #12 \(the station answered Duplicate: it had it already\)$/);
      expect(describeLost(lost({ recreate: { status: 'Rejected', detail: 'ReadOnly: safety' } }), complete)).to.match(/: could not be re-created: Rejected \(ReadOnly: safety\)$/);
      expect(describeLost(lost({ recreate: { status: 'Accepted', id: 41 } }), complete)).to.match(/: accepted as #41, but not listed in the report that followed$/);
      expect(describeLost(lost({ recreate: { status: 'Accepted', id: 41 } }), { complete: false })).to.match(/: accepted as #41, but the report to verify it did not come complete$/);
      expect(describeLost(lost({ recreate: { status: 'no answer', detail: 'no response within 30000 ms', unanswered: true } }), undefined)).to.match(/: could not be re-created: no response within 30000 ms$/);
    });
  });

  describe('unusedMonitorId', () => {
    it('gives an id far above every listed one, and never a listed one', () => {
      expect(unusedMonitorId([])).to.equal(987_654);
      expect(unusedMonitorId([{ id: 987_654 }])).to.equal(1_087_654);
      expect(unusedMonitorId([{ id: 3 }, { id: 2_000_000 }])).to.equal(2_100_000);
    });

    it('near the 32-bit limit: the lowest positive id not listed', () => {
      expect(unusedMonitorId([{ id: 1 }, { id: 2 }, { id: 2_147_483_000 }])).to.equal(3);
    });
  });
});
