import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ToolError } from '../../../src/errors.js';
import type { DeviceModel } from '../../../src/simulator/device-model/device-model.js';
import { componentLabel, variableLabel, type ComponentRef, type DataType, type Mutability, type VariableEntry, type VariableRef } from '../../../src/simulator/device-model/types.js';
import { checkValue, isNumeric } from '../../../src/simulator/device-model/value-check.js';
import { builtInProfiles, loadStationProfile, PROFILE_DIRECTORY, type StationProfile } from '../../../src/simulator/station-profile.js';

type Tier = 'station' | 'evse' | 'connector';

const RO: Mutability[] = ['ReadOnly'];
const RW: Mutability[] = ['ReadWrite'];
const RO_OR_RW: Mutability[] = ['ReadOnly', 'ReadWrite'];
const AVAILABILITY_STATES = 'Available,Occupied,Reserved,Unavailable,Faulted';
const TIME_SOURCES = 'Heartbeat,NTP,GPS,RealTimeClock,MobileNetwork,RadioTimeTransmitter';
const FILE_TRANSFER_PROTOCOLS = 'FTP,FTPS,HTTP,HTTPS,SFTP';
const TX_POINTS = 'ParkingBayOccupancy,EVConnected,Authorized,PowerPathClosed,EnergyTransfer,DataSigned';

interface RequiredRow {
  component: string;
  /** Where the component sits: once for the station (default), on every EVSE, on every connector. */
  tier?: Tier;
  variables: string[];
  instances?: string[];
  mutability: Mutability[];
  dataType: DataType;
  unit?: string[];
  maxLimitPositive?: true;
  /** The valuesList must be exactly this. */
  valuesList?: string;
  /** The valuesList must be a subset of this. */
  valuesSubsetOf?: string;
}

/** OCTT TC_B_53_CS "Required Core" (facts §3.2, P6 pp. 77–80), one row per table line. */
const REQUIRED_CORE: RequiredRow[] = [
  { component: 'AlignedDataCtrlr', variables: ['Interval'], mutability: RW, dataType: 'integer', unit: ['s'] },
  { component: 'AlignedDataCtrlr', variables: ['Measurands'], mutability: RW, dataType: 'MemberList', maxLimitPositive: true },
  { component: 'AlignedDataCtrlr', variables: ['TxEndedInterval'], mutability: RW, dataType: 'integer', unit: ['s'] },
  { component: 'AlignedDataCtrlr', variables: ['TxEndedMeasurands'], mutability: RW, dataType: 'MemberList', maxLimitPositive: true },
  { component: 'AuthCtrlr', variables: ['AuthorizeRemoteStart'], mutability: RO_OR_RW, dataType: 'boolean' },
  { component: 'AuthCtrlr', variables: ['LocalAuthorizeOffline'], mutability: RW, dataType: 'boolean' },
  { component: 'AuthCtrlr', variables: ['LocalPreAuthorize'], mutability: RW, dataType: 'boolean' },
  { component: 'ChargingStation', variables: ['AvailabilityState'], mutability: RO, dataType: 'OptionList', valuesList: AVAILABILITY_STATES },
  { component: 'ChargingStation', variables: ['Available'], mutability: RO, dataType: 'boolean' },
  { component: 'ChargingStation', variables: ['SupplyPhases'], mutability: RO, dataType: 'integer' },
  { component: 'ClockCtrlr', variables: ['DateTime'], mutability: RO, dataType: 'dateTime' },
  { component: 'ClockCtrlr', variables: ['TimeSource'], mutability: RW, dataType: 'SequenceList', valuesSubsetOf: TIME_SOURCES },
  { component: 'Connector', tier: 'connector', variables: ['AvailabilityState'], mutability: RO, dataType: 'OptionList', valuesList: AVAILABILITY_STATES },
  { component: 'Connector', tier: 'connector', variables: ['Available'], mutability: RO, dataType: 'boolean' },
  { component: 'Connector', tier: 'connector', variables: ['ConnectorType'], mutability: RO, dataType: 'string' },
  { component: 'Connector', tier: 'connector', variables: ['SupplyPhases'], mutability: RO, dataType: 'integer' },
  { component: 'DeviceDataCtrlr', variables: ['BytesPerMessage'], instances: ['GetReport', 'GetVariables', 'SetVariables'], mutability: RO, dataType: 'integer' },
  { component: 'DeviceDataCtrlr', variables: ['ItemsPerMessage'], instances: ['GetReport', 'GetVariables', 'SetVariables'], mutability: RO, dataType: 'integer' },
  { component: 'EVSE', tier: 'evse', variables: ['AvailabilityState'], mutability: RO, dataType: 'OptionList', valuesList: AVAILABILITY_STATES },
  { component: 'EVSE', tier: 'evse', variables: ['Available'], mutability: RO, dataType: 'boolean' },
  { component: 'EVSE', tier: 'evse', variables: ['Power'], mutability: RO, dataType: 'decimal', unit: ['W', 'kW'], maxLimitPositive: true },
  { component: 'EVSE', tier: 'evse', variables: ['SupplyPhases'], mutability: RO, dataType: 'integer' },
  { component: 'OCPPCommCtrlr', variables: ['FileTransferProtocols'], mutability: RO, dataType: 'MemberList', valuesSubsetOf: FILE_TRANSFER_PROTOCOLS },
  { component: 'OCPPCommCtrlr', variables: ['MessageTimeout'], instances: ['Default'], mutability: RO, dataType: 'integer', unit: ['s'] },
  { component: 'OCPPCommCtrlr', variables: ['MessageAttemptInterval'], instances: ['TransactionEvent'], mutability: RW, dataType: 'integer', unit: ['s'] },
  { component: 'OCPPCommCtrlr', variables: ['MessageAttempts'], instances: ['TransactionEvent'], mutability: RW, dataType: 'integer' },
  { component: 'OCPPCommCtrlr', variables: ['NetworkConfigurationPriority'], mutability: RW, dataType: 'SequenceList', valuesSubsetOf: '1,2,3,4,5' },
  { component: 'OCPPCommCtrlr', variables: ['NetworkProfileConnectionAttempts'], mutability: RW, dataType: 'integer' },
  { component: 'OCPPCommCtrlr', variables: ['OfflineThreshold'], mutability: RW, dataType: 'integer', unit: ['s'] },
  { component: 'OCPPCommCtrlr', variables: ['ResetRetries'], mutability: RW, dataType: 'integer' },
  { component: 'OCPPCommCtrlr', variables: ['UnlockOnEVSideDisconnect'], mutability: RO_OR_RW, dataType: 'boolean' },
  { component: 'SampledDataCtrlr', variables: ['TxEndedInterval', 'TxUpdatedInterval'], mutability: RW, dataType: 'integer', unit: ['s'] },
  {
    component: 'SampledDataCtrlr',
    variables: ['TxEndedMeasurands', 'TxStartedMeasurands', 'TxUpdatedMeasurands'],
    mutability: RW,
    dataType: 'MemberList',
    maxLimitPositive: true,
  },
  { component: 'SecurityCtrlr', variables: ['CertificateEntries'], mutability: RO, dataType: 'integer', maxLimitPositive: true },
  { component: 'SecurityCtrlr', variables: ['OrganizationName'], mutability: RW, dataType: 'string' },
  { component: 'SecurityCtrlr', variables: ['SecurityProfile'], mutability: RO, dataType: 'integer' },
  { component: 'TxCtrlr', variables: ['EVConnectionTimeOut'], mutability: RW, dataType: 'integer', unit: ['s'] },
  { component: 'TxCtrlr', variables: ['StopTxOnEVSideDisconnect'], mutability: RO_OR_RW, dataType: 'boolean' },
  { component: 'TxCtrlr', variables: ['StopTxOnInvalidId'], mutability: RW, dataType: 'boolean' },
  { component: 'TxCtrlr', variables: ['TxStartPoint', 'TxStopPoint'], mutability: RO_OR_RW, dataType: 'MemberList', valuesSubsetOf: TX_POINTS },
];

