import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { chargexFaultCodes } from '../../../src/checks/chargex-fault-codes.js';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { CHARGEX_CODES, chargeXCode } from '../../../src/checks/events/chargex-codes.js';
import type { ComponentRefJson, DeviceModelEntry, Evidence, VariableRefJson } from '../../../src/evidence/evidence.js';
import { eventData, evidence, notifyEvent, PROBLEM, STATION } from './event-fixtures.js';

function judge(e: Evidence): CheckResult {
  const result = chargexFaultCodes.evaluate(e);
  if (Array.isArray(result)) throw new Error('one result expected');
  return result;
}

const RCD: ComponentRefJson = { name: 'RCD' };
const TRIPPED: VariableRefJson = { name: 'Tripped' };
const LOCK: ComponentRefJson = { name: 'ConnectorPlugRetentionLock', evse: { id: 1, connectorId: 1 } };
const EVSE1: ComponentRefJson = { name: 'EVSE', evse: { id: 1 } };

function entry(component: ComponentRefJson, variable: VariableRefJson, seq = 5): DeviceModelEntry {
  return { component, variable, variableAttribute: [{ type: 'Actual', value: 'false', mutability: 'ReadOnly' }], variableCharacteristics: { dataType: 'boolean', supportsMonitoring: true }, seq };
}

/** A FullInventory with ChargingStation.Problem, RCD.Tripped and the connector lock's Problem. */
const INVENTORY = [entry(STATION, PROBLEM), entry(RCD, TRIPPED), entry(LOCK, PROBLEM)];

function fault(input: { techCode?: string; component?: ComponentRefJson; variable?: VariableRefJson; cleared?: boolean; actualValue?: string }): Record<string, unknown> {
  return eventData({
    eventNotificationType: 'HardWiredNotification',
    trigger: 'Alerting',
    component: input.component ?? RCD,
    variable: input.variable ?? TRIPPED,
    actualValue: input.actualValue ?? (input.cleared ? 'false' : 'true'),
    ...(input.techCode !== undefined ? { techCode: input.techCode } : {}),
    ...(input.cleared !== undefined ? { cleared: input.cleared } : {}),
  });
}

function withEvents(events: Array<Record<string, unknown>>, deviceModel: Evidence['deviceModel'] = { complete: true, entries: INVENTORY }): Evidence {
  return evidence({ notifyEvents: events.map((data, i) => notifyEvent(20 + i, 10 + i, [data])), deviceModel });
}

