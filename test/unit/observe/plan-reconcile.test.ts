import { expect } from 'chai';
import type { StationMonitor } from '../../../src/evidence/station-monitors.js';
import { reconcileMonitors, type HeldMonitor } from '../../../src/observe/observer/plan-reconcile.js';
import { placementKey, placePlan, type PlacedMonitor } from '../../../src/observe/observer/resolve-plan.js';
import type { DeviceModelEntry } from '../../../src/evidence/evidence.js';

const component = { name: 'Connector', evse: { id: 1, connectorId: 1 } };
const variable = { name: 'Temperature' };
const placed: PlacedMonitor = { key: placementKey(component, variable, 'Periodic'), component, variable, type: 'Periodic', value: 300, severity: 8, why: 'a sample' };
const asPlanned = (id: number): StationMonitor => ({ id, component, variable, type: 'Periodic', value: 300, severity: 8, transaction: false, seq: 1 });
const held = (entry: HeldMonitor): Map<string, HeldMonitor> => new Map([[placed.key, entry]]);

describe('reconcileMonitors: what the station\'s monitors mean for each plan monitor', () => {
  it('never held and not on the station: set it', () => {
    expect(reconcileMonitors([placed], [], new Map(), 'boot')).to.deep.equal([{ placed, set: {} }]);
  });

  it('already on the station as planned (observe started after it was set): recorded accepted once, not set again', () => {
    const [decision] = reconcileMonitors([placed], [asPlanned(7)], new Map(), 'reconnect');
    expect(decision?.set).to.equal(undefined);
    expect(decision?.record).to.deep.equal({ outcome: 'accepted', detail: 'on the station as planned (id 7)' });
    const [again] = reconcileMonitors([placed], [asPlanned(7)], held({ id: 7, outcome: 'accepted' }), 'check');
    expect(again?.record).to.equal(undefined);
  });

  it('held and gone after a boot: lost, set again', () => {
    const [decision] = reconcileMonitors([placed], [], held({ id: 7, outcome: 'accepted' }), 'boot');
    expect(decision?.record?.outcome).to.equal('lost');
    expect(decision?.record?.detail).to.equal("gone from the station's monitoring report (it was id 7) after the station rebooted");
    expect(decision?.set).to.deep.equal({});
  });

  it('held and changed while connected: drifted, and set again over the changed monitor\'s id', () => {
    const changed = { ...asPlanned(7), value: 3600 };
    const [decision] = reconcileMonitors([placed], [changed], held({ id: 7, outcome: 'accepted' }), 'check');
    expect(decision?.record?.outcome).to.equal('drifted');
    expect(decision?.record?.detail).to.match(/^changed: the station now holds monitor #7 .*3600 s.* while the station stayed connected$/);
    expect(decision?.set).to.deep.equal({ replaceId: 7 });
  });

  it('refused before: asked again after a boot or reconnect, not at every check', () => {
    const refused = held({ outcome: 'refused', detail: 'SetVariableMonitoring answered Rejected' });
    expect(reconcileMonitors([placed], [], refused, 'reconnect')[0]?.set).to.deep.equal({});
    expect(reconcileMonitors([placed], [], refused, 'check')[0]?.set).to.equal(undefined);
  });

  it('no monitoring report: set after a boot or when never tried, else left alone', () => {
    expect(reconcileMonitors([placed], undefined, new Map(), 'check')[0]?.set).to.deep.equal({});
    expect(reconcileMonitors([placed], undefined, held({ outcome: 'unverified' }), 'boot')[0]?.set).to.deep.equal({});
    expect(reconcileMonitors([placed], undefined, held({ outcome: 'unverified' }), 'check')[0]?.set).to.equal(undefined);
  });
});

describe('placePlan: the plan on the station\'s own device model', () => {
  const entry = (name: string, evse: number | undefined, variableName: string, supportsMonitoring: boolean | undefined): DeviceModelEntry => ({
    component: { name, ...(evse !== undefined ? { evse: { id: evse } } : {}) },
    variable: { name: variableName },
    variableAttribute: [{ type: 'Actual', value: '1' }],
    ...(supportsMonitoring !== undefined ? { variableCharacteristics: { dataType: 'decimal', supportsMonitoring } } : {}),
    seq: 1,
  });
  const plan = {
    source: 'test',
    settings: {},
    monitors: [
      { component: { name: 'EVSE' }, variable: { name: 'Power' }, type: 'Periodic' as const, value: 300, severity: 8, why: 'power' },
      { component: { name: 'PowerModule' }, variable: { name: 'Temperature' }, type: 'Periodic' as const, value: 300, severity: 8, why: 'absent' },
      { component: { name: 'DataLink' }, variable: { name: 'SignalStrength' }, type: 'Periodic' as const, value: 300, severity: 8, why: 'not monitorable' },
    ],
  };

  it('one monitor per EVSE the station reports; nothing asked for a variable it lacks or cannot monitor', () => {
    const { placed: onStation, unplaced } = placePlan(plan, [entry('EVSE', 1, 'Power', true), entry('EVSE', 2, 'Power', true), entry('DataLink', undefined, 'SignalStrength', false)]);
    expect(onStation.map((p) => p.component)).to.deep.equal([{ name: 'EVSE', evse: { id: 1 } }, { name: 'EVSE', evse: { id: 2 } }]);
    expect(unplaced.map((u) => u.why)).to.deep.equal(['the station does not report this variable', 'the station reports this variable without monitoring support (supportsMonitoring is not true)']);
  });
});