/** Standardized variables (facts §3.5) the profiles use: the dataType and the units allowed. */
const STANDARD_VARIABLES: Record<string, { dataType: DataType[]; unit?: string[] }> = {
  Active: { dataType: ['boolean'] },
  Available: { dataType: ['boolean'] },
  Enabled: { dataType: ['boolean'] },
  Operated: { dataType: ['boolean'] },
  Overload: { dataType: ['boolean'] },
  Problem: { dataType: ['boolean'] },
  Tripped: { dataType: ['boolean'] },
  ACCurrent: { dataType: ['decimal'], unit: ['A'] },
  ACVoltage: { dataType: ['decimal'], unit: ['V'] },
  DCCurrent: { dataType: ['decimal'], unit: ['A'] },
  DCVoltage: { dataType: ['decimal'], unit: ['V'] },
  Power: { dataType: ['decimal'], unit: ['W', 'kW'] },
  EnergyImportRegister: { dataType: ['decimal'], unit: ['Wh'] },
  Temperature: { dataType: ['decimal'], unit: ['Celsius', 'Fahrenheit'] },
  FanSpeed: { dataType: ['decimal'], unit: ['RPM'] },
  Humidity: { dataType: ['decimal'], unit: ['RH'] },
  Impedance: { dataType: ['decimal'], unit: ['Ohm'] },
  Height: { dataType: ['decimal'], unit: ['m'] },
  SignalStrength: { dataType: ['decimal'], unit: ['dBm', 'ASU'] },
  Interval: { dataType: ['integer'], unit: ['s'] },
  SupplyPhases: { dataType: ['integer'] },
  FirmwareVersion: { dataType: ['string'] },
  Manufacturer: { dataType: ['string'] },
  Model: { dataType: ['string'] },
  SerialNumber: { dataType: ['string'] },
  SeccId: { dataType: ['string'] },
  // Appendix 4 says string; the CP state (IEC 61851 A–E) is naturally an OptionList.
  State: { dataType: ['string', 'OptionList'] },
  TokenType: { dataType: ['OptionList'] },
  DateTime: { dataType: ['dateTime'] },
  AvailabilityState: { dataType: ['OptionList'] },
};

/** Appendix 2 units (facts §3.6). */
const STANDARD_UNITS = new Set(
  'A ASU B Celsius dB dBm Deg Fahrenheit Hz K lx m ms2 N Ohm kPa Percent RH RPM s V VA kVA VAh kVAh var kvar varh kvarh W kW Wh kWh'.split(' '),
);

interface MonitoringCtrlrRow {
  variable: string;
  instance?: string;
  dataType: DataType;
  mutability: Mutability;
  minLimit?: number;
  maxLimit?: number;
  valuesList?: string;
}

/** What every monitoring profile's MonitoringCtrlr holds, and nothing else. */
const MONITORING_CTRLR: MonitoringCtrlrRow[] = [
  { variable: 'Enabled', dataType: 'boolean', mutability: 'ReadWrite' },
  { variable: 'Available', dataType: 'boolean', mutability: 'ReadOnly' },
  { variable: 'ItemsPerMessage', instance: 'SetVariableMonitoring', dataType: 'integer', mutability: 'ReadOnly' },
  { variable: 'ItemsPerMessage', instance: 'ClearVariableMonitoring', dataType: 'integer', mutability: 'ReadOnly' },
  { variable: 'BytesPerMessage', instance: 'SetVariableMonitoring', dataType: 'integer', mutability: 'ReadOnly' },
  { variable: 'BytesPerMessage', instance: 'ClearVariableMonitoring', dataType: 'integer', mutability: 'ReadOnly' },
  { variable: 'OfflineQueuingSeverity', dataType: 'integer', mutability: 'ReadWrite', minLimit: 0, maxLimit: 9 },
  { variable: 'ActiveMonitoringBase', dataType: 'OptionList', mutability: 'ReadOnly', valuesList: 'All,FactoryDefault,HardWiredOnly' },
  { variable: 'ActiveMonitoringLevel', dataType: 'integer', mutability: 'ReadOnly', minLimit: 0, maxLimit: 9 },
];