describe('check chargex-fault-codes', () => {
  it('is registered with its refs, ChargeX named as the source', () => {
    expect(ALL_CHECKS.map((c) => c.id)).to.include('chargex-fault-codes');
    expect(chargexFaultCodes.category).to.equal('events');
    expect(chargexFaultCodes.refs).to.include.members(['N07.FR.02', 'N07.FR.06', 'TC_N_20']);
    expect(chargexFaultCodes.refs.some((ref) => ref.includes('ChargeX'))).to.equal(true);
  });

  it('knows the 26 ChargeX codes CX001–CX026, each with a name and a meaning, and nothing else', () => {
    expect(CHARGEX_CODES.map((c) => c.code)).to.deep.equal(Array.from({ length: 26 }, (_, i) => `CX${String(i + 1).padStart(3, '0')}`));
    for (const code of CHARGEX_CODES) {
      expect(code.name).to.match(/^[A-Za-z]+$/);
      expect(code.meaning).to.have.length.above(10);
    }
    expect(chargeXCode('CX002')?.name).to.equal('GroundFailure');
    expect(chargeXCode('CX027')).to.equal(undefined);
    expect(chargeXCode('cx002')).to.equal(undefined);
    expect(chargeXCode('GroundFailure')).to.equal(undefined);
  });

  it('NOT APPLICABLE when no event carries a techCode', () => {
    const result = judge(withEvents([fault({}), fault({ cleared: true })]));
    expect(result.verdict).to.equal('NOT APPLICABLE');
    expect(result.reason).to.contain('techCode');
  });

  it('PASS for a known code raised and cleared on a reported variable', () => {
    const result = judge(withEvents([fault({ techCode: 'CX002' }), fault({ techCode: 'CX002', cleared: true })]));
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.contain('CX002 GroundFailure');
    expect(result.reason).to.contain('1 raised fault(s) were cleared later (CX002 on RCD.Tripped)');
    expect(result.seqs).to.deep.equal([20, 21]);
    expect(result.details?.['faults']).to.deep.equal([{ code: 'CX002', place: 'RCD.Tripped', raisedSeq: 20, clearedSeq: 21, raisedAgain: 0 }]);
  });

  it('a clear without a techCode (CharIN UEC style) still clears the raise on the same variable', () => {
    const result = judge(withEvents([fault({ techCode: 'CX025', component: LOCK, variable: PROBLEM }), fault({ component: LOCK, variable: PROBLEM, cleared: true })]));
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.contain('cleared later (CX025 on ConnectorPlugRetentionLock@1/1.Problem)');
  });

  it('a Delta monitor on the flag clears it with its "false" event (cleared does not apply to deltas)', () => {
    const delta = (actualValue: string): Record<string, unknown> => eventData({ eventNotificationType: 'HardWiredMonitor', trigger: 'Delta', component: RCD, variable: TRIPPED, actualValue, variableMonitoringId: 3, techCode: 'CX002' });
    const result = judge(withEvents([delta('true'), delta('false')]));
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.contain('1 raised fault(s) were cleared later (CX002 on RCD.Tripped)');
    expect(result.reason).not.to.contain('stayed raised');
  });

  it('a fault still raised at the end is said, not held against the station', () => {
    const result = judge(withEvents([fault({ techCode: 'CX002' }), fault({ techCode: 'CX002' }), fault({ techCode: 'CX025', component: LOCK, variable: PROBLEM })]));
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.contain('2 stayed raised until the audit ended (CX002 on RCD.Tripped, CX025 on ConnectorPlugRetentionLock@1/1.Problem)');
    expect((result.details?.['faults'] as Array<{ raisedAgain: number }>)[0]?.raisedAgain).to.equal(1);
  });

  it('a clear on another variable, or of another code, does not clear the raise', () => {
    const result = judge(withEvents([fault({ techCode: 'CX002' }), fault({ techCode: 'CX002', component: STATION, variable: PROBLEM, cleared: true }), fault({ techCode: 'CX004', cleared: true })]));
    expect(result.reason).to.contain('1 stayed raised until the audit ended (CX002 on RCD.Tripped)');
    expect(result.reason).not.to.contain('were cleared later');
  });

  it('WARN for a code outside the ChargeX list, naming it', () => {
    const result = judge(withEvents([fault({ techCode: 'E-4711', component: STATION, variable: PROBLEM }), fault({ techCode: 'E-4711', component: STATION, variable: PROBLEM, cleared: true })]));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.contain('2 of 2 event(s) carry a code outside the ChargeX list (E-4711 on ChargingStation.Problem)');
    expect(result.reason).to.contain('cleared later');
    expect(result.details?.['unknownCodes']).to.deep.equal(['E-4711']);
  });

  it('WARN for a fault on a component/variable the FullInventory does not report (EVerest EVSE.Problem)', () => {
    const result = judge(withEvents([fault({ techCode: 'CX017', component: EVSE1, variable: PROBLEM }), fault({ techCode: 'CX017', component: EVSE1, variable: PROBLEM, cleared: true })]));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.contain('Fault events name EVSE@1.Problem, which the station\'s FullInventory does not report');
    expect(result.details?.['unreported']).to.deep.equal(['EVSE@1.Problem']);
  });

  it('a FullInventory cut off proves no absence: PASS with the place unknown', () => {
    const result = judge(withEvents([fault({ techCode: 'CX017', component: EVSE1, variable: PROBLEM })], { complete: false, entries: INVENTORY }));
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.contain('whether EVSE@1.Problem exist is unknown: the FullInventory never finished');
  });

  it('without any FullInventory the codes are still judged, and the reason says the place was not', () => {
    const result = judge(withEvents([fault({ techCode: 'CX099' })], { complete: true, entries: [] }));
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.contain('outside the ChargeX list (CX099 on RCD.Tripped)');
    expect(result.reason).to.contain('no FullInventory to compare with');
  });

  it('a malformed techCode (not a string) is no techCode, and never a crash', () => {
    const bad = { ...fault({}), techCode: 42 };
    const result = judge(withEvents([bad, { nonsense: true }]));
    expect(result.verdict).to.equal('NOT APPLICABLE');
  });
});
