import { expect } from 'chai';
import { ToolError } from '../../../src/errors.js';
import type { DeviceModelEntry } from '../../../src/evidence/evidence.js';
import { chooseTargets, parseTargetOption, TARGET_ROLES } from '../../../src/scenario/targets.js';
import { makeReportItem, type ReportItemOptions } from '../../helpers/evidence-fixture.js';

let nextSeq = 100;
/** A device model entry (Actual attribute, ReadOnly and 'string' unless told, not monitorable). */
function entry(component: string, variable: string, options: ReportItemOptions = {}): DeviceModelEntry {
  return { ...makeReportItem(component, variable, options), seq: nextSeq++ };
}

/** A writable, monitorable integer. */
function writableInteger(component: string, variable: string, value: string, options: ReportItemOptions = {}): DeviceModelEntry {
  return entry(component, variable, { dataType: 'integer', mutability: 'ReadWrite', supportsMonitoring: true, value, ...options });
}

const reasonOf = (role: keyof typeof TARGET_ROLES, candidates: number): string => `${TARGET_ROLES[role]}; ${candidates} candidate(s), first by preference`;
const chosen = (entries: DeviceModelEntry[]) => chooseTargets(entries).targets;
const missingRoles = (entries: DeviceModelEntry[]) => chooseTargets(entries).missing.map((m) => m.role);

function optionError(text: string): ToolError {
  try {
    parseTargetOption(text);
  } catch (error) {
    expect(error).to.be.instanceOf(ToolError);
    expect((error as ToolError).code).to.equal('ERR_INVALID_OPTION');
    return error as ToolError;
  }
  throw new Error(`parseTargetOption("${text}") did not throw`);
}

