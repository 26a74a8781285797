import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { topologyMatchesStatus } from '../../../src/checks/topology-matches-status.js';
import type { CollectedMessage, Evidence } from '../../../src/evidence/evidence.js';
import { makeEvidence, makeMessage, makeReportItem, makeStatusNotification, type ReportItem } from '../../helpers/evidence-fixture.js';
import { fullInventoryEvidence, requiredItems, statusFor, type Layout } from './inventory-fixture.js';

const TWO_EVSES: Layout = [
  [1, [1, 2]],
  [2, [1]],
];
const BOOT = { reason: 'PowerUp', seq: 1 };

function evaluate(evidence: Evidence): CheckResult {
  return topologyMatchesStatus.evaluate(evidence) as CheckResult;
}

function station(items: ReportItem[], statusNotifications: CollectedMessage[], options: { booted?: boolean; complete?: boolean } = {}): Evidence {
  return fullInventoryEvidence(items, {
    ...(options.complete !== undefined ? { complete: options.complete } : {}),
    evidence: { statusNotifications, station: { identity: 'CS-TEST', securityProfile: 1, ...(options.booted === false ? {} : { boot: BOOT }) } },
  });
}

describe('topology-matches-status (EVSE/Connector vs StatusNotification)', () => {
  it('passes when inventory and StatusNotification show the same connectors, and summarises the topology', () => {
    const result = evaluate(station(requiredItems(TWO_EVSES), statusFor(TWO_EVSES)));
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.contain('2 EVSEs (EVSE 1: 2 connectors, EVSE 2: 1 connector)');
    expect(result.details?.['evseCount']).to.equal(2);
    expect(result.details?.['connectorsPerEvse']).to.deep.equal({ 1: [1, 2], 2: [1] });
    expect(result.seqs).to.include.members([1, 2, 3, 12]);
  });

  it('fails evseId 0 or connectorId 0 in StatusNotification', () => {
    const result = evaluate(station(requiredItems(), [...statusFor(), makeStatusNotification(7, 0, 0), makeStatusNotification(8, 1, 0)]));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('evseId or connectorId 0').and.contain('0/0').and.contain('1/0');
    expect(result.seqs).to.deep.equal([7, 8]);
  });

  it('fails a zero id even when there is no inventory to compare with', () => {
    const result = evaluate(makeEvidence({ statusNotifications: [makeStatusNotification(4, 0, 1)] }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.seqs).to.deep.equal([4]);
  });

  it('fails a StatusNotification without readable ids', () => {
    const result = evaluate(station(requiredItems(), [...statusFor(), makeMessage(9, 'StatusNotification', { connectorStatus: 'Available' })]));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('without an integer evseId and connectorId: seq 9');
  });

  it('fails a connector reported in StatusNotification but missing from the inventory', () => {
    const result = evaluate(station(requiredItems(), [...statusFor(), makeStatusNotification(5, 1, 2)]));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('missing from the FullInventory: connector 1/2');
    expect(result.seqs).to.deep.equal([5]);
  });

  it('is inconclusive about such a connector when the inventory never completed', () => {
    const result = evaluate(station(requiredItems(), [...statusFor(), makeStatusNotification(5, 1, 2)], { complete: false }));
    expect(result.verdict).to.equal('INCONCLUSIVE');
    expect(result.reason).to.contain('never completed');
  });

  it('fails an inventory connector never reported after a boot, but only warns without a boot', () => {
    const statusOfFirst = statusFor(TWO_EVSES).slice(0, 2);
    const booted = evaluate(station(requiredItems(TWO_EVSES), statusOfFirst));
    expect(booted.verdict).to.equal('FAIL');
    expect(booted.reason).to.contain('never reported in StatusNotification after the boot: Connector@2/1');
    const notBooted = evaluate(station(requiredItems(TWO_EVSES), statusOfFirst, { booted: false }));
    expect(notBooted.verdict).to.equal('WARN');
    expect(notBooted.reason).to.contain('did not boot during the audit');
  });

  it('fails EVSE and Connector components placed without proper ids', () => {
    const items = [...requiredItems(), makeReportItem('Connector', 'Available', { evse: 1 }), makeReportItem('EVSE', 'Available'), makeReportItem('EVSE', 'Power', { evse: 0 })];
    const result = evaluate(station(items, statusFor()));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('Connector@1').and.contain('EVSE@0');
    expect(result.details?.['problems']).to.deep.equal({ 'inventory-bad-id': 3 });
  });

  it('warns about an EVSE without connectors and a connector without its EVSE', () => {
    const items = [...requiredItems(), makeReportItem('EVSE', 'Available', { evse: 2 }), makeReportItem('Connector', 'Available', { evse: 3, connector: 1 })];
    const result = evaluate(station(items, [...statusFor(), makeStatusNotification(6, 3, 1)]));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.contain('without any Connector component: EVSE@2').and.contain('no EVSE component: Connector@3/1');
  });

  it('is inconclusive without any StatusNotification, and passes on a missing inventory', () => {
    const silent = evaluate(station(requiredItems(), []));
    expect(silent.verdict).to.equal('INCONCLUSIVE');
    expect(silent.reason).to.contain('No StatusNotification');
    expect(evaluate(makeEvidence({ statusNotifications: statusFor() })).verdict).to.equal('NOT APPLICABLE');
  });

  it('OCPP 2.1: a connector whose availability came as NotifyEvent on Connector.AvailabilityState counts as reported (B01.FR.05); on 2.0.1 it does not', () => {
    const availability = (seq: number, evseId: number, connectorId: number): CollectedMessage =>
      makeMessage(seq, 'NotifyEvent', { generatedAt: '2025-01-01T00:00:00Z', seqNo: 0, eventData: [{ eventId: seq, timestamp: '2025-01-01T00:00:00Z', trigger: 'Delta', actualValue: 'Available', component: { name: 'Connector', evse: { id: evseId, connectorId } }, variable: { name: 'AvailabilityState' }, eventNotificationType: 'HardWiredNotification' }] });
    const events = [availability(30, 1, 2), availability(31, 2, 1)];
    const on = (version: '2.0.1' | '2.1'): Evidence => {
      const evidence = station(requiredItems(TWO_EVSES), statusFor([[1, [1]]]));
      return { ...evidence, notifyEvents: events, station: { ...evidence.station, protocol: { version, subprotocol: `ocpp${version}`, offered: [`ocpp${version}`] } } };
    };
    expect(evaluate(on('2.1')).verdict, evaluate(on('2.1')).reason).to.equal('PASS');
    const on201 = evaluate(on('2.0.1'));
    expect(on201.verdict).to.equal('FAIL');
    expect(on201.reason).to.equal('connectors in the FullInventory never reported in StatusNotification after the boot: Connector@1/2, Connector@2/1.');
    const onlySome = evaluate({ ...on('2.1'), notifyEvents: events.slice(0, 1) });
    expect(onlySome.reason).to.equal('connectors in the FullInventory never reported in StatusNotification or NotifyEvent on Connector.AvailabilityState after the boot: Connector@2/1.');
  });
});
