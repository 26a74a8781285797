import { expect } from 'chai';
import { availabilityEvents } from '../../../src/checks/availability-events.js';
import type { CheckResult } from '../../../src/checks/check.js';
import type { CollectedMessage, Evidence } from '../../../src/evidence/evidence.js';
import { makeMessage, makeStatusNotification } from '../../helpers/evidence-fixture.js';
import { fullInventoryEvidence, requiredItems, type Layout } from './inventory-fixture.js';

const STATION_21 = { identity: 'CS-21', securityProfile: 0, protocol: { version: '2.1' as const, subprotocol: 'ocpp2.1', offered: ['ocpp2.1'] } };
const TWO_BY_TWO: Layout = [
  [1, [1, 2]],
  [2, [1, 2]],
];
const BOOT = makeMessage(1, 'BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'V', model: 'M' } });

/** A NotifyEvent on Connector.AvailabilityState, as B01.FR.05 wants one per connector. */
function availability(seq: number, evseId: number, connectorId: number | undefined, value: unknown = 'Available'): CollectedMessage {
  const component = { name: 'Connector', evse: { id: evseId, ...(connectorId !== undefined ? { connectorId } : {}) } };
  return makeMessage(seq, 'NotifyEvent', { generatedAt: '2025-01-01T00:00:00Z', seqNo: 0, eventData: [{ eventId: seq, timestamp: '2025-01-01T00:00:00Z', trigger: 'Delta', actualValue: value, component, variable: { name: 'AvailabilityState' }, eventNotificationType: 'HardWiredNotification', severity: 8 }] });
}

function evaluate(notifyEvents: CollectedMessage[], statusNotifications: CollectedMessage[] = [], boots = [BOOT]): CheckResult {
  const input: Evidence = fullInventoryEvidence(requiredItems(TWO_BY_TWO), { evidence: { station: STATION_21, notifyEvents, statusNotifications, boots } });
  return availabilityEvents.evaluate(input) as CheckResult;
}

const all = (first: number): CollectedMessage[] => [availability(first, 1, 1), availability(first + 1, 1, 2), availability(first + 2, 2, 1), availability(first + 3, 2, 2)];

describe('availability-events (OCPP 2.1 B01.FR.05, G01)', () => {
  it('PASS: a NotifyEvent on Connector.AvailabilityState for every connector of the inventory after the boot', () => {
    const result = evaluate(all(10), [makeStatusNotification(20, 1, 1)]);
    expect(result.verdict, result.reason).to.equal('PASS');
    expect(result.reason).to.equal('Every one of the 4 connectors of the FullInventory reported its AvailabilityState in a NotifyEvent after the boot.');
    expect(result.seqs).to.deep.equal([10, 11, 12, 13]);
  });

  it('WARN when connectors come only as StatusNotification: allowed, but deprecated in 2.1', () => {
    const result = evaluate(all(10).slice(0, 2), [makeStatusNotification(20, 2, 1), makeStatusNotification(21, 2, 2)]);
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.equal('connectors whose availability came only as StatusNotification, which OCPP 2.1 deprecates in favour of NotifyEvent on Connector.AvailabilityState: connector 2/1, connector 2/2.');
    expect(result.seqs).to.deep.equal([20, 21]);
  });

  it('FAIL when a connector is never reported after the boot, or a NotifyEvent names a connector the inventory lacks or numbers it from 0', () => {
    const missing = evaluate(all(10).slice(0, 3));
    expect(missing.verdict).to.equal('FAIL');
    expect(missing.reason).to.include('never came after the boot, neither as NotifyEvent nor as StatusNotification (B01.FR.05): connector 2/2');
    const stranger = evaluate([...all(10), availability(14, 3, 1)]);
    expect(stranger.verdict).to.equal('FAIL');
    expect(stranger.reason).to.include('the FullInventory lacks: connector 3/1');
    expect(evaluate([...all(10), availability(14, 1, undefined)]).reason).to.match(/^NotifyEvent on Connector.AvailabilityState without an evse.id and connectorId of 1 or more: seq 14/);
  });

  it('a station that did not boot during the audit may report only changes: a silent connector is a WARN; an odd state is a WARN', () => {
    const quiet = evaluate(all(10).slice(0, 3), [], []);
    expect(quiet.verdict).to.equal('WARN');
    expect(quiet.reason).to.include('the station did not boot during the audit');
    const odd = evaluate([...all(10).slice(0, 3), availability(13, 2, 2, 'Charging')]);
    expect(odd.verdict).to.equal('WARN');
    expect(odd.reason).to.include('AvailabilityState values outside ConnectorStatusEnumType: "Charging" for connector 2/2');
  });

  it('events from before the boot do not count for B01.FR.05', () => {
    const result = evaluate([availability(0, 1, 1), ...all(10).slice(1)], [], [makeMessage(5, 'BootNotification', {})]);
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.include('connector 1/1');
  });
});
