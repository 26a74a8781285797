import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { ToolError } from '../errors.js';
import { componentKey, DeviceModel, variableKey } from './device-model/device-model.js';
import { checkMonitoringData } from './monitoring/monitoring-data-check.js';
import { checkValue } from './device-model/value-check.js';
import { componentLabel, variableLabel, type AttributeType, type ComponentRef, type DataType, type EvseRef, type Mutability, type VariableAttribute, type VariableEntry, type VariableRef } from './device-model/types.js';

type Per = 'station' | 'evse' | 'connector';

export interface SensorSpec {
  kind: 'triangle' | 'sine' | 'walk';
  min: number;
  max: number;
  periodS?: number;
  step?: number;
  noise?: number;
  decimals?: number;
}

interface VariableSpec {
  name: string;
  instance?: string;
  dataType: DataType;
  unit?: string;
  minLimit?: number;
  maxLimit?: number;
  valuesList?: string;
  supportsMonitoring?: boolean;
  mutability?: Mutability;
  value?: string;
  persistent?: boolean;
  constant?: boolean;
  rebootRequired?: boolean;
  attributes?: Array<{ type: Exclude<AttributeType, 'Actual'>; value: string; mutability?: Mutability }>;
  sensor?: SensorSpec;
}

interface ComponentSpec {
  name: string;
  instance?: string;
  per?: Per;
  evse?: EvseRef;
  variables: VariableSpec[];
}

export type MonitorOrigin = 'HardWiredMonitor' | 'PreconfiguredMonitor';
export type MonitorType = 'UpperThreshold' | 'LowerThreshold' | 'Delta' | 'Periodic' | 'PeriodicClockAligned';

interface MonitorSpec {
  origin: MonitorOrigin;
  per?: Per;
  component: { name: string; instance?: string; evse?: EvseRef };
  variable: VariableRef;
  type: MonitorType;
  value: number;
  severity: number;
  transaction?: boolean;
  factoryDefault?: boolean;
}

interface ProfileDocument {
  id: string;
  title: string;
  description?: string;
  chargingStation: { vendorName: string; model: string; serialNumber?: string; firmwareVersion?: string };
  ocpp16Boot?: { iccid?: string; imsi?: string; meterType?: string; meterSerialNumber?: string };
  evses: Array<{ id: number; connectors: Array<{ id: number; connectorType: string }> }>;
  supports: { monitoring: boolean; summaryInventory: boolean; customReport: boolean };
  components: ComponentSpec[];
  monitors?: MonitorSpec[];
}

/** A monitor the manufacturer built in, placed on a concrete component. */
export interface FactoryMonitor {
  origin: MonitorOrigin;
  component: ComponentRef;
  variable: VariableRef;
  type: MonitorType;
  value: number;
  severity: number;
  transaction: boolean;
  /** Preconfigured monitors in the FactoryDefault set (N03); hard-wired ones always are. */
  factoryDefault: boolean;
}

export interface SensorBinding {
  component: ComponentRef;
  variable: VariableRef;
  spec: SensorSpec;
}

/** A loaded, checked profile: everything a virtual station needs to be built from. */
export interface StationProfile {
  id: string;
  title: string;
  description: string;
  file: string;
  chargingStation: ProfileDocument['chargingStation'];
  /** What a 1.6 BootNotification adds (modem, meter), where the profile says. */
  ocpp16Boot: NonNullable<ProfileDocument['ocpp16Boot']>;
  evses: ProfileDocument['evses'];
  supports: ProfileDocument['supports'];
  monitors: FactoryMonitor[];
  sensors: SensorBinding[];
  /** A fresh device model with the profile's initial values (each station gets its own); `{identity}` is filled in. */
  createModel(identity?: string): DeviceModel;
}

const here = dirname(fileURLToPath(import.meta.url));
/** The profiles ship as data next to the source (src/simulator/profiles), also when run from dist/. */
export const PROFILE_DIRECTORY = resolve(here, '..', '..', 'src', 'simulator', 'profiles');
const SCHEMA_FILE = join(PROFILE_DIRECTORY, 'station-profile.schema.json');

let validateDocument: ReturnType<Ajv['compile']> | undefined;