describe('scenario targets', () => {
  describe('chooseTargets: numeric', () => {
    it('prefers a variable other than HeartbeatInterval, with its derived probe values', () => {
      const heartbeat = writableInteger('OCPPCommCtrlr', 'HeartbeatInterval', '300');
      const offline = writableInteger('OCPPCommCtrlr', 'OfflineThreshold', '60', { minLimit: 0, maxLimit: 3600, unit: 's' });
      expect(chosen([heartbeat, offline]).numeric).to.deep.equal({
        role: 'numeric',
        component: { name: 'OCPPCommCtrlr' },
        variable: { name: 'OfflineThreshold' },
        source: 'auto',
        reason: reasonOf('numeric', 2),
        dataType: 'integer',
        minLimit: 0,
        maxLimit: 3600,
        value: '60',
        above: 62,
        delta: 1,
        outOfRange: 3601,
      });
    });

    it('takes HeartbeatInterval when nothing else fits', () => {
      const target = chosen([writableInteger('OCPPCommCtrlr', 'HeartbeatInterval', '300')]).numeric;
      expect(target?.variable).to.deep.equal({ name: 'HeartbeatInterval' });
      expect(target?.above).to.equal(302);
      expect(target?.delta).to.equal(1);
      expect(target).not.to.have.property('outOfRange');
    });

    it('prefers a station-level variable to one on an EVSE', () => {
      const onEvse = writableInteger('EVSE', 'Limit', '10', { evse: 1 });
      const station = writableInteger('SampledDataCtrlr', 'TxUpdatedInterval', '30');
      expect(chosen([onEvse, station]).numeric?.variable.name).to.equal('TxUpdatedInterval');
    });

    it('derives outOfRange from minLimit - 1 when there is no maxLimit', () => {
      const target = chosen([writableInteger('C', 'V', '20', { minLimit: 10 })]).numeric;
      expect(target?.outOfRange).to.equal(9);
      expect(target?.minLimit).to.equal(10);
      expect(target).not.to.have.property('maxLimit');
    });

    it('has no outOfRange without limits', () => {
      const target = chosen([writableInteger('C', 'V', '20')]).numeric;
      expect(target).to.include({ above: 22, delta: 1 });
      expect(target).not.to.have.property('outOfRange');
    });

    it('handles decimals', () => {
      const target = chosen([writableInteger('C', 'V', '1.5', { dataType: 'decimal', maxLimit: 10.5 })]).numeric;
      expect(target).to.include({ dataType: 'decimal', value: '1.5', above: 3.5, delta: 1, outOfRange: 11.5 });
    });

    it('takes value + 1 as above when value + 2 passes maxLimit', () => {
      const target = chosen([writableInteger('C', 'V', '99', { maxLimit: 100 })]).numeric;
      expect(target).to.include({ value: '99', above: 100, delta: 0, outOfRange: 101 });
    });

    it('does not choose a variable with no room above its value', () => {
      const full = writableInteger('C', 'V', '100', { maxLimit: 100 });
      const over = writableInteger('C', 'W', '150', { maxLimit: 100 });
      const result = chooseTargets([full, over]);
      expect(result.targets.numeric).to.equal(undefined);
      expect(result.missing.map((m) => m.role)).to.include('numeric');
    });

    it('does not choose a variable whose limit no number can hold (a maxLimit of 1e400 reads as Infinity): probes built on it could not be sent', () => {
      const huge = writableInteger('C', 'Huge', '5', { maxLimit: Number.POSITIVE_INFINITY });
      const tiny = writableInteger('C', 'Tiny', '5', { minLimit: Number.NEGATIVE_INFINITY });
      expect(chosen([huge, tiny]).numeric).to.equal(undefined);
      expect(chosen([huge, writableInteger('C', 'Fine', '5', { maxLimit: 10 })]).numeric?.variable.name).to.equal('Fine');
    });

    it('does not choose read-only, unmonitorable, non-numeric, valueless or unparsable variables', () => {
      const entries = [
        writableInteger('A', 'ReadOnly', '1', { mutability: 'ReadOnly' }),
        writableInteger('A', 'WriteOnly', '1', { mutability: 'WriteOnly' }),
        writableInteger('A', 'NoMonitoring', '1', { supportsMonitoring: false }),
        writableInteger('A', 'Text', '1', { dataType: 'string' }),
        writableInteger('A', 'NoValue', '1', { value: null }),
        writableInteger('A', 'NotANumber', 'abc'),
        writableInteger('A', 'NoType', '1', { dataType: null }),
        writableInteger('A', 'OnlyTarget', '1', { attributes: [{ type: 'Target', value: '1', mutability: 'ReadWrite' }] }),
      ];
      expect(chosen(entries).numeric).to.equal(undefined);
    });

    it('does not take an integer whose Actual value is empty text', () => {
      expect(chosen([writableInteger('OCPPCommCtrlr', 'OfflineThreshold', '')]).numeric).to.equal(undefined);
    });

    it('reads an attribute without a type as Actual', () => {
      const target = chosen([writableInteger('A', 'Untyped', '5', { attributes: [{ value: '5', mutability: 'ReadWrite' }] })]).numeric;
      expect(target).to.include({ value: '5', above: 7 });
    });
  });

  describe('chooseTargets: variables never written', () => {
    it('never chooses SecurityCtrlr variables (or the other protected ones) to write', () => {
      const entries = [
        writableInteger('SecurityCtrlr', 'SecurityProfile', '1'),
        writableInteger('SecurityCtrlr', 'CertSigningRepeatTimes', '3', { evse: 1 }),
        writableInteger('OCPPCommCtrlr', 'MessageTimeout', '30'),
        writableInteger('OCPPCommCtrlr', 'WebSocketPingInterval', '30'),
        writableInteger('NetworkConfiguration', 'OcppInterface', '1'),
        entry('SecurityCtrlr', 'Mode', { dataType: 'OptionList', valuesList: 'A,B', value: 'A', mutability: 'ReadWrite', supportsMonitoring: true }),
        entry('ChargingStation', 'Available', { dataType: 'boolean', value: 'true', mutability: 'ReadWrite', supportsMonitoring: true }),
      ];
      const { targets, missing } = chooseTargets(entries);
      expect(targets.numeric).to.equal(undefined);
      expect(targets.nonNumeric).to.equal(undefined);
      expect(missing.map((m) => m.role)).to.include.members(['numeric', 'nonNumeric']);
    });

    it('still writes other OCPPCommCtrlr variables', () => {
      const target = chosen([writableInteger('OCPPCommCtrlr', 'MessageTimeout', '30'), writableInteger('OCPPCommCtrlr', 'OfflineThreshold', '60')]).numeric;
      expect(target?.variable.name).to.equal('OfflineThreshold');
      expect(target?.reason).to.equal(reasonOf('numeric', 1));
    });
  });

  describe('chooseTargets: monitorable', () => {
    it('prefers a read-only numeric reading, station-level first', () => {
      const entries = [
        entry('A', 'RwNumber', { dataType: 'integer', mutability: 'ReadWrite', supportsMonitoring: true, value: '1', maxLimit: 1 }), // too full for numeric
        entry('A', 'RoText', { supportsMonitoring: true, value: 'x' }),
        entry('EVSE', 'Power', { evse: 1, dataType: 'decimal', supportsMonitoring: true, value: '0' }),
        entry('ChargingStation', 'Power', { dataType: 'decimal', supportsMonitoring: true, value: '0' }),
      ];
      const target = chosen(entries).monitorable;
      expect(target).to.deep.equal({
        role: 'monitorable',
        component: { name: 'ChargingStation' },
        variable: { name: 'Power' },
        source: 'auto',
        reason: reasonOf('monitorable', 4),
        dataType: 'decimal',
        value: '0',
      });
    });

    it('prefers a read-only numeric on an EVSE to a read-write numeric', () => {
      const entries = [
        entry('A', 'RwNumber', { dataType: 'integer', mutability: 'ReadWrite', supportsMonitoring: true, value: '1', maxLimit: 1 }),
        entry('EVSE', 'Power', { evse: 1, dataType: 'decimal', supportsMonitoring: true, value: '0' }),
      ];
      expect(chosen(entries).monitorable?.component).to.deep.equal({ name: 'EVSE', evse: { id: 1 } });
    });

    it('prefers a read-write numeric to a read-only non-numeric', () => {
      const entries = [
        entry('A', 'RoText', { supportsMonitoring: true, value: 'x' }),
        entry('A', 'RwNumber', { dataType: 'integer', mutability: 'ReadWrite', supportsMonitoring: true, value: '1', maxLimit: 1 }),
      ];
      expect(chosen(entries).monitorable?.variable.name).to.equal('RwNumber');
    });

    it('does not take a write-only variable or one without an Actual value', () => {
      const entries = [
        entry('A', 'WriteOnly', { dataType: 'integer', mutability: 'WriteOnly', supportsMonitoring: true }),
        entry('A', 'OnlyMaxSet', { dataType: 'integer', supportsMonitoring: true, attributes: [{ type: 'MaxSet', value: '5' }] }),
      ];
      expect(chosen(entries).monitorable).to.equal(undefined);
    });

    it('does not reuse the numeric target', () => {
      const { targets, missing } = chooseTargets([writableInteger('OCPPCommCtrlr', 'OfflineThreshold', '60')]);
      expect(targets.numeric?.variable.name).to.equal('OfflineThreshold');
      expect(targets.monitorable).to.equal(undefined);
      expect(missing.map((m) => m.role)).to.include('monitorable');
    });
  });

  describe('chooseTargets: boolean, unmonitorable, nonNumeric', () => {
    const reading = entry('ChargingStation', 'Power', { dataType: 'decimal', supportsMonitoring: true, value: '0' });

    it('boolean: a monitorable boolean', () => {
      const entries = [reading, entry('Connector', 'Available', { evse: 1, connector: 1, dataType: 'boolean', value: 'true', supportsMonitoring: false }), entry('EVSE', 'Available', { evse: 1, dataType: 'boolean', value: 'true', supportsMonitoring: true })];
      expect(chosen(entries).boolean).to.deep.equal({
        role: 'boolean',
        component: { name: 'EVSE', evse: { id: 1 } },
        variable: { name: 'Available' },
        source: 'auto',
        reason: reasonOf('boolean', 1),
        dataType: 'boolean',
        value: 'true',
      });
    });

    it('unmonitorable: prefers a numeric one, leaves out write-only ones', () => {
      const entries = [
        entry('A', 'Text', { value: 'x' }),
        entry('A', 'Secret', { dataType: 'integer', mutability: 'WriteOnly' }),
        entry('A', 'Count', { dataType: 'integer', value: '3' }),
      ];
      const target = chosen(entries).unmonitorable;
      expect(target?.variable.name).to.equal('Count');
      expect(target?.reason).to.equal(reasonOf('unmonitorable', 2));
    });

    it('unmonitorable: takes a variable without characteristics', () => {
      expect(chosen([entry('A', 'Bare', { characteristics: false, value: 'v' })]).unmonitorable?.variable.name).to.equal('Bare');
    });

    it('nonNumeric: a writable monitorable OptionList, with another listed value as other', () => {
      const mode = entry('A', 'Mode', { dataType: 'OptionList', valuesList: ' On , Off,Auto', value: 'On', mutability: 'ReadWrite', supportsMonitoring: true });
      expect(chosen([reading, mode]).nonNumeric).to.deep.equal({
        role: 'nonNumeric',
        component: { name: 'A' },
        variable: { name: 'Mode' },
        source: 'auto',
        reason: reasonOf('nonNumeric', 1),
        dataType: 'OptionList',
        value: 'On',
        other: 'Off',
      });
    });

    it('nonNumeric: not an OptionList whose only value is the current one, nor a read-only or string one', () => {
      const entries = [
        reading,
        entry('A', 'Single', { dataType: 'OptionList', valuesList: 'On', value: 'On', mutability: 'ReadWrite', supportsMonitoring: true }),
        entry('A', 'ReadOnly', { dataType: 'OptionList', valuesList: 'On,Off', value: 'On', supportsMonitoring: true }),
        entry('A', 'Text', { value: 'x', mutability: 'ReadWrite', supportsMonitoring: true }),
      ];
      expect(chosen(entries).nonNumeric).to.equal(undefined);
    });

    it('nonNumeric: a second writable boolean, with the other value', () => {
      const first = entry('A', 'First', { dataType: 'boolean', value: 'false', supportsMonitoring: true });
      const second = entry('A', 'Second', { dataType: 'boolean', value: 'true', mutability: 'ReadWrite', supportsMonitoring: true });
      const targets = chosen([reading, first, second]);
      expect(targets.boolean?.variable.name).to.equal('First');
      expect(targets.nonNumeric).to.include({ value: 'true', other: 'false' });
      expect(targets.nonNumeric?.variable.name).to.equal('Second');
    });
  });

  describe('chooseTargets: the variables-get-set probes (known, readOnly, writable, constrained, noMaxSet)', () => {
    const address = (target: { component: { name: string }; variable: { name: string } } | undefined): string => (target ? `${target.component.name}.${target.variable.name}` : 'none');

    it('known: a readable variable, a controller’s first, never a write-only one', () => {
      const entries = [entry('EVSE', 'Power', { evse: 1, dataType: 'decimal', value: '0' }), entry('SecurityCtrlr', 'BasicAuthPassword', { mutability: 'WriteOnly' }), entry('ClockCtrlr', 'TimeSource', { value: 'NTP', mutability: 'ReadWrite' })];
      const target = chosen(entries).known;
      expect(address(target)).to.equal('ClockCtrlr.TimeSource');
      expect(target?.reason).to.equal(reasonOf('known', 2));
      expect(chosen([entry('SecurityCtrlr', 'BasicAuthPassword', { mutability: 'WriteOnly' })]).known).to.equal(undefined);
    });

    it('readOnly: a read-only variable with its value; never a protected one, one without a value, nor a clock when there is anything else', () => {
      const entries = [
        entry('SecurityCtrlr', 'SecurityProfile', { dataType: 'integer', value: '1' }),
        entry('ChargingStation', 'AvailabilityState', { dataType: 'OptionList', value: 'Available' }),
        entry('DeviceDataCtrlr', 'NoValue', { dataType: 'integer', value: null }),
        entry('ClockCtrlr', 'DateTime', { dataType: 'dateTime', value: '2025-01-01T00:00:00Z' }),
        entry('DeviceDataCtrlr', 'ItemsPerMessage', { dataType: 'integer', value: '20', variableInstance: 'GetVariables' }),
      ];
      expect(chosen(entries).readOnly).to.deep.equal({
        role: 'readOnly',
        component: { name: 'DeviceDataCtrlr' },
        variable: { name: 'ItemsPerMessage', instance: 'GetVariables' },
        source: 'auto',
        reason: reasonOf('readOnly', 2),
        dataType: 'integer',
        value: '20',
      });
      expect(address(chosen(entries.slice(0, 4)).readOnly)).to.equal('ClockCtrlr.DateTime');
      const { targets, missing } = chooseTargets(entries.slice(0, 3));
      expect(targets.readOnly).to.equal(undefined);
      expect(missing.find((m) => m.role === 'readOnly')?.reason).to.equal('the station reports no read-only variable with a value');
    });

    it('writable: the next value inside the limits, written like the current one', () => {
      expect(chosen([writableInteger('OCPPCommCtrlr', 'OfflineThreshold', '60', { supportsMonitoring: false })]).writable).to.include({ role: 'writable', value: '60', other: '61' });
      expect(chosen([writableInteger('C', 'AtMax', '10', { maxLimit: 10 })]).writable?.other).to.equal('9');
      expect(chosen([writableInteger('C', 'Stuck', '10', { minLimit: 10, maxLimit: 10 })]).writable).to.equal(undefined);
      expect(chosen([writableInteger('C', 'Decimal', '10.0', { dataType: 'decimal' })]).writable?.other).to.equal('11.0');
      expect(chosen([writableInteger('C', 'Decimal', '1.25', { dataType: 'decimal' })]).writable?.other).to.equal('2.25');
      expect(chosen([writableInteger('C', 'Exponent', '1e3', { dataType: 'decimal' })]).writable).to.equal(undefined);
      expect(chosen([entry('AuthCtrlr', 'LocalPreAuthorize', { dataType: 'boolean', value: 'false', mutability: 'ReadWrite' })]).writable?.other).to.equal('true');
      expect(chosen([entry('C', 'Mode', { dataType: 'OptionList', valuesList: 'A,B', value: 'A', mutability: 'ReadWrite' })]).writable?.other).to.equal('B');
      // A free string has no value the audit knows to be valid.
      expect(chosen([entry('C', 'Name', { value: 'x', mutability: 'ReadWrite' })]).writable).to.equal(undefined);
    });

    it('writable: an integer before a boolean, HeartbeatInterval last, never a protected variable nor a read-only one', () => {
      const entries = [
        writableInteger('OCPPCommCtrlr', 'HeartbeatInterval', '300'),
        writableInteger('OCPPCommCtrlr', 'MessageTimeout', '30'),
        writableInteger('C', 'ReadOnly', '5', { mutability: 'ReadOnly' }),
        entry('AuthCtrlr', 'LocalPreAuthorize', { dataType: 'boolean', value: 'false', mutability: 'ReadWrite' }),
        writableInteger('TxCtrlr', 'EVConnectionTimeOut', '120'),
      ];
      expect(address(chosen(entries).writable)).to.equal('TxCtrlr.EVConnectionTimeOut');
      expect(address(chosen(entries.slice(0, 4)).writable)).to.equal('AuthCtrlr.LocalPreAuthorize');
      expect(address(chosen(entries.slice(0, 3)).writable)).to.equal('OCPPCommCtrlr.HeartbeatInterval');
      expect(chosen(entries.slice(1, 3)).writable).to.equal(undefined);
    });

    it('constrained: a value the data type, the values list or a string limit rules out', () => {
      const invalidOf = (e: DeviceModelEntry): string | undefined => chosen([e]).constrained?.invalid;
      expect(invalidOf(writableInteger('C', 'I', '1'))).to.equal('not-a-number');
      expect(invalidOf(writableInteger('C', 'D', '1.5', { dataType: 'decimal' }))).to.equal('not-a-number');
      expect(invalidOf(entry('C', 'B', { dataType: 'boolean', value: 'true', mutability: 'ReadWrite' }))).to.equal('not-a-boolean');
      expect(invalidOf(entry('C', 'T', { dataType: 'dateTime', value: '2025-01-01T00:00:00Z', mutability: 'ReadWrite' }))).to.equal('not-a-date-time');
      const listed = invalidOf(entry('C', 'L', { dataType: 'MemberList', valuesList: 'A,B', value: 'A', mutability: 'ReadWrite' }));
      expect(listed).to.be.a('string').and.not.be.oneOf(['A', 'B', '']);
      expect(invalidOf(entry('C', 'S', { value: 'ab', maxLimit: 3, mutability: 'ReadWrite' }))).to.equal('xxxx');
      // Nothing is ruled out: a free string, a list without its values, a read-only or protected variable.
      expect(invalidOf(entry('C', 'S', { value: 'ab', mutability: 'ReadWrite' }))).to.equal(undefined);
      expect(invalidOf(entry('C', 'L', { dataType: 'OptionList', value: 'A', mutability: 'ReadWrite' }))).to.equal(undefined);
      expect(invalidOf(writableInteger('C', 'I', '1', { mutability: 'ReadOnly' }))).to.equal(undefined);
      expect(invalidOf(writableInteger('SecurityCtrlr', 'CertSigningRepeatTimes', '1'))).to.equal(undefined);
      expect(chosen([writableInteger('C', 'I', '1')]).constrained?.reason).to.equal(reasonOf('constrained', 1));
    });

    it('noMaxSet: a variable without a MaxSet attribute, a read-only one first, with the value the probe writes', () => {
      const limited = writableInteger('SmartChargingCtrlr', 'Limit', '5', { attributes: [{ type: 'Actual', value: '5', mutability: 'ReadWrite' }, { type: 'MaxSet', value: '10', mutability: 'ReadWrite' }] });
      const settable = writableInteger('TxCtrlr', 'EVConnectionTimeOut', '120');
      const fixed = entry('DeviceDataCtrlr', 'ItemsPerMessage', { dataType: 'integer', value: '20', variableInstance: 'GetReport' });
      expect(chosen([limited, settable, fixed]).noMaxSet).to.include({ role: 'noMaxSet', value: '20', reason: reasonOf('noMaxSet', 2) });
      expect(address(chosen([limited, settable]).noMaxSet)).to.equal('TxCtrlr.EVConnectionTimeOut');
      expect(chosen([limited]).noMaxSet).to.equal(undefined);
    });

    it('the probes may share a variable with each other and with the monitoring roles; the monitoring roles stay distinct', () => {
      const { targets } = chooseTargets([writableInteger('OCPPCommCtrlr', 'OfflineThreshold', '60')]);
      for (const role of ['numeric', 'known', 'writable', 'constrained', 'noMaxSet'] as const) expect(address(targets[role]), role).to.equal('OCPPCommCtrlr.OfflineThreshold');
      expect(targets.monitorable).to.equal(undefined);
    });

    it('a user-given probe target is taken as given and leaves the variable to the other roles', () => {
      const offline = writableInteger('OCPPCommCtrlr', 'OfflineThreshold', '60');
      const { targets } = chooseTargets([offline], { writable: { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' } } });
      expect(targets.writable).to.include({ source: 'user', reason: 'chosen by the user', other: '61' });
      expect(address(targets.numeric)).to.equal('OCPPCommCtrlr.OfflineThreshold');
    });
  });

  describe('chooseTargets: no device model yet', () => {
    it('takes only the user’s targets, as given, and lists nothing as missing', () => {
      const { targets, missing } = chooseTargets(undefined, { monitorable: { component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' } } });
      expect(targets).to.deep.equal({
        monitorable: { role: 'monitorable', component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' }, source: 'user', reason: 'chosen by the user (no FullInventory to check it against)' },
      });
      expect(missing).to.deep.equal([]);
    });
  });

  describe('chooseTargets: missing roles', () => {
    it('lists every role nothing fits, in role order, with the reason', () => {
      const { targets, missing } = chooseTargets([]);
      expect(targets).to.deep.equal({});
      expect(missing.map((m) => m.role)).to.deep.equal(['numeric', 'monitorable', 'boolean', 'unmonitorable', 'nonNumeric', 'known', 'readOnly', 'writable', 'constrained', 'noMaxSet']);
      expect(missing.map((m) => m.reason)).to.deep.equal([
        'the station reports no writable, monitorable integer or decimal',
        'the station reports no monitorable variable for periodic reports (a read-only reading when there is one)',
        'the station reports no monitorable boolean',
        'the station reports no variable that does not support monitoring',
        'the station reports no writable, monitorable non-numeric variable',
        'the station reports no readable variable',
        'the station reports no read-only variable with a value',
        'the station reports no writable variable with another valid value',
        'the station reports no writable variable whose data type, limits or values list rule out some value',
        'the station reports no variable without a MaxSet attribute',
      ]);
    });

    it('lists only the roles left empty', () => {
      const entries = [writableInteger('OCPPCommCtrlr', 'OfflineThreshold', '60'), entry('ChargingStation', 'Power', { dataType: 'decimal', supportsMonitoring: true, value: '0' })];
      expect(missingRoles(entries)).to.deep.equal(['boolean', 'unmonitorable', 'nonNumeric']);
    });
  });

  describe('chooseTargets: user overrides', () => {
    it('takes the variable the user names from the model (names case-insensitive), with derived values', () => {
      const heartbeat = writableInteger('OCPPCommCtrlr', 'HeartbeatInterval', '300', { maxLimit: 86400 });
      const offline = writableInteger('OCPPCommCtrlr', 'OfflineThreshold', '60');
      const { targets, missing } = chooseTargets([heartbeat, offline], { numeric: { component: { name: 'ocppcommctrlr' }, variable: { name: 'heartbeatinterval' } } });
      expect(targets.numeric).to.deep.equal({
        role: 'numeric',
        component: { name: 'OCPPCommCtrlr' },
        variable: { name: 'HeartbeatInterval' },
        source: 'user',
        reason: 'chosen by the user',
        dataType: 'integer',
        maxLimit: 86400,
        value: '300',
        above: 302,
        delta: 1,
        outOfRange: 86401,
      });
      expect(missing.map((m) => m.role)).not.to.include('numeric');
    });

    it('takes the user’s variable even when it would not fit the role', () => {
      const readOnly = entry('A', 'Text', { value: 'x' });
      const target = chooseTargets([readOnly], { nonNumeric: { component: { name: 'A' }, variable: { name: 'Text' } } }).targets.nonNumeric;
      expect(target).to.deep.equal({ role: 'nonNumeric', component: { name: 'A' }, variable: { name: 'Text' }, source: 'user', reason: 'chosen by the user', dataType: 'string', value: 'x' });
    });

    it('keeps a variable the station did not report, saying so', () => {
      const { targets } = chooseTargets([writableInteger('OCPPCommCtrlr', 'OfflineThreshold', '60')], {
        numeric: { component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power', instance: 'Max' } },
      });
      expect(targets.numeric).to.deep.equal({
        role: 'numeric',
        component: { name: 'EVSE', evse: { id: 1 } },
        variable: { name: 'Power', instance: 'Max' },
        source: 'user',
        reason: 'chosen by the user; the station did not report this variable',
      });
    });

    it('marks the user’s variable as used, so no automatic choice takes it too', () => {
      const offline = writableInteger('OCPPCommCtrlr', 'OfflineThreshold', '60');
      const { targets } = chooseTargets([offline], { numeric: { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' } } });
      expect(targets.numeric?.source).to.equal('user');
      expect(targets.monitorable).to.equal(undefined);
    });

    it('matches the EVSE and the instances of the address exactly', () => {
      const onEvse = entry('EVSE', 'Power', { evse: 1, dataType: 'decimal', supportsMonitoring: true, value: '0', variableInstance: 'Max' });
      const sameAddress = chooseTargets([onEvse], { monitorable: { component: { name: 'EVSE', evse: { id: 1, connectorId: 0 } }, variable: { name: 'Power', instance: 'Max' } } });
      expect(sameAddress.targets.monitorable?.reason).to.equal('chosen by the user');
      const noEvse = chooseTargets([onEvse], { monitorable: { component: { name: 'EVSE' }, variable: { name: 'Power', instance: 'Max' } } });
      expect(noEvse.targets.monitorable?.reason).to.equal('chosen by the user; the station did not report this variable');
      const noInstance = chooseTargets([onEvse], { monitorable: { component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' } } });
      expect(noInstance.targets.monitorable?.reason).to.equal('chosen by the user; the station did not report this variable');
    });
  });

  describe('parseTargetOption', () => {
    it('Component/Variable is the numeric target', () => {
      expect(parseTargetOption('OCPPCommCtrlr/OfflineThreshold')).to.deep.equal({ role: 'numeric', component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' } });
    });

    it('role=Component.instance@evse:connector/Variable.instance', () => {
      expect(parseTargetOption('monitorable=Connector.main@1:2/Power.Active')).to.deep.equal({
        role: 'monitorable',
        component: { name: 'Connector', instance: 'main', evse: { id: 1, connectorId: 2 } },
        variable: { name: 'Power', instance: 'Active' },
      });
    });

    it('an EVSE without a connector', () => {
      expect(parseTargetOption('boolean=EVSE@2/Available')).to.deep.equal({ role: 'boolean', component: { name: 'EVSE', evse: { id: 2 } }, variable: { name: 'Available' } });
    });

    it('trims surrounding spaces', () => {
      expect(parseTargetOption('  nonNumeric=A/B  ')).to.deep.equal({ role: 'nonNumeric', component: { name: 'A' }, variable: { name: 'B' } });
    });

    it('every role name', () => {
      for (const role of Object.keys(TARGET_ROLES)) expect(parseTargetOption(`${role}=A/B`).role).to.equal(role);
    });

    it('bad syntax is ERR_INVALID_OPTION with the expected form', () => {
      expect(optionError('OfflineThreshold').message).to.equal('--target "OfflineThreshold": expected [role=]Component[.instance][@evse[:connector]]/Variable[.instance]');
      for (const text of ['', 'A/', '/B', 'A@x/B', 'A@1:/B', 'A/B/C', 'numeric=']) optionError(text);
    });

    it('names every object has (toString, constructor, __proto__) are not roles', () => {
      for (const role of ['toString', 'constructor', 'valueOf', '__proto__']) expect(optionError(`${role}=A/B`).message).to.match(/unknown role/);
    });

    it('an unknown role is ERR_INVALID_OPTION listing the roles', () => {
      expect(optionError('bogus=A/B').message).to.equal('--target "bogus=A/B": unknown role "bogus" (roles: numeric, targetDelta, monitorable, boolean, unmonitorable, nonNumeric, known, readOnly, writable, constrained, noMaxSet)');
    });
  });
});