interface ArchetypeRow {
  component: string;
  instances?: string[];
  tier?: Tier;
  /** Variable names, `Name[instance]` for instanced ones. */
  variables: string[];
}

const DC_SET: ArchetypeRow[] = [
  { component: 'ElectricalFeed', variables: ['ACVoltage', 'Power', 'Problem'] },
  { component: 'GroundIsolationProtection', tier: 'evse', variables: ['Active', 'Problem', 'Impedance'] },
  { component: 'EVRetentionLock', tier: 'connector', variables: ['Active', 'Problem'] },
  { component: 'EmergencyStopSensor', variables: ['Active', 'Tripped'] },
  { component: 'FiscalMetering', tier: 'evse', variables: ['EnergyImportRegister', 'Problem'] },
  { component: 'Display', variables: ['Enabled', 'Problem', 'State'] },
  { component: 'ISO15118Ctrlr', variables: ['Enabled', 'ContractValidationOffline', 'PnCEnabled', 'SeccId'] },
  { component: 'Connector', tier: 'connector', variables: ['Temperature', 'Problem'] },
];
const CONVERTER_VARIABLES = ['DCVoltage', 'DCCurrent', 'Power', 'Temperature', 'FanSpeed', 'Problem', 'Tripped', 'Overload'];

interface ProfileExpectation {
  archetype: ArchetypeRow[];
  /** Connector types per EVSE, in order. */
  topology: string[][];
  supplyPhases: number;
  evsePowerMax: number;
  monitoring: boolean;
}

const EXPECTED: Record<string, ProfileExpectation> = {
  minimal: { archetype: [], topology: [['cType2']], supplyPhases: 3, evsePowerMax: 11000, monitoring: false },
  'ac-wallbox': {
    // A socket outlet: the ConnectorPlugRetentionLock holds the driver's plug in it.
    topology: [['sType2']],
    supplyPhases: 3,
    evsePowerMax: 11000,
    monitoring: true,
    archetype: [
      { component: 'ChargingStation', variables: ['Problem', 'Tripped'] },
      { component: 'EVSE', tier: 'evse', variables: ['Problem', 'Tripped'] },
      { component: 'Connector', tier: 'connector', variables: ['Problem', 'Temperature'] },
      { component: 'CPPWMController', tier: 'evse', variables: ['State', 'DCVoltage', 'Problem'] },
      { component: 'PowerContactor', tier: 'evse', variables: ['Active', 'Tripped', 'Problem'] },
      { component: 'RCD', tier: 'evse', variables: ['Tripped', 'Operated'] },
      { component: 'OverCurrentProtection', tier: 'evse', variables: ['Active', 'Operated', 'ACCurrent'] },
      { component: 'ConnectorPlugRetentionLock', tier: 'connector', variables: ['Active', 'Problem', 'Tripped'] },
      { component: 'TemperatureSensor', tier: 'evse', variables: ['Temperature'] },
      { component: 'TokenReader', variables: ['Enabled', 'Operated', 'Problem', 'TokenType'] },
      {
        component: 'ControlMetering',
        tier: 'evse',
        variables: ['Power', 'ACCurrent[L1]', 'ACCurrent[L2]', 'ACCurrent[L3]', 'ACVoltage[L1]', 'ACVoltage[L2]', 'ACVoltage[L3]'],
      },
      { component: 'DataLink', variables: ['Active', 'SignalStrength', 'Problem'] },
      { component: 'Controller', variables: ['Manufacturer', 'Model', 'SerialNumber', 'FirmwareVersion', 'Problem'] },
    ],
  },
  'dc-fast': {
    topology: [
      ['cCCS2', 'cG105'],
      ['cCCS2', 'cG105'],
    ],
    supplyPhases: 0,
    evsePowerMax: 150000,
    monitoring: true,
    archetype: [
      ...DC_SET,
      { component: 'AcDcConverter', instances: ['1', '2', '3', '4'], variables: CONVERTER_VARIABLES },
      { component: 'AirCoolingSystem', variables: ['Active', 'Problem', 'FanSpeed'] },
    ],
  },
  hpc: {
    topology: [['cCCS2'], ['cCCS2'], ['cCCS2'], ['cCCS2']],
    supplyPhases: 0,
    evsePowerMax: 400000,
    monitoring: true,
    archetype: [
      ...DC_SET,
      { component: 'AcDcConverter', instances: ['1', '2', '3', '4', '5', '6', '7', '8'], variables: CONVERTER_VARIABLES },
      { component: 'LiquidCoolingSystem', tier: 'connector', variables: ['Active', 'Problem', 'Temperature'] },
      { component: 'Heater', variables: ['Active', 'Problem', 'Temperature', 'Power'] },
      { component: 'HumiditySensor', variables: ['Humidity', 'Problem'] },
      { component: 'FloodSensor', variables: ['Active', 'Tripped', 'Height'] },
    ],
  },
};

/** Which monitor types apply to which dataType (facts §2.1). */
function monitorTypeApplies(type: string, dataType: DataType): boolean {
  if (type === 'UpperThreshold' || type === 'LowerThreshold') return isNumeric(dataType);
  if (type === 'Periodic' || type === 'PeriodicClockAligned') return dataType !== 'dateTime';
  return true;
}

/** The component addresses a tier stands for in a profile's topology. */
function placements(profile: StationProfile, tier: Tier = 'station'): Array<ComponentRef['evse']> {
  if (tier === 'evse') return profile.evses.map((evse) => ({ id: evse.id }));
  if (tier === 'connector') return profile.evses.flatMap((evse) => evse.connectors.map((c) => ({ id: evse.id, connectorId: c.id })));
  return [undefined];
}