/** The built-in profile names (file names without `.json`). */
export function builtInProfiles(): string[] {
  return readdirSync(PROFILE_DIRECTORY)
    .filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

/**
 * Loads a profile by built-in name (`ac-wallbox`) or file path, checks it against the profile
 * schema and its own consistency, and fails with ERR_INVALID_PROFILE naming the file and field.
 */
export function loadStationProfile(nameOrPath: string): StationProfile {
  const builtIn = join(PROFILE_DIRECTORY, `${nameOrPath}.json`);
  const file = /^[a-z0-9-]+$/.test(nameOrPath) && existsSync(builtIn) ? builtIn : resolve(nameOrPath);
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `no such profile (built-in: ${builtInProfiles().join(', ')})` : (error as Error).message;
    throw new ToolError('ERR_INVALID_PROFILE', `${file}: ${reason}`);
  }
  if (!validateDocument) {
    const ajv = new Ajv({ allErrors: false, strict: true });
    ajv.addKeyword('note');
    validateDocument = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
  }
  if (!validateDocument(document)) {
    const error = validateDocument.errors?.[0];
    throw new ToolError('ERR_INVALID_PROFILE', `${file}: ${error?.instancePath || '/'} ${error?.message ?? 'is invalid'}`);
  }
  return buildProfile(document as ProfileDocument, file);
}

function buildProfile(document: ProfileDocument, file: string): StationProfile {
  const invalid = (pointer: string, problem: string): ToolError => new ToolError('ERR_INVALID_PROFILE', `${file}: ${pointer} ${problem}`);
  /** A fixed place must exist in the profile's topology, and cannot be combined with `per`. */
  const checkFixed = (pointer: string, per: Per | undefined, fixed: EvseRef | undefined): void => {
    if (!fixed) return;
    if (per !== undefined && per !== 'station') throw invalid(pointer, `has both a fixed evse and per "${per}"; use one`);
    const evse = document.evses.find((e) => e.id === fixed.id);
    if (!evse) throw invalid(`${pointer}/evse`, `names EVSE ${fixed.id}, which the profile does not have`);
    if (fixed.connectorId !== undefined && !evse.connectors.some((c) => c.id === fixed.connectorId)) {
      throw invalid(`${pointer}/evse`, `names connector ${fixed.connectorId} of EVSE ${fixed.id}, which the profile does not have`);
    }
  };
  document.components.forEach((spec, index) => checkFixed(`/components/${index}`, spec.per, spec.evse));
  (document.monitors ?? []).forEach((spec, index) => checkFixed(`/monitors/${index}/component`, spec.per, spec.component.evse));

  const placements = (per: Per | undefined, fixed?: EvseRef): Array<{ evse?: EvseRef; connectorType?: string }> => {
    if (fixed) return [{ evse: fixed }];
    if (per === 'evse') return document.evses.map((evse) => ({ evse: { id: evse.id } }));
    if (per === 'connector') {
      return document.evses.flatMap((evse) =>
        evse.connectors.map((connector) => ({ evse: { id: evse.id, connectorId: connector.id }, connectorType: connector.connectorType })),
      );
    }
    return [{}];
  };
  let identity = '';
  const fill = (text: string, place: { evse?: EvseRef; connectorType?: string }): string =>
    text
      .replaceAll('{identity}', identity)
      .replaceAll('{evseId}', String(place.evse?.id ?? ''))
      .replaceAll('{connectorId}', String(place.evse?.connectorId ?? ''))
      .replaceAll('{connectorType}', place.connectorType ?? '');

  // Expand once to check the profile; the model factory expands again for fresh objects.
  const expand = (): { entries: VariableEntry[]; sensors: SensorBinding[] } => {
    const entries: VariableEntry[] = [];
    const sensors: SensorBinding[] = [];
    /** Where each component/variable pair was first defined, to name both places of a repeat. */
    const definedAt = new Map<string, string>();
    for (const [componentIndex, spec] of document.components.entries()) {
      for (const place of placements(spec.per, spec.evse)) {
        const component: ComponentRef = { name: spec.name };
        if (spec.instance !== undefined) component.instance = spec.instance;
        if (place.evse) component.evse = { ...place.evse };
        for (const [variableIndex, variableSpec] of spec.variables.entries()) {
          const variable: VariableRef = { name: variableSpec.name };
          if (variableSpec.instance !== undefined) variable.instance = variableSpec.instance;
          const pointer = `/components/${componentIndex}/variables/${variableIndex}`;
          const key = `${componentKey(component)}\u0000${variableKey(variable)}`;
          const earlier = definedAt.get(key);
          if (earlier !== undefined) throw invalid(pointer, `repeats ${componentLabel(component)}.${variableLabel(variable)}, already defined at ${earlier}`);
          definedAt.set(key, pointer);
          const mutability = variableSpec.mutability ?? 'ReadOnly';
          const attributes: VariableAttribute[] = [
            {
              type: 'Actual',
              value: fill(variableSpec.value ?? '', place),
              mutability,
              persistent: variableSpec.persistent ?? false,
              constant: variableSpec.constant ?? false,
            },
          ];
          for (const extra of variableSpec.attributes ?? []) {
            attributes.push({ type: extra.type, value: fill(extra.value, place), mutability: extra.mutability ?? mutability, persistent: false, constant: false });
          }
          const characteristics: VariableEntry['characteristics'] = {
            dataType: variableSpec.dataType,
            supportsMonitoring: variableSpec.supportsMonitoring ?? false,
          };
          if (variableSpec.unit !== undefined) characteristics.unit = variableSpec.unit;
          if (variableSpec.minLimit !== undefined) characteristics.minLimit = variableSpec.minLimit;
          if (variableSpec.maxLimit !== undefined) characteristics.maxLimit = variableSpec.maxLimit;
          if (variableSpec.valuesList !== undefined) characteristics.valuesList = variableSpec.valuesList;
          for (const attribute of attributes) {
            const problem = checkValue(attribute.value, characteristics);
            if (problem) {
              throw invalid(pointer, `${attribute.type} value ${JSON.stringify(attribute.value)}: ${problem.additionalInfo ?? problem.reasonCode}`);
            }
          }
          const entry: VariableEntry = { component, variable, attributes, characteristics };
          if (variableSpec.rebootRequired) entry.rebootRequired = true;
          entries.push(entry);
          if (variableSpec.sensor) {
            const { min, max } = variableSpec.sensor;
            const numeric = characteristics.dataType === 'integer' || characteristics.dataType === 'decimal';
            const inLimits = (characteristics.minLimit === undefined || min >= characteristics.minLimit) && (characteristics.maxLimit === undefined || max <= characteristics.maxLimit);
            if (!numeric || min > max || !inLimits) {
              throw invalid(`${pointer}/sensor`, `needs a numeric variable and a range [${min}, ${max}] within the variable's limits`);
            }
            sensors.push({ component, variable, spec: variableSpec.sensor });
          }
        }
      }
    }
    return { entries, sensors };
  };

  const first = expand();
  const model = new DeviceModel(first.entries);
  const monitors: FactoryMonitor[] = [];
  (document.monitors ?? []).forEach((spec, index) => {
    for (const place of placements(spec.per, spec.component.evse)) {
      const component: ComponentRef = { name: spec.component.name };
      if (spec.component.instance !== undefined) component.instance = spec.component.instance;
      if (place.evse) component.evse = { ...place.evse };
      const found = model.lookup(component, spec.variable);
      if (found.status !== 'Found' || found.implicit || !found.entry.characteristics.supportsMonitoring) {
        throw invalid(`/monitors/${index}`, `names ${componentLabel(component)}.${variableLabel(spec.variable)}, which is missing or not monitorable`);
      }
      // Factory monitors obey the rules the CSMS's own monitors do (N04.FR.05/06/10/14).
      const check = checkMonitoringData(model, { component, variable: spec.variable, type: spec.type, value: spec.value, severity: spec.severity });
      if (!check.ok) {
        throw invalid(`/monitors/${index}`, check.statusInfo?.additionalInfo ?? check.status);
      }
      const twin = monitors.find(
        (m) => m.type === spec.type && m.severity === spec.severity && componentKey(m.component) === componentKey(component) && variableKey(m.variable) === variableKey(spec.variable),
      );
      if (twin) throw invalid(`/monitors/${index}`, `repeats the type and severity of another monitor on ${componentLabel(component)}.${variableLabel(spec.variable)}`);
      monitors.push({
        origin: spec.origin,
        component,
        variable: { ...spec.variable },
        type: spec.type,
        value: spec.value,
        severity: spec.severity,
        transaction: spec.transaction ?? false,
        factoryDefault: spec.origin === 'HardWiredMonitor' || (spec.factoryDefault ?? true),
      });
    }
  });
  return {
    id: document.id,
    title: document.title,
    description: document.description ?? '',
    file,
    chargingStation: document.chargingStation,
    ocpp16Boot: document.ocpp16Boot ?? {},
    evses: document.evses,
    supports: document.supports,
    monitors,
    sensors: first.sensors,
    createModel: (stationIdentity = '') => {
      identity = stationIdentity;
      return new DeviceModel(expand().entries);
    },
  };
}