function at(name: string, evse: ComponentRef['evse'], instance?: string): ComponentRef {
  const component: ComponentRef = { name };
  if (instance !== undefined) component.instance = instance;
  if (evse) component.evse = evse;
  return component;
}

function parseVariable(text: string): VariableRef {
  const match = /^([^[]+)(?:\[(.+)\])?$/.exec(text);
  if (!match?.[1]) throw new Error(`bad variable ${text}`);
  return match[2] === undefined ? { name: match[1] } : { name: match[1], instance: match[2] };
}

/** The listed (not implicit) entry at an address, or a failed assertion naming it. */
function entryAt(model: DeviceModel, component: ComponentRef, variable: VariableRef): VariableEntry {
  const found = model.lookup(component, variable);
  const label = `${componentLabel(component)}.${variableLabel(variable)}`;
  expect(found.status, `${label} is missing`).to.equal('Found');
  if (found.status !== 'Found') throw new Error('unreachable');
  expect(found.implicit, `${label} is only an implicit base variable`).to.equal(undefined);
  return found.entry;
}

const label = (entry: VariableEntry): string => `${componentLabel(entry.component)}.${variableLabel(entry.variable)}`;
const actual = (entry: VariableEntry): string => entry.attributes.find((a) => a.type === 'Actual')?.value ?? '';
const listTypes: DataType[] = ['OptionList', 'SequenceList', 'MemberList'];
const members = (list: string | undefined): string[] => (list ?? '').split(',').map((v) => v.trim()).filter((v) => v.length > 0);

describe('built-in station profiles', () => {
  it('are exactly ac-wallbox, dc-fast, hpc and minimal', () => {
    expect(builtInProfiles()).to.deep.equal(['ac-wallbox', 'dc-fast', 'hpc', 'minimal']);
  });

  for (const name of Object.keys(EXPECTED).sort()) {
    describe(name, () => {
      const expected = EXPECTED[name];
      let profile: StationProfile;
      let model: DeviceModel;
      before(() => {
        profile = loadStationProfile(name);
        model = profile.createModel('CS-PROFILE-TEST');
      });

      it('loads by name, with its id and the file it came from', () => {
        expect(profile.id).to.equal(name);
        expect(profile.file).to.equal(join(PROFILE_DIRECTORY, `${name}.json`));
        expect(profile.title).to.be.a('string').and.not.equal('');
        expect(model.entries().length).to.be.greaterThan(0);
      });

      it('has every TC_B_53 Required Core variable with the right dataType and mutability', () => {
        for (const row of REQUIRED_CORE) {
          for (const evse of placements(profile, row.tier)) {
            for (const variableName of row.variables) {
              for (const instance of row.instances ?? [undefined]) {
                const variable: VariableRef = instance === undefined ? { name: variableName } : { name: variableName, instance };
                const entry = entryAt(model, at(row.component, evse), variable);
                const where = label(entry);
                const { characteristics } = entry;
                const actualAttribute = entry.attributes.find((a) => a.type === 'Actual');
                expect(actualAttribute, `${where} has no Actual attribute`).to.not.equal(undefined);
                expect(characteristics.dataType, `${where} dataType`).to.equal(row.dataType);
                expect(row.mutability, `${where} mutability`).to.include(actualAttribute!.mutability);
                if (row.unit) expect(row.unit, `${where} unit`).to.include(characteristics.unit);
                if (row.maxLimitPositive) expect(characteristics.maxLimit, `${where} maxLimit`).to.be.a('number').and.greaterThan(0);
                if (listTypes.includes(row.dataType)) expect(members(characteristics.valuesList), `${where} valuesList`).to.not.be.empty;
                if (row.valuesList) expect(characteristics.valuesList, `${where} valuesList`).to.equal(row.valuesList);
                if (row.valuesSubsetOf) expect(members(row.valuesSubsetOf), `${where} valuesList`).to.include.members(members(characteristics.valuesList));
              }
            }
          }
        }
      });

      it('contains every variable of the minimal profile, with the same dataType', () => {
        const minimal = loadStationProfile('minimal').createModel();
        const byTier = (component: ComponentRef): Tier => (component.evse?.connectorId !== undefined ? 'connector' : component.evse ? 'evse' : 'station');
        for (const base of minimal.entries()) {
          for (const evse of placements(profile, byTier(base.component))) {
            const entry = entryAt(model, at(base.component.name, evse, base.component.instance), base.variable);
            expect(entry.characteristics.dataType, label(entry)).to.equal(base.characteristics.dataType);
          }
        }
      });

      it('starts in a valid state: every attribute value passes checkValue', () => {
        for (const entry of model.entries()) {
          for (const attribute of entry.attributes) {
            // The WriteOnly BasicAuthPassword is checked too: it is never read back, but it is stored.
            const problem = checkValue(attribute.value, entry.characteristics);
            expect(problem, `${label(entry)} ${attribute.type} = ${JSON.stringify(attribute.value)}`).to.equal(undefined);
          }
        }
      });

      it('gives list variables a valuesList without repeats, and uses standard units and variable types', () => {
        for (const entry of model.entries()) {
          const { dataType, unit, valuesList, minLimit, maxLimit } = entry.characteristics;
          if (listTypes.includes(dataType)) {
            const list = members(valuesList);
            expect(list, `${label(entry)} valuesList`).to.not.be.empty;
            expect(new Set(list).size, `${label(entry)} valuesList repeats`).to.equal(list.length);
          }
          if (unit !== undefined) expect(STANDARD_UNITS.has(unit), `${label(entry)} unit ${unit}`).to.equal(true);
          if (minLimit !== undefined && maxLimit !== undefined) expect(minLimit, `${label(entry)} limits`).to.be.at.most(maxLimit);
          const standard = STANDARD_VARIABLES[entry.variable.name];
          if (standard) {
            expect(standard.dataType, `${label(entry)} dataType`).to.include(dataType);
            if (standard.unit && isNumeric(dataType)) expect(standard.unit, `${label(entry)} unit`).to.include(unit);
          }
        }
      });

      it('fills in the station identity and keeps the password write-only', () => {
        expect(model.actual({ name: 'SecurityCtrlr' }, { name: 'Identity' })).to.equal('CS-PROFILE-TEST');
        const password = entryAt(model, { name: 'SecurityCtrlr' }, { name: 'BasicAuthPassword' });
        expect(password.characteristics).to.include({ dataType: 'string', minLimit: 16, maxLimit: 40 });
        expect(password.attributes[0].mutability).to.equal('WriteOnly');
        expect(actual(password).length).to.be.within(16, 40);
      });

      it('gives every station a fresh model', () => {
        const other = profile.createModel('OTHER');
        const component = { name: 'OCPPCommCtrlr' };
        const variable = { name: 'HeartbeatInterval' };
        expect(other.write(component, variable, 'Actual', '42').attributeStatus).to.equal('Accepted');
        expect(model.actual(component, variable)).to.not.equal('42');
        expect(other.actual({ name: 'SecurityCtrlr' }, { name: 'Identity' })).to.equal('OTHER');
      });

      it('has the expected topology', () => {
        expect(profile.evses.map((evse) => evse.connectors.map((c) => c.connectorType))).to.deep.equal(expected.topology);
        expect(profile.evses.map((evse) => evse.id)).to.deep.equal(expected.topology.map((_, i) => i + 1));
        for (const evse of placements(profile, 'evse')) {
          const power = entryAt(model, at('EVSE', evse), { name: 'Power' });
          expect(power.characteristics.maxLimit, `${label(power)} maxLimit`).to.equal(expected.evsePowerMax);
          expect(actual(entryAt(model, at('EVSE', evse), { name: 'SupplyPhases' }))).to.equal(String(expected.supplyPhases));
        }
        for (const evse of profile.evses) {
          for (const connector of evse.connectors) {
            const place = { id: evse.id, connectorId: connector.id };
            expect(actual(entryAt(model, at('Connector', place), { name: 'ConnectorType' }))).to.equal(connector.connectorType);
            expect(actual(entryAt(model, at('Connector', place), { name: 'SupplyPhases' }))).to.equal(String(expected.supplyPhases));
          }
        }
        // No EVSE or connector component beyond the topology.
        const tiers = model.components().filter((c) => c.name === 'EVSE' || c.name === 'Connector');
        const connectorCount = expected.topology.flat().length;
        expect(tiers.length).to.equal(expected.topology.length + connectorCount);
      });

      if (expected.archetype.length > 0) {
        it('has the components of its archetype', () => {
          for (const row of expected.archetype) {
            for (const evse of placements(profile, row.tier)) {
              for (const instance of row.instances ?? [undefined]) {
                const component = at(row.component, evse, instance);
                expect(model.hasComponent(component), `${componentLabel(component)} is missing`).to.equal(true);
                for (const variable of row.variables) entryAt(model, component, parseVariable(variable));
              }
            }
          }
        });
      }

      if (expected.monitoring) {
        it('supports monitoring, summary inventory and custom reports', () => {
          expect(profile.supports).to.deep.equal({ monitoring: true, summaryInventory: true, customReport: true });
        });

        it('has a MonitoringCtrlr with exactly the monitoring variables', () => {
          const entries = model.variablesOf({ name: 'MonitoringCtrlr' });
          expect(entries.map((e) => variableLabel(e.variable)).sort()).to.deep.equal(
            MONITORING_CTRLR.map((row) => variableLabel(row.instance === undefined ? { name: row.variable } : { name: row.variable, instance: row.instance })).sort(),
          );
          for (const row of MONITORING_CTRLR) {
            const entry = entryAt(model, { name: 'MonitoringCtrlr' }, row.instance === undefined ? { name: row.variable } : { name: row.variable, instance: row.instance });
            expect(entry.characteristics.dataType, label(entry)).to.equal(row.dataType);
            expect(entry.attributes[0].mutability, label(entry)).to.equal(row.mutability);
            if (row.minLimit !== undefined) expect(entry.characteristics.minLimit, label(entry)).to.equal(row.minLimit);
            if (row.maxLimit !== undefined) expect(entry.characteristics.maxLimit, label(entry)).to.equal(row.maxLimit);
            if (row.valuesList !== undefined) expect(entry.characteristics.valuesList, label(entry)).to.equal(row.valuesList);
            if (row.dataType === 'integer' && row.variable.endsWith('PerMessage')) expect(Number(actual(entry)), label(entry)).to.be.greaterThan(0);
          }
          expect(model.actual({ name: 'MonitoringCtrlr' }, { name: 'ActiveMonitoringBase' })).to.equal('All');
          expect(model.actual({ name: 'MonitoringCtrlr' }, { name: 'ActiveMonitoringLevel' })).to.equal('9');
        });

        it('has monitorable Problem/Tripped flags and writable monitorable integers', () => {
          for (const evse of placements(profile, 'station')) {
            expect(entryAt(model, at('ChargingStation', evse), { name: 'Problem' }).characteristics.supportsMonitoring).to.equal(true);
          }
          for (const evse of placements(profile, 'evse')) {
            expect(entryAt(model, at('EVSE', evse), { name: 'Problem' }).characteristics.supportsMonitoring).to.equal(true);
            expect(entryAt(model, at('EVSE', evse), { name: 'Tripped' }).characteristics.supportsMonitoring).to.equal(true);
          }
          for (const evse of placements(profile, 'connector')) {
            expect(entryAt(model, at('Connector', evse), { name: 'Problem' }).characteristics.supportsMonitoring).to.equal(true);
          }
          const writable = model
            .entries()
            .filter((e) => e.characteristics.dataType === 'integer' && e.characteristics.supportsMonitoring && e.attributes[0].mutability === 'ReadWrite')
            .map(label);
          expect(writable).to.include.members(['OCPPCommCtrlr.HeartbeatInterval', 'OCPPCommCtrlr.OfflineThreshold']);
        });

        it('has hard-wired and preconfigured monitors on monitorable variables, valid for their type', () => {
          const hardWired = profile.monitors.filter((m) => m.origin === 'HardWiredMonitor');
          const preconfigured = profile.monitors.filter((m) => m.origin === 'PreconfiguredMonitor');
          expect(hardWired.length).to.be.at.least(1);
          expect(preconfigured.length).to.be.at.least(2);
          expect(hardWired.every((m) => m.factoryDefault)).to.equal(true);
          expect(preconfigured.some((m) => m.factoryDefault), 'a preconfigured monitor in the FactoryDefault set').to.equal(true);
          expect(preconfigured.some((m) => !m.factoryDefault), 'a preconfigured monitor outside the FactoryDefault set').to.equal(true);
          const seen = new Set<string>();
          for (const monitor of profile.monitors) {
            const entry = entryAt(model, monitor.component, monitor.variable);
            const where = `${monitor.origin} ${monitor.type} on ${label(entry)}`;
            expect(entry.characteristics.supportsMonitoring, where).to.equal(true);
            expect(monitorTypeApplies(monitor.type, entry.characteristics.dataType), `${where}: type does not apply to ${entry.characteristics.dataType}`).to.equal(true);
            expect(monitor.severity, where).to.be.within(0, 9);
            if (monitor.type === 'UpperThreshold' || monitor.type === 'LowerThreshold') {
              // N04.FR.06: a threshold lies within the variable's limits.
              const { minLimit, maxLimit } = entry.characteristics;
              if (minLimit !== undefined) expect(monitor.value, where).to.be.at.least(minLimit);
              if (maxLimit !== undefined) expect(monitor.value, where).to.be.at.most(maxLimit);
            } else if (monitor.type === 'Delta') {
              expect(monitor.value, where).to.be.at.least(0);
            } else {
              expect(monitor.value, where).to.be.greaterThan(0);
            }
            // N04.FR.10: no two monitors of the same type and severity on one variable.
            const key = `${label(entry)}|${monitor.type}|${monitor.severity}`;
            expect(seen.has(key), `duplicate monitor ${key}`).to.equal(false);
            seen.add(key);
          }
        });

        it('has a hard-wired connector over-temperature monitor that its sensor really crosses', () => {
          const fires = (origin: string): string[] =>
            profile.monitors
              .filter((m) => m.origin === origin && (m.type === 'UpperThreshold' || m.type === 'LowerThreshold'))
              .filter((m) => {
                const sensor = profile.sensors.find((s) => componentLabel(s.component) === componentLabel(m.component) && variableLabel(s.variable) === variableLabel(m.variable));
                return sensor !== undefined && (m.type === 'UpperThreshold' ? sensor.spec.max > m.value : sensor.spec.min < m.value);
              })
              .map((m) => `${componentLabel(m.component)}.${variableLabel(m.variable)}`);
          const connectorMonitors = profile.monitors.filter((m) => m.origin === 'HardWiredMonitor' && m.component.name === 'Connector' && m.variable.name === 'Temperature');
          expect(connectorMonitors.map((m) => componentLabel(m.component))).to.deep.equal(placements(profile, 'connector').map((evse) => componentLabel(at('Connector', evse))));
          expect(connectorMonitors.every((m) => m.type === 'UpperThreshold' && m.severity === 2)).to.equal(true);
          expect(fires('HardWiredMonitor')).to.include.members(connectorMonitors.map((m) => `${componentLabel(m.component)}.Temperature`));
          expect(fires('PreconfiguredMonitor')).to.not.be.empty;
        });

        it('has at least three sensors, each on a numeric monitorable variable and within its limits', () => {
          expect(profile.sensors.length).to.be.at.least(3);
          for (const sensor of profile.sensors) {
            const entry = entryAt(model, sensor.component, sensor.variable);
            const where = `sensor on ${label(entry)}`;
            const { spec } = sensor;
            expect(isNumeric(entry.characteristics.dataType), `${where} dataType`).to.equal(true);
            expect(entry.characteristics.supportsMonitoring, `${where} supportsMonitoring`).to.equal(true);
            expect(spec.min, where).to.be.lessThan(spec.max);
            if (entry.characteristics.minLimit !== undefined) expect(spec.min, `${where} min`).to.be.at.least(entry.characteristics.minLimit);
            if (entry.characteristics.maxLimit !== undefined) expect(spec.max, `${where} max`).to.be.at.most(entry.characteristics.maxLimit);
            expect(Number(actual(entry)), `${where} initial value`).to.be.within(spec.min, spec.max);
            if (spec.kind !== 'walk') expect(spec.periodS, `${where} periodS`).to.be.a('number');
          }
        });
      } else {
        it('has no monitoring: supports.monitoring false, no MonitoringCtrlr, no monitors', () => {
          expect(profile.supports.monitoring).to.equal(false);
          expect(model.hasComponent({ name: 'MonitoringCtrlr' })).to.equal(false);
          expect(profile.monitors).to.deep.equal([]);
        });
      }
    });
  }
});

describe('loadStationProfile with a bad profile file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'station-profile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The JSON of a built-in profile, loosely typed for the edits below. */
  interface ProfileJson {
    components: Array<{ name: string; evse?: { id: number }; variables: Array<Record<string, unknown>> }>;
    monitors: unknown[];
    supports?: unknown;
  }
  const builtIn = (name: string): ProfileJson => JSON.parse(readFileSync(join(PROFILE_DIRECTORY, `${name}.json`), 'utf8'));

  function write(name: string, content: unknown): string {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return file;
  }

  /** Loading `file` fails with ERR_INVALID_PROFILE, and the message holds the file and every fragment. */
  function expectInvalid(file: string, ...fragments: string[]): ToolError {
    let caught: unknown;
    try {
      loadStationProfile(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(ToolError);
    const error = caught as ToolError;
    expect(error.code).to.equal('ERR_INVALID_PROFILE');
    expect(error.message).to.include(file);
    for (const fragment of fragments) expect(error.message).to.include(fragment);
    return error;
  }

  it('loads a valid copy from a path (the baseline for the cases below)', () => {
    const file = write('copy.json', builtIn('ac-wallbox'));
    expect(loadStationProfile(file).file).to.equal(file);
  });

  it('refuses a file that is not JSON', () => {
    expectInvalid(write('broken.json', '{ "id": "broken", '));
  });

  it('refuses a missing file, listing the built-in profiles', () => {
    expectInvalid(join(dir, 'absent.json'), 'no such profile', 'ac-wallbox, dc-fast, hpc, minimal');
  });

  it('refuses a missing required field, with its JSON pointer', () => {
    const document = builtIn('minimal');
    delete document.components[0].variables[1].dataType;
    expectInvalid(write('no-datatype.json', document), '/components/0/variables/1 ', 'dataType');
  });

  it('refuses a missing top-level field', () => {
    const document = builtIn('minimal');
    delete document.supports;
    expectInvalid(write('no-supports.json', document), 'supports');
  });

  it('refuses a dataType outside the enum, with its JSON pointer', () => {
    const document = builtIn('dc-fast');
    document.components[2].variables[0].dataType = 'float';
    expectInvalid(write('float.json', document), '/components/2/variables/0/dataType');
  });

  it('refuses a monitor on a variable that does not support monitoring, naming the monitor', () => {
    const document = builtIn('ac-wallbox');
    const index = document.monitors.length;
    document.monitors.push({ origin: 'PreconfiguredMonitor', component: { name: 'AuthCtrlr' }, variable: { name: 'AuthorizeRemoteStart' }, type: 'Delta', value: 1, severity: 5 });
    expectInvalid(write('unmonitorable.json', document), `/monitors/${index}`);
  });

  it('refuses a monitor on an implicit base variable or an unknown component', () => {
    const implicit = builtIn('ac-wallbox');
    implicit.monitors = [{ origin: 'HardWiredMonitor', per: 'connector', component: { name: 'Connector' }, variable: { name: 'Enabled' }, type: 'Delta', value: 1, severity: 2 }];
    expectInvalid(write('implicit.json', implicit), '/monitors/0');
    const unknown = builtIn('ac-wallbox');
    unknown.monitors = [{ origin: 'HardWiredMonitor', component: { name: 'Connector' }, variable: { name: 'Temperature' }, type: 'UpperThreshold', value: 80, severity: 2 }];
    expectInvalid(write('unplaced.json', unknown), '/monitors/0');
  });

  it('refuses a duplicate variable, naming both places and the full label', () => {
    const document = builtIn('minimal');
    const station = document.components[0];
    const repeat = station.variables.length;
    station.variables.push({ ...station.variables[0] });
    expectInvalid(write('duplicate.json', document), `/components/0/variables/${repeat} repeats ChargingStation.AvailabilityState, already defined at /components/0/variables/0`);
  });

  it('keeps the 2.1 additions out of the model, hands them out for 2.1 only, and refuses one that repeats a base variable', () => {
    const profile = loadStationProfile('ac-wallbox');
    const model = profile.createModel('CS-21');
    expect(model.lookup({ name: 'Heater' }, { name: 'Temperature' }).status).to.equal('UnknownComponent');
    const additions = profile.additionsFor('2.1', 'CS-21');
    expect(additions.map((e) => `${componentLabel(e.component)}.${variableLabel(e.variable)}`)).to.include.members(['EVSE@1.PhysicalParent', 'Connector@1/1.Label', 'DataCollector@1.SamplingInterval', 'Heater.Temperature', 'MonitoringCtrlr.MaxPeriodicEventStreams']);
    expect(profile.additionsFor('2.0.1')).to.deep.equal([]);
    expect(loadStationProfile('minimal').additionsFor('2.1')).to.deep.equal([]);
    for (const entry of additions) model.addBesideComponent(entry);
    // Reported with their component: EVSE's variables stay together.
    const order = model.entries().map((e) => componentLabel(e.component));
    const evse = order.flatMap((label, index) => (label === 'EVSE@1' ? [index] : []));
    expect(evse.at(-1)! - evse[0] + 1).to.equal(evse.length);
    const document = builtIn('ac-wallbox') as ProfileJson & { additionsByVersion: { '2.1': { components: ProfileJson['components'] } } };
    document.additionsByVersion['2.1'].components.push({ name: 'OCPPCommCtrlr', variables: [{ name: 'HeartbeatInterval', dataType: 'integer', value: '60' }] });
    const at = document.additionsByVersion['2.1'].components.length - 1;
    expectInvalid(write('repeat-21.json', document), `/additionsByVersion/2.1/components/${at}/variables/0 repeats OCPPCommCtrlr.HeartbeatInterval, already defined at /components/`);
  });

  it('refuses a variable repeated on a per-connector component (case-insensitive names), with its EVSE and connector', () => {
    const document = builtIn('hpc');
    const index = document.components.findIndex((c) => c.name === 'Connector');
    const connector = document.components[index];
    connector.variables.push({ ...connector.variables[0], name: 'availabilitystate' });
    expectInvalid(write('duplicate-connector.json', document), `/components/${index}/variables/${connector.variables.length - 1} repeats Connector@1/1.availabilitystate`);
  });

  it('places a component and a monitor at a fixed EVSE', () => {
    const document = builtIn('dc-fast');
    document.components.push({ name: 'Fan', evse: { id: 2 }, variables: [{ name: 'Speed', dataType: 'integer', unit: 'RPM', value: '900', supportsMonitoring: true }] });
    document.monitors.push({ origin: 'PreconfiguredMonitor', component: { name: 'Fan', evse: { id: 2 } }, variable: { name: 'Speed' }, type: 'LowerThreshold', value: 300, severity: 4 });
    const profile = loadStationProfile(write('fixed-evse.json', document));
    const fan = profile.monitors.filter((m) => m.component.name === 'Fan');
    expect(fan).to.have.length(1);
    expect(fan[0]?.component.evse).to.deep.equal({ id: 2 });
    expect(profile.createModel().actual({ name: 'Fan', evse: { id: 2 } }, { name: 'Speed' })).to.equal('900');
  });

  it('refuses a fixed EVSE or connector the profile does not have, and a fixed EVSE together with per', () => {
    const noEvse = builtIn('ac-wallbox');
    noEvse.components.push({ name: 'Fan', evse: { id: 3 }, variables: [{ name: 'Speed', dataType: 'integer' }] });
    expectInvalid(write('no-evse.json', noEvse), `/components/${noEvse.components.length - 1}/evse names EVSE 3`);
    const noConnector = builtIn('ac-wallbox');
    noConnector.monitors.push({ origin: 'HardWiredMonitor', component: { name: 'Connector', evse: { id: 1, connectorId: 4 } }, variable: { name: 'Temperature' }, type: 'UpperThreshold', value: 90, severity: 1 });
    expectInvalid(write('no-connector.json', noConnector), `/monitors/${noConnector.monitors.length - 1}/component/evse names connector 4 of EVSE 1`);
    const both = builtIn('ac-wallbox');
    both.monitors.push({ origin: 'HardWiredMonitor', per: 'evse', component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' }, type: 'UpperThreshold', value: 9000, severity: 3 });
    expectInvalid(write('both.json', both), `/monitors/${both.monitors.length - 1}/component has both a fixed evse and per "evse"`);
  });
});

describe('station profile loader: initial values', () => {
  it('refuses a profile whose initial value does not fit its variable, naming the file and pointer', () => {
    const document = JSON.parse(readFileSync(join(PROFILE_DIRECTORY, 'minimal.json'), 'utf8')) as {
      components: Array<{ name: string; variables: Array<{ name: string; value?: string }> }>;
    };
    const componentIndex = document.components.findIndex((c) => c.name === 'OCPPCommCtrlr');
    const variableIndex = document.components[componentIndex].variables.findIndex((v) => v.name === 'HeartbeatInterval');
    document.components[componentIndex].variables[variableIndex].value = 'abc';
    const file = join(mkdtempSync(join(tmpdir(), 'profile-')), 'bad-value.json');
    writeFileSync(file, JSON.stringify(document));
    expect(() => loadStationProfile(file))
      .to.throw(new RegExp(`bad-value\\.json: /components/${componentIndex}/variables/${variableIndex} Actual value "abc"`))
      .with.property('code', 'ERR_INVALID_PROFILE');
  });
});

describe('station profile loader: factory monitors obey the N04 rules', () => {
  const withMonitors = (monitors: unknown[]): string => {
    const document = JSON.parse(readFileSync(join(PROFILE_DIRECTORY, 'ac-wallbox.json'), 'utf8')) as { monitors: unknown[] };
    document.monitors = monitors;
    const file = join(mkdtempSync(join(tmpdir(), 'profile-')), 'bad-monitor.json');
    writeFileSync(file, JSON.stringify(document));
    return file;
  };
  const temperature = { origin: 'HardWiredMonitor', per: 'connector', component: { name: 'Connector' }, variable: { name: 'Temperature' } };
  const cases: Array<[string, unknown[], RegExp]> = [
    ['a threshold outside the limits (N04.FR.06)', [{ ...temperature, type: 'UpperThreshold', value: 5000, severity: 2 }], /\/monitors\/0 threshold 5000 is above maxLimit/],
    ['a negative delta (N04.FR.14)', [{ ...temperature, type: 'Delta', value: -1, severity: 2 }], /\/monitors\/0 a Delta of -1 is negative/],
    [
      'two monitors with the same type and severity (N04.FR.10)',
      [
        { ...temperature, type: 'UpperThreshold', value: 80, severity: 2 },
        { ...temperature, type: 'UpperThreshold', value: 90, severity: 2 },
      ],
      /\/monitors\/1 repeats the type and severity/,
    ],
  ];
  for (const [what, monitors, message] of cases) {
    it(`refuses ${what}`, () => {
      expect(() => loadStationProfile(withMonitors(monitors))).to.throw(message).with.property('code', 'ERR_INVALID_PROFILE');
    });
  }
});

describe('station profile loader: sensors', () => {
  it('refuses a sensor on a boolean and one whose range leaves the limits', () => {
    for (const [name, sensor] of [
      ['Available', { kind: 'walk', min: 0, max: 1 }],
      ['Temperature', { kind: 'triangle', min: 25, max: 5000, periodS: 10 }],
    ] as const) {
      const document = JSON.parse(readFileSync(join(PROFILE_DIRECTORY, 'ac-wallbox.json'), 'utf8')) as {
        components: Array<{ name: string; variables: Array<{ name: string; sensor?: unknown }> }>;
      };
      const component = document.components.find((c) => c.name === 'Connector' && c.variables.some((v) => v.name === name));
      const variable = component?.variables.find((v) => v.name === name);
      if (!variable) throw new Error(`no Connector.${name} in ac-wallbox`);
      variable.sensor = sensor;
      const file = join(mkdtempSync(join(tmpdir(), 'profile-')), 'bad-sensor.json');
      writeFileSync(file, JSON.stringify(document));
      expect(() => loadStationProfile(file), name).to.throw(/\/sensor needs a numeric variable/).with.property('code', 'ERR_INVALID_PROFILE');
    }
  });
});
